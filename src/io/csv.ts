/**
 * CSV and TSV through the addon's native reader (native/kernels/csv): RFC 4180 quoting, CRLF,
 * a UTF-8 BOM, custom delimiters, header or given column names, comment lines; typing as TFDV
 * (int64 < float64 < utf8 over every row, only an empty cell missing), with opt-in null tokens,
 * bool and timestamp inference and declared column types. Two passes over the bytes: the first
 * infers every column's type over all rows, the second writes Arrow buffers with those types,
 * so a column that looks like int64 for a million rows and then holds 0.5 loses nothing. Both
 * passes run on `threads` native threads. readCsvTable reads a whole file; readCsvBatches reads
 * bounded chunks (twice), so files larger than memory stream.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';

import { Binary, Bool, type DataType, Field, Float64, Int64, makeData, Null, RecordBatch, Schema, Struct, Table, TimestampMillisecond, Utf8 } from 'apache-arrow';

import { arrowlineError, withContext, withContextAsync } from '../errors.js';
import type { NativeCsvOptions, NativeCsvRequest, NativeCsvResult } from '../native/binding.js';
import { loadAddon } from '../native/loader.js';
import { ownedToData } from '../native/select.js';

export type CsvColumnType = 'null' | 'bool' | 'int64' | 'float64' | 'timestamp' | 'utf8' | 'binary';
const TYPE_CODES: Record<CsvColumnType, number> = { null: 0, bool: 1, int64: 2, float64: 3, timestamp: 4, utf8: 5, binary: 6 };
const TYPE_NAMES = Object.keys(TYPE_CODES) as CsvColumnType[];

export interface CsvReadOptions {
  /** Field delimiter, one ASCII character (default ',' for .csv, tab for .tsv). */
  delimiter?: string;
  /** Quote character (default '"'); null turns quoting off. */
  quote?: string | null;
  /** The first row names the columns (default true unless columnNames is given). */
  header?: boolean;
  /** Column names when the file has no header (TFDV's column_names). */
  columnNames?: string[];
  /** Lines starting with this character are skipped. */
  comment?: string;
  /** Cells equal to one of these are missing too (opt-in; the empty cell always is). */
  nullTokens?: string[];
  /** true/false (any case) columns become bool. */
  inferBool?: boolean;
  /** ISO 8601 date and date-time columns become timestamp[ms] (UTC). */
  inferTimestamp?: boolean;
  /** Declared types that override inference, by column name; a cell that does not fit is E_INPUT_MALFORMED. */
  columnTypes?: Record<string, CsvColumnType>;
  /** Declared types may name columns the file lacks (types from a schema); default: E_NOT_FOUND. */
  columnTypesMayBeAbsent?: boolean;
  /** Invalid UTF-8 is an error instead of making the column binary. */
  strict?: boolean;
  /** Rows with the wrong number of fields: 'error' (default), 'skip' them, or keep them as all-null rows ('null'). */
  onBadRow?: 'error' | 'skip' | 'null';
  /** Native threads (default 1). */
  threads?: number;
  /** Filled in: how many ragged rows were skipped or turned to nulls. */
  report?: { badRows: number; rows: number };
  /** Bytes read per chunk by readCsvBatches (default 16 MiB). */
  chunkBytes?: number;
}

function nativeOptions(o: CsvReadOptions, defaultDelimiter: string): NativeCsvOptions {
  const onBadRow = o.onBadRow ?? 'error';
  if (!['error', 'skip', 'null'].includes(onBadRow)) throw arrowlineError('E_OPTION_INVALID', `onBadRow must be error, skip or null, not '${onBadRow}'`);
  return {
    delimiter: o.delimiter ?? defaultDelimiter,
    quote: o.quote === undefined ? '"' : o.quote,
    comment: o.comment,
    nullTokens: o.nullTokens ?? [],
    inferBool: o.inferBool ?? false,
    inferTimestamp: o.inferTimestamp ?? false,
    strictUtf8: o.strict ?? false,
    onBadRow: onBadRow === 'error' ? 0 : onBadRow === 'skip' ? 1 : 2,
    threads: o.threads ?? 1,
  };
}

function arrowType(t: CsvColumnType): DataType {
  switch (t) {
    case 'null':
      return new Null();
    case 'bool':
      return new Bool();
    case 'int64':
      return new Int64();
    case 'float64':
      return new Float64();
    case 'timestamp':
      return new TimestampMillisecond();
    case 'utf8':
      return new Utf8();
    case 'binary':
      return new Binary();
  }
}

