/**
 * Async cases (DuckDB answers with promises) in the `benchmark` package's deferred mode, with
 * the same report as the sync harness: median, throughput over the bytes each case must read,
 * and the ratio to the baseline case.
 */
import Benchmark from 'benchmark';

import type { BenchRow } from './harness.js';

export interface AsyncBenchCase {
  name: string;
  bytes: number;
  fn: () => Promise<unknown> | unknown;
}

export async function runAsyncSuite(suite: string, cases: AsyncBenchCase[], baseline: string, options: { minSamples?: number; maxTime?: number } = {}): Promise<BenchRow[]> {
  const results = new Map<string, Benchmark>();
  for (const c of cases) {
    await c.fn(); // warm up (JIT, caches, lazy initialisation) outside the measurement
    await new Promise<void>((resolve, reject) => {
      const b = new Benchmark(c.name, {
        defer: true,
        minSamples: options.minSamples ?? 5,
        maxTime: options.maxTime ?? 4,
        fn: (deferred: { resolve(): void }) => {
          Promise.resolve(c.fn()).then(() => deferred.resolve(), reject);
        },
        onComplete: () => {
          results.set(c.name, b);
          resolve();
        },
        onError: (e: unknown) => reject(e),
      });
      b.run({ async: true });
    });
    process.stderr.write(`  ${suite}: ${c.name} done\n`);
  }
  const median = (b: Benchmark) => {
    const sorted = [...b.stats.sample].sort((x, y) => x - y);
    return sorted[Math.floor(sorted.length / 2)]! * 1000;
  };
  const baseMs = median(results.get(baseline)!);
  return cases.map((c) => {
    const b = results.get(c.name)!;
    const ms = median(b);
    return { suite, name: c.name, medianMs: ms, gbPerSec: c.bytes / (ms / 1000) / 1e9, ratio: ms / baseMs, samples: b.stats.sample.length };
  });
}
