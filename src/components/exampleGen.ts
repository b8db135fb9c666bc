/**
 * ExampleGen as a function: input files (glob patterns) -> the Examples artifact of DESIGN.md,
 * `Split-<name>/part-NNNNN.arrow` (Arrow IPC files) plus `summary.json`. Rows are split
 * deterministically as TFX's ExampleGen does, by hash buckets: each row's hash (the addon's
 * row hash over a key column, or over the whole row) modulo the total bucket count picks the
 * split, so the same row lands in the same split on every run, whatever the batch sizes or file
 * order. Default: train 2, eval 1. Pre-split inputs (one pattern per split) are copied as they
 * are. The directory appears complete or not at all (written in a staging directory, then
 * renamed); input files are read batch by batch, so memory stays bounded by the batch size.
 */
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { type RecordBatch, type Schema, Table, tableFromIPC } from 'apache-arrow';

import { arrowlineError } from '../errors.js';
import { writeDirectoryAtomic, writeFileAtomic } from '../io/atomicWrite.js';
import { fingerprintPaths } from '../io/fingerprint.js';
import { expandGlobs } from '../io/glob.js';
import { IpcFileSink } from '../io/ipcSink.js';
import { readBatches } from '../io/readBatches.js';
import type { DataFormat } from '../io/readTable.js';
import { hashSplitRows, takeBatch } from '../native/index.js';
import { arrowlineVersion } from '../util/version.js';

export interface SplitSpec {
  name: string;
  /** Share of the hash buckets (TFX's hash_buckets): train 2, eval 1 splits 2:1. */
  hashBuckets: number;
}

export interface ExampleGenOptions {
  /** Input files or glob patterns (`data/*.parquet`, `logs/**\/*.ndjson`). */
  input?: string | readonly string[];
  /** Pre-split inputs instead: one pattern (or several) per split name; no hashing. */
  inputSplits?: Readonly<Record<string, string | readonly string[]>>;
  /** Where the Examples artifact goes (created; must be absent or empty unless `overwrite`). */
  outputDir: string;
  /** Splits and their bucket shares (default train 2, eval 1). */
  splits?: readonly SplitSpec[];
  /** Column(s) whose values decide the split (default: the whole row). */
  splitKey?: string | readonly string[];
  /** Rows per output shard (default 1,000,000). */
  rowsPerShard?: number;
  /** Rows per batch read (default 65536). */
  batchSize?: number;
  format?: DataFormat;
  /** Keep only these columns. */
  columns?: string[];
  overwrite?: boolean;
  /** Relative patterns resolve against this directory (default: the working directory). */
  cwd?: string;
}

export interface SplitSummary {
  name: string;
  rows: number;
  /** Shard paths relative to the artifact directory. */
  shards: string[];
}

export interface ExamplesSummary {
  format: 'arrowline.examples.v1';
  splits: SplitSummary[];
  numRows: number;
  inputs: { path: string; bytes: number }[];
  /** sha256 over the input files' contents, in input order. */
  inputFingerprint: string;
  splitConfig: { mode: 'hash'; key: string[] | null; buckets: SplitSpec[] } | { mode: 'presplit'; patterns: Record<string, string[]> };
  schema: { name: string; type: string; nullable: boolean }[];
  createdBy: string;
}

export const DEFAULT_SPLITS: readonly SplitSpec[] = [
  { name: 'train', hashBuckets: 2 },
  { name: 'eval', hashBuckets: 1 },
];

const list = (x: string | readonly string[] | undefined): string[] => (x === undefined ? [] : typeof x === 'string' ? [x] : [...x]);

function checkSplits(splits: readonly SplitSpec[]): void {
  if (splits.length === 0) throw arrowlineError('E_OPTION_INVALID', 'ExampleGen needs at least one split');
  const names = new Set<string>();
  for (const s of splits) {
    if (!/^[A-Za-z0-9_.-]+$/.test(s.name)) throw arrowlineError('E_OPTION_INVALID', `split name '${s.name}' must be letters, digits, '_', '.' or '-'`);
    if (names.has(s.name)) throw arrowlineError('E_OPTION_INVALID', `split '${s.name}' is named twice`);
    names.add(s.name);
    if (!Number.isInteger(s.hashBuckets) || s.hashBuckets < 1) throw arrowlineError('E_OPTION_INVALID', `split '${s.name}': hashBuckets must be a positive integer, got ${s.hashBuckets}`);
  }
}

const schemaText = (s: Schema) => s.fields.map((f) => `${f.name}: ${String(f.type)}`).join(', ');

/** The shards of one split, rolled every `rowsPerShard` rows. */
class SplitWriter {
  readonly shards: string[] = [];
  rows = 0;
  private sink: IpcFileSink | undefined;

  constructor(
    private readonly dir: string,
    readonly name: string,
    private readonly schema: Schema,
    private readonly rowsPerShard: number,
  ) {}

  private open(): IpcFileSink {
    const rel = `Split-${this.name}/part-${String(this.shards.length).padStart(5, '0')}.arrow`;
    this.shards.push(rel);
    mkdirSync(dirname(join(this.dir, rel)), { recursive: true });
    this.sink = new IpcFileSink(join(this.dir, rel), this.schema);
    return this.sink;
  }

  async write(batch: RecordBatch): Promise<void> {
    let start = 0;
    while (start < batch.numRows) {
      let sink = this.sink ?? this.open();
      if (sink.rows >= this.rowsPerShard) {
        await sink.close();
        sink = this.open();
      }
      const take = Math.min(batch.numRows - start, this.rowsPerShard - sink.rows);
      sink.write(start === 0 && take === batch.numRows ? batch : batch.slice(start, start + take));
      start += take;
      this.rows += take;
    }
  }