/** The column type a native inference mask allows (mirrors CsvTypeFromMask). */
export function typeFromMask(mask: number, anyValue: boolean): CsvColumnType {
  if (!anyValue) return 'null';
  const order: [number, CsvColumnType][] = [[1, 'bool'], [2, 'int64'], [4, 'float64'], [8, 'timestamp'], [16, 'utf8']];
  for (const [bit, t] of order) if (mask & bit) return t;
  return 'binary';
}

const BOM = [0xef, 0xbb, 0xbf];
const stripBom = (b: Uint8Array) => (b.length >= 3 && b[0] === BOM[0] && b[1] === BOM[1] && b[2] === BOM[2] ? b.subarray(3) : b);

function defaultNames(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `column_${i + 1}`);
}

/** Column names: the header's, the given ones, or column_1..N; duplicates are an error. */
function columnNames(header: string[] | undefined, o: CsvReadOptions, columns: number, path: string): string[] {
  const names = header ?? o.columnNames ?? defaultNames(Math.max(0, columns));
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw arrowlineError('E_INPUT_MALFORMED', `column name '${n}' appears twice in the header`, { file: path, column: n });
    seen.add(n);
  }
  return names;
}

/** Declared types by name, as type codes; a name the file lacks is E_NOT_FOUND unless allowed. */
function declaredTypes(o: CsvReadOptions, names: readonly string[] | undefined, path: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, t] of Object.entries(o.columnTypes ?? {})) {
    if (!(t in TYPE_CODES)) throw arrowlineError('E_OPTION_INVALID', `column '${name}': unknown type '${t}' (one of ${TYPE_NAMES.join(', ')})`, { column: name });
    if (names && !names.includes(name)) {
      if (o.columnTypesMayBeAbsent) continue;
      throw arrowlineError('E_NOT_FOUND', `a type is declared for column '${name}', which the file does not have (columns: ${names.join(', ')})`, { file: path, column: name });
    }
    out[name] = TYPE_CODES[t];
  }
  return out;
}

/** Column names and types from a finished inference, with declared types applied. */
function plan(inferred: NativeCsvResult, o: CsvReadOptions, path: string): { names: string[]; types: CsvColumnType[] } {
  const names = columnNames(inferred.header, o, inferred.columns, path);
  const types = names.map((_, i) => typeFromMask(inferred.masks?.[i] ?? 0, inferred.anyValue?.[i] ?? false));
  for (const [name, code] of Object.entries(declaredTypes(o, names, path))) types[names.indexOf(name)] = TYPE_NAMES[code]!;
  return { names, types };
}

function blocksToBatches(result: NativeCsvResult, schema: Schema): RecordBatch[] {
  return (result.blocks ?? []).map((b) => {
    const children = b.columns.map((c, i) => ownedToData(schema.fields[i]!.type, c));
    return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: b.rows, nullCount: 0, children }));
  });
}

function schemaOf(names: string[], types: CsvColumnType[]): Schema {
  return new Schema(names.map((n, i) => new Field(n, arrowType(types[i]!), true)));
}

function baseRequest(o: CsvReadOptions): { header: boolean; expectedColumns: number } {
  const header = o.header ?? o.columnNames === undefined;
  if (!header && o.columnNames === undefined) return { header, expectedColumns: -1 };
  return { header, expectedColumns: header ? -1 : o.columnNames!.length };
}

/** A whole CSV/TSV file as a table (one record batch per native parse block), in one native pass. */
export function readCsvTable(path: string, options: CsvReadOptions = {}, defaultDelimiter = ','): Table {
  const opts = nativeOptions(options, defaultDelimiter);
  return withContext({ file: path }, () => {
    const whole = Buffer.allocUnsafe(statSync(path).size);
    loadAddon().readFileInto(path, whole, opts.threads);
    const bytes = stripBom(whole);
    const base = baseRequest(options);
    const declared = declaredTypes(options, undefined, path);
    const r = loadAddon().csvScanSync(bytes, opts, { final: true, header: base.header, expectedColumns: base.expectedColumns, lineBase: 1, columnNames: options.columnNames, read: true, declaredTypes: declared });
    if (!base.header && r.columns < 0) return new Table();
    const names = columnNames(r.header, options, r.columns, path);
    declaredTypes(options, names, path); // a declared column the file lacks fails here
    const schema = schemaOf(names, (r.types ?? []).map((code) => TYPE_NAMES[code]!));
    if (options.report) Object.assign(options.report, { badRows: r.badRows, rows: r.rows });
    const batches = blocksToBatches(r, schema);
    return batches.length > 0 ? new Table(batches) : new Table(schema);
  });
}

