/**
 * get_lineage_subgraph (reference/mlmd.md §4): from the starting artifacts or executions (a
 * filter query, at most 100 nodes), hop node -> event -> node up to max_num_hops (default 20)
 * in the given direction — downstream follows an execution's outputs and an artifact's
 * consumers, upstream the mirror — stopping at ending nodes (included only when asked). The
 * result holds the nodes, the events between them, their contexts, attributions, associations
 * and types; field_mask_paths keeps only the named parts.
 */
import { arrowlineError } from '../errors.js';
import { type Artifact, type Context, EventType, type Execution, type LineageGraph, type MLMDEvent } from './model.js';
import type { MetadataStore } from './store.js';

export type Direction = 'UPSTREAM' | 'DOWNSTREAM' | 'BIDIRECTIONAL' | 'DIRECTION_UNSPECIFIED';

export interface NodeFilter {
  filterQuery: string;
}

export interface LineageSubgraphQuery {
  startingArtifacts?: NodeFilter;
  startingExecutions?: NodeFilter;
  maxNumHops?: number;
  direction?: Direction;
  endingArtifacts?: NodeFilter & { includeEndingNodes?: boolean };
  endingExecutions?: NodeFilter & { includeEndingNodes?: boolean };
  fieldMaskPaths?: string[];
}

const OUTPUTS = new Set([EventType.OUTPUT, EventType.DECLARED_OUTPUT, EventType.INTERNAL_OUTPUT, EventType.PENDING_OUTPUT]);
const INPUTS = new Set([EventType.INPUT, EventType.DECLARED_INPUT, EventType.INTERNAL_INPUT]);
const MAX_START = 100;

export function getLineageSubgraph(store: MetadataStore, q: LineageSubgraphQuery): LineageGraph {
  if ((q.startingArtifacts ? 1 : 0) + (q.startingExecutions ? 1 : 0) !== 1) throw arrowlineError('E_OPTION_INVALID', 'exactly one of startingArtifacts and startingExecutions is required');
  const hops = q.maxNumHops ?? 20;
  if (!Number.isInteger(hops) || hops < 0) throw arrowlineError('E_OPTION_INVALID', `maxNumHops must be a non-negative integer, got ${hops}`);
  const direction = q.direction === undefined || q.direction === 'DIRECTION_UNSPECIFIED' ? 'BIDIRECTIONAL' : q.direction;
  const down = direction !== 'UPSTREAM';
  const up = direction !== 'DOWNSTREAM';

  const start = q.startingArtifacts
    ? store.getArtifacts({ filterQuery: q.startingArtifacts.filterQuery, limit: MAX_START + 1 })
    : store.getExecutions({ filterQuery: q.startingExecutions!.filterQuery, limit: MAX_START + 1 });
  if (start.length > MAX_START) throw arrowlineError('E_OPTION_INVALID', `the starting nodes query selects more than ${MAX_START} nodes`);
  const endA = new Set(q.endingArtifacts ? store.getArtifacts({ filterQuery: q.endingArtifacts.filterQuery }).map((a) => a.id!) : []);
  const endE = new Set(q.endingExecutions ? store.getExecutions({ filterQuery: q.endingExecutions.filterQuery }).map((e) => e.id!) : []);

  const artifacts = new Set<number>(q.startingArtifacts ? start.map((n) => n.id!) : []);
  const executions = new Set<number>(q.startingExecutions ? start.map((n) => n.id!) : []);
  const excluded = { artifacts: new Set<number>(), executions: new Set<number>() };
  let frontier = { artifacts: [...artifacts], executions: [...executions] };
  for (let hop = 0; hop < hops && (frontier.artifacts.length > 0 || frontier.executions.length > 0); hop++) {
    const next = { artifacts: [] as number[], executions: [] as number[] };
    // artifact -> execution
    for (const e of store.getEventsByArtifactIds(frontier.artifacts)) {
      const follow = (down && INPUTS.has(e.type)) || (up && OUTPUTS.has(e.type));
      if (!follow || executions.has(e.executionId!) || excluded.executions.has(e.executionId!)) continue;
      if (endE.has(e.executionId!)) {
        if (q.endingExecutions?.includeEndingNodes) executions.add(e.executionId!);
        else excluded.executions.add(e.executionId!);
        continue;
      }
      executions.add(e.executionId!);
      next.executions.push(e.executionId!);
    }
    // execution -> artifact
    for (const e of store.getEventsByExecutionIds(frontier.executions)) {
      const follow = (down && OUTPUTS.has(e.type)) || (up && INPUTS.has(e.type));
      if (!follow || artifacts.has(e.artifactId!) || excluded.artifacts.has(e.artifactId!)) continue;
      if (endA.has(e.artifactId!)) {
        if (q.endingArtifacts?.includeEndingNodes) artifacts.add(e.artifactId!);
        else excluded.artifacts.add(e.artifactId!);
        continue;
      }
      artifacts.add(e.artifactId!);
      next.artifacts.push(e.artifactId!);
    }
    frontier = next;
  }

  const artifactList: Artifact[] = store.getArtifactsByIds([...artifacts].sort((a, b) => a - b));
  const executionList: Execution[] = store.getExecutionsByIds([...executions].sort((a, b) => a - b));
  const events: MLMDEvent[] = store.getEventsByArtifactIds(artifactList.map((a) => a.id!)).filter((e) => executions.has(e.executionId!));
  const attributions = store.getAttributions(artifactList.map((a) => a.id!));
  const associations = store.getAssociations(executionList.map((e) => e.id!));
  const contextIds = [...new Set([...attributions.map((a) => a.contextId), ...associations.map((a) => a.contextId)])].sort((a, b) => a - b);
  const contexts: Context[] = store.getContextsByIds(contextIds);
  const graph: LineageGraph = {
    artifactTypes: store.getArtifactTypesByIds([...new Set(artifactList.map((a) => a.typeId!))]),
    executionTypes: store.getExecutionTypesByIds([...new Set(executionList.map((e) => e.typeId!))]),
    contextTypes: store.getContextTypesByIds([...new Set(contexts.map((c) => c.typeId!))]),
    artifacts: artifactList,
    executions: executionList,
    contexts,
    events,
    attributions,
    associations,
  };
  if (q.fieldMaskPaths && q.fieldMaskPaths.length > 0) {
    const keep = new Set(q.fieldMaskPaths);
    for (const key of Object.keys(graph) as (keyof LineageGraph)[]) {
      if (!keep.has(key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)) && !keep.has(key)) graph[key] = [];
    }
  }
  return graph;
}
