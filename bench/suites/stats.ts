/**
 * Full dataset statistics, arrowline against its peers on the same rows in the same run:
 * arrowline (1 and 2 threads); DuckDB SUMMARIZE and an equivalent aggregate query (with
 * approximate quantiles, distinct counts and top-k) over the rows loaded from Parquet;
 * Polars describe() + n_unique + value_counts; arquero; a plain JS loop (moments only, numeric
 * columns only); and the memory-bandwidth floor over the same number of bytes.
 * Data: vega-datasets' flights-3m.parquet (real), and a generated table (BENCH_ROWS, default
 * 2,000,000; the issue's 10,000,000 with BENCH_ROWS=10000000) of 4 float64 (one with nulls, one
 * with NaN), 3 int32 of cardinality 10 / 1000 / 1e6, 3 strings of ~50 / 10,000 / one-per-row
 * distinct values and a bool.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import * as A from 'apache-arrow';
import { Table as WasmTable, writeParquet } from 'parquet-wasm';

import { readTable } from '../../src/io/readTable.js';
import { bandwidthPass } from '../../src/native/index.js';
import { computeStatistics } from '../../src/stats/index.js';
import { arqueroPeer } from '../baselines/arquero.js';
import { duckdbPeer } from '../baselines/duckdb.js';
import { jsLoopPeer } from '../baselines/jsLoop.js';
import { polarsPeer } from '../baselines/polars.js';
import { type AsyncBenchCase, runAsyncSuite } from '../lib/asyncHarness.js';
import { memoryRows, peakMemory } from '../lib/peakMemory.js';
import type { BenchRow } from '../lib/harness.js';

function tableBytes(table: A.Table): number {
  let n = 0;
  const visit = (d: A.Data) => {
    for (const b of [d.values, d.valueOffsets, d.nullBitmap]) if (b) n += (b as ArrayBufferView).byteLength;
    d.children.forEach(visit);
  };
  for (const col of table.batches.flatMap((b) => b.data.children)) visit(col);
  return n;
}

/** The generated table of the statistics suites (fixed seed). */
export function generate(rows: number): A.Table {
  let seed = 42;
  const rnd = () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 4294967296;
  };
  const f = (fill: (i: number) => number | null) => A.vectorFromArray(Array.from({ length: rows }, (_, i) => fill(i)), new A.Float64());
  const i32 = (card: number) => A.makeVector(Int32Array.from({ length: rows }, () => Math.floor(rnd() * card)));
  const str = (card: number) => A.vectorFromArray(Array.from({ length: rows }, (_, i) => `v${card > 0 ? Math.floor(rnd() * card) : i}`), new A.Utf8());
  return new A.Table({
    f0: f(() => rnd() * 1000),
    f1: f(() => (rnd() < 0.1 ? null : rnd() - 0.5)),
    f2: f(() => (rnd() < 0.01 ? NaN : rnd() * 1e6)),
    f3: f((i) => i * 0.5),
    i0: i32(10),
    i1: i32(1000),
    i2: i32(1_000_000),
    s0: str(50),
    s1: str(10_000),
    s2: str(0),
    b: A.vectorFromArray(Array.from({ length: rows }, () => rnd() < 0.5), new A.Bool()),
  });
}

/**
 * Peak memory of arrowline (on all rows and on a tenth of them: the sketches, not the rows,
 * should set it), DuckDB's aggregate query and Polars, each in a fresh process with its input
 * loaded.
 */
function memorySuite(label: string, table: A.Table, parquetPath: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'arrowline-bench-mem-'));
  const whole = join(dir, 'all.arrow');
  const tenth = join(dir, 'tenth.arrow');
  writeFileSync(whole, A.tableToIPC(table, 'file'));
  writeFileSync(tenth, A.tableToIPC(table.slice(0, Math.ceil(table.numRows / 10)), 'file'));
  const suiteName = `${label} (${table.numRows} rows)`;
  process.stderr.write(`${label}: peak memory\n`);
  memoryRows.push(
    peakMemory(suiteName, `arrowline stats, 2 threads, first ${Math.ceil(table.numRows / 10)} rows`, 'arrowline', tenth, 2),
    peakMemory(suiteName, `arrowline stats, 2 threads, all ${table.numRows} rows`, 'arrowline', whole, 2),
    peakMemory(suiteName, 'DuckDB aggregate query, 2 threads', 'duckdb', parquetPath, 2, table.schema.fields),
    peakMemory(suiteName, 'Polars describe + n_unique + value_counts', 'polars', parquetPath, 2),
  );
  rmSync(dir, { recursive: true, force: true });
}

async function suite(label: string, table: A.Table, parquetPath: string): Promise<BenchRow[]> {
  if (process.env.BENCH_MEMORY !== '0') memorySuite(label, table, parquetPath);
  const bytes = tableBytes(table);
  const floor = new Float64Array(Math.ceil(bytes / 8));
  floor.fill(1);
  process.stderr.write(`${label}: loading peers\n`);
  const duck = await duckdbPeer(parquetPath, table.schema.fields);
  const polars = polarsPeer(parquetPath);
  const arquero = arqueroPeer(table);
  const jsLoop = jsLoopPeer(table);
  const cases: AsyncBenchCase[] = [
    { name: 'floor: native pass, 1 thread', bytes, fn: () => bandwidthPass(floor, 1) },
    { name: 'floor: native pass, 2 threads', bytes, fn: () => bandwidthPass(floor, 2) },
    { name: 'arrowline stats, 1 thread', bytes, fn: () => computeStatistics(table, { threads: 1, device: 'cpu' }) },
    { name: 'arrowline stats, 2 threads', bytes, fn: () => computeStatistics(table, { threads: 2, device: 'cpu' }) },
    { name: 'DuckDB SUMMARIZE, 1 thread', bytes, fn: async () => { await duck.setThreads(1); return duck.summarize(); } },
    { name: 'DuckDB SUMMARIZE, 2 threads', bytes, fn: async () => { await duck.setThreads(2); return duck.summarize(); } },
    { name: 'DuckDB aggregate query, 2 threads', bytes, fn: async () => { await duck.setThreads(2); return duck.aggregate(); } },
    { name: 'Polars describe + n_unique + value_counts', bytes, fn: polars },
    { name: 'arquero rollup', bytes, fn: arquero },
    { name: 'plain JS loop (numeric moments only)', bytes, fn: jsLoop },
  ];
  return runAsyncSuite(`${label} (${table.numRows} rows, ${(bytes / 2 ** 20).toFixed(0)} MiB)`, cases, 'floor: native pass, 1 thread', {
    minSamples: 3,
    maxTime: 2,
  });
}

export async function statsSuites(filter: string): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  if ('stats flights'.includes(filter) || filter === 'stats') {
    const path = join('node_modules', 'vega-datasets', 'data', 'flights-3m.parquet');
    rows.push(...(await suite('stats: flights-3m.parquet', readTable(path), path)));
  }
  if ('stats generated'.includes(filter) || filter === 'stats') {
    const n = Number(process.env.BENCH_ROWS ?? 2_000_000);
    process.stderr.write(`generating ${n} rows\n`);
    const table = generate(n);
    const dir = mkdtempSync(join(tmpdir(), 'arrowline-bench-'));
    const path = join(dir, 'generated.parquet');
    writeFileSync(path, writeParquet(WasmTable.fromIPCStream(A.tableToIPC(table, 'stream'))));
    rows.push(...(await suite('stats: generated', table, path)));
  }
  return rows;
}
