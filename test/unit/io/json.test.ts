// JSON arrays and NDJSON into Arrow: type inference over all rows, nested lists, missing keys,
// errors with line and column; real files checked against DuckDB's JSON reader.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { DuckDBInstance } from '@duckdb/node-api';

import { readBatches } from '../../../src/io/readBatches.js';
import { readTable } from '../../../src/io/readTable.js';

const DATA = fileURLToPath(new URL('../../../node_modules/vega-datasets/data/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'arrowline-json-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const types = (path: string) => Object.fromEntries(readTable(path).schema.fields.map((f) => [f.name, String(f.type)]));
const column = (path: string, name: string) => readTable(path).getChild(name)!.toArray();

describe('JSON reader', () => {
  test('types are inferred over every row: int < float < string; bool alone; null-only columns', () => {
    const p = write('types.json', JSON.stringify([
      { i: 1, f: 1, s: 1, b: true, n: null, mixed: true },
      { i: 2, f: 2.5, s: 'x', b: false, mixed: 3 },
      { i: -3, f: null, s: 2.5, b: null, n: null },
    ]));
    assert.deepEqual(types(p), { i: 'Int64', f: 'Float64', s: 'Utf8', b: 'Bool', n: 'Null', mixed: 'Int64' });
    assert.deepEqual([...column(p, 'i')], [1n, 2n, -3n]);
    const f = readTable(p).getChild('f')!;
    assert.deepEqual([f.get(0), f.get(1), f.get(2)], [1, 2.5, null]);
    assert.deepEqual(readTable(p).getChild('s')!.toJSON(), ['1', 'x', '2.5']);
    assert.deepEqual(readTable(p).getChild('mixed')!.toJSON(), [1n, 3n, null]);
  });

  test('the int-then-float column keeps every value (inference looks at all rows)', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ({ v: i }));
    rows.push({ v: 0.5 });
    const p = write('late-float.json', JSON.stringify(rows));
    const t = readTable(p);
    assert.equal(String(t.getChild('v')!.type), 'Float64');
    assert.equal(t.getChild('v')!.get(4999), 4999);
    assert.equal(t.getChild('v')!.get(5000), 0.5);
  });

  test('nested lists to Arrow lists at any depth; a scalar in a list column is a list of one; missing keys are null', () => {
    const p = write('nested.ndjson', [
      '{"a": [1, 2], "deep": [[1.5], [], [2, null]], "tag": "é"}',
      '',
      '{"a": 3}',
      '{"a": [], "deep": null, "extra": {"k": [1]}}',
    ].join('\n'));
    assert.deepEqual(types(p), { a: 'List<Int64>', deep: 'List<List<Float64>>', tag: 'Utf8', extra: 'Utf8' });
    const t = readTable(p);
    assert.equal(t.numRows, 3);
    assert.deepEqual(t.getChild('a')!.toJSON().map((x) => (x ? [...(x as Iterable<bigint>)] : x)), [[1n, 2n], [3n], []]);
    const deep = t.getChild('deep')!.get(0)!;
    assert.deepEqual([...deep].map((x) => (x ? [...(x as Iterable<number | null>)] : x)), [[1.5], [], [2, null]]);
    assert.equal(t.getChild('deep')!.get(1), null);
    assert.deepEqual(t.getChild('tag')!.toJSON(), ['é', null, null]);
    assert.deepEqual(t.getChild('extra')!.toJSON(), [null, null, '{"k":[1]}']);
  });

  test('empty array, BOM, CRLF NDJSON', () => {
    assert.equal(readTable(write('empty.json', '[]')).numRows, 0);
    assert.equal(readTable(write('ws.json', '  \n')).numRows, 0);
    const t = readTable(write('bom.ndjson', '\uFEFF{"x": 1}\r\n{"x": 2}\r\n'));
    assert.deepEqual([...t.getChild('x')!.toArray()], [1n, 2n]);
  });

  test('malformed JSON names file, line and column; rows must be objects', () => {
    const bad = write('bad.json', '[\n  {"a": 1},\n  {"a": 2,,}\n]');
    assert.throws(() => readTable(bad), (e: Error & { code?: string }) => e.code === 'E_INPUT_MALFORMED' && /bad\.json/.test(e.message) && /invalid JSON at line 3, column \d+/.test(e.message));
    const badLine = write('bad.ndjson', '{"a": 1}\n{"a": }\n');
    assert.throws(() => readTable(badLine), { code: 'E_INPUT_MALFORMED', message: /invalid JSON at line 2/ });
    assert.throws(() => readTable(write('scalars.json', '[1, 2]')), { code: 'E_INPUT_MALFORMED', message: /row 1 is not a JSON object/ });
    assert.throws(() => readTable(write('object.json', '{"a": [1]}\n{"a": 2}\n[3]')), { code: 'E_INPUT_MALFORMED', message: /line 3 is not a JSON object/ });
    assert.throws(() => readTable(join(dir, 'missing.json')), { code: 'E_NOT_FOUND' });
    assert.throws(() => readTable(bad, { columns: ['nope'] }), { code: 'E_INPUT_MALFORMED' });
    assert.throws(() => readTable(write('ok.json', '[{"a": 1}]'), { columns: ['nope'] }), { code: 'E_NOT_FOUND', message: /no column 'nope' \(columns: a\)/ });
  });

  test('readBatches: bounded batches, same rows as readTable, for NDJSON, JSON, Arrow IPC and Parquet', async () => {
    const lines = Array.from({ length: 1003 }, (_, i) => JSON.stringify(i === 1002 ? { k: i, v: 0.25 } : { k: i, v: i, s: `r${i}` }));
    const nd = write('many.ndjson', lines.join('\n'));
    const sizes: number[] = [];
    const ks: bigint[] = [];
    for await (const b of readBatches(nd, { batchSize: 100 })) {
      sizes.push(b.numRows);
      assert.equal(String(b.schema.fields.find((f) => f.name === 'v')!.type), 'Float64', 'the type comes from the first pass over all rows');
      ks.push(...(b.getChild('k')!.toArray() as BigInt64Array));
    }
    assert.deepEqual(sizes, [...Array(10).fill(100), 3]);
    assert.deepEqual(ks, Array.from({ length: 1003 }, (_, i) => BigInt(i)));
    for (const [file, rows] of [['penguins.json', 344], ['flights-200k.arrow', 200000], ['flights-3m.parquet', 3000000]] as const) {
      let n = 0;
      let max = 0;
      for await (const b of readBatches(join(DATA, file), { batchSize: 70000, columns: file.endsWith('json') ? ['Species'] : ['delay'] })) {
        n += b.numRows;
        max = Math.max(max, b.numRows);
        assert.equal(b.schema.fields.length, 1, 'projection');
      }
      assert.equal(n, rows, file);
      assert.ok(max <= 70000, `${file}: a batch of ${max} rows`);
    }
    await assert.rejects(async () => {
      for await (const _ of readBatches(nd, { batchSize: 0 })) void _;
    }, { code: 'E_OPTION_INVALID' });
  });

  test('real files agree with DuckDB read_json: rows, non-null counts and sums per column', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    for (const file of ['penguins.json', 'cars.json', 'movies.json']) {
      const path = join(DATA, file);
      const t = readTable(path);
      const duck = (await con.runAndReadAll(`SELECT * FROM read_json_auto('${path}')`)).getRowObjects();
      // DuckDB types a column of mixed strings and numbers (movies' Title) as JSON text; ours is utf8.
      const duckTypes = Object.fromEntries((await con.runAndReadAll(`DESCRIBE SELECT * FROM read_json_auto('${path}')`)).getRowObjects().map((r) => [String(r.column_name), String(r.column_type)]));
      assert.equal(t.numRows, duck.length, file);
      for (const f of t.schema.fields) {
        const ours = Array.from({ length: t.numRows }, (_, i) => t.getChild(f.name)!.get(i));
        const theirs = duck.map((r) => (duckTypes[f.name] === 'JSON' && r[f.name] !== null ? (JSON.parse(String(r[f.name])) as unknown) : r[f.name]));
        assert.equal(ours.filter((v) => v !== null).length, theirs.filter((v) => v !== null).length, `${file} ${f.name}: non-null count`);
        if (/Int|Float/.test(String(f.type))) {
          const sum = (xs: unknown[]) => xs.reduce<number>((s, v) => s + (v === null ? 0 : Number(v)), 0);
          assert.ok(Math.abs(sum(ours) - sum(theirs)) <= 1e-9 * Math.max(1, Math.abs(sum(theirs))), `${file} ${f.name}: sum`);
        } else if (String(f.type) === 'Utf8') {
          assert.deepEqual(ours.map((v) => (v === null ? null : String(v))), theirs.map((v) => (v === null ? null : String(v))), `${file} ${f.name}`);
        }
      }
    }
  });
});
