/**
 * Read-only views of a store for people: an artifact's lineage as upstream and downstream trees
 * (`arrowline lineage`), and pipeline runs with their executions (`arrowline runs`). Runs are
 * TFX's contexts (reference/mlmd.md §7): a `pipeline_run` context per run, child of its
 * `pipeline` context, associated with every execution of the run.
 */
import { resolve } from 'node:path';

import { arrowlineError } from '../errors.js';
import { type Artifact, ArtifactState, EventType, type Execution, ExecutionState, type LineageGraph } from './model.js';
import type { MetadataStore } from './store.js';

export const PIPELINE_CONTEXT_TYPE = 'pipeline';
export const PIPELINE_RUN_CONTEXT_TYPE = 'pipeline_run';
export const NODE_CONTEXT_TYPE = 'node';
/** `<root>/metadata.sqlite` under the default pipeline root (DESIGN.md). */
export const DEFAULT_STORE_PATH = 'arrowline-root/metadata.sqlite';

export interface LineageNode {
  kind: 'artifact' | 'execution';
  id: number;
  type: string;
  name?: string;
  state: string;
  uri?: string;
  createTime: number;
  updateTime: number;
  /** The event's path between this node and its parent in the tree (e.g. `examples[0]`). */
  via?: string;
  /** Set when the node was already printed higher in the tree (its children are not repeated). */
  repeated?: boolean;
  children: LineageNode[];
}

export interface ArtifactLineage {
  artifact: LineageNode;
  upstream: LineageNode[];
  downstream: LineageNode[];
}

const OUTPUT_EVENTS = new Set<number>([EventType.OUTPUT, EventType.DECLARED_OUTPUT, EventType.INTERNAL_OUTPUT, EventType.PENDING_OUTPUT]);

function artifactNode(a: Artifact): LineageNode {
  const n: LineageNode = { kind: 'artifact', id: a.id!, type: a.type ?? String(a.typeId), state: ArtifactState[a.state ?? 0] ?? 'UNKNOWN', createTime: a.createTimeSinceEpoch ?? 0, updateTime: a.lastUpdateTimeSinceEpoch ?? 0, children: [] };
  if (a.name) n.name = a.name;
  if (a.uri) n.uri = a.uri;
  return n;
}

function executionNode(e: Execution): LineageNode {
  const n: LineageNode = { kind: 'execution', id: e.id!, type: e.type ?? String(e.typeId), state: ExecutionState[e.lastKnownState ?? 0] ?? 'UNKNOWN', createTime: e.createTimeSinceEpoch ?? 0, updateTime: e.lastUpdateTimeSinceEpoch ?? 0, children: [] };
  if (e.name) n.name = e.name;
  return n;
}

function pathText(steps: readonly ({ key: string } | { index: number })[] | undefined): string | undefined {
  if (!steps || steps.length === 0) return undefined;
  return steps.map((s) => ('key' in s ? s.key : `[${s.index}]`)).join('');
}

/** The artifacts `ref` names: an id (digits) or a uri (as given, then as an absolute path). */
export function findArtifacts(store: MetadataStore, ref: string): Artifact[] {
  if (/^\d+$/.test(ref)) {
    const found = store.getArtifactsByIds([Number(ref)]);
    if (found.length === 0) throw arrowlineError('E_NOT_FOUND', `no artifact with id ${ref} in the metadata store`);
    return found;
  }
  let found = store.getArtifactsByUri(ref);
  if (found.length === 0 && resolve(ref) !== ref) found = store.getArtifactsByUri(resolve(ref));
  if (found.length === 0) throw arrowlineError('E_NOT_FOUND', `no artifact with uri ${ref} in the metadata store`);
  return found;
}

function buildTree(graph: LineageGraph, startId: number, upstream: boolean): LineageNode[] {
  const artifacts = new Map(graph.artifacts.map((a) => [a.id!, a]));
  const executions = new Map(graph.executions.map((e) => [e.id!, e]));
  const seen = new Set<string>([`a${startId}`]);
  const expand = (kind: 'artifact' | 'execution', id: number): LineageNode[] => {
    const out: LineageNode[] = [];
    const linked = new Set<number>(); // one edge per neighbour (an execution may hold PENDING_OUTPUT and OUTPUT events to one artifact)
    for (const ev of graph.events) {
      const isOutput = OUTPUT_EVENTS.has(ev.type);
      // upstream: artifact <- execution that output it <- artifacts it read; downstream mirrors
      const follow = kind === 'artifact' ? ev.artifactId === id && isOutput === upstream : ev.executionId === id && isOutput !== upstream;
      if (!follow) continue;
      const next = kind === 'artifact' ? executions.get(ev.executionId!) : artifacts.get(ev.artifactId!);
      if (!next || linked.has(next.id!)) continue;
      linked.add(next.id!);
      const node = kind === 'artifact' ? executionNode(next as Execution) : artifactNode(next as Artifact);
      const via = pathText(ev.path?.steps);
      if (via) node.via = via;
      out.push(node);
    }
    // expand in the order printed, so "(shown above)" always points up
    out.sort((a, b) => a.id - b.id);
    for (const node of out) {
      const key = `${node.kind[0]}${node.id}`;
      if (seen.has(key)) node.repeated = true;
      else {
        seen.add(key);
        node.children = expand(node.kind, node.id);
      }
    }
    return out;
  };
  return expand('artifact', startId);
}

