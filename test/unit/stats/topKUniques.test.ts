/**
 * String statistics from the Misra-Gries and KMV sketches: exact below their bounds (checked
 * against exact counts), TFDV's ordering (count descending, ties to the larger value), the
 * frequency threshold, placeholders for invalid UTF-8, and the rank histogram.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import * as A from 'apache-arrow';

import { computeStatistics } from '../../../src/stats/index.js';
import { randInt, randString, rng } from '../../helpers/random.js';

async function stringStats(table: A.Table, options = {}) {
  const f = (await computeStatistics(table, options)).datasets[0]!.features[0]!;
  assert.ok(f.stats.case === 'stringStats');
  return f.stats.value;
}

describe('top values and uniques', () => {
  test('exact counts and TFDV ordering below the sketch bounds', async () => {
    const r = rng(17);
    const values = Array.from({ length: 5000 }, () => (r() < 0.1 ? null : randString(r, 2)));
    const s = await stringStats(new A.Table({ s: A.vectorFromArray(values, new A.Utf8()) }));
    const counts = new Map<string, number>();
    for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
    assert.equal(s.unique, BigInt(counts.size));
    // TFDV: sorted by (count, value) descending; Python compares the UTF-8 bytes.
    const bytes = (x: string) => Buffer.from(x, 'utf8');
    const expected = [...counts.entries()].sort((a, b) => b[1] - a[1] || Buffer.compare(bytes(b[0]), bytes(a[0])));
    assert.deepEqual(s.topValues.map((t) => [t.value, t.frequency]), expected.slice(0, 20));
    const rh = s.rankHistogram!.buckets;
    assert.equal(rh.length, Math.min(1000, expected.length));
    rh.forEach((b, i) => {
      assert.equal(b.lowRank, BigInt(i));
      assert.equal(b.highRank, BigInt(i));
      assert.equal(b.label, expected[i]![0]);
      assert.equal(b.sampleCount, expected[i]![1]);
    });
  });

  test('ties go to the larger value; the frequency threshold and num_top_values cut the list', async () => {
    const t = new A.Table({ s: A.vectorFromArray(['a', 'b', 'b', 'c', 'c', 'd', 'e', 'e', 'e'], new A.Utf8()) });
    const s = await stringStats(t, { numTopValues: 3, frequencyThreshold: 2, numRankHistogramBuckets: 10 });
    assert.deepEqual(s.topValues.map((v) => [v.value, v.frequency]), [['e', 3], ['c', 2], ['b', 2]]);
    assert.deepEqual(s.rankHistogram!.buckets.map((b) => b.label), ['e', 'c', 'b']);
    assert.equal(s.unique, 5n);
  });

  test('lists, dictionaries and invalid UTF-8 values', async () => {
    const list = new A.Table({ s: A.vectorFromArray([['x', 'y'], ['x'], null, []], new A.List(new A.Field('item', new A.Utf8(), true))) });
    const sl = await stringStats(list);
    assert.deepEqual(sl.topValues.map((v) => [v.value, v.frequency]), [['x', 2], ['y', 1]]);
    const dict = new A.Table({ s: A.vectorFromArray(['q', 'q', 'r', null], new A.Dictionary(new A.Utf8(), new A.Int32())) });
    const sd = await stringStats(dict);
    assert.deepEqual(sd.topValues.map((v) => [v.value, v.frequency]), [['q', 2], ['r', 1]]);
    const bin = new A.Table({ s: A.vectorFromArray([Uint8Array.of(0xff), Uint8Array.of(0xfe), Uint8Array.of(0x61)], new A.Binary()) });
    const sb = await stringStats(bin);
    assert.deepEqual(sb.topValues.map((v) => [v.value, v.frequency]), [['__BYTES_VALUE__', 2], ['a', 1]]);
    assert.equal(sb.unique, 3n); // distinct counts hash the raw bytes
    assert.equal(sb.invalidUtf8Count, 2n);
  });

  test('past the exact bound: 100000 distinct values stay within the KMV error', async () => {
    const values = Array.from({ length: 100000 }, (_, i) => `v${i}`);
    const s = await stringStats(new A.Table({ s: A.vectorFromArray(values, new A.Utf8()) }));
    assert.ok(Math.abs(Number(s.unique) - 100000) < 100000 * 0.03, `unique ${s.unique}`);
    assert.equal(s.topValues.length, 20);
  });

  test('numeric features get no top values; all-null string features neither', async () => {
    const t = new A.Table({ n: A.vectorFromArray([randInt(rng(1), 0, 5), 3], new A.Int32()), e: A.vectorFromArray([null, null], new A.Utf8()) });
    const [n, e] = (await computeStatistics(t)).datasets[0]!.features;
    assert.equal(n!.stats.case, 'numStats');
    assert.ok(e!.stats.case === 'stringStats');
    assert.equal(e!.stats.value.topValues.length, 0);
    assert.equal(e!.stats.value.unique, 0n);
  });
});
