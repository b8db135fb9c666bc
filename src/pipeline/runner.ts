/**
 * LocalRunner: runs a pipeline's DAG in dependency order, independent components in parallel
 * (up to `maxParallel`), recording every run in the metadata store (recorder.ts). Before running
 * a component it computes its cache key (component type, node, parameters, the content
 * fingerprints of its inputs and of any files it reads, the code version); a previous COMPLETE
 * or CACHED execution with that key whose outputs are LIVE and on disk is reused (CACHED). Each
 * output is written into a staging directory and renamed to
 * `<root>/<pipeline>/<component>/<output>/<executionId>/` only when the executor succeeded, so
 * a process killed at any moment leaves the store and the files consistent: the next run closes
 * executions left RUNNING by dead processes as FAILED and runs those components again. A failed
 * component is FAILED, its dependents are SKIPPED, finished outputs stay; the next run resumes
 * from the cache.
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { isArrowlineError } from '../errors.js';
import { type Artifact, computeCacheKey, MetadataStore } from '../metadata/index.js';
import type { ArtifactRef, Component } from './component.js';
import { executeStaged } from './execute.js';
import type { Pipeline } from './pipeline.js';
import { artifactRef, closeInterrupted, nodeContext, openRun, publishCached, publishFailed, publishSucceeded, registerPendingOutputs, registerRunning } from './recorder.js';

export type ComponentState = 'COMPLETE' | 'CACHED' | 'FAILED' | 'SKIPPED';

export interface ComponentResult {
  id: string;
  type: string;
  state: ComponentState;
  executionId?: number;
  durationMs: number;
  outputs: Record<string, ArtifactRef[]>;
  error?: string;
  logPath?: string;
}

export interface RunResult {
  pipeline: string;
  runId: string;
  root: string;
  store: string;
  results: ComponentResult[];
  /** Every component COMPLETE or CACHED. */
  ok: boolean;
}

export type RunEvent = { kind: 'start'; id: string; type: string } | { kind: 'end'; result: ComponentResult } | { kind: 'log'; id: string; message: string };

export interface RunOptions {
  /** Ignore the cache: every component runs. */
  noCache?: boolean;
  /** Components running at once (default 2). */
  maxParallel?: number;
  /** The metadata store (default `<root>/metadata.sqlite`). */
  store?: string;
  onEvent?: (e: RunEvent) => void;
}

export interface ExternalFingerprints {
  /** Fingerprints of files a component reads besides its input artifacts (ExampleGen's inputs). */
  cacheFingerprints?(): string[];
}

export class LocalRunner {
  constructor(private readonly options: RunOptions = {}) {}

  async run(pipeline: Pipeline): Promise<RunResult> {
    const storePath = this.options.store ?? join(pipeline.root, 'metadata.sqlite');
    mkdirSync(pipeline.root, { recursive: true });
    const store = MetadataStore.open(storePath);
    try {
      closeInterrupted(store);
      const runId = `${new Date().toISOString()}-${randomBytes(3).toString('hex')}`;
      const ctx = openRun(store, pipeline.name, runId);
      const results = new Map<Component, ComponentResult>();
      const running = new Map<Component, Promise<void>>();
      const maxParallel = Math.max(1, this.options.maxParallel ?? 2);
      const pending = [...pipeline.components];
      while (pending.length > 0 || running.size > 0) {
        // start every ready component, up to maxParallel
        for (let i = 0; i < pending.length && running.size < maxParallel; ) {
          const c = pending[i]!;
          const ups = c.upstream();
          if (!ups.every((u) => results.has(u))) {
            i++;
            continue;
          }
          pending.splice(i, 1);
          const failedUp = ups.find((u) => results.get(u)!.state === 'FAILED' || results.get(u)!.state === 'SKIPPED');
          if (failedUp) {
            const r: ComponentResult = { id: c.id, type: c.spec.type, state: 'SKIPPED', durationMs: 0, outputs: {}, error: `skipped: ${failedUp.id} did not complete` };
            results.set(c, r);
            this.options.onEvent?.({ kind: 'end', result: r });
            continue;
          }
          const p = this.runComponent(store, pipeline, ctx, c, results).then((r) => {
            results.set(c, r);
            running.delete(c);
            this.options.onEvent?.({ kind: 'end', result: r });
          });
          running.set(c, p);
        }
        if (running.size > 0) await Promise.race(running.values());
        else if (pending.length > 0 && !pending.some((c) => c.upstream().every((u) => results.has(u)))) break;
      }
      const list = pipeline.components.map((c) => results.get(c)!).filter(Boolean);
      return { pipeline: pipeline.name, runId, root: pipeline.root, store: storePath, results: list, ok: list.every((r) => r.state === 'COMPLETE' || r.state === 'CACHED') };
    } finally {
      store.close();
    }
  }

