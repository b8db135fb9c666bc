/**
 * validateBatch: the native row-level check of Arrow batches gives, row for row, what the
 * per-record validator gives for the same rows (seeded random rows with injected violations,
 * nulls, lists, dictionary-encoded strings), row numbers count across a table's batches, sliced
 * arrays at odd offsets read the right rows, a column of the wrong type is one anomaly, and
 * maxFindings bounds the output.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { Dictionary, Float64, Int32, List, makeVector, Field, RecordBatch, Table, tableFromArrays, Utf8, vectorFromArray, type Vector } from 'apache-arrow';

import { AnomalyInfo_Type as T } from '../../../src/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { compileValidator } from '../../../src/validate/index.js';
import { randInt, rng } from '../../helpers/random.js';
import { schemaOf } from './helpers.js';

const SCHEMA = schemaOf(`
  feature { name: "age" type: INT presence { min_fraction: 1 } value_count { min: 1 max: 1 } int_domain { min: 0 max: 130 } }
  feature { name: "score" type: FLOAT value_count { min: 1 max: 3 } float_domain { min: 0 max: 1 disallow_nan: true disallow_inf: true } }
  feature { name: "color" type: BYTES domain: "color" }
  feature { name: "flag" type: INT bool_domain { } }
  feature { name: "yes" type: BYTES bool_domain { true_value: "Y" false_value: "N" } }
  feature { name: "id" type: BYTES int_domain { min: 10 } }
  feature { name: "pair" type: INT shape { dim { size: 2 } } }
  string_domain { name: "color" value: "red" value: "green" }`);

interface Row {
  age: number | null;
  score: number[] | null;
  color: string | null;
  flag: number | null;
  yes: string | null;
  id: string | null;
  pair: number[] | null;
}

function randomRows(n: number, seed: number): Row[] {
  const r = rng(seed);
  const pick = <X>(xs: X[]) => xs[randInt(r, 0, xs.length - 1)]!;
  return Array.from({ length: n }, () => ({
    age: r() < 0.05 ? null : pick([randInt(r, 0, 130), randInt(r, 0, 130), -4, 200]),
    score: r() < 0.1 ? null : pick([[r()], [r(), r()], [], [r(), r(), r(), r()], [1.5], [-0.25], [NaN], [Infinity]]),
    color: r() < 0.1 ? null : pick(['red', 'green', 'red', 'blue', 'rouge']),
    flag: r() < 0.1 ? null : pick([0, 1, 1, 2, -1]),
    yes: r() < 0.1 ? null : pick(['Y', 'N', 'Y', 'maybe']),
    id: r() < 0.1 ? null : pick(['12', '99', '7', 'x1', ' 42 ']),
    pair: r() < 0.1 ? null : pick([[1, 2], [3, 4], [5], [6, 7, 8]]),
  }));
}

function toTable(rows: Row[], dictColor = false): Table {
  const col = <K extends keyof Row>(k: K) => rows.map((x) => x[k]);
  const color = dictColor
    ? vectorFromArray(col('color'), new Dictionary(new Utf8(), new Int32()))
    : vectorFromArray(col('color'), new Utf8());
  return new Table({
    age: vectorFromArray(col('age'), new Int32()),
    score: vectorFromArray(col('score'), new List(new Field('item', new Float64(), true))),
    color,
    flag: vectorFromArray(col('flag'), new Int32()),
    yes: vectorFromArray(col('yes'), new Utf8()),
    id: vectorFromArray(col('id'), new Utf8()),
    pair: vectorFromArray(col('pair'), new List(new Field('item', new Int32(), true))),
  } as unknown as Record<string, Vector>);
}

/** What the record validator says about each row, as [row, feature, type] sorted. */
function expected(rows: Row[]): string[] {
  const v = compileValidator(SCHEMA, { reportNewFeatures: false });
  const out: string[] = [];
  rows.forEach((row, i) => {
    const rec = Object.fromEntries(Object.entries(row).map(([k, x]) => [k, typeof x === 'number' && k === 'age' ? BigInt(x) : x]));
    for (const a of v.validate(rec)) out.push(`${i} ${a.feature} ${T[a.type]}`);
  });
  return out.sort();
}

describe('validateBatch (native)', () => {
  const v = compileValidator(SCHEMA, { reportNewFeatures: false });

  test('row for row what the record validator reports, plain and dictionary-encoded', () => {
    const rows = randomRows(2000, 99);
    const want = expected(rows);
    assert.ok(want.length > 500, `${want.length} findings`);
    for (const dict of [false, true]) {
      const got = v.validateBatch(toTable(rows, dict)).map((a) => `${a.row} ${a.feature} ${T[a.type]}`).sort();
      assert.deepEqual(got, want, `dictionary: ${dict}`);
    }
  });

  test('values are read back for the report; rows count across batches; sliced arrays', () => {
    const rows = randomRows(300, 5);
    const table = toTable(rows);
    const halves = new Table([...table.slice(0, 137).batches, ...table.slice(137).batches]);
    assert.equal(halves.batches.length, 2);
    const a = v.validateBatch(table).map((x) => `${x.row} ${x.feature} ${T[x.type]} ${String(x.value)}`).sort();
    const b = v.validateBatch(halves).map((x) => `${x.row} ${x.feature} ${T[x.type]} ${String(x.value)}`).sort();
    assert.deepEqual(b, a);
    const blue = v.validateBatch(table).find((x) => x.type === T.ENUM_TYPE_UNEXPECTED_STRING_VALUES)!;
    assert.ok(['blue', 'rouge'].includes(blue.value as string));
    assert.equal(rows[blue.row!]!.color, blue.value);
    // A batch sliced at an odd offset validates the rows it shows.
    const sliced = new RecordBatch(table.batches[0]!.schema, table.batches[0]!.data.slice(77, 64));
    const fromSlice = v.validateBatch(sliced).map((x) => `${x.row! + 77} ${x.feature} ${T[x.type]}`).sort();
    assert.deepEqual(fromSlice, expected(rows).filter((s) => { const r = Number(s.split(' ')[0]); return r >= 77 && r < 141; }));
  });

  test('a column of another type is one anomaly; a missing required column one; maxFindings bounds the output', () => {
    const t = tableFromArrays({ age: vectorFromArray(['1', '2'], new Utf8()), extra: Float64Array.from([1, 2]) });
    const found = compileValidator(SCHEMA).validateBatch(t);
    assert.deepEqual(found.map((a) => [a.feature, T[a.type], a.row]), [['age', 'UNEXPECTED_DATA_TYPE', undefined], ['extra', 'SCHEMA_NEW_COLUMN', undefined]]);
    const noAge = tableFromArrays({ flag: Int32Array.from([1]) });
    assert.deepEqual(v.validateBatch(noAge).map((a) => T[a.type]), ['SCHEMA_MISSING_COLUMN']);
    assert.equal(v.validateBatch(toTable(randomRows(2000, 3)), 10).length, 10);
    assert.equal(v.validateBatch(tableFromArrays({ age: makeVector(new Int32Array(0)) })).length, 0);
  });
});
