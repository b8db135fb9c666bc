// Statistics of real data (vega-datasets' penguins, movies and flights-200k) against DuckDB's
// exact aggregates over the same rows (DuckDB reads the JSON, and the Arrow file's rows as
// Parquet, since it cannot read Arrow IPC offline): counts, missing, min, max, mean, population
// std dev, zeros, the exact median, distinct counts, string lengths and the top value.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { DuckDBInstance } from '@duckdb/node-api';
import { tableToIPC } from 'apache-arrow';
import { Table as WasmTable, writeParquet } from 'parquet-wasm';

import { readTable } from '../../../src/io/readTable.js';
import { FeatureNameStatistics_Type } from '../../../src/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { computeStatistics } from '../../../src/stats/index.js';

const DATA = fileURLToPath(new URL('../../../node_modules/vega-datasets/data/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'arrowline-duck-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const close = (a: number, b: number, what: string, rel = 1e-9) => assert.ok(Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

async function compare(source: string, path: string): Promise<void> {
  const table = readTable(path);
  const stats = (await computeStatistics(table, { threads: 2 })).datasets[0]!;
  assert.equal(Number(stats.numExamples), table.numRows);
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.run(`CREATE TABLE t AS SELECT * FROM ${source}`);
  // a column of mixed strings and numbers is JSON text in DuckDB (movies' Title): compare its string values
  const duckTypes = Object.fromEntries((await con.runAndReadAll('DESCRIBE t')).getRowObjects().map((r) => [String(r.column_name), String(r.column_type)]));
  for (const f of stats.features) {
    const name = f.fieldId.case === 'path' ? f.fieldId.value.step[0]! : String(f.fieldId.value);
    const c = duckTypes[name] === 'JSON' ? `json_extract_string("${name}", '$')` : `"${name}"`;
    const what = `${path.split('/').at(-1)} ${name}`;
    const s = f.stats;
    if (s.case === 'numStats') {
      const [row] = (await con.runAndReadAll(`SELECT count(${c}) AS n, count(*) - count(${c}) AS missing, min(${c})::DOUBLE AS mn, max(${c})::DOUBLE AS mx, avg(${c}::DOUBLE) AS mean,
        stddev_pop(${c}::DOUBLE) AS sd, count_if(${c} = 0) AS zeros FROM t`)).getRowObjects();
      const r = row as Record<string, number | bigint>;
      assert.equal(Number(s.value.commonStats!.numNonMissing), Number(r.n), `${what}: non-missing`);
      assert.equal(Number(s.value.commonStats!.numMissing), Number(r.missing), `${what}: missing`);
      assert.equal(s.value.min, Number(r.mn), `${what}: min`);
      assert.equal(s.value.max, Number(r.mx), `${what}: max`);
      close(s.value.mean, Number(r.mean), `${what}: mean`);
      close(s.value.stdDev, Number(r.sd), `${what}: std dev`, 1e-8);
      assert.equal(Number(s.value.numZeros), Number(r.zeros), `${what}: zeros`);
      // TFDV's median comes from the quantiles sketch, exact below 11402 values: one of the middle
      // values (for an even count the sketch's rank rule picks between the two)
      if (table.numRows < 11402) {
        const n = Number(r.n);
        const middles = (await con.runAndReadAll(`SELECT ${c}::DOUBLE AS v FROM t WHERE ${c} IS NOT NULL ORDER BY 1 LIMIT ${n % 2 === 0 ? 2 : 1} OFFSET ${Math.floor((n - 1) / 2)}`)).getRowObjects().map((x) => Number(x.v));
        assert.ok(middles.includes(s.value.median), `${what}: median ${s.value.median} is not a middle value (${middles.join(', ')})`);
      }
    } else if (s.case === 'stringStats') {
      const [row] = (await con.runAndReadAll(`SELECT count(${c}) AS n, count(*) - count(${c}) AS missing, count(DISTINCT ${c}) AS uniq, avg(strlen(${c}::VARCHAR)) AS len FROM t`)).getRowObjects();
      const r = row as Record<string, number | bigint>;
      assert.equal(Number(s.value.commonStats!.numNonMissing), Number(r.n), `${what}: non-missing`);
      assert.equal(Number(s.value.commonStats!.numMissing), Number(r.missing), `${what}: missing`);
      assert.equal(Number(s.value.unique), Number(r.uniq), `${what}: unique`);
      close(s.value.avgLength, Number(r.len), `${what}: avg length`, 1e-6);
      const top = (await con.runAndReadAll(`SELECT ${c}::VARCHAR AS v, count(*) AS k FROM t WHERE ${c} IS NOT NULL GROUP BY 1 ORDER BY k DESC, v LIMIT 1`)).getRowObjects()[0] as { v: string; k: bigint };
      // top values are exact while the Misra-Gries sketch holds every distinct value (1024 counters)
      if (Number(r.uniq) <= 1024) {
        assert.equal(Number(s.value.topValues[0]!.frequency), Number(top.k), `${what}: top count`);
      }
    } else {
      assert.fail(`${what}: ${FeatureNameStatistics_Type[f.type]} without numeric or string statistics`);
    }
  }
}

describe('statistics against DuckDB on real data', () => {
  test('penguins.json', () => compare(`read_json_auto('${join(DATA, 'penguins.json')}')`, join(DATA, 'penguins.json')));
  test('movies.json', () => compare(`read_json_auto('${join(DATA, 'movies.json')}')`, join(DATA, 'movies.json')));
  test('flights-200k.arrow (DuckDB reads the same rows as Parquet)', async () => {
    const table = readTable(join(DATA, 'flights-200k.arrow'));
    const parquet = join(dir, 'flights.parquet');
    writeFileSync(parquet, writeParquet(WasmTable.fromIPCStream(tableToIPC(table, 'stream'))));
    await compare(`read_parquet('${parquet}')`, join(DATA, 'flights-200k.arrow'));
  });
});
