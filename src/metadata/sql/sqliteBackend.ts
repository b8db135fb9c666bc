/**
 * The SQLite backend of the metadata store, through better-sqlite3: every SQL statement of
 * src/metadata lives in sql/ (this file, schemaDdl.ts, filterSql.ts), so a PostgreSQL backend is
 * a new file implementing the same methods. WAL journal, a busy timeout, `BEGIN IMMEDIATE` for
 * transactions that write (a deferred one that reads then writes fails at once under
 * contention), SQLITE_BUSY surfaced as E_STORE_BUSY for the store to retry, the schema version
 * in MLMDEnv and forward migrations on open.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import Database from 'better-sqlite3';

import { arrowlineError } from '../../errors.js';
import type { Expr } from '../filter.js';
import { type MLMDEvent, type OrderBy, type PathStep, type Properties, type PropertyType, type TypeKind, type Value } from '../model.js';
import { compileFilter, NODE_TABLE, PROPERTY_TABLE } from './filterSql.js';
import { CREATE_INDICES, CREATE_TABLES, MIGRATIONS, SCHEMA_VERSION } from './schemaDdl.js';

const KIND_NUMBER: Record<TypeKind, number> = { execution: 0, artifact: 1, context: 2 };

export interface StoredType {
  id: number;
  kind: TypeKind;
  name: string;
  version?: string;
  description?: string;
  externalId?: string;
  baseType?: number;
  properties: Record<string, PropertyType>;
}

export interface StoredNode {
  id: number;
  typeId: number;
  typeName: string;
  name?: string;
  externalId?: string;
  uri?: string;
  state?: number;
  createTime: number;
  updateTime: number;
  properties: Properties;
  customProperties: Properties;
}

/** The node columns a write sets (undefined: NULL). */
export interface NodeRow {
  typeId: number;
  name?: string;
  externalId?: string;
  uri?: string;
  state?: number;
  createTime: number;
  updateTime: number;
}

export interface ListQuery {
  filter?: Expr;
  orderBy: OrderBy;
  asc: boolean;
  limit: number;
  /** Keyset pagination: strictly after this (order value, id). */
  after?: { key: number; id: number };
  /** Only nodes linked to this context (attribution / association). */
  contextId?: number;
}

export interface OpenOptions {
  busyTimeoutMs?: number;
  /** Migrate an older database forward (default true); false: E_FAILED_PRECONDITION. */
  migrate?: boolean;
  readonly?: boolean;
}

type Row = Record<string, unknown>;

const ORDER_COLUMN: Record<OrderBy, string> = { CREATE_TIME: 'create_time_since_epoch', UPDATE_TIME: 'last_update_time_since_epoch', ID: 'id' };

function valueOf(r: Row): Value | undefined {
  if (r.int_value !== null && r.int_value !== undefined) return { intValue: Number(r.int_value) };
  if (r.double_value !== null && r.double_value !== undefined) return { doubleValue: Number(r.double_value) };
  if (r.string_value !== null && r.string_value !== undefined) return { stringValue: String(r.string_value) };
  if (r.bool_value !== null && r.bool_value !== undefined) return { boolValue: Boolean(r.bool_value) };
  if (r.byte_value !== null && r.byte_value !== undefined) return { structValue: JSON.parse(Buffer.from(r.byte_value as Uint8Array).toString('utf8')) };
  if (r.proto_value !== null && r.proto_value !== undefined) {
    const p = JSON.parse(Buffer.from(r.proto_value as Uint8Array).toString('utf8')) as { typeUrl: string; value: string };
    return { protoValue: { typeUrl: p.typeUrl, value: new Uint8Array(Buffer.from(p.value, 'base64')) } };
  }
  return undefined;
}

