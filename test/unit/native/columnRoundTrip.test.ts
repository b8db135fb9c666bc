/**
 * Every Arrow type arrowline maps goes through a native kernel (the column profile) and comes
 * back equal to an independent JS reference: null counts, per-level list lengths, leaf counts,
 * string byte lengths and numeric moments. Each type is tested whole and sliced at odd
 * offsets, with and without nulls, and empty; unicode strings included.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import * as A from 'apache-arrow';

import { MomentsAccumulator, profileColumnSync, profileColumn } from '../../../src/native/index.js';
import { randInt, randString, rng } from '../../helpers/random.js';
import { type RefProfile, referenceMoments, referenceProfile, type ToNumber } from '../../helpers/reference.js';

type Leaf = { kind: 'numeric'; toNumber: ToNumber } | { kind: 'bytes' } | { kind: 'null' };
interface Case {
  name: string;
  type: A.DataType;
  depth: number;
  leaf: Leaf;
  gen: (r: () => number) => unknown;
}

const num: Leaf = { kind: 'numeric', toNumber: (v) => Number(v) };
const bytes: Leaf = { kind: 'bytes' };
const field = (t: A.DataType) => new A.Field('item', t, true);
const randBytes = (r: () => number) => Uint8Array.from({ length: randInt(r, 0, 5) }, () => randInt(r, 0, 255));

const CASES: Case[] = [
  { name: 'bool', type: new A.Bool(), depth: 0, leaf: num, gen: (r) => r() < 0.5 },
  { name: 'int8', type: new A.Int8(), depth: 0, leaf: num, gen: (r) => randInt(r, -128, 127) },
  { name: 'int16', type: new A.Int16(), depth: 0, leaf: num, gen: (r) => randInt(r, -30000, 30000) },
  { name: 'int32', type: new A.Int32(), depth: 0, leaf: num, gen: (r) => randInt(r, -2e9, 2e9) },
  { name: 'int64', type: new A.Int64(), depth: 0, leaf: num, gen: (r) => BigInt(randInt(r, -1e15, 1e15)) },
  { name: 'uint8', type: new A.Uint8(), depth: 0, leaf: num, gen: (r) => randInt(r, 0, 255) },
  { name: 'uint16', type: new A.Uint16(), depth: 0, leaf: num, gen: (r) => randInt(r, 0, 65535) },
  { name: 'uint32', type: new A.Uint32(), depth: 0, leaf: num, gen: (r) => randInt(r, 0, 4e9) },
  { name: 'uint64', type: new A.Uint64(), depth: 0, leaf: num, gen: (r) => BigInt(randInt(r, 0, 1e15)) },
  { name: 'float16', type: new A.Float16(), depth: 0, leaf: num, gen: (r) => (r() < 0.05 ? NaN : (r() - 0.5) * 100) },
  { name: 'float32', type: new A.Float32(), depth: 0, leaf: num, gen: (r) => (r() < 0.05 ? NaN : (r() - 0.5) * 1e6) },
  { name: 'float64', type: new A.Float64(), depth: 0, leaf: num, gen: (r) => (r() < 0.05 ? NaN : r() < 0.05 ? 0 : (r() - 0.5) * 1e9) },
  { name: 'utf8', type: new A.Utf8(), depth: 0, leaf: bytes, gen: (r) => randString(r) },
  { name: 'large_utf8', type: new A.LargeUtf8(), depth: 0, leaf: bytes, gen: (r) => randString(r) },
  { name: 'binary', type: new A.Binary(), depth: 0, leaf: bytes, gen: randBytes },
  { name: 'large_binary', type: new A.LargeBinary(), depth: 0, leaf: bytes, gen: randBytes },
  {
    name: 'dictionary<utf8, int32>',
    type: new A.Dictionary(new A.Utf8(), new A.Int32()),
    depth: 0,
    leaf: bytes,
    gen: (r) => ['red', 'grün', '青', ''][randInt(r, 0, 3)],
  },
  {
    name: 'dictionary<utf8, int8>',
    type: new A.Dictionary(new A.Utf8(), new A.Int8()),
    depth: 0,
    leaf: bytes,
    gen: (r) => ['x', 'yy'][randInt(r, 0, 1)],
  },
  {
    name: 'date32',
    type: new A.DateDay(),
    depth: 0,
    leaf: { kind: 'numeric', toNumber: (v) => Number(v) / 86400000 },
    gen: (r) => new Date(randInt(r, -1000, 20000) * 86400000),
  },
  { name: 'date64', type: new A.DateMillisecond(), depth: 0, leaf: num, gen: (r) => new Date(randInt(r, 0, 2e12)) },
  { name: 'timestamp[ms]', type: new A.TimestampMillisecond(), depth: 0, leaf: num, gen: (r) => randInt(r, 0, 2e12) },
  {
    name: 'list<int32>',
    type: new A.List(field(new A.Int32())),
    depth: 1,
    leaf: num,
    gen: (r) => Array.from({ length: randInt(r, 0, 4) }, () => (r() < 0.1 ? null : randInt(r, -50, 50))),
  },
  {
    name: 'large_list<utf8>',
    type: new A.LargeList(field(new A.Utf8())),
    depth: 1,
    leaf: bytes,
    gen: (r) => Array.from({ length: randInt(r, 0, 3) }, () => (r() < 0.1 ? null : randString(r))),
  },
  {
    name: 'fixed_size_list<float64>[3]',
    type: new A.FixedSizeList(3, field(new A.Float64())),
    depth: 1,
    leaf: num,
    gen: (r) => [r(), r() < 0.2 ? null : r() * 10, -r()],
  },
  {
    name: 'list<list<float32>>',
    type: new A.List(field(new A.List(field(new A.Float32())))),
    depth: 2,
    leaf: num,
    gen: (r) =>
      Array.from({ length: randInt(r, 0, 3) }, () =>
        r() < 0.15 ? null : Array.from({ length: randInt(r, 0, 3) }, () => Math.fround(r() * 8 - 4)),
      ),
  },
  { name: 'null', type: new A.Null(), depth: 0, leaf: { kind: 'null' }, gen: () => null },
];

function build(c: Case, n: number, seed: number, nullRate: number): { vector: A.Vector; values: unknown[] } {
  const r = rng(seed);
  const values = Array.from({ length: n }, () => (r() < nullRate ? null : c.gen(r)));
  const vector = A.vectorFromArray(values, c.type);
  return { vector, values };
}

function assertProfile(actual: ReturnType<typeof profileColumnSync>, expected: RefProfile, label: string) {
  assert.equal(actual.rows, expected.rows, `${label}: rows`);
  assert.equal(actual.nulls, expected.nulls, `${label}: nulls`);
  assert.deepEqual(actual.levels, expected.levels, `${label}: levels`);
  assert.equal(actual.leafValues, expected.leafValues, `${label}: leafValues`);
  assert.equal(actual.leafNulls, expected.leafNulls, `${label}: leafNulls`);
  assert.equal(actual.valueBytes, expected.valueBytes, `${label}: valueBytes`);
  assertMoments(actual.moments, expected.moments, label);
}

function assertMoments(actual: RefProfile['moments'] | undefined, expected: RefProfile['moments'] | undefined, label: string) {
  if (!expected) {
    assert.equal(actual, undefined, `${label}: no moments expected`);
    return;
  }
  assert.ok(actual, `${label}: moments expected`);
  for (const k of ['nullCount', 'nanCount', 'count', 'zeros', 'min', 'max'] as const) {
    assert.equal(actual[k], expected[k], `${label}: moments.${k}`);
  }
  const close = (a: number, b: number, what: string) =>
    assert.ok(Math.abs(a - b) <= 1e-9 * (1 + Math.abs(b)), `${label}: moments.${what} ${a} vs ${b}`);
  close(actual.mean, expected.mean, 'mean');
  close(actual.m2, expected.m2, 'm2');
}

describe('column views: every type through a native kernel', () => {
  for (const c of CASES) {
    test(c.name, () => {
      for (const nullRate of [0, 0.25]) {
        const { vector, values } = build(c, 203, c.name.length * 31 + (nullRate ? 7 : 0), nullRate);
        assert.equal(vector.data.length, 1);
        const whole = profileColumnSync(vector.data[0]!, c.name);
        assertProfile(whole, referenceProfile(values.map((_, i) => vector.get(i)), c.depth, c.leaf), `${c.name} nulls=${nullRate}`);
        // Odd slice offsets and lengths: the trap DESIGN.md describes (bitmaps not sub-arrayed).
        for (const [begin, end] of [[1, 200], [3, 4], [7, 120], [13, 203], [5, 5]] as const) {
          const slice = vector.slice(begin, end);
          const rows = Array.from({ length: end - begin }, (_, i) => vector.get(begin + i));
          for (const data of slice.data) {
            assertProfile(profileColumnSync(data, c.name), referenceProfile(rows, c.depth, c.leaf), `${c.name} [${begin}, ${end}) nulls=${nullRate}`);
          }
        }
      }
      // Empty column.
      const empty = A.vectorFromArray([], c.type);
      for (const data of empty.data) {
        const p = profileColumnSync(data, c.name);
        assert.equal(p.rows, 0);
        assert.equal(p.leafValues, 0);
      }
    });
  }
});

describe('chunked columns', () => {
  test('moments over every chunk equal moments over the concatenation', async () => {
    const r = rng(99);
    const chunks = [17, 0, 1000, 3, 4096].map((n) =>
      A.vectorFromArray(Array.from({ length: n }, () => (r() < 0.1 ? null : r() < 0.05 ? NaN : r() * 100 - 50)), new A.Float64()),
    );
    const chunked = chunks.reduce((a, b) => a.concat(b));
    assert.equal(chunked.data.length, 5);
    const all = chunked.toArray() as unknown as Float64Array;
    const values: Array<number | null> = [];
    for (let i = 0; i < chunked.length; i++) values.push(chunked.get(i) as number | null);
    const ref = referenceMoments(values);
    assert.equal(all.length, values.length);
    const acc = await MomentsAccumulator.create().update(chunked, 'x');
    assertMoments(acc.finalize(), ref, 'async chunked');
    assertMoments(MomentsAccumulator.create().updateSync(chunked, 'x').finalize(), ref, 'sync chunked');
  });

  test('a sliced chunk of a table column', async () => {
    const r = rng(5);
    const table = new A.Table({
      a: A.vectorFromArray(Array.from({ length: 999 }, () => (r() < 0.3 ? null : randInt(r, 0, 9))), new A.Int16()),
    });
    const sliced = table.slice(101, 877).getChild('a')!;
    const rows = Array.from({ length: sliced.length }, (_, i) => sliced.get(i));
    const p = await profileColumn(sliced.data[0]!, 'a');
    assertProfile(p, referenceProfile(rows, 0, num), 'table slice');
  });
});
