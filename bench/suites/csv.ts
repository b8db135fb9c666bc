/**
 * CSV to Arrow, arrowline against its peers on the same generated file in the same run:
 * reading the bytes from disk (the floor), arrowline's native reader at 1 and 2 threads
 * (both passes: type inference over all rows, then conversion), DuckDB's read_csv into a table
 * at 1 and 2 threads, and csv-parse (streaming, records discarded). The file (BENCH_CSV_MB,
 * default 1024 MB) has 8 columns: int64, float64 with empty cells, a short string, a quoted
 * string holding commas and doubled quotes, an ISO date, a big integer id, a bool word and a
 * float with exponents.
 */
import { createReadStream, existsSync, mkdirSync, openSync, closeSync, readFileSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DuckDBInstance } from '@duckdb/node-api';
import { parse } from 'csv-parse';

import { readCsvTable } from '../../src/io/csv.js';
import { type AsyncBenchCase, runAsyncSuite } from '../lib/asyncHarness.js';
import type { BenchRow } from '../lib/harness.js';

function generate(path: string, megabytes: number): void {
  const fd = openSync(path, 'w');
  let seed = 7;
  const rnd = () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 4294967296;
  };
  const words = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta'];
  writeSync(fd, 'id,value,name,comment,day,big,flag,score\n');
  let written = 0;
  const target = megabytes * 1024 * 1024;
  let row = 0;
  while (written < target) {
    const lines: string[] = [];
    for (let k = 0; k < 20000; k++, row++) {
      const v = rnd() < 0.05 ? '' : (rnd() * 2000 - 1000).toFixed(4);
      const w = words[Math.floor(rnd() * words.length)]!;
      const comment = rnd() < 0.3 ? `"${w}, ""quoted"" ${row % 977}"` : `${w} ${row % 131}`;
      const day = `20${10 + (row % 15)}-0${1 + (row % 9)}-1${row % 10}`;
      lines.push(`${row},${v},${w},${comment},${day},${9_000_000_000 + row * 7},${rnd() < 0.5 ? 'yes' : 'no'},${(rnd() * 10).toExponential(3)}`);
    }
    const chunk = `${lines.join('\n')}\n`;
    written += writeSync(fd, chunk);
  }
  closeSync(fd);
}

export async function csvSuite(): Promise<BenchRow[]> {
  const mb = Number(process.env.BENCH_CSV_MB ?? 1024);
  const dir = join(tmpdir(), 'arrowline-bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `bench-${mb}mb.csv`);
  if (!existsSync(path)) {
    process.stderr.write(`generating ${mb} MB of CSV at ${path}\n`);
    generate(path, mb);
  }
  const bytes = statSync(path).size;
  const rows = readCsvTable(path, { threads: 2 }).numRows;
  process.stderr.write(`csv: ${(bytes / 1e6).toFixed(0)} MB, ${rows} rows\n`);
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const duck = async (threads: number) => {
    await con.run(`SET threads = ${threads}`);
    await con.run(`CREATE OR REPLACE TEMP TABLE t AS SELECT * FROM read_csv('${path}', header = true)`);
  };
  const cases: AsyncBenchCase[] = [
    { name: 'read the bytes from disk (floor)', bytes, fn: () => readFileSync(path).length },
    { name: 'arrowline CSV -> Arrow, 1 thread', bytes, fn: () => readCsvTable(path, { threads: 1 }).numRows },
    { name: 'arrowline CSV -> Arrow, 2 threads', bytes, fn: () => readCsvTable(path, { threads: 2 }).numRows },
    { name: 'DuckDB read_csv -> table, 1 thread', bytes, fn: () => duck(1) },
    { name: 'DuckDB read_csv -> table, 2 threads', bytes, fn: () => duck(2) },
    {
      name: 'csv-parse (records discarded)',
      bytes,
      fn: () =>
        new Promise<number>((resolve, reject) => {
          let n = 0;
          createReadStream(path)
            .pipe(parse({ from_line: 2 }))
            .on('data', () => n++)
            .on('end', () => resolve(n))
            .on('error', reject);
        }),
    },
  ];
  return runAsyncSuite(`CSV -> Arrow (${(bytes / 1e6).toFixed(0)} MB, ${rows} rows, 8 columns)`, cases, 'DuckDB read_csv -> table, 2 threads', { minSamples: 3, maxTime: 1 });
}
