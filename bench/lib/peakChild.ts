/**
 * One peak-memory measurement, in a process of its own (spawned by peakMemory.ts): load the
 * input the way the case needs it, collect garbage, reset the kernel's resident high-water mark
 * (/proc/self/clear_refs, "5"), run the case once, and print JSON with the resident MiB before
 * the run and the peak during it. Cases: arrowline <ipc> <threads>; duckdb <parquet> <threads>
 * (field names and types in PEAK_FIELDS); polars <parquet>.
 */
import { readFileSync, writeFileSync } from 'node:fs';

import type { Field } from 'apache-arrow';

import { readTable } from '../../src/io/readTable.js';
import { computeStatistics } from '../../src/stats/index.js';
import { duckdbPeer } from '../baselines/duckdb.js';
import { polarsPeer } from '../baselines/polars.js';

function statusKiB(field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith(`${field}:`));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? NaN);
}

const [kind, path, threadsArg] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
let run: () => unknown;
if (kind === 'arrowline') {
  const table = readTable(path!);
  const threads = Number(threadsArg ?? 2);
  run = () => computeStatistics(table, { threads, device: 'cpu' });
} else if (kind === 'duckdb') {
  // The fields come as JSON ([name, type text]): the peer reads only names and type names.
  const fields = (JSON.parse(process.env.PEAK_FIELDS ?? '[]') as [string, string][]).map(([name, type]) => ({ name, type: { toString: () => type } }));
  const duck = await duckdbPeer(path!, fields as unknown as Field[]);
  await duck.setThreads(Number(threadsArg ?? 2));
  run = () => duck.aggregate();
} else if (kind === 'polars') {
  run = polarsPeer(path!);
} else {
  throw new Error(`unknown case ${kind}`);
}
gc();
gc();
writeFileSync('/proc/self/clear_refs', '5');
const before = statusKiB('VmRSS');
await run();
const peak = statusKiB('VmHWM');
process.stdout.write(`${JSON.stringify({ residentMiB: before / 1024, peakMiB: peak / 1024 })}\n`);
