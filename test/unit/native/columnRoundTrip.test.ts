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
import { randInt, rng } from '../../helpers/random.js';
import { type RefProfile, referenceMoments, referenceProfile } from '../../helpers/reference.js';
import { build, CASES, num } from '../../helpers/typeCases.js';

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
