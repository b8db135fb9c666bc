/**
 * readBatches(path, options): the streaming form of readTable. Yields record batches of at most
 * `batchSize` rows (default 65536) so that a file larger than memory is processed batch by batch:
 * Arrow IPC through a file handle (file and stream formats; batches are read as they are
 * needed), Parquet through a file-backed Blob (parquet-wasm reads row groups as it goes, with
 * column projection), NDJSON in two passes over the file (the first infers the column types
 * over every row, the second converts `batchSize` lines at a time). A JSON array is one
 * document, so it is parsed whole and then sliced.
 */
import { createReadStream, openAsBlob } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';

import { type RecordBatch, RecordBatchReader, Table, tableFromIPC } from 'apache-arrow';
import { ParquetFile } from 'parquet-wasm';

import { arrowlineError } from '../errors.js';
import { readCsvBatches } from './csv.js';
import { isNdjson, jsonToTable, JsonSchemaInference, parseNdjsonLine, rowsToTable } from './json.js';
import { checkFile, formatFromPath, project, type ReadOptions } from './readTable.js';

export interface ReadBatchesOptions extends ReadOptions {
  /** Most rows per batch (default 65536). */
  batchSize?: number;
}

export const DEFAULT_BATCH_SIZE = 65536;

function* sliceBatch(batch: RecordBatch, size: number): Generator<RecordBatch> {
  if (batch.numRows <= size) {
    yield batch;
    return;
  }
  for (let start = 0; start < batch.numRows; start += size) yield batch.slice(start, Math.min(batch.numRows, start + size));
}

function* tableBatches(table: Table, size: number): Generator<RecordBatch> {
  for (const b of table.batches) yield* sliceBatch(b, size);
}

async function* arrowBatches(path: string, size: number, columns?: string[]): AsyncGenerator<RecordBatch> {
  const handle = await open(path, 'r');
  try {
    let reader;
    try {
      reader = await RecordBatchReader.from(handle);
      await reader.open();
    } catch (err) {
      throw arrowlineError('E_INPUT_MALFORMED', `not a valid Arrow IPC file or stream: ${(err as Error).message}`, { file: path, cause: err });
    }
    for await (const batch of reader) {
      const b = columns ? project(tableOf(batch), columns, path).batches[0]! : batch;
      yield* sliceBatch(b, size);
    }
  } finally {
    await handle.close();
  }
}

function tableOf(batch: RecordBatch): Table {
  return new Table([batch]);
}

async function* parquetBatches(path: string, size: number, columns?: string[]): AsyncGenerator<RecordBatch> {
  let file: ParquetFile;
  try {
    file = await ParquetFile.fromFile(await openAsBlob(path));
  } catch (err) {
    throw arrowlineError('E_INPUT_MALFORMED', `not a valid Parquet file: ${(err as Error).message}`, { file: path, cause: err });
  }
  try {
    const groups = file.metadata().numRowGroups();
    for (let g = 0; g < groups; g++) {
      let table: Table;
      try {
        table = tableFromIPC((await file.read({ rowGroups: [g], batchSize: size, ...(columns ? { columns } : {}) })).intoIPCStream());
      } catch (err) {
        const message = (err as Error).message;
        if (columns && /column|field|schema/i.test(message)) throw arrowlineError('E_NOT_FOUND', `cannot project columns ${columns.join(', ')}: ${message}`, { file: path, cause: err });
        throw arrowlineError('E_INPUT_MALFORMED', `not a valid Parquet file: ${message}`, { file: path, cause: err });
      }
      yield* tableBatches(table, size);
    }
  } finally {
    file.free();
  }
}

async function* ndjsonLines(path: string): AsyncGenerator<[string, number]> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const raw of lines) {
    n++;
    const line = (n === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw).trim();
    if (line !== '') yield [line, n];
  }
}

async function* ndjsonBatches(path: string, size: number, columns?: string[]): AsyncGenerator<RecordBatch> {
  const inference = new JsonSchemaInference();
  for await (const [line, n] of ndjsonLines(path)) inference.add(parseNdjsonLine(path, line, n));
  if (columns) {
    for (const c of columns) {
      if (!inference.columns.has(c)) throw arrowlineError('E_NOT_FOUND', `no column '${c}' (columns: ${[...inference.columns.keys()].join(', ')})`, { file: path, column: c });
    }
  }
  let rows: Record<string, unknown>[] = [];
  for await (const [line, n] of ndjsonLines(path)) {
    rows.push(parseNdjsonLine(path, line, n));
    if (rows.length === size) {
      yield* rowsToTable(rows, inference.columns, columns).batches;
      rows = [];
    }
  }
  if (rows.length > 0) yield* rowsToTable(rows, inference.columns, columns).batches;
}

async function* jsonBatches(path: string, size: number, columns?: string[]): AsyncGenerator<RecordBatch> {
  const head = await readHead(path);
  if (isNdjson(head)) {
    yield* ndjsonBatches(path, size, columns);
    return;
  }
  yield* tableBatches(jsonToTable(path, await readFile(path, 'utf8'), columns), size);
}

async function readHead(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '');
  } finally {
    await handle.close();
  }
}

export async function* readBatches(path: string, options: ReadBatchesOptions = {}): AsyncGenerator<RecordBatch> {
  const size = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(size) || size < 1) throw arrowlineError('E_OPTION_INVALID', `batchSize must be a positive integer, got ${size}`);
  const format = options.format ?? formatFromPath(path);
  checkFile(path);
  if (format === 'arrow') yield* arrowBatches(path, size, options.columns);
  else if (format === 'parquet') yield* parquetBatches(path, size, options.columns);
  else if (format === 'json') yield* jsonBatches(path, size, options.columns);
  else {
    for await (const batch of readCsvBatches(path, options.csv, size, format === 'tsv' ? '\t' : ',')) {
      yield options.columns ? project(tableOf(batch), options.columns, path).batches[0]! : batch;
    }
  }
}
