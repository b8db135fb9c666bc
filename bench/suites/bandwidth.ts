/**
 * The memory-bandwidth floor: one native pass (a sum) over a float64 column larger than the
 * caches, on 1 and 2 threads. Every later benchmark compares against it. Beside it, the same
 * bytes through a plain JS loop and through arrowline's moments kernel (count, NaN, zeros,
 * min, max, mean, M2) on the CPU, so the kernel's distance from the floor is visible.
 */
import * as A from 'apache-arrow';

import { bandwidthPass, computeMomentsSync } from '../../src/native/index.js';
import { type BenchCase, runSuite } from '../lib/harness.js';

export function bandwidthSuite(n = Number(process.env.BENCH_ROWS ?? 1 << 25)) {
  let seed = 12345;
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    values[i] = seed / 4294967296 - 0.5;
  }
  const data = A.makeVector(values).data[0]!;
  const bytes = values.byteLength;
  const cases: BenchCase[] = [
    { name: 'floor: native pass, 1 thread', bytes, fn: () => bandwidthPass(values, 1) },
    { name: 'floor: native pass, 2 threads', bytes, fn: () => bandwidthPass(values, 2) },
    {
      name: 'plain JS loop (sum)',
      bytes,
      fn: () => {
        let s = 0;
        for (let i = 0; i < values.length; i++) s += values[i]!;
        return s;
      },
    },
    { name: 'arrowline moments, 1 thread', bytes, fn: () => computeMomentsSync(data, 'x', { device: 'cpu', threads: 1 }) },
    { name: 'arrowline moments, 2 threads', bytes, fn: () => computeMomentsSync(data, 'x', { device: 'cpu', threads: 2 }) },
  ];
  return runSuite(`bandwidth (${n} float64, ${(bytes / 2 ** 20).toFixed(0)} MiB)`, cases, 'floor: native pass, 1 thread');
}