function valueColumns(v: Value): [number | null, number | null, string | null, Buffer | null, Buffer | null, number | null] {
  if ('intValue' in v) return [v.intValue, null, null, null, null, null];
  if ('doubleValue' in v) return [null, v.doubleValue, null, null, null, null];
  if ('stringValue' in v) return [null, null, v.stringValue, null, null, null];
  if ('boolValue' in v) return [null, null, null, null, null, v.boolValue ? 1 : 0];
  if ('structValue' in v) return [null, null, null, Buffer.from(JSON.stringify(v.structValue), 'utf8'), null, null];
  const p = v.protoValue;
  return [null, null, null, null, Buffer.from(JSON.stringify({ typeUrl: p.typeUrl, value: Buffer.from(p.value).toString('base64') }), 'utf8'), null];
}

function isBusy(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED';
}

export class SqliteBackend {
  private readonly db: Database.Database;
  private depth = 0;

  private constructor(db: Database.Database) {
    this.db = db;
  }

  /** Opens (creating when absent) the store at `path`; ':memory:' for an in-memory store. */
  static open(path: string, options: OpenOptions = {}): SqliteBackend {
    let db: Database.Database;
    try {
      if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true });
      db = new Database(path, { readonly: options.readonly ?? false, timeout: options.busyTimeoutMs ?? 5000 });
    } catch (err) {
      throw arrowlineError('E_NOT_FOUND', `cannot open the metadata store: ${(err as Error).message}`, { file: path, cause: err });
    }
    const backend = new SqliteBackend(db);
    try {
      if (path !== ':memory:' && !options.readonly) db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      backend.prepareSchema(options.migrate ?? true, path);
    } catch (err) {
      db.close();
      if (isBusy(err)) throw arrowlineError('E_STORE_BUSY', `the metadata store is busy: ${(err as Error).message}`, { file: path, cause: err });
      throw err;
    }
    return backend;
  }

  close(): void {
    this.db.close();
  }

  private prepareSchema(migrate: boolean, path: string): void {
    const hasEnv = () => this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'MLMDEnv'").get() !== undefined;
    if (!hasEnv()) {
      this.write(() => {
        // another process may have created the store while this one waited for the write lock
        if (hasEnv()) return;
        for (const sql of [...CREATE_TABLES, ...CREATE_INDICES]) this.db.exec(sql);
        this.db.prepare('INSERT INTO MLMDEnv (schema_version) VALUES (?)').run(SCHEMA_VERSION);
      });
      if (this.schemaVersion() === SCHEMA_VERSION) return;
    }
    const version = this.schemaVersion();
    if (version > SCHEMA_VERSION) {
      throw arrowlineError('E_FAILED_PRECONDITION', `the metadata store has schema version ${version}, newer than this arrowline's ${SCHEMA_VERSION}; upgrade arrowline`, { file: path });
    }
    if (version === SCHEMA_VERSION) return;
    if (!migrate) throw arrowlineError('E_FAILED_PRECONDITION', `Schema migration is disabled: the store has schema version ${version}, this arrowline needs ${SCHEMA_VERSION}`, { file: path });
    this.write(() => {
      for (let v = version; v < SCHEMA_VERSION; v++) {
        const steps = MIGRATIONS[v];
        if (!steps) throw arrowlineError('E_FAILED_PRECONDITION', `no migration from schema version ${v}`, { file: path });
        for (const sql of steps) this.db.exec(sql);
      }
      for (const sql of CREATE_INDICES) this.db.exec(sql);
      this.db.prepare('UPDATE MLMDEnv SET schema_version = ?').run(SCHEMA_VERSION);
    });
  }

  schemaVersion(): number {
    const r = this.db.prepare('SELECT MAX(schema_version) AS v FROM MLMDEnv').get() as { v: number | null };
    return r.v ?? 0;
  }

  /** Runs `fn` in one transaction: BEGIN IMMEDIATE (write) or a deferred read; nested calls join the outer one. */
  transaction<T>(fn: () => T, write: boolean): T {
    if (this.depth > 0) return fn();
    try {
      this.db.exec(write ? 'BEGIN IMMEDIATE' : 'BEGIN');
    } catch (err) {
      if (isBusy(err)) throw arrowlineError('E_STORE_BUSY', `the metadata store is busy: ${(err as Error).message}`, { cause: err });
      throw err;
    }
    this.depth++;
    try {
      const result = fn();
      this.db.exec('COMMIT');
      return result;
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      if (isBusy(err)) throw arrowlineError('E_STORE_BUSY', `the metadata store is busy: ${(err as Error).message}`, { cause: err });
      throw err;
    } finally {
      this.depth--;
    }
  }

  private write<T>(fn: () => T): T {
    return this.transaction(fn, true);
  }

  // ---- types ----

  private typeFromRow(r: Row, kind: TypeKind): StoredType {
    const props = this.db.prepare('SELECT name, data_type FROM TypeProperty WHERE type_id = ? ORDER BY name').all(r.id) as { name: string; data_type: number }[];
    const t: StoredType = { id: Number(r.id), kind, name: String(r.name), properties: Object.fromEntries(props.map((p) => [p.name, p.data_type as PropertyType])) };
    if (r.version !== null && r.version !== '') t.version = String(r.version);
    if (r.description !== null) t.description = String(r.description);
    if (r.external_id !== null && r.external_id !== undefined) t.externalId = String(r.external_id);
    if (r.base_type !== null && r.base_type !== undefined) t.baseType = Number(r.base_type);
    return t;
  }

  findType(kind: TypeKind, name: string, version?: string): StoredType | undefined {
    const r = (version
      ? this.db.prepare('SELECT * FROM Type WHERE type_kind = ? AND name = ? AND version = ?').get(KIND_NUMBER[kind], name, version)
      : this.db.prepare("SELECT * FROM Type WHERE type_kind = ? AND name = ? AND (version IS NULL OR version = '')").get(KIND_NUMBER[kind], name)) as Row | undefined;
    return r ? this.typeFromRow(r, kind) : undefined;
  }

  typesByIds(kind: TypeKind, ids: readonly number[]): StoredType[] {
    return ids.flatMap((id) => {
      const r = this.db.prepare('SELECT * FROM Type WHERE type_kind = ? AND id = ?').get(KIND_NUMBER[kind], id) as Row | undefined;
      return r ? [this.typeFromRow(r, kind)] : [];
    });
  }

  typesByExternalIds(kind: TypeKind, ids: readonly string[]): StoredType[] {
    return ids.flatMap((id) => {
      const r = this.db.prepare('SELECT * FROM Type WHERE type_kind = ? AND external_id = ?').get(KIND_NUMBER[kind], id) as Row | undefined;
      return r ? [this.typeFromRow(r, kind)] : [];
    });
  }

  allTypes(kind: TypeKind): StoredType[] {
    return (this.db.prepare('SELECT * FROM Type WHERE type_kind = ? ORDER BY id').all(KIND_NUMBER[kind]) as Row[]).map((r) => this.typeFromRow(r, kind));
  }

  insertType(kind: TypeKind, t: Omit<StoredType, 'id' | 'kind'>): number {
    const r = this.db
      .prepare('INSERT INTO Type (name, version, type_kind, description, external_id, base_type) VALUES (?, ?, ?, ?, ?, ?)')
      .run(t.name, t.version ?? null, KIND_NUMBER[kind], t.description ?? null, t.externalId ?? null, t.baseType ?? null);
    const id = Number(r.lastInsertRowid);
    this.addTypeProperties(id, t.properties);
    return id;
  }

  addTypeProperties(typeId: number, properties: Record<string, PropertyType>): void {
    const stmt = this.db.prepare('INSERT INTO TypeProperty (type_id, name, data_type) VALUES (?, ?, ?)');
    for (const [name, type] of Object.entries(properties)) stmt.run(typeId, name, type);
  }

  // ---- nodes ----

  private nodesFromRows(kind: TypeKind, rows: Row[]): StoredNode[] {
    if (rows.length === 0) return [];
    const [table, fk] = PROPERTY_TABLE[kind];
    const props = this.db.prepare(`SELECT * FROM ${table} WHERE ${fk} = ? ORDER BY name`);
    return rows.map((r) => {
      const n: StoredNode = {
        id: Number(r.id),
        typeId: Number(r.type_id),
        typeName: String(r.type_name),
        createTime: Number(r.create_time_since_epoch),
        updateTime: Number(r.last_update_time_since_epoch),
        properties: {},
        customProperties: {},
      };
      if (r.name !== null && r.name !== undefined) n.name = String(r.name);
      if (r.external_id !== null && r.external_id !== undefined) n.externalId = String(r.external_id);
      if (kind === 'artifact' && r.uri !== null) n.uri = String(r.uri);
      const state = kind === 'artifact' ? r.state : kind === 'execution' ? r.last_known_state : null;
      if (state !== null && state !== undefined) n.state = Number(state);
      for (const p of props.all(r.id) as Row[]) {
        const v = valueOf(p);
        if (v) (p.is_custom_property ? n.customProperties : n.properties)[String(p.name)] = v;
      }
      return n;
    });
  }

  private selectNodes(kind: TypeKind, where: string, params: unknown[], tail = 'ORDER BY n.id'): StoredNode[] {
    const rows = this.db.prepare(`SELECT n.*, tn.name AS type_name FROM ${NODE_TABLE[kind]} n JOIN Type tn ON tn.id = n.type_id WHERE ${where} ${tail}`).all(...params) as Row[];
    return this.nodesFromRows(kind, rows);
  }

  nodesByIds(kind: TypeKind, ids: readonly number[]): StoredNode[] {
    if (ids.length === 0) return [];
    const found = new Map(this.selectNodes(kind, `n.id IN (${ids.map(() => '?').join(', ')})`, [...ids]).map((n) => [n.id, n]));
    return ids.flatMap((id) => (found.has(id) ? [found.get(id)!] : []));
  }

  nodeByTypeAndName(kind: TypeKind, typeId: number, name: string): StoredNode | undefined {
    return this.selectNodes(kind, 'n.type_id = ? AND n.name = ?', [typeId, name])[0];
  }

  nodesByType(kind: TypeKind, typeId: number): StoredNode[] {
    return this.selectNodes(kind, 'n.type_id = ?', [typeId]);
  }

  nodesByExternalIds(kind: TypeKind, ids: readonly string[]): StoredNode[] {
    if (ids.length === 0) return [];
    return this.selectNodes(kind, `n.external_id IN (${ids.map(() => '?').join(', ')})`, [...ids]);
  }

  artifactsByUri(uri: string): StoredNode[] {
    return this.selectNodes('artifact', 'n.uri = ?', [uri]);
  }

  externalIdTaken(kind: TypeKind, externalId: string, exceptId?: number): boolean {
    return this.db.prepare(`SELECT 1 FROM ${NODE_TABLE[kind]} WHERE external_id = ? AND id IS NOT ?`).get(externalId, exceptId ?? null) !== undefined;
  }

  insertNode(kind: TypeKind, row: NodeRow): number {
    const table = NODE_TABLE[kind];
    const r =
      kind === 'artifact'
        ? this.db.prepare(`INSERT INTO ${table} (type_id, uri, state, name, external_id, create_time_since_epoch, last_update_time_since_epoch) VALUES (?, ?, ?, ?, ?, ?, ?)`)
            .run(row.typeId, row.uri ?? null, row.state ?? null, row.name ?? null, row.externalId ?? null, row.createTime, row.updateTime)
        : kind === 'execution'
          ? this.db.prepare(`INSERT INTO ${table} (type_id, last_known_state, name, external_id, create_time_since_epoch, last_update_time_since_epoch) VALUES (?, ?, ?, ?, ?, ?)`)
              .run(row.typeId, row.state ?? null, row.name ?? null, row.externalId ?? null, row.createTime, row.updateTime)
          : this.db.prepare(`INSERT INTO ${table} (type_id, name, external_id, create_time_since_epoch, last_update_time_since_epoch) VALUES (?, ?, ?, ?, ?)`)
              .run(row.typeId, row.name ?? null, row.externalId ?? null, row.createTime, row.updateTime);
    return Number(r.lastInsertRowid);
  }

  updateNode(kind: TypeKind, id: number, row: Omit<NodeRow, 'createTime'>): void {
    const table = NODE_TABLE[kind];
    if (kind === 'artifact') {
      this.db.prepare(`UPDATE ${table} SET uri = ?, state = ?, name = ?, external_id = ?, last_update_time_since_epoch = ? WHERE id = ?`).run(row.uri ?? null, row.state ?? null, row.name ?? null, row.externalId ?? null, row.updateTime, id);
    } else if (kind === 'execution') {
      this.db.prepare(`UPDATE ${table} SET last_known_state = ?, name = ?, external_id = ?, last_update_time_since_epoch = ? WHERE id = ?`).run(row.state ?? null, row.name ?? null, row.externalId ?? null, row.updateTime, id);
    } else {
      this.db.prepare(`UPDATE ${table} SET name = ?, external_id = ?, last_update_time_since_epoch = ? WHERE id = ?`).run(row.name ?? null, row.externalId ?? null, row.updateTime, id);
    }
  }

  /** Writes `props` (custom or declared) of node `id`; `replace` deletes the ones not given. */
  writeProperties(kind: TypeKind, id: number, custom: boolean, props: Properties, replace: boolean): void {
    const [table, fk] = PROPERTY_TABLE[kind];
    if (replace) this.db.prepare(`DELETE FROM ${table} WHERE ${fk} = ? AND is_custom_property = ?`).run(id, custom ? 1 : 0);
    const stmt = this.db.prepare(
      `INSERT OR REPLACE INTO ${table} (${fk}, name, is_custom_property, int_value, double_value, string_value, byte_value, proto_value, bool_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const [name, v] of Object.entries(props)) stmt.run(id, name, custom ? 1 : 0, ...valueColumns(v));
  }

  deleteProperty(kind: TypeKind, id: number, custom: boolean, name: string): void {
    const [table, fk] = PROPERTY_TABLE[kind];
    this.db.prepare(`DELETE FROM ${table} WHERE ${fk} = ? AND is_custom_property = ? AND name = ?`).run(id, custom ? 1 : 0, name);
  }

  listNodes(kind: TypeKind, q: ListQuery): StoredNode[] {
    const order = ORDER_COLUMN[q.orderBy];
    const joins: string[] = [];
    const params: unknown[] = [];
    const where: string[] = [];
    if (q.filter) {
      const f = compileFilter(q.filter, kind);
      joins.push(...f.joins);
      params.push(...f.joinParams);
      where.push(f.where);
      params.push(...f.whereParams);
    }
    if (q.contextId !== undefined) {
      if (kind === 'artifact') where.push('n.id IN (SELECT artifact_id FROM Attribution WHERE context_id = ?)');
      else if (kind === 'execution') where.push('n.id IN (SELECT execution_id FROM Association WHERE context_id = ?)');
      params.push(q.contextId);
    }
    if (q.after) {
      const cmp = q.asc ? '>' : '<';
      where.push(`(n.${order} ${cmp} ? OR (n.${order} = ? AND n.id ${cmp} ?))`);
      params.push(q.after.key, q.after.key, q.after.id);
    }
    const dir = q.asc ? 'ASC' : 'DESC';
    const sql = `SELECT DISTINCT n.*, tn.name AS type_name FROM ${NODE_TABLE[kind]} n JOIN Type tn ON tn.id = n.type_id ${joins.join(' ')}
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY n.${order} ${dir}, n.id ${dir} LIMIT ?`;
    params.push(q.limit);
    return this.nodesFromRows(kind, this.db.prepare(sql).all(...params) as Row[]);
  }

  // ---- edges ----

  eventExists(artifactId: number, executionId: number, type: number): boolean {
    return this.db.prepare('SELECT 1 FROM Event WHERE artifact_id = ? AND execution_id = ? AND type = ?').get(artifactId, executionId, type) !== undefined;
  }

  insertEvent(e: Required<Pick<MLMDEvent, 'artifactId' | 'executionId' | 'type' | 'millisecondsSinceEpoch'>> & { path?: { steps: PathStep[] } }): number {
    const r = this.db.prepare('INSERT INTO Event (artifact_id, execution_id, type, milliseconds_since_epoch) VALUES (?, ?, ?, ?)').run(e.artifactId, e.executionId, e.type, e.millisecondsSinceEpoch);
    const id = Number(r.lastInsertRowid);
    const step = this.db.prepare('INSERT INTO EventPath (event_id, is_index_step, step_index, step_key) VALUES (?, ?, ?, ?)');
    for (const s of e.path?.steps ?? []) {
      if ('index' in s) step.run(id, 1, s.index, null);
      else step.run(id, 0, null, s.key);
    }
    return id;
  }

  private eventsWhere(where: string, ids: readonly number[]): MLMDEvent[] {
    if (ids.length === 0) return [];
    const rows = this.db.prepare(`SELECT * FROM Event WHERE ${where} IN (${ids.map(() => '?').join(', ')}) ORDER BY id`).all(...ids) as Row[];
    const steps = this.db.prepare('SELECT * FROM EventPath WHERE event_id = ? ORDER BY rowid');
    return rows.map((r) => {
      const path = (steps.all(r.id) as Row[]).map((s): PathStep => (s.is_index_step ? { index: Number(s.step_index) } : { key: String(s.step_key) }));
      const e: MLMDEvent = { id: Number(r.id), artifactId: Number(r.artifact_id), executionId: Number(r.execution_id), type: Number(r.type), millisecondsSinceEpoch: Number(r.milliseconds_since_epoch) };
      if (path.length > 0) e.path = { steps: path };
      return e;
    });
  }

  eventsByArtifactIds(ids: readonly number[]): MLMDEvent[] {
    return this.eventsWhere('artifact_id', ids);
  }

  eventsByExecutionIds(ids: readonly number[]): MLMDEvent[] {
    return this.eventsWhere('execution_id', ids);
  }

  insertAttribution(artifactId: number, contextId: number): void {
    this.db.prepare('INSERT OR IGNORE INTO Attribution (context_id, artifact_id) VALUES (?, ?)').run(contextId, artifactId);
  }

  insertAssociation(executionId: number, contextId: number): void {
    this.db.prepare('INSERT OR IGNORE INTO Association (context_id, execution_id) VALUES (?, ?)').run(contextId, executionId);
  }

  attributionsOf(artifactIds: readonly number[]): { artifactId: number; contextId: number }[] {
    if (artifactIds.length === 0) return [];
    return (this.db.prepare(`SELECT artifact_id, context_id FROM Attribution WHERE artifact_id IN (${artifactIds.map(() => '?').join(', ')}) ORDER BY id`).all(...artifactIds) as Row[]).map((r) => ({
      artifactId: Number(r.artifact_id),
      contextId: Number(r.context_id),
    }));
  }

  associationsOf(executionIds: readonly number[]): { executionId: number; contextId: number }[] {
    if (executionIds.length === 0) return [];
    return (this.db.prepare(`SELECT execution_id, context_id FROM Association WHERE execution_id IN (${executionIds.map(() => '?').join(', ')}) ORDER BY id`).all(...executionIds) as Row[]).map((r) => ({
      executionId: Number(r.execution_id),
      contextId: Number(r.context_id),
    }));
  }

  parentContextExists(childId: number, parentId: number): boolean {
    return this.db.prepare('SELECT 1 FROM ParentContext WHERE context_id = ? AND parent_context_id = ?').get(childId, parentId) !== undefined;
  }

  insertParentContext(childId: number, parentId: number): void {
    this.db.prepare('INSERT INTO ParentContext (context_id, parent_context_id) VALUES (?, ?)').run(childId, parentId);
  }

  parentIds(contextId: number): number[] {
    return (this.db.prepare('SELECT parent_context_id AS id FROM ParentContext WHERE context_id = ? ORDER BY parent_context_id').all(contextId) as Row[]).map((r) => Number(r.id));
  }

  childIds(contextId: number): number[] {
    return (this.db.prepare('SELECT context_id AS id FROM ParentContext WHERE parent_context_id = ? ORDER BY context_id').all(contextId) as Row[]).map((r) => Number(r.id));
  }
}