  async close(): Promise<void> {
    (this.sink ?? this.open()); // an empty split still gets one (empty) shard with the schema
    await this.sink!.close();
  }
}

export async function exampleGen(options: ExampleGenOptions): Promise<ExamplesSummary> {
  const hashMode = options.inputSplits === undefined;
  if (hashMode === (options.input === undefined)) throw arrowlineError('E_OPTION_INVALID', 'ExampleGen takes either input (to split by hash) or inputSplits (pre-split), not both or neither');
  const rowsPerShard = options.rowsPerShard ?? 1_000_000;
  if (!Number.isInteger(rowsPerShard) || rowsPerShard < 1) throw arrowlineError('E_OPTION_INVALID', `rowsPerShard must be a positive integer, got ${rowsPerShard}`);
  const splits = hashMode ? [...(options.splits ?? DEFAULT_SPLITS)] : Object.keys(options.inputSplits!).map((name) => ({ name, hashBuckets: 1 }));
  checkSplits(splits);
  const key = list(options.splitKey);
  const presplit: Record<string, string[]> = {};
  const files = hashMode ? expandGlobs(list(options.input), options.cwd) : [];
  if (!hashMode) {
    for (const [name, patterns] of Object.entries(options.inputSplits!)) {
      presplit[name] = expandGlobs(list(patterns), options.cwd);
      files.push(...presplit[name]!);
    }
  }
  const bounds: number[] = [];
  for (const s of splits) bounds.push((bounds.at(-1) ?? 0) + s.hashBuckets);

  return writeDirectoryAtomic(
    options.outputDir,
    async (staging) => {
      let schema: Schema | undefined;
      let schemaFile = '';
      let writers: Map<string, SplitWriter> | undefined;
      const writersFor = (s: Schema) => (writers ??= new Map(splits.map((sp) => [sp.name, new SplitWriter(staging, sp.name, s, rowsPerShard)])));
      const consume = async (file: string, route: (batch: RecordBatch, w: Map<string, SplitWriter>) => Promise<void>) => {
        for await (const batch of readBatches(file, { batchSize: options.batchSize, format: options.format, columns: options.columns })) {
          if (!schema) {
            schema = batch.schema;
            schemaFile = file;
          } else if (schemaText(batch.schema) !== schemaText(schema)) {
            throw arrowlineError('E_SCHEMA_MISMATCH', `its columns (${schemaText(batch.schema)}) differ from those of ${schemaFile} (${schemaText(schema)})`, { file });
          }
          await route(batch, writersFor(schema));
        }
      };
      if (hashMode) {
        for (const file of files) {
          await consume(file, async (batch, w) => {
            const rows = hashSplitRows(batch, bounds, key.length > 0 ? key : undefined);
            for (let s = 0; s < splits.length; s++) {
              if (rows[s]!.length > 0) await w.get(splits[s]!.name)!.write(takeBatch(batch, rows[s]!));
            }
          });
        }
      } else {
        for (const [name, splitFiles] of Object.entries(presplit)) {
          for (const file of splitFiles) await consume(file, (batch, w) => w.get(name)!.write(batch));
        }
      }
      if (!schema) throw arrowlineError('E_INPUT_MALFORMED', 'the inputs hold no record batch to take columns from', { file: files[0] });
      for (const w of writers!.values()) await w.close();
      const summary: ExamplesSummary = {
        format: 'arrowline.examples.v1',
        splits: [...writers!.values()].map((w) => ({ name: w.name, rows: w.rows, shards: w.shards })),
        numRows: [...writers!.values()].reduce((n, w) => n + w.rows, 0),
        inputs: files.map((f) => ({ path: f, bytes: statSync(f).size })),
        inputFingerprint: fingerprintPaths(files),
        splitConfig: hashMode ? { mode: 'hash', key: key.length > 0 ? key : null, buckets: splits } : { mode: 'presplit', patterns: Object.fromEntries(Object.entries(options.inputSplits!).map(([k, v]) => [k, list(v)])) },
        schema: schema.fields.map((f) => ({ name: f.name, type: String(f.type), nullable: f.nullable })),
        createdBy: `arrowline ${arrowlineVersion()}`,
      };
      writeFileAtomic(join(staging, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
      return summary;
    },
    { overwrite: options.overwrite },
  );
}

/** The summary.json of an Examples artifact directory. */
export function readExamplesSummary(dir: string): ExamplesSummary {
  let text: string;
  try {
    text = readFileSync(join(dir, 'summary.json'), 'utf8');
  } catch (err) {
    throw arrowlineError('E_NOT_FOUND', 'not an Examples artifact (no summary.json)', { file: dir, cause: err });
  }
  try {
    return JSON.parse(text) as ExamplesSummary;
  } catch (err) {
    throw arrowlineError('E_INPUT_MALFORMED', `summary.json does not parse: ${(err as Error).message}`, { file: join(dir, 'summary.json'), cause: err });
  }
}

/** One split of an Examples artifact as a table (its shards in order). */
export function readSplit(dir: string, split: string): Table {
  const shardDir = join(dir, `Split-${split}`);
  let names: string[];
  try {
    names = readdirSync(shardDir).filter((n) => /^part-\d+\.arrow$/.test(n)).sort();
  } catch (err) {
    throw arrowlineError('E_NOT_FOUND', `no split '${split}' in this Examples artifact`, { file: dir, cause: err });
  }
  const tables = names.map((n) => tableFromIPC(readFileSync(join(shardDir, n))));
  return tables.length === 1 ? tables[0]! : new Table(tables.flatMap((t) => t.batches));
}
