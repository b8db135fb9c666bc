/**
 * readTable(path): a data file -> apache-arrow Table. Arrow IPC (file or stream format:
 * .arrow, .arrows, .feather, .ipc), zero copy from the file's bytes, and Parquet through
 * parquet-wasm (which hands back Arrow IPC), with column projection; JSON arrays of objects and
 * NDJSON (src/io/json.ts). readBatches (src/io/readBatches.ts) is the streaming form.
 */
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';

import { type Table, tableFromIPC } from 'apache-arrow';
import { readParquet } from 'parquet-wasm';

import { arrowlineError } from '../errors.js';
import { type CsvReadOptions, readCsvTable } from './csv.js';
import { jsonToTable } from './json.js';

export type DataFormat = 'arrow' | 'csv' | 'tsv' | 'json' | 'parquet';

const BY_EXTENSION: Record<string, DataFormat> = {
  '.arrow': 'arrow',
  '.arrows': 'arrow',
  '.feather': 'arrow',
  '.ipc': 'arrow',
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.json': 'json',
  '.ndjson': 'json',
  '.jsonl': 'json',
  '.parquet': 'parquet',
};

export function formatFromPath(path: string): DataFormat {
  const format = BY_EXTENSION[extname(path).toLowerCase()];
  if (!format) {
    throw arrowlineError('E_OPTION_INVALID', `cannot tell the data format from the extension (expected one of ${Object.keys(BY_EXTENSION).join(', ')}; or pass --format)`, { file: path });
  }
  return format;
}

export interface ReadOptions {
  format?: DataFormat;
  /** CSV/TSV reader options (delimiter, header, column names, null tokens, declared types, ...). */
  csv?: CsvReadOptions;
  /** Read only these columns (Parquet and Arrow IPC); a name that is not in the file is E_NOT_FOUND. */
  columns?: string[];
}

/** Throws E_NOT_FOUND unless `path` is a regular file. */
export function checkFile(path: string): void {
  try {
    if (!statSync(path).isFile()) throw arrowlineError('E_NOT_FOUND', 'not a file', { file: path });
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') throw arrowlineError('E_NOT_FOUND', 'no such file', { file: path, cause: err });
    throw err;
  }
}

export function readTable(path: string, options: ReadOptions = {}): Table {
  const format = options.format ?? formatFromPath(path);
  checkFile(path);
  let table: Table;
  if (format === 'arrow') {
    try {
      table = tableFromIPC(readFileSync(path));
    } catch (err) {
      throw arrowlineError('E_INPUT_MALFORMED', `not a valid Arrow IPC file or stream: ${(err as Error).message}`, { file: path, cause: err });
    }
  } else if (format === 'parquet') {
    table = readParquetFile(path, options.columns);
  } else if (format === 'json') {
    return jsonToTable(path, readFileSync(path, 'utf8'), options.columns);
  } else {
    table = readCsvTable(path, options.csv, format === 'tsv' ? '\t' : ',');
  }
  return options.columns ? project(table, options.columns, path) : table;
}

export function project(table: Table, columns: string[], path: string): Table {
  const names = table.schema.fields.map((f) => f.name);
  for (const c of columns) {
    if (!names.includes(c)) throw arrowlineError('E_NOT_FOUND', `no column '${c}' (columns: ${names.join(', ')})`, { file: path, column: c });
  }
  return table.select(columns);
}

function readParquetFile(path: string, columns?: string[]): Table {
  const bytes = readFileSync(path);
  try {
    const wasmTable = readParquet(bytes, columns ? { columns } : undefined);
    return tableFromIPC(wasmTable.intoIPCStream());
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (columns && /column|field|schema/i.test(message)) {
      throw arrowlineError('E_NOT_FOUND', `cannot project columns ${columns.join(', ')}: ${message}`, { file: path, cause: err });
    }
    throw arrowlineError('E_INPUT_MALFORMED', `not a valid Parquet file: ${message}`, { file: path, cause: err });
  }
}
