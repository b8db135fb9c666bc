/**
 * How a component run is recorded in the metadata store, as TFX's launcher does (reference/
 * mlmd.md §7): contexts `pipeline`, `pipeline_run` (a child of the pipeline's) and `node`; a
 * RUNNING execution with INPUT events `[key, index]` first; the output artifacts PENDING (with
 * PENDING_OUTPUT events) once their uris are known; then, in one putExecution, the outputs LIVE
 * with their fingerprints and OUTPUT events and the execution COMPLETE, associated with the
 * `execution_cache` context of its cache key. A cache hit is recorded as a CACHED execution with
 * OUTPUT events to the artifacts it reuses; a failure as FAILED with its outputs ABANDONED.
 */
import { hostname } from 'node:os';

import {
  type Artifact,
  ArtifactState,
  cacheContext,
  type Context,
  EventType,
  type Execution,
  ExecutionState,
  FINGERPRINT_PROPERTY,
  type MetadataStore,
  NODE_CONTEXT_TYPE,
  PIPELINE_CONTEXT_TYPE,
  PIPELINE_RUN_CONTEXT_TYPE,
  type Properties,
  type Value,
} from '../metadata/index.js';
import type { ArtifactRef, ParameterValue } from './component.js';

export interface RunContexts {
  pipeline: Context;
  run: Context;
}

function contextOf(store: MetadataStore, type: string, name: string): Context {
  const typeId = store.putContextType({ name: type });
  const existing = store.getContextByTypeAndName(type, name);
  if (existing) return existing;
  const [id] = store.putContexts([{ typeId, name }]);
  return store.getContextsByIds([id!])[0]!;
}

/** The pipeline's context and a new run's, the run a child of the pipeline. */
export function openRun(store: MetadataStore, pipeline: string, runId: string): RunContexts {
  const p = contextOf(store, PIPELINE_CONTEXT_TYPE, pipeline);
  const r = contextOf(store, PIPELINE_RUN_CONTEXT_TYPE, runId);
  if (!store.getParentContextsByContext(r.id!).some((c) => c.id === p.id)) store.putParentContexts([{ childId: r.id!, parentId: p.id! }]);
  return { pipeline: p, run: r };
}

export function toValue(v: ParameterValue): Value {
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  if (typeof v === 'number') return Number.isInteger(v) ? { intValue: v } : { doubleValue: v };
  return { structValue: v };
}

export function fromValue(v: Value): ParameterValue {
  if ('stringValue' in v) return v.stringValue;
  if ('intValue' in v) return v.intValue;
  if ('doubleValue' in v) return v.doubleValue;
  if ('boolValue' in v) return v.boolValue;
  if ('structValue' in v) return v.structValue as ParameterValue;
  return null;
}

/** An artifact as executors see it: its custom properties (but the fingerprint) as properties. */
export function artifactRef(a: Artifact): ArtifactRef {
  const properties: Record<string, ParameterValue> = {};
  for (const [k, v] of Object.entries(a.customProperties ?? {})) if (k !== FINGERPRINT_PROPERTY) properties[k] = fromValue(v);
  return { id: a.id, type: a.type ?? '', uri: a.uri ?? '', properties };
}

const steps = (key: string, index: number) => ({ steps: [{ key }, { index }] });

export interface ExecutionRecord {
  store: MetadataStore;
  executionTypeId: number;
  execution: Execution;
  contexts: Context[];
}

function baseProperties(componentId: string, cacheKey: string | undefined, parameters: Record<string, ParameterValue>): Properties {
  const p: Properties = {
    component_id: { stringValue: componentId },
    pid: { intValue: process.pid },
    host: { stringValue: hostname() },
    parameters: { stringValue: JSON.stringify(parameters) },
  };
  if (cacheKey) p.cache_key = { stringValue: cacheKey };
  return p;
}

/** Registers a RUNNING execution with INPUT events for `inputs`. */
export function registerRunning(
  store: MetadataStore,
  componentType: string,
  componentId: string,
  contexts: Context[],
  inputs: Record<string, ArtifactRef[]>,
  parameters: Record<string, ParameterValue>,
  cacheKey?: string,
): ExecutionRecord {
  const executionTypeId = store.putExecutionType({ name: componentType }, { canAddFields: true, canOmitFields: true });
  const execution: Execution = { typeId: executionTypeId, lastKnownState: ExecutionState.RUNNING, customProperties: baseProperties(componentId, cacheKey, parameters) };
  const io = Object.entries(inputs).flatMap(([key, refs]) => refs.map((r, i) => ({ artifact: { id: r.id }, event: { type: EventType.INPUT, path: steps(key, i) } })));
  // inputs are existing artifacts: re-read them so the upsert does not drop their fields
  const existing = new Map(store.getArtifactsByIds(io.map((x) => x.artifact.id!)).map((a) => [a.id!, a]));
  const { executionId } = store.putExecution(execution, io.map((x) => ({ artifact: existing.get(x.artifact.id!)!, event: x.event })), contexts, { forceReuseContext: true });
  return { store, executionTypeId, execution: { ...execution, id: executionId }, contexts };
}

