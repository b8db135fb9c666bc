/**
 * JSON and NDJSON into Arrow. A JSON file holds an array of objects; an NDJSON file one object
 * per line (blank lines skipped). Columns appear in order of first appearance; a key missing
 * from a row is null there. Types are inferred over every row, as TFDV types CSV columns
 * (DESIGN.md): booleans alone are bool; integers (bool mixed in as 0/1) are int64; any
 * fractional number makes the column float64; any string makes it utf8 (other values there
 * keep their JSON text); an array anywhere makes the column a list (a scalar elsewhere is a
 * list of one) whose item type is inferred the same way, to any depth. Objects are kept as their
 * JSON text (struct columns are out of scope). JSON itself has to become JS values to be read,
 * so this reader converts values in JS; the CSV reader is the native one.
 */
import { Bool, type DataType, Field, Float64, Int64, List, Null, Table, type Vector, vectorFromArray, Utf8 } from 'apache-arrow';

import { arrowlineError } from '../errors.js';

export type Inferred =
  | { kind: 'null' }
  | { kind: 'bool' }
  | { kind: 'int' }
  | { kind: 'float' }
  | { kind: 'string' }
  | { kind: 'list'; item: Inferred };

const NULL: Inferred = { kind: 'null' };
const RANK = { null: 0, bool: 1, int: 2, float: 3, string: 4 } as const;

export function inferValue(v: unknown): Inferred {
  if (v === null || v === undefined) return NULL;
  if (typeof v === 'boolean') return { kind: 'bool' };
  if (typeof v === 'number') return Number.isSafeInteger(v) ? { kind: 'int' } : { kind: 'float' };
  if (typeof v === 'string') return { kind: 'string' };
  if (Array.isArray(v)) {
    let item: Inferred = NULL;
    for (const x of v) item = widen(item, inferValue(x));
    return { kind: 'list', item };
  }
  return { kind: 'string' }; // an object: its JSON text
}

/** The narrowest type that holds values of both `a` and `b`. */
export function widen(a: Inferred, b: Inferred): Inferred {
  if (a.kind === 'null') return b;
  if (b.kind === 'null') return a;
  if (a.kind === 'list' || b.kind === 'list') {
    const ai = a.kind === 'list' ? a.item : a;
    const bi = b.kind === 'list' ? b.item : b;
    return { kind: 'list', item: widen(ai, bi) };
  }
  return RANK[a.kind] >= RANK[b.kind] ? a : b;
}

export function arrowType(t: Inferred): DataType {
  switch (t.kind) {
    case 'null':
      return new Null();
    case 'bool':
      return new Bool();
    case 'int':
      return new Int64();
    case 'float':
      return new Float64();
    case 'string':
      return new Utf8();
    case 'list':
      return new List(new Field('item', arrowType(t.item), true));
  }
}

function convert(v: unknown, t: Inferred): unknown {
  if (v === null || v === undefined) return null;
  switch (t.kind) {
    case 'null':
      return null;
    case 'bool':
      return v;
    case 'int':
      return typeof v === 'boolean' ? (v ? 1n : 0n) : BigInt(v as number);
    case 'float':
      return typeof v === 'boolean' ? (v ? 1 : 0) : v;
    case 'string':
      return typeof v === 'string' ? v : JSON.stringify(v);
    case 'list':
      return (Array.isArray(v) ? v : [v]).map((x) => convert(x, t.item));
  }
}

/** Column names (first appearance order) and their inferred types, folded over rows. */
export class JsonSchemaInference {
  readonly columns = new Map<string, Inferred>();

  add(row: Record<string, unknown>): void {
    for (const key of Object.keys(row)) this.columns.set(key, widen(this.columns.get(key) ?? NULL, inferValue(row[key])));
  }
}

/** An Arrow table of `rows` with the given column types (all columns of `types`, in order). */
export function rowsToTable(rows: readonly Record<string, unknown>[], types: ReadonlyMap<string, Inferred>, columns?: readonly string[]): Table {
  const vectors: Record<string, Vector> = {};
  for (const name of columns ?? [...types.keys()]) {
    const t = types.get(name) ?? NULL;
    const values = rows.map((r) => convert(Object.prototype.hasOwnProperty.call(r, name) ? r[name] : null, t));
    vectors[name] = t.kind === 'null' ? vectorFromArray(values, new Null()) : vectorFromArray(values, arrowType(t));
  }
  return new Table(vectors);
}

function lineAndColumn(text: string, pos: number): string {
  let line = 1;
  let start = 0;
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return `line ${line}, column ${pos - start + 1}`;
}

function parseError(path: string, text: string, err: unknown, lineOffset?: number): never {
  const message = (err as Error).message;
  const m = /position (\d+)/.exec(message);
  const where = lineOffset !== undefined ? `line ${lineOffset}${m ? `, column ${Number(m[1]) + 1}` : ''}` : m ? lineAndColumn(text, Number(m[1])) : 'unknown position';
  throw arrowlineError('E_INPUT_MALFORMED', `invalid JSON at ${where}: ${message}`, { file: path, cause: err });
}

function checkRow(path: string, row: unknown, where: string): Record<string, unknown> {
  if (row === null || typeof row !== 'object' || Array.isArray(row)) {
    throw arrowlineError('E_INPUT_MALFORMED', `${where} is not a JSON object (each row must be one)`, { file: path });
  }
  return row as Record<string, unknown>;
}

/** Whether `text` is NDJSON (one object per line) rather than one JSON array. */
export function isNdjson(text: string): boolean {
  const first = /\S/.exec(text);
  return first !== null && first[0] !== '[';
}

/** Every row of a JSON array or NDJSON text, each checked to be an object. */
export function parseJsonRows(path: string, text: string): Record<string, unknown>[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!/\S/.test(text)) return [];
  if (!isNdjson(text)) {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      parseError(path, text, err);
    }
    if (!Array.isArray(doc)) throw arrowlineError('E_INPUT_MALFORMED', 'a JSON data file must hold an array of objects (or one object per line, NDJSON)', { file: path });
    return doc.map((r, i) => checkRow(path, r, `row ${i + 1}`));
  }
  const rows: Record<string, unknown>[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    rows.push(parseNdjsonLine(path, line, i + 1));
  }
  return rows;
}

export function parseNdjsonLine(path: string, line: string, lineNumber: number): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch (err) {
    parseError(path, line, err, lineNumber);
  }
  return checkRow(path, v, `line ${lineNumber}`);
}

/** A JSON or NDJSON text as an Arrow table (optionally only `columns`, E_NOT_FOUND for a missing one). */
export function jsonToTable(path: string, text: string, columns?: readonly string[]): Table {
  const rows = parseJsonRows(path, text);
  const inference = new JsonSchemaInference();
  for (const r of rows) inference.add(r);
  if (columns) {
    for (const c of columns) {
      if (!inference.columns.has(c)) throw arrowlineError('E_NOT_FOUND', `no column '${c}' (columns: ${[...inference.columns.keys()].join(', ')})`, { file: path, column: c });
    }
  }
  return rowsToTable(rows, inference.columns, columns);
}
