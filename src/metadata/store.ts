/**
 * MetadataStore: ML Metadata's store API (reference/mlmd.md §2), camelCased, over the SQLite
 * backend. Every call is one transaction (writes BEGIN IMMEDIATE); E_STORE_BUSY (MLMD's
 * ABORTED) is retried with exponential backoff, so concurrent writers in other processes wait
 * instead of failing. Errors map MLMD's kinds onto arrowline's codes: ALREADY_EXISTS ->
 * E_ALREADY_EXISTS, NOT_FOUND -> E_NOT_FOUND, INVALID_ARGUMENT -> E_OPTION_INVALID,
 * FAILED_PRECONDITION -> E_FAILED_PRECONDITION, ABORTED -> E_STORE_BUSY.
 */
import { arrowlineError, isArrowlineError } from '../errors.js';
import { type CachedExecution, findCachedExecution } from './cache.js';
import { parseFilter } from './filter.js';
import { getLineageSubgraph, type LineageSubgraphQuery } from './lineage.js';
import {
  type Artifact,
  type ArtifactType,
  type Association,
  type Attribution,
  type Context,
  type ContextType,
  EventType,
  type Execution,
  type ExecutionType,
  type LineageGraph,
  type ListOptions,
  type MLMDEvent,
  type NodeType,
  type Page,
  type ParentContext,
  type TypeKind,
} from './model.js';
import { checkFieldMask, checkProperties, checkTypeDeclaration, checkUpdate, type PutTypeOptions, typeChange } from './nodeRules.js';
import { type OpenOptions, SqliteBackend, type StoredNode, type StoredType } from './sql/sqliteBackend.js';

type AnyNode = Artifact & Execution & Context;

export interface MetadataStoreOptions extends OpenOptions {
  /** Retries of a busy (ABORTED) transaction before E_STORE_BUSY reaches the caller (default 50). */
  maxRetries?: number;
}

export interface PutExecutionOptions {
  reuseContextIfAlreadyExist?: boolean;
  reuseArtifactIfAlreadyExistByExternalId?: boolean;
  forceReuseContext?: boolean;
}

export interface EventEdge {
  executionIndex?: number;
  artifactIndex?: number;
  event: MLMDEvent;
}

const MAX_PAGE = 100;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

function toType(t: StoredType): NodeType {
  const out: NodeType = { id: t.id, name: t.name, properties: { ...t.properties } };
  if (t.version !== undefined) out.version = t.version;
  if (t.description !== undefined) out.description = t.description;
  if (t.externalId !== undefined) out.externalId = t.externalId;
  if (t.baseType !== undefined) out.baseType = t.baseType;
  return out;
}

function toNode(kind: TypeKind, n: StoredNode): AnyNode {
  const out: AnyNode = { id: n.id, typeId: n.typeId, type: n.typeName, properties: n.properties, customProperties: n.customProperties, createTimeSinceEpoch: n.createTime, lastUpdateTimeSinceEpoch: n.updateTime };
  if (n.name !== undefined) out.name = n.name;
  if (n.externalId !== undefined) out.externalId = n.externalId;
  if (kind === 'artifact') {
    if (n.uri !== undefined) out.uri = n.uri;
    if (n.state !== undefined) out.state = n.state;
  } else if (kind === 'execution' && n.state !== undefined) {
    out.lastKnownState = n.state;
  }
  return out;
}

function sameValues(a: unknown, b: unknown): boolean {
  return JSON.stringify(a, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v)) === JSON.stringify(b, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v));
}

export class MetadataStore {
  private readonly backend: SqliteBackend;
  private readonly maxRetries: number;
  private lastTime = 0;

  private constructor(backend: SqliteBackend, maxRetries: number) {
    this.backend = backend;
    this.maxRetries = maxRetries;
  }

  /** A store in the SQLite file `path` (created when absent), or in memory with ':memory:'. */
  static open(path: string, options: MetadataStoreOptions = {}): MetadataStore {
    const maxRetries = options.maxRetries ?? 50;
    // creating or migrating the schema takes the write lock: busy is retried as for every write
    for (let attempt = 0; ; attempt++) {
      try {
        return new MetadataStore(SqliteBackend.open(path, options), maxRetries);
      } catch (err) {
        if (!(isArrowlineError(err) && err.code === 'E_STORE_BUSY') || attempt >= maxRetries) throw err;
        sleep(Math.min(200, 2 ** attempt) + Math.random() * 5);
      }
    }
  }