/** Output artifacts PENDING at their final uris, with PENDING_OUTPUT events. */
export function registerPendingOutputs(rec: ExecutionRecord, outputs: Record<string, { type: string; uri: string }[]>): Record<string, Artifact[]> {
  const pairs: { key: string; index: number; artifact: Artifact }[] = [];
  for (const [key, list] of Object.entries(outputs)) {
    list.forEach((o, index) => {
      const typeId = rec.store.putArtifactType({ name: o.type });
      pairs.push({ key, index, artifact: { typeId, uri: o.uri, state: ArtifactState.PENDING } });
    });
  }
  const { artifactIds } = rec.store.putExecution(
    rec.execution,
    pairs.map((p) => ({ artifact: p.artifact, event: { type: EventType.PENDING_OUTPUT, path: steps(p.key, p.index) } })),
    rec.contexts,
    { forceReuseContext: true },
  );
  const out: Record<string, Artifact[]> = {};
  pairs.forEach((p, i) => (out[p.key] ??= []).push({ ...p.artifact, id: artifactIds[i] }));
  return out;
}

/** Outputs LIVE (with fingerprints and properties) and the execution COMPLETE, in one transaction. */
export function publishSucceeded(rec: ExecutionRecord, pending: Record<string, Artifact[]>, outputs: Record<string, ArtifactRef[]>, fingerprints: Record<string, string[]>, cacheKey: string | undefined): void {
  const pairs: { artifact: Artifact; event: { type: EventType; path: ReturnType<typeof steps> } }[] = [];
  for (const [key, list] of Object.entries(pending)) {
    list.forEach((a, i) => {
      const customProperties: Properties = { [FINGERPRINT_PROPERTY]: { stringValue: fingerprints[key]![i]! } };
      for (const [k, v] of Object.entries(outputs[key]?.[i]?.properties ?? {})) customProperties[k] = toValue(v);
      pairs.push({ artifact: { ...a, state: ArtifactState.LIVE, customProperties }, event: { type: EventType.OUTPUT, path: steps(key, i) } });
    });
  }
  const contexts = cacheKey ? [...rec.contexts, cacheContext(rec.store, cacheKey)] : rec.contexts;
  rec.store.putExecution({ ...rec.execution, lastKnownState: ExecutionState.COMPLETE }, pairs, contexts, { forceReuseContext: true });
}

/** The execution FAILED with its message; its PENDING outputs ABANDONED. */
export function publishFailed(rec: ExecutionRecord, pending: Record<string, Artifact[]>, message: string): void {
  const execution: Execution = { ...rec.execution, lastKnownState: ExecutionState.FAILED, customProperties: { ...rec.execution.customProperties, error: { stringValue: message.slice(0, 4000) } } };
  const abandoned = Object.values(pending).flat().map((a) => ({ artifact: { ...a, state: ArtifactState.ABANDONED } }));
  rec.store.putExecution(execution, abandoned, rec.contexts, { forceReuseContext: true });
}

/** A CACHED execution: INPUT events to its inputs, OUTPUT events to the artifacts it reuses. */
export function publishCached(
  store: MetadataStore,
  componentType: string,
  componentId: string,
  contexts: Context[],
  inputs: Record<string, ArtifactRef[]>,
  outputs: Record<string, Artifact[]>,
  parameters: Record<string, ParameterValue>,
  cacheKey: string,
): number {
  const executionTypeId = store.putExecutionType({ name: componentType }, { canAddFields: true, canOmitFields: true });
  const ids = [...Object.values(inputs).flat().map((r) => r.id!), ...Object.values(outputs).flat().map((a) => a.id!)];
  const byId = new Map(store.getArtifactsByIds(ids).map((a) => [a.id!, a]));
  const pairs = [
    ...Object.entries(inputs).flatMap(([key, refs]) => refs.map((r, i) => ({ artifact: byId.get(r.id!)!, event: { type: EventType.INPUT, path: steps(key, i) } }))),
    ...Object.entries(outputs).flatMap(([key, list]) => list.map((a, i) => ({ artifact: byId.get(a.id!)!, event: { type: EventType.OUTPUT, path: steps(key, i) } }))),
  ];
  const { executionId } = store.putExecution(
    { typeId: executionTypeId, lastKnownState: ExecutionState.CACHED, customProperties: baseProperties(componentId, cacheKey, parameters) },
    pairs,
    [...contexts, cacheContext(store, cacheKey)],
    { forceReuseContext: true },
  );
  return executionId;
}

/**
 * Executions left RUNNING by a process that is gone (killed): FAILED, their outputs ABANDONED.
 * Only executions of this host are judged; returns how many were closed.
 */
export function closeInterrupted(store: MetadataStore): number {
  let closed = 0;
  for (const e of store.getExecutions({ filterQuery: 'last_known_state = RUNNING' })) {
    const pid = e.customProperties?.pid;
    const host = e.customProperties?.host;
    if (!pid || !('intValue' in pid) || !host || !('stringValue' in host) || host.stringValue !== hostname()) continue;
    if (pid.intValue === process.pid || alive(pid.intValue)) continue;
    const pendingIds = store.getEventsByExecutionIds([e.id!]).filter((ev) => ev.type === EventType.PENDING_OUTPUT).map((ev) => ev.artifactId!);
    const pending = store.getArtifactsByIds(pendingIds).filter((a) => a.state === ArtifactState.PENDING);
    const contexts = store.getContextsByExecution(e.id!);
    publishFailed({ store, executionTypeId: e.typeId!, execution: e, contexts }, { interrupted: pending }, `interrupted: process ${pid.intValue} ended before the component finished`);
    closed++;
  }
  return closed;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The `node` context of a component (`<pipeline>.<component id>`). */
export function nodeContext(store: MetadataStore, pipeline: string, componentId: string): Context {
  return contextOf(store, NODE_CONTEXT_TYPE, `${pipeline}.${componentId}`);
}
