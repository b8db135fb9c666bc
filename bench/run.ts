/**
 * `npm run bench [-- filter]`: runs every suite whose name contains the filter and prints a
 * markdown table to paste into bench/RESULTS.md, headed by the machine and commit.
 */
import { execSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

import { nativeInfo } from '../src/native/index.js';
import { type BenchRow, printRows } from './lib/harness.js';
import { memoryRows, printMemoryRows } from './lib/peakMemory.js';
import { bandwidthSuite } from './suites/bandwidth.js';
import { csvSuite } from './suites/csv.js';
import { recordValidatorSuite } from './suites/recordValidator.js';
import { statsSuites } from './suites/stats.js';
import { statsRatioSuite } from './suites/statsRatio.js';

const SUITES: Record<string, (filter: string) => BenchRow[] | Promise<BenchRow[]>> = {
  bandwidth: () => bandwidthSuite(),
  csv: () => csvSuite(),
  stats: (f) => statsSuites(f),
  validate: () => recordValidatorSuite(),
  ratio: () => statsRatioSuite(),
};

const filter = process.argv[2] ?? '';
let commit = 'unknown';
try {
  commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
} catch {
  // not a git checkout
}
const info = nativeInfo();
console.log(`machine: ${cpus()[0]?.model ?? 'cpu'} x${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, SIMD ${info.simd}, ` +
  `CUDA devices: ${info.cuda.devices.map((d) => d.name).join(', ') || 'none'}; node ${process.versions.node}; commit ${commit}`);
const rows: BenchRow[] = [];
for (const [name, run] of Object.entries(SUITES)) {
  if (!name.includes(filter.split(' ')[0] ?? '') && !filter.startsWith(name)) continue;
  if (name === 'ratio' && filter === '') continue; // a long interleaved run: only when asked for
  rows.push(...(await run(filter)));
}
if (rows.length > 0) printRows(rows);
printMemoryRows(memoryRows);