/** The upstream and downstream trees of one artifact, up to `maxNumHops` hops each way (default 20). */
export function artifactLineage(store: MetadataStore, artifact: Artifact, maxNumHops = 20): ArtifactLineage {
  const q = (direction: 'UPSTREAM' | 'DOWNSTREAM') => store.getLineageSubgraph({ startingArtifacts: { filterQuery: `id = ${artifact.id}` }, direction, maxNumHops });
  return { artifact: artifactNode(artifact), upstream: buildTree(q('UPSTREAM'), artifact.id!, true), downstream: buildTree(q('DOWNSTREAM'), artifact.id!, false) };
}

export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function nodeLine(n: LineageNode): string {
  const label = `${n.kind} ${n.id} ${n.type}${n.name ? ` "${n.name}"` : ''} ${n.state}`;
  const where = n.uri ? `  ${n.uri}` : '';
  return `${n.via ? `${n.via}: ` : ''}${label}${where}  ${formatTime(n.createTime)}${n.repeated ? '  (shown above)' : ''}`;
}

function formatTree(nodes: LineageNode[], arrow: string, indent: string, lines: string[]): void {
  nodes.forEach((n, i) => {
    const last = i === nodes.length - 1;
    lines.push(`${indent}${last ? '└─' : '├─'}${arrow} ${nodeLine(n)}`);
    formatTree(n.children, arrow, `${indent}${last ? '   ' : '│  '}`, lines);
  });
}

export function formatLineage(l: ArtifactLineage): string {
  const lines = [nodeLine(l.artifact)];
  lines.push('upstream (what it was made from):');
  if (l.upstream.length === 0) lines.push('  (none)');
  formatTree(l.upstream, '<-', '  ', lines);
  lines.push('downstream (what was made from it):');
  if (l.downstream.length === 0) lines.push('  (none)');
  formatTree(l.downstream, '->', '  ', lines);
  return lines.join('\n');
}

export interface RunExecution {
  id: number;
  component: string;
  type: string;
  state: string;
  startTime: number;
  endTime: number;
}

export interface PipelineRun {
  pipeline?: string;
  run: string;
  contextId: number;
  startTime: number;
  /** The run's overall state: FAILED if any execution failed, RUNNING if any still runs, else COMPLETE. */
  state: string;
  executions: RunExecution[];
}

/** Pipeline runs, newest first, each with its executions in the order they started. */
export function listRuns(store: MetadataStore, options: { pipeline?: string; limit?: number } = {}): PipelineRun[] {
  const runs = store.getContextsByType(PIPELINE_RUN_CONTEXT_TYPE).sort((a, b) => (b.createTimeSinceEpoch ?? 0) - (a.createTimeSinceEpoch ?? 0) || b.id! - a.id!);
  const out: PipelineRun[] = [];
  for (const ctx of runs) {
    const pipeline = store.getParentContextsByContext(ctx.id!).find((p) => p.type === PIPELINE_CONTEXT_TYPE)?.name;
    if (options.pipeline !== undefined && pipeline !== options.pipeline) continue;
    const executions = store.getExecutionsByContext(ctx.id!).map((e): RunExecution => {
      const node = store.getContextsByExecution(e.id!).find((c) => c.type === NODE_CONTEXT_TYPE)?.name;
      return {
        id: e.id!,
        component: node ? node.slice(node.indexOf('.') + 1) : (e.type ?? ''),
        type: e.type ?? '',
        state: ExecutionState[e.lastKnownState ?? 0] ?? 'UNKNOWN',
        startTime: e.createTimeSinceEpoch ?? 0,
        endTime: e.lastUpdateTimeSinceEpoch ?? 0,
      };
    });
    const states = new Set(executions.map((e) => e.state));
    const state = states.has('FAILED') ? 'FAILED' : states.has('RUNNING') || states.has('NEW') ? 'RUNNING' : 'COMPLETE';
    const run: PipelineRun = { run: ctx.name!, contextId: ctx.id!, startTime: ctx.createTimeSinceEpoch ?? 0, state, executions };
    if (pipeline !== undefined) run.pipeline = pipeline;
    out.push(run);
    if (options.limit !== undefined && out.length >= options.limit) break;
  }
  return out;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ').trimEnd());
}

export function formatRuns(runs: PipelineRun[]): string {
  if (runs.length === 0) return 'no pipeline runs recorded';
  const lines: string[] = [];
  for (const r of runs) {
    lines.push(`${r.pipeline ? `${r.pipeline} ` : ''}run ${r.run}  ${r.state}  started ${formatTime(r.startTime)}`);
    const rows = [['  execution', 'component', 'state', 'duration']];
    for (const e of r.executions) rows.push([`  ${e.id}`, e.component, e.state, `${((e.endTime - e.startTime) / 1000).toFixed(2)} s`]);
    lines.push(...table(rows));
  }
  return lines.join('\n');
}
