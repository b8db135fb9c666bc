/**
 * `npm run bench -- ratio`: arrowline's full statistics against DuckDB's aggregate query (its
 * fastest equivalent) on the generated table (BENCH_ROWS, default 10,000,000), 2 threads each,
 * run alternately in one process (BENCH_ROUNDS rounds, default 7) so that both see the same
 * machine state; prints every time, the medians and the ratio.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import * as A from 'apache-arrow';
import { Table as WasmTable, writeParquet } from 'parquet-wasm';

import { computeStatistics } from '../../src/stats/index.js';
import { duckdbPeer } from '../baselines/duckdb.js';
import type { BenchRow } from '../lib/harness.js';
import { generate } from './stats.js';

const median = (x: number[]) => [...x].sort((p, q) => p - q)[Math.floor(x.length / 2)]!;

export async function statsRatioSuite(): Promise<BenchRow[]> {
  const rows = Number(process.env.BENCH_ROWS ?? 10_000_000);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
  process.stderr.write(`generating ${rows} rows\n`);
  const table = generate(rows);
  const dir = mkdtempSync(join(tmpdir(), 'arrowline-ratio-'));
  try {
    const path = join(dir, 'generated.parquet');
    writeFileSync(path, writeParquet(WasmTable.fromIPCStream(A.tableToIPC(table, 'stream'))));
    const duck = await duckdbPeer(path, table.schema.fields);
    await duck.setThreads(2);
    const ours = () => computeStatistics(table, { threads: 2, device: 'cpu' });
    await ours();
    await duck.aggregate();
    const a: number[] = [];
    const d: number[] = [];
    for (let r = 0; r < rounds; r++) {
      let t = performance.now();
      await ours();
      a.push(performance.now() - t);
      t = performance.now();
      await duck.aggregate();
      d.push(performance.now() - t);
    }
    console.log(`ratio suite: ${rows} generated rows, 2 threads each, ${rounds} alternating rounds`);
    console.log(`| case | times ms | median ms |\n|---|---|---:|`);
    console.log(`| arrowline stats | ${a.map((x) => x.toFixed(0)).join(' ')} | ${median(a).toFixed(0)} |`);
    console.log(`| DuckDB aggregate query | ${d.map((x) => x.toFixed(0)).join(' ')} | ${median(d).toFixed(0)} |`);
    console.log(`DuckDB / arrowline: ${(median(d) / median(a)).toFixed(2)}x`);
    return [];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
