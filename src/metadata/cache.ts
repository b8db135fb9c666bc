/**
 * Cache keys for component runs, and the lookup that decides a cache hit (reference/mlmd.md §7,
 * TFX's launcher). A run's key is sha256 of canonical JSON over: the component type, its
 * parameters (keys sorted), for each input key (sorted) the content fingerprints of its
 * artifacts in order, and the code version (arrowline's version plus the sha256 of every user
 * module file). Content fingerprints are sha256 over an artifact's files; the runner stores one
 * on each artifact it publishes as the `fingerprint` custom property, so a downstream key never
 * re-reads upstream data. The key names a context of type `execution_cache`, as in TFX; a hit
 * is the newest COMPLETE or CACHED execution in that context whose outputs are all LIVE and
 * whose files still exist.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';

import { arrowlineError } from '../errors.js';
import { fingerprintPath } from '../io/fingerprint.js';
import { arrowlineVersion } from '../util/version.js';
import { type Artifact, ArtifactState, type Context, EventType, type Execution, ExecutionState } from './model.js';
import type { MetadataStore } from './store.js';

export { fingerprintPath };

export const FINGERPRINT_PROPERTY = 'fingerprint';
export const CACHE_CONTEXT_TYPE = 'execution_cache';

/** JSON with object keys sorted at every depth and no whitespace: one text per value. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : sortKeys(x)));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}

/** An artifact's content fingerprint: its `fingerprint` custom property, else computed from its uri. */
export function artifactFingerprint(artifact: Artifact): string {
  const stored = artifact.customProperties?.[FINGERPRINT_PROPERTY];
  if (stored && 'stringValue' in stored) return stored.stringValue;
  if (!artifact.uri) throw arrowlineError('E_OPTION_INVALID', `artifact ${artifact.id ?? '(new)'} has neither a fingerprint nor a uri to compute one from`);
  return fingerprintPath(artifact.uri);
}

export interface CodeVersion {
  arrowline: string;
  /** sha256 of each user module file, by the path given. */
  modules: Record<string, string>;
}

export function codeVersion(moduleFiles: readonly string[] = []): CodeVersion {
  const modules: Record<string, string> = {};
  for (const f of moduleFiles) modules[f] = fingerprintPath(f);
  return { arrowline: arrowlineVersion(), modules };
}

export interface CacheKeyInput {
  /** The component's type name (the execution type). */
  componentType: string;
  /** The node: `<pipeline>.<component id>` (TFX's pipeline and node info), when the run has one. */
  node?: string;
  parameters?: Record<string, unknown>;
  /** Per input key: its artifacts in order (fingerprinted) or their fingerprints. */
  inputs?: Record<string, readonly (Artifact | string)[]>;
  /** User module files whose contents are part of the code version. */
  moduleFiles?: readonly string[];
  /** Overrides the computed code version (tests, or a caller that computed it once). */
  codeVersion?: CodeVersion;
}

/** sha256 (hex) of the canonical JSON of a component run's identity. */
export function computeCacheKey(input: CacheKeyInput): string {
  if (!input.componentType) throw arrowlineError('E_OPTION_INVALID', 'computeCacheKey needs the componentType');
  const inputs: Record<string, string[]> = {};
  for (const [key, list] of Object.entries(input.inputs ?? {})) {
    inputs[key] = list.map((a) => (typeof a === 'string' ? a : artifactFingerprint(a)));
  }
  const doc = {
    componentType: input.componentType,
    ...(input.node !== undefined ? { node: input.node } : {}),
    parameters: input.parameters ?? {},
    inputs,
    codeVersion: input.codeVersion ?? codeVersion(input.moduleFiles),
  };
  return createHash('sha256').update(canonicalJson(doc)).digest('hex');
}

/** The `execution_cache` context named by `key`, created when absent. */
export function cacheContext(store: MetadataStore, key: string): Context {
  const typeId = store.putContextType({ name: CACHE_CONTEXT_TYPE });
  const existing = store.getContextByTypeAndName(CACHE_CONTEXT_TYPE, key);
  if (existing) return existing;
  const [id] = store.putContexts([{ typeId, name: key }]);
  return store.getContextsByIds([id!])[0]!;
}

export interface CachedExecution {
  execution: Execution;
  /** OUTPUT artifacts by output key (the first path step), in path-index order. */
  outputs: Record<string, Artifact[]>;
}

function artifactFilesExist(a: Artifact): boolean {
  return a.uri !== undefined && a.uri !== '' && existsSync(a.uri);
}

/**
 * The newest COMPLETE or CACHED execution associated with the cache context `key` whose
 * OUTPUT artifacts are all LIVE and whose files all still exist, with those outputs; undefined
 * when there is none (an execution with a deleted or non-LIVE output is skipped, an older one
 * may still hit).
 */
export function findCachedExecution(store: MetadataStore, key: string): CachedExecution | undefined {
  const ctx = store.getContextByTypeAndName(CACHE_CONTEXT_TYPE, key);
  if (!ctx) return undefined;
  const candidates = store
    .getExecutionsByContext(ctx.id!, { orderBy: 'CREATE_TIME', isAsc: false })
    .filter((e) => e.lastKnownState === ExecutionState.COMPLETE || e.lastKnownState === ExecutionState.CACHED);
  for (const execution of candidates) {
    const events = store.getEventsByExecutionIds([execution.id!]).filter((e) => e.type === EventType.OUTPUT);
    const artifacts = new Map(store.getArtifactsByIds(events.map((e) => e.artifactId!)).map((a) => [a.id!, a]));
    const placed: { key: string; index: number; artifact: Artifact }[] = [];
    let usable = true;
    for (const ev of events) {
      const a = artifacts.get(ev.artifactId!);
      if (!a || a.state !== ArtifactState.LIVE || !artifactFilesExist(a)) {
        usable = false;
        break;
      }
      const steps = ev.path?.steps ?? [];
      const k = steps[0] && 'key' in steps[0] ? steps[0].key : '';
      const i = steps[1] && 'index' in steps[1] ? steps[1].index : 0;
      placed.push({ key: k, index: i, artifact: a });
    }
    if (!usable) continue;
    const outputs: Record<string, Artifact[]> = {};
    for (const p of placed.sort((x, y) => (x.key === y.key ? x.index - y.index : x.key < y.key ? -1 : 1))) (outputs[p.key] ??= []).push(p.artifact);
    return { execution, outputs };
  }
  return undefined;
}