/** Chunks of a file, each beginning with the bytes the previous scan did not consume. */
class ChunkReader {
  private fd: number;
  private carry: Uint8Array = new Uint8Array(0);
  private eof = false;
  private first = true;

  constructor(
    path: string,
    private readonly chunkBytes: number,
  ) {
    this.fd = openSync(path, 'r');
  }

  /** The next buffer to scan and whether it ends the file; undefined when everything is consumed. */
  next(): { bytes: Uint8Array; final: boolean } | undefined {
    if (this.eof && this.carry.length === 0) return undefined;
    let bytes: Uint8Array = this.carry;
    if (!this.eof) {
      const buf = Buffer.allocUnsafe(Math.max(this.chunkBytes, 1));
      const n = readSync(this.fd, buf, 0, buf.length, null);
      if (n < buf.length) this.eof = true;
      const fresh = buf.subarray(0, n);
      bytes = this.carry.length === 0 ? fresh : Buffer.concat([this.carry, fresh]);
    }
    if (this.first) {
      bytes = stripBom(bytes);
      this.first = false;
    }
    return { bytes, final: this.eof };
  }

  consumed(bytes: Uint8Array, n: number): void {
    this.carry = bytes.subarray(n);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** A CSV/TSV file as record batches of at most `batchSize` rows, in two streaming passes. */
export async function* readCsvBatches(path: string, options: CsvReadOptions = {}, batchSize = 65536, defaultDelimiter = ','): AsyncGenerator<RecordBatch> {
  const opts = nativeOptions(options, defaultDelimiter);
  const addon = loadAddon();
  const chunkBytes = options.chunkBytes ?? 16 << 20;
  const base = baseRequest(options);
  // pass 1: header, column count and types over every row
  let inferred: NativeCsvResult | undefined;
  const masks: number[] = [];
  const anyValue: boolean[] = [];
  let columns = base.expectedColumns;
  let header: string[] | undefined;
  {
    const reader = new ChunkReader(path, chunkBytes);
    let lineBase = 1;
    try {
      for (let c = reader.next(); c; c = reader.next()) {
        const wantHeader = base.header && header === undefined;
        const r = await withContextAsync({ file: path }, () => addon.csvScan(c!.bytes, opts, { final: c!.final, header: wantHeader, expectedColumns: columns, lineBase, columnNames: header ?? options.columnNames }));
        if (wantHeader && r.header && (r.header.length > 0 || c.final)) header = r.header;
        if (r.columns >= 0 && columns < 0 && (!base.header || header !== undefined)) columns = r.columns;
        r.masks?.forEach((m, i) => (masks[i] = (masks[i] ?? 0x3f) & m));
        r.anyValue?.forEach((a, i) => (anyValue[i] = (anyValue[i] ?? false) || a));
        lineBase += r.lines;
        reader.consumed(c.bytes, r.consumed);
        inferred = r;
        if (c.final) break;
      }
    } finally {
      reader.close();
    }
  }
  if (!inferred || (!base.header && columns < 0)) return;
  const { names, types } = plan({ ...inferred, header, columns, masks, anyValue }, options, path);
  const schema = schemaOf(names, types);
  const codes = types.map((t) => TYPE_CODES[t]);
  // pass 2: the same chunks, converted
  const reader = new ChunkReader(path, chunkBytes);
  let lineBase = 1;
  let headerDone = !base.header;
  let emitted = false;
  let badRows = 0;
  let rows = 0;
  try {
    for (let c = reader.next(); c; c = reader.next()) {
      const r = await withContextAsync({ file: path }, () => addon.csvScan(c!.bytes, opts, { final: c!.final, header: !headerDone, expectedColumns: names.length, lineBase, columnNames: names }, codes));
      if (!headerDone && (r.header?.length ?? 0) > 0) headerDone = true;
      lineBase += r.lines;
      badRows += r.badRows;
      rows += r.rows;
      reader.consumed(c.bytes, r.consumed);
      for (const batch of blocksToBatches(r, schema)) {
        for (let start = 0; start < batch.numRows; start += batchSize) {
          emitted = true;
          yield batch.numRows <= batchSize ? batch : batch.slice(start, Math.min(batch.numRows, start + batchSize));
          if (batch.numRows <= batchSize) break;
        }
      }
      if (c.final) break;
    }
  } finally {
    reader.close();
  }
  if (options.report) Object.assign(options.report, { badRows, rows });
  if (!emitted) yield new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: 0, nullCount: 0, children: schema.fields.map((f) => makeData({ type: f.type, length: 0, nullCount: 0 } as never)) }));
}