  static inMemory(): MetadataStore {
    return MetadataStore.open(':memory:');
  }

  close(): void {
    this.backend.close();
  }

  get schemaVersion(): number {
    return this.backend.schemaVersion();
  }

  /** Milliseconds since the epoch, strictly increasing within this store object. */
  private now(): number {
    const t = Math.max(Date.now(), this.lastTime + 1);
    this.lastTime = t;
    return t;
  }

  private run<T>(write: boolean, fn: () => T): T {
    for (let attempt = 0; ; attempt++) {
      try {
        return this.backend.transaction(fn, write);
      } catch (err) {
        if (!(isArrowlineError(err) && err.code === 'E_STORE_BUSY') || attempt >= this.maxRetries) throw this.mapSqlError(err);
        sleep(Math.min(200, 2 ** attempt) + Math.random() * 5);
      }
    }
  }

  private mapSqlError(err: unknown): unknown {
    const code = (err as { code?: string }).code ?? '';
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      return arrowlineError('E_ALREADY_EXISTS', `Given node already exists: ${(err as Error).message}`, { cause: err });
    }
    return err;
  }

  // ---- types ----

  private putType(kind: TypeKind, t: NodeType, options: PutTypeOptions): number {
    checkTypeDeclaration(kind, t);
    return this.run(true, () => {
      const stored = this.backend.findType(kind, t.name, t.version || undefined);
      if (!stored) {
        return this.backend.insertType(kind, { name: t.name, version: t.version || undefined, description: t.description, externalId: t.externalId, baseType: t.baseType, properties: t.properties ?? {} });
      }
      const change = typeChange(kind, stored, t, options);
      this.backend.addTypeProperties(stored.id, change.add);
      return stored.id;
    });
  }

  putArtifactType(t: ArtifactType, options: PutTypeOptions = {}): number {
    return this.putType('artifact', t, options);
  }

  putExecutionType(t: ExecutionType, options: PutTypeOptions = {}): number {
    return this.putType('execution', t, options);
  }

  putContextType(t: ContextType, options: PutTypeOptions = {}): number {
    return this.putType('context', t, options);
  }

  private getType(kind: TypeKind, name: string, version?: string): NodeType {
    const t = this.run(false, () => this.backend.findType(kind, name, version));
    if (!t) throw arrowlineError('E_NOT_FOUND', `No ${kind} type found for name '${name}'${version ? ` and version '${version}'` : ''}.`);
    return toType(t);
  }

  getArtifactType(name: string, version?: string): ArtifactType {
    return this.getType('artifact', name, version);
  }
  getExecutionType(name: string, version?: string): ExecutionType {
    return this.getType('execution', name, version);
  }
  getContextType(name: string, version?: string): ContextType {
    return this.getType('context', name, version);
  }
  getArtifactTypes(): ArtifactType[] {
    return this.run(false, () => this.backend.allTypes('artifact')).map(toType);
  }
  getExecutionTypes(): ExecutionType[] {
    return this.run(false, () => this.backend.allTypes('execution')).map(toType);
  }
  getContextTypes(): ContextType[] {
    return this.run(false, () => this.backend.allTypes('context')).map(toType);
  }
  getArtifactTypesByIds(ids: readonly number[]): ArtifactType[] {
    return this.run(false, () => this.backend.typesByIds('artifact', ids)).map(toType);
  }
  getExecutionTypesByIds(ids: readonly number[]): ExecutionType[] {
    return this.run(false, () => this.backend.typesByIds('execution', ids)).map(toType);
  }
  getContextTypesByIds(ids: readonly number[]): ContextType[] {
    return this.run(false, () => this.backend.typesByIds('context', ids)).map(toType);
  }
  getArtifactTypesByExternalIds(ids: readonly string[]): ArtifactType[] {
    return this.run(false, () => this.backend.typesByExternalIds('artifact', ids)).map(toType);
  }

  // ---- node writes ----

  /** Inserts (no id) or updates (id) one node inside the current transaction; returns its id. */
  private upsertNode(kind: TypeKind, node: AnyNode, fieldMask: readonly string[] | undefined): number {
    if (kind === 'context' && node.id === undefined && !node.name) throw arrowlineError('E_OPTION_INVALID', 'Context name should not be empty');
    const now = this.now();
    const state = kind === 'artifact' ? node.state : kind === 'execution' ? node.lastKnownState : undefined;
    if (node.id === undefined) {
      if (node.typeId === undefined) throw arrowlineError('E_OPTION_INVALID', `No type id is specified for the ${kind}.`);
      const type = this.backend.typesByIds(kind, [node.typeId])[0];
      if (!type) throw arrowlineError('E_NOT_FOUND', `No ${kind} type with the given id: ${node.typeId}`);
      checkProperties(type, node.properties, node.customProperties);
      this.checkUnique(kind, type, node.name, node.externalId);
      const id = this.backend.insertNode(kind, { typeId: type.id, name: node.name || undefined, externalId: node.externalId, uri: node.uri, state, createTime: now, updateTime: now });
      this.backend.writeProperties(kind, id, false, node.properties ?? {}, false);
      this.backend.writeProperties(kind, id, true, node.customProperties ?? {}, false);
      return id;
    }
    const stored = this.backend.nodesByIds(kind, [node.id])[0];
    if (!stored) throw arrowlineError('E_OPTION_INVALID', `Cannot find the given id: ${node.id}`);
    checkUpdate(kind, stored, node.typeId, node.name);
    const type = this.backend.typesByIds(kind, [stored.typeId])[0]!;
    checkProperties(type, node.properties, node.customProperties);
    const mask = fieldMask && fieldMask.length > 0 ? checkFieldMask(fieldMask) : undefined;
    const pick = <K extends 'uri' | 'name' | 'externalId'>(field: K, path: string, storedValue: string | undefined): string | undefined =>
      mask ? (mask.fields.has(path) ? (node[field] as string | undefined) : storedValue) : (node[field] as string | undefined);
    const row = {
      typeId: stored.typeId,
      name: pick('name', 'name', stored.name) ?? stored.name,
      externalId: pick('externalId', 'external_id', stored.externalId),
      uri: kind === 'artifact' ? pick('uri', 'uri', stored.uri) : undefined,
      state: mask ? (mask.fields.has(kind === 'artifact' ? 'state' : 'last_known_state') ? state : stored.state) : state,
      updateTime: now,
    };
    if (row.externalId !== undefined && row.externalId !== stored.externalId && this.backend.externalIdTaken(kind, row.externalId, stored.id)) {
      throw arrowlineError('E_ALREADY_EXISTS', `Given node already exists: another ${kind} has external_id '${row.externalId}'`);
    }
    let properties = node.properties ?? {};
    let custom = node.customProperties ?? {};
    if (mask) {
      properties = { ...stored.properties };
      custom = { ...stored.customProperties };
      for (const p of mask.properties) {
        if (node.properties?.[p]) properties[p] = node.properties[p]!;
        else delete properties[p];
      }
      for (const p of mask.customProperties) {
        if (node.customProperties?.[p]) custom[p] = node.customProperties[p]!;
        else delete custom[p];
      }
    }
    const changed =
      row.name !== stored.name || row.externalId !== stored.externalId || row.uri !== stored.uri || row.state !== stored.state || !sameValues(properties, stored.properties) || !sameValues(custom, stored.customProperties);
    if (!changed) return stored.id;
    this.backend.updateNode(kind, stored.id, row);
    this.backend.writeProperties(kind, stored.id, false, properties, true);
    this.backend.writeProperties(kind, stored.id, true, custom, true);
    return stored.id;
  }

  private checkUnique(kind: TypeKind, type: StoredType, name: string | undefined, externalId: string | undefined): void {
    if (name && this.backend.nodeByTypeAndName(kind, type.id, name)) {
      throw arrowlineError('E_ALREADY_EXISTS', `Given node already exists: ${kind} name '${name}' is taken for type '${type.name}'`);
    }
    if (externalId !== undefined && this.backend.externalIdTaken(kind, externalId)) {
      throw arrowlineError('E_ALREADY_EXISTS', `Given node already exists: another ${kind} has external_id '${externalId}'`);
    }
  }

  putArtifacts(artifacts: readonly Artifact[], fieldMaskPaths?: readonly string[]): number[] {
    return this.run(true, () => artifacts.map((a) => this.upsertNode('artifact', a, fieldMaskPaths)));
  }

  putExecutions(executions: readonly Execution[], fieldMaskPaths?: readonly string[]): number[] {
    return this.run(true, () => executions.map((e) => this.upsertNode('execution', e, fieldMaskPaths)));
  }

  putContexts(contexts: readonly Context[], fieldMaskPaths?: readonly string[]): number[] {
    return this.run(true, () => contexts.map((c) => this.upsertNode('context', c, fieldMaskPaths)));
  }

  private insertEvent(e: MLMDEvent): number {
    if (e.artifactId === undefined) throw arrowlineError('E_OPTION_INVALID', 'No artifact id is specified.');
    if (e.executionId === undefined) throw arrowlineError('E_OPTION_INVALID', 'No execution id is specified.');
    if (!e.type || !(e.type in EventType)) throw arrowlineError('E_OPTION_INVALID', 'No event type is specified.');
    if (this.backend.nodesByIds('artifact', [e.artifactId]).length === 0) throw arrowlineError('E_OPTION_INVALID', `No artifact with the given id ${e.artifactId}`);
    if (this.backend.nodesByIds('execution', [e.executionId]).length === 0) throw arrowlineError('E_OPTION_INVALID', `No execution with the given id ${e.executionId}`);
    if (this.backend.eventExists(e.artifactId, e.executionId, e.type)) {
      throw arrowlineError('E_ALREADY_EXISTS', `Given event already exists: artifact ${e.artifactId}, execution ${e.executionId}, type ${EventType[e.type]}`);
    }
    return this.backend.insertEvent({ artifactId: e.artifactId, executionId: e.executionId, type: e.type, millisecondsSinceEpoch: e.millisecondsSinceEpoch ?? this.now(), path: e.path });
  }

  putEvents(events: readonly MLMDEvent[]): void {
    this.run(true, () => {
      for (const e of events) this.insertEvent(e);
    });
  }

  private linkContext(kind: 'artifact' | 'execution', id: number, contextId: number): void {
    if (this.backend.nodesByIds('context', [contextId]).length === 0) throw arrowlineError('E_OPTION_INVALID', `No context with the given id ${contextId}`);
    if (this.backend.nodesByIds(kind, [id]).length === 0) throw arrowlineError('E_OPTION_INVALID', `No ${kind} with the given id ${id}`);
    if (kind === 'artifact') this.backend.insertAttribution(id, contextId);
    else this.backend.insertAssociation(id, contextId);
  }

  putAttributionsAndAssociations(attributions: readonly Attribution[], associations: readonly Association[]): void {
    this.run(true, () => {
      for (const a of attributions) this.linkContext('artifact', a.artifactId, a.contextId);
      for (const a of associations) this.linkContext('execution', a.executionId, a.contextId);
    });
  }

  putParentContexts(parentContexts: readonly ParentContext[]): void {
    this.run(true, () => {
      for (const pc of parentContexts) {
        const ends = [...new Set([pc.childId, pc.parentId])];
        if (this.backend.nodesByIds('context', ends).length !== ends.length) {
          throw arrowlineError('E_OPTION_INVALID', `No context with the given id ${pc.childId} or ${pc.parentId}`);
        }
        if (this.backend.parentContextExists(pc.childId, pc.parentId)) throw arrowlineError('E_ALREADY_EXISTS', `Given parent context already exists: ${pc.childId} -> ${pc.parentId}`);
        // A cycle: the child is already an ancestor of the parent (or the same context).
        const seen = new Set<number>();
        const stack = [pc.parentId];
        while (stack.length > 0) {
          const c = stack.pop()!;
          if (c === pc.childId) throw arrowlineError('E_OPTION_INVALID', 'There is a cycle detected of the given relationship.');
          if (seen.has(c)) continue;
          seen.add(c);
          stack.push(...this.backend.parentIds(c));
        }
        this.backend.insertParentContext(pc.childId, pc.parentId);
      }
    });
  }

  /** Contexts for putExecution / putLineageSubgraph: existing (type, name) reused only when asked. */
  private upsertContexts(contexts: readonly Context[], options: PutExecutionOptions): number[] {
    return contexts.map((c) => {
      if (c.id !== undefined && options.forceReuseContext) {
        if (this.backend.nodesByIds('context', [c.id]).length === 0) throw arrowlineError('E_OPTION_INVALID', `Cannot find the given id: ${c.id}`);
        return c.id;
      }
      if (c.id === undefined && c.typeId !== undefined && c.name) {
        const existing = this.backend.nodeByTypeAndName('context', c.typeId, c.name);
        if (existing) {
          if (!options.reuseContextIfAlreadyExist) throw arrowlineError('E_ALREADY_EXISTS', `Given node already exists: context '${c.name}' (pass reuseContextIfAlreadyExist)`);
          return existing.id;
        }
      }
      return this.upsertNode('context', c, undefined);
    });
  }

  private upsertArtifactForExecution(a: Artifact, options: PutExecutionOptions): number {
    if (a.id === undefined && a.externalId !== undefined && options.reuseArtifactIfAlreadyExistByExternalId) {
      const existing = this.backend.nodesByExternalIds('artifact', [a.externalId])[0];
      if (existing) return existing.id;
    }
    return this.upsertNode('artifact', a, undefined);
  }

  /** One transaction: the execution, its artifacts and events, the contexts, attributions and associations. */
  putExecution(
    execution: Execution,
    artifactAndEvents: readonly { artifact: Artifact; event?: MLMDEvent }[],
    contexts: readonly Context[] = [],
    options: PutExecutionOptions = {},
  ): { executionId: number; artifactIds: number[]; contextIds: number[] } {
    return this.run(true, () => {
      const executionId = this.upsertNode('execution', execution, undefined);
      const artifactIds = artifactAndEvents.map(({ artifact }) => this.upsertArtifactForExecution(artifact, options));
      const contextIds = this.upsertContexts(contexts, options);
      artifactAndEvents.forEach(({ event }, i) => {
        if (!event) return;
        if (event.artifactId !== undefined && event.artifactId !== artifactIds[i]) throw arrowlineError('E_OPTION_INVALID', `The event's artifact_id ${event.artifactId} does not match the artifact ${artifactIds[i]}`);
        if (event.executionId !== undefined && event.executionId !== executionId) throw arrowlineError('E_OPTION_INVALID', `The event's execution_id ${event.executionId} does not match the execution ${executionId}`);
        this.insertEvent({ ...event, artifactId: artifactIds[i], executionId });
      });
      for (const contextId of contextIds) {
        this.backend.insertAssociation(executionId, contextId);
        for (const id of artifactIds) this.backend.insertAttribution(id, contextId);
      }
      return { executionId, artifactIds, contextIds };
    });
  }

  /** A whole subgraph in one transaction; edges name nodes by index into the arrays or by id in the event. */
  putLineageSubgraph(
    executions: readonly Execution[],
    artifacts: readonly Artifact[],
    contexts: readonly Context[],
    eventEdges: readonly EventEdge[],
    options: PutExecutionOptions = {},
  ): { executionIds: number[]; artifactIds: number[]; contextIds: number[] } {
    return this.run(true, () => {
      const executionIds = executions.map((e) => this.upsertNode('execution', e, undefined));
      const artifactIds = artifacts.map((a) => this.upsertArtifactForExecution(a, options));
      const contextIds = this.upsertContexts(contexts, options);
      for (const edge of eventEdges) {
        const resolve = (index: number | undefined, given: number | undefined, ids: number[], what: string) => {
          if (index !== undefined) {
            if (!Number.isInteger(index) || index < 0 || index >= ids.length) throw arrowlineError('E_OPTION_INVALID', `${what} index ${index} is out of range`);
            if (given !== undefined && given !== ids[index]) throw arrowlineError('E_OPTION_INVALID', `the event's ${what}_id ${given} does not match ${what} ${ids[index]}`);
            return ids[index]!;
          }
          if (given === undefined) throw arrowlineError('E_OPTION_INVALID', `an event edge needs a ${what} index or the event's ${what}_id`);
          return given;
        };
        const executionId = resolve(edge.executionIndex, edge.event.executionId, executionIds, 'execution');
        const artifactId = resolve(edge.artifactIndex, edge.event.artifactId, artifactIds, 'artifact');
        this.insertEvent({ ...edge.event, executionId, artifactId });
      }
      for (const contextId of contextIds) {
        for (const id of executionIds) this.backend.insertAssociation(id, contextId);
        for (const id of artifactIds) this.backend.insertAttribution(id, contextId);
      }
      return { executionIds, artifactIds, contextIds };
    });
  }

  // ---- node reads ----

  private byIds(kind: TypeKind, ids: readonly number[]): AnyNode[] {
    return this.run(false, () => this.backend.nodesByIds(kind, ids)).map((n) => toNode(kind, n));
  }
  getArtifactsByIds(ids: readonly number[]): Artifact[] {
    return this.byIds('artifact', ids);
  }
  getExecutionsByIds(ids: readonly number[]): Execution[] {
    return this.byIds('execution', ids);
  }
  getContextsByIds(ids: readonly number[]): Context[] {
    return this.byIds('context', ids);
  }

  private byType(kind: TypeKind, typeName: string, version?: string): AnyNode[] {
    return this.run(false, () => {
      const t = this.backend.findType(kind, typeName, version);
      return t ? this.backend.nodesByType(kind, t.id) : [];
    }).map((n) => toNode(kind, n));
  }
  getArtifactsByType(typeName: string, version?: string): Artifact[] {
    return this.byType('artifact', typeName, version);
  }
  getExecutionsByType(typeName: string, version?: string): Execution[] {
    return this.byType('execution', typeName, version);
  }
  getContextsByType(typeName: string, version?: string): Context[] {
    return this.byType('context', typeName, version);
  }

  private byTypeAndName(kind: TypeKind, typeName: string, name: string, version?: string): AnyNode | undefined {
    const n = this.run(false, () => {
      const t = this.backend.findType(kind, typeName, version);
      return t ? this.backend.nodeByTypeAndName(kind, t.id, name) : undefined;
    });
    return n ? toNode(kind, n) : undefined;
  }
  getArtifactByTypeAndName(typeName: string, name: string, version?: string): Artifact | undefined {
    return this.byTypeAndName('artifact', typeName, name, version);
  }
  getExecutionByTypeAndName(typeName: string, name: string, version?: string): Execution | undefined {
    return this.byTypeAndName('execution', typeName, name, version);
  }
  getContextByTypeAndName(typeName: string, name: string, version?: string): Context | undefined {
    return this.byTypeAndName('context', typeName, name, version);
  }

  getArtifactsByUri(uri: string): Artifact[] {
    return this.run(false, () => this.backend.artifactsByUri(uri)).map((n) => toNode('artifact', n));
  }
  getArtifactsByExternalIds(ids: readonly string[]): Artifact[] {
    return this.run(false, () => this.backend.nodesByExternalIds('artifact', ids)).map((n) => toNode('artifact', n));
  }
  getExecutionsByExternalIds(ids: readonly string[]): Execution[] {
    return this.run(false, () => this.backend.nodesByExternalIds('execution', ids)).map((n) => toNode('execution', n));
  }
  getContextsByExternalIds(ids: readonly string[]): Context[] {
    return this.run(false, () => this.backend.nodesByExternalIds('context', ids)).map((n) => toNode('context', n));
  }

  /** One page of nodes; `limit` (default 100, at most 100 per page) and a nextPageToken when more remain. */
  private list(kind: TypeKind, options: ListOptions, contextId?: number): Page<AnyNode> {
    const limit = options.limit ?? MAX_PAGE;
    if (!Number.isInteger(limit) || limit < 1) throw arrowlineError('E_OPTION_INVALID', `ListOptions.limit must be a positive integer, got ${limit}`);
    const pageSize = Math.min(limit, MAX_PAGE);
    const orderBy = options.orderBy ?? 'ID';
    const asc = options.isAsc ?? true;
    const filter = options.filterQuery ? parseFilter(options.filterQuery) : undefined;
    let after: { key: number; id: number } | undefined;
    if (options.pageToken) {
      try {
        const t = JSON.parse(Buffer.from(options.pageToken, 'base64url').toString('utf8')) as { k: number; i: number; o: string; a: boolean; f: string };
        if (t.o !== orderBy || t.a !== asc || t.f !== (options.filterQuery ?? '')) throw new Error('the page token was made for other list options');
        after = { key: t.k, id: t.i };
      } catch (err) {
        throw arrowlineError('E_OPTION_INVALID', `invalid page token: ${(err as Error).message}`);
      }
    }
    const rows = this.run(false, () => this.backend.listNodes(kind, { filter, orderBy, asc, limit: pageSize + 1, after, contextId }));
    const items = rows.slice(0, pageSize).map((n) => toNode(kind, n));
    const page: Page<AnyNode> = { items };
    if (rows.length > pageSize) {
      const last = rows[pageSize - 1]!;
      const key = orderBy === 'ID' ? last.id : orderBy === 'CREATE_TIME' ? last.createTime : last.updateTime;
      page.nextPageToken = Buffer.from(JSON.stringify({ k: key, i: last.id, o: orderBy, a: asc, f: options.filterQuery ?? '' }), 'utf8').toString('base64url');
    }
    return page;
  }

  /** Every node the options select, up to `limit`, following page tokens as MLMD's Python client does. */
  private listAll(kind: TypeKind, options: ListOptions, contextId?: number): AnyNode[] {
    const out: AnyNode[] = [];
    const limit = options.limit ?? Number.MAX_SAFE_INTEGER;
    let token = options.pageToken;
    for (;;) {
      const page = this.list(kind, { ...options, limit: Math.min(MAX_PAGE, limit - out.length), pageToken: token }, contextId);
      out.push(...page.items);
      if (!page.nextPageToken || out.length >= limit) return out;
      token = page.nextPageToken;
    }
  }

  getArtifacts(options: ListOptions = {}): Artifact[] {
    return this.listAll('artifact', options);
  }
  getExecutions(options: ListOptions = {}): Execution[] {
    return this.listAll('execution', options);
  }
  getContexts(options: ListOptions = {}): Context[] {
    return this.listAll('context', options);
  }
  listArtifacts(options: ListOptions = {}): Page<Artifact> {
    return this.list('artifact', options);
  }
  listExecutions(options: ListOptions = {}): Page<Execution> {
    return this.list('execution', options);
  }
  listContexts(options: ListOptions = {}): Page<Context> {
    return this.list('context', options);
  }
  getArtifactsByContext(contextId: number, options: ListOptions = {}): Artifact[] {
    return this.listAll('artifact', options, contextId);
  }
  getExecutionsByContext(contextId: number, options: ListOptions = {}): Execution[] {
    return this.listAll('execution', options, contextId);
  }

  getContextsByArtifact(artifactId: number): Context[] {
    return this.run(false, () => this.backend.nodesByIds('context', this.backend.attributionsOf([artifactId]).map((a) => a.contextId))).map((n) => toNode('context', n));
  }
  getContextsByExecution(executionId: number): Context[] {
    return this.run(false, () => this.backend.nodesByIds('context', this.backend.associationsOf([executionId]).map((a) => a.contextId))).map((n) => toNode('context', n));
  }
  getEventsByArtifactIds(ids: readonly number[]): MLMDEvent[] {
    return this.run(false, () => this.backend.eventsByArtifactIds(ids));
  }
  getEventsByExecutionIds(ids: readonly number[]): MLMDEvent[] {
    return this.run(false, () => this.backend.eventsByExecutionIds(ids));
  }
  getParentContextsByContext(contextId: number): Context[] {
    return this.run(false, () => this.backend.nodesByIds('context', this.backend.parentIds(contextId))).map((n) => toNode('context', n));
  }
  getChildrenContextsByContext(contextId: number): Context[] {
    return this.run(false, () => this.backend.nodesByIds('context', this.backend.childIds(contextId))).map((n) => toNode('context', n));
  }
  getAttributions(artifactIds: readonly number[]): Attribution[] {
    return this.run(false, () => this.backend.attributionsOf(artifactIds));
  }
  getAssociations(executionIds: readonly number[]): Association[] {
    return this.run(false, () => this.backend.associationsOf(executionIds));
  }

  /** MLMD's get_lineage_subgraph (reference/mlmd.md §4). */
  getLineageSubgraph(query: LineageSubgraphQuery): LineageGraph {
    return this.run(false, () => getLineageSubgraph(this, query));
  }

  /** The newest reusable execution for a cache key (see cache.ts), with its outputs by key. */
  findCachedExecution(key: string): CachedExecution | undefined {
    return findCachedExecution(this, key);
  }
}
