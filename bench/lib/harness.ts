/**
 * Runs one benchmark suite with the `benchmark` package and prints, for every case, the median
 * time, throughput over the bytes it reads, and the ratio to the suite's baseline (the
 * memory-bandwidth floor), so results are read as ratios and not as lone absolute times.
 */
import Benchmark from 'benchmark';

export interface BenchCase {
  name: string;
  /** Bytes the case must read (for GB/s). */
  bytes: number;
  fn: () => unknown;
}

export interface BenchRow {
  suite: string;
  name: string;
  medianMs: number;
  gbPerSec: number;
  ratio: number;
  samples: number;
}

let sink: unknown;

export function runSuite(suite: string, cases: BenchCase[], baseline: string, options: { minSamples?: number; maxTime?: number } = {}): BenchRow[] {
  const results = new Map<string, Benchmark>();
  const s = new Benchmark.Suite(suite);
  for (const c of cases) {
    s.add(c.name, () => {
      sink = c.fn();
    }, { minSamples: options.minSamples ?? 10, maxTime: options.maxTime ?? 3 });
  }
  s.on('cycle', (e: Benchmark.Event) => {
    const b = e.target as Benchmark;
    results.set(String(b.name), b);
  });
  s.run({ async: false });
  const median = (b: Benchmark) => {
    const sorted = [...b.stats.sample].sort((x, y) => x - y);
    return sorted[Math.floor(sorted.length / 2)]! * 1000;
  };
  const base = results.get(baseline);
  if (!base) throw new Error(`baseline ${baseline} did not run`);
  const baseMs = median(base);
  const rows = cases.map((c) => {
    const b = results.get(c.name)!;
    const ms = median(b);
    return { suite, name: c.name, medianMs: ms, gbPerSec: c.bytes / (ms / 1000) / 1e9, ratio: ms / baseMs, samples: b.stats.sample.length };
  });
  void sink;
  return rows;
}

export function printRows(rows: BenchRow[]): void {
  const header = '| suite | case | median ms | GB/s | time vs floor | samples |';
  console.log(header);
  console.log('|---|---|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.suite} | ${r.name} | ${r.medianMs.toFixed(2)} | ${r.gbPerSec.toFixed(2)} | ${r.ratio.toFixed(2)}x | ${r.samples} |`);
  }
}
