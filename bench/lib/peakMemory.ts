/**
 * Peak memory of a case, measured in a child process (peakChild.ts) so that each case starts
 * from a clean heap: the resident size with the input loaded, and how far the run takes the
 * resident high-water mark above it.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import type { Field } from 'apache-arrow';

export interface MemoryRow {
  suite: string;
  name: string;
  residentMiB: number;
  peakAboveMiB: number;
}

const CHILD = fileURLToPath(new URL('./peakChild.ts', import.meta.url));

export function peakMemory(suite: string, name: string, kind: 'arrowline' | 'duckdb' | 'polars', path: string, threads: number, fields: Field[] = []): MemoryRow {
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', CHILD, kind, path, String(threads)], {
    encoding: 'utf8',
    env: { ...process.env, PEAK_FIELDS: JSON.stringify(fields.map((f) => [f.name, String(f.type)])) },
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`peak memory of ${name} failed: ${r.stderr}`);
  const { residentMiB, peakMiB } = JSON.parse(r.stdout.trim().split('\n').pop()!) as { residentMiB: number; peakMiB: number };
  return { suite, name, residentMiB, peakAboveMiB: peakMiB - residentMiB };
}

export const memoryRows: MemoryRow[] = [];

export function printMemoryRows(rows: MemoryRow[]): void {
  if (rows.length === 0) return;
  console.log('');
  console.log('| suite | case | resident with input MiB | peak above it MiB |');
  console.log('|---|---|---:|---:|');
  for (const r of rows) console.log(`| ${r.suite} | ${r.name} | ${r.residentMiB.toFixed(0)} | ${r.peakAboveMiB.toFixed(0)} |`);
}
