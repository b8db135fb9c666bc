/**
 * readTable(path): a data file -> apache-arrow Table. Arrow IPC (file or stream format:
 * .arrow, .arrows, .feather, .ipc) is read now, zero copy from the file's bytes; CSV, JSON and
 * Parquet readers arrive with the ingestion issue and are refused with E_UNSUPPORTED_TYPE
 * until then.
 */
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';

import { type Table, tableFromIPC } from 'apache-arrow';

import { arrowlineError } from '../errors.js';

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
}

export function readTable(path: string, options: ReadOptions = {}): Table {
  const format = options.format ?? formatFromPath(path);
  try {
    if (!statSync(path).isFile()) throw arrowlineError('E_NOT_FOUND', 'not a file', { file: path });
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') throw arrowlineError('E_NOT_FOUND', 'no such file', { file: path, cause: err });
    throw err;
  }
  if (format !== 'arrow') {
    throw arrowlineError('E_UNSUPPORTED_TYPE', `reading ${format} is not available yet (Arrow IPC is; the ${format} reader comes with the ingestion issue)`, { file: path });
  }
  try {
    return tableFromIPC(readFileSync(path));
  } catch (err) {
    throw arrowlineError('E_INPUT_MALFORMED', `not a valid Arrow IPC file or stream: ${(err as Error).message}`, { file: path, cause: err });
  }
}