  private inputsOf(c: Component, results: Map<Component, ComponentResult>): Record<string, ArtifactRef[]> {
    const inputs: Record<string, ArtifactRef[]> = {};
    for (const key of Object.keys(c.spec.inputs)) {
      const ch = c.inputs[key];
      inputs[key] = ch ? (results.get(ch.producer)!.outputs[ch.key] ?? []) : [];
    }
    return inputs;
  }

  private async runComponent(store: MetadataStore, pipeline: Pipeline, ctx: ReturnType<typeof openRun>, c: Component, results: Map<Component, ComponentResult>): Promise<ComponentResult> {
    const started = Date.now();
    this.options.onEvent?.({ kind: 'start', id: c.id, type: c.spec.type });
    const inputs = this.inputsOf(c, results);
    const contexts = [ctx.pipeline, ctx.run, nodeContext(store, pipeline.name, c.id)];
    const external = (c as Component & ExternalFingerprints).cacheFingerprints?.() ?? [];
    const inputArtifacts: Record<string, (Artifact | string)[]> = {};
    for (const [k, refs] of Object.entries(inputs)) inputArtifacts[k] = refs.map((r) => store.getArtifactsByIds([r.id!])[0]!);
    if (external.length > 0) inputArtifacts['(files)'] = external;
    const cacheKey = computeCacheKey({ componentType: c.spec.type, node: `${pipeline.name}.${c.id}`, parameters: c.parameters, inputs: inputArtifacts, moduleFiles: c.moduleFile ? [c.moduleFile] : [] });
    if (!this.options.noCache) {
      const hit = store.findCachedExecution(cacheKey);
      if (hit) {
        const executionId = publishCached(store, c.spec.type, c.id, contexts, inputs, hit.outputs, c.parameters, cacheKey);
        const outputs = Object.fromEntries(Object.entries(hit.outputs).map(([k, list]) => [k, list.map(artifactRef)]));
        return { id: c.id, type: c.spec.type, state: 'CACHED', executionId, durationMs: Date.now() - started, outputs };
      }
    }
    const rec = registerRunning(store, c.spec.type, c.id, contexts, inputs, c.parameters, cacheKey);
    const executionId = rec.execution.id!;
    const logDir = join(pipeline.root, pipeline.name, c.id, '.logs');
    mkdirSync(logDir, { recursive: true });
    const logPath = join(logDir, `${executionId}.log`);
    const log = (message: string) => {
      appendFileSync(logPath, `${new Date().toISOString()} ${message}\n`);
      this.options.onEvent?.({ kind: 'log', id: c.id, message });
    };
    const finalUris: Record<string, { type: string; uri: string }[]> = {};
    for (const [key, spec] of Object.entries(c.spec.outputs)) finalUris[key] = [{ type: spec.type, uri: join(pipeline.root, pipeline.name, c.id, key, String(executionId)) }];
    const pendingOutputs = registerPendingOutputs(rec, finalUris);
    try {
      log(`${c.spec.type} ${c.id}: execution ${executionId} started`);
      const { outputs, fingerprints } = await executeStaged(c, inputs, finalUris, log);
      publishSucceeded(rec, pendingOutputs, outputs, fingerprints, cacheKey);
      log(`${c.spec.type} ${c.id}: execution ${executionId} COMPLETE`);
      const finalOutputs = Object.fromEntries(Object.entries(outputs).map(([k, list]) => [k, list.map((r, i) => ({ ...r, id: pendingOutputs[k]![i]!.id, uri: finalUris[k]![i]!.uri }))]));
      return { id: c.id, type: c.spec.type, state: 'COMPLETE', executionId, durationMs: Date.now() - started, outputs: finalOutputs, logPath };
    } catch (err) {
      const message = isArrowlineError(err) ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err);
      log(`${c.spec.type} ${c.id}: execution ${executionId} FAILED: ${message}${err instanceof Error && err.stack ? `\n${err.stack}` : ''}`);
      publishFailed(rec, pendingOutputs, message);
      return { id: c.id, type: c.spec.type, state: 'FAILED', executionId, durationMs: Date.now() - started, outputs: {}, error: message, logPath };
    }
  }
}
