/**
 * Cases from TFDV's basic_stats_generator_test.py, with its expected numbers: medians,
 * STANDARD histograms interpolated from quantiles, QUANTILES histograms and num_values
 * histograms, over batches as TFDV saw them.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import * as A from 'apache-arrow';

import type { Histogram } from '../../../src/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { Histogram_HistogramType } from '../../../src/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { computeStatistics } from '../../../src/stats/index.js';

const listOf = (t: A.DataType) => new A.List(new A.Field('item', t, true));
const OPTIONS = { numValuesHistogramBuckets: 4, numHistogramBuckets: 3, numQuantilesHistogramBuckets: 4 };

function buckets(h: Histogram | undefined): Array<[number, number, number]> {
  assert.ok(h);
  return h.buckets.map((b) => [b.lowValue, b.highValue, b.sampleCount]);
}

function close(actual: Array<[number, number, number]>, expected: Array<[number, number, number]>, label: string) {
  assert.equal(actual.length, expected.length, `${label}: bucket count`);
  actual.forEach((b, i) => b.forEach((x, k) => assert.ok(Math.abs(x - expected[i]![k]!) < 1e-6, `${label}[${i}][${k}]: ${x} vs ${expected[i]![k]}`)));
}

describe("TFDV's basic_stats_generator_test", () => {
  test('test_single_feature: two batches of float lists', async () => {
    const b1 = new A.Table({ a: A.vectorFromArray([[1, 2], [3, 4, 5]], listOf(new A.Float64())) });
    const b2 = new A.Table({ a: A.vectorFromArray([[1]], listOf(new A.Float64())) });
    const table = new A.Table([...b1.batches, ...new A.Table(b1.schema, b2.batches).batches]);
    const f = (await computeStatistics(table, OPTIONS)).datasets[0]!.features[0]!;
    assert.ok(f.stats.case === 'numStats');
    const n = f.stats.value;
    const c = n.commonStats!;
    assert.deepEqual([c.numNonMissing, c.minNumValues, c.maxNumValues, c.avgNumValues, c.totNumValues], [3n, 1n, 3n, 2, 6n]);
    close(buckets(c.numValuesHistogram), [[1, 1, 1], [1, 2, 1], [2, 3, 0.5], [3, 3, 0.5]], 'num_values_histogram');
    assert.equal(c.numValuesHistogram!.type, Histogram_HistogramType.QUANTILES);
    assert.ok(Math.abs(n.mean - 2.66666666) < 1e-7);
    assert.ok(Math.abs(n.stdDev - 1.49071198) < 1e-7);
    assert.deepEqual([n.min, n.max, n.median], [1, 5, 3]);
    assert.deepEqual(n.histograms.map((h) => h.type), [Histogram_HistogramType.STANDARD, Histogram_HistogramType.QUANTILES]);
    close(buckets(n.histograms[0]), [[1, 2.3333333, 3.0049751], [2.3333333, 3.6666667, 1.0049751], [3.6666667, 5, 1.9900498]], 'STANDARD');
    close(buckets(n.histograms[1]), [[1, 1, 2], [1, 3, 2], [3, 4, 1], [4, 5, 1]], 'QUANTILES');
  });

  test('test_with_feature_config: one batch, float lists and strings', async () => {
    const table = new A.Table({
      a: A.vectorFromArray([[1, 2], [3, 4, 5]], listOf(new A.Float64())),
      b: A.vectorFromArray([['abc'], ['xyz']], listOf(new A.Utf8())),
    });
    const [a, b] = (await computeStatistics(table, OPTIONS)).datasets[0]!.features;
    assert.ok(a!.stats.case === 'numStats');
    const n = a!.stats.value;
    close(buckets(n.commonStats!.numValuesHistogram), [[2, 2, 1], [2, 3, 1 / 3], [3, 3, 1 / 3], [3, 3, 1 / 3]], 'a num_values_histogram');
    assert.deepEqual([n.mean, n.stdDev, n.min, n.median, n.max], [3, 1.4142135623730951, 1, 3, 5]);
    close(buckets(n.histograms[0]), [[1, 2.333333333333333, 2.004166666666662], [2.333333333333333, 3.6666666666666665, 1.0041666666666653], [3.6666666666666665, 5, 1.9916666666666696]], 'a STANDARD');
    close(buckets(n.histograms[1]), [[1, 2, 2], [2, 3, 1], [3, 4, 1], [4, 5, 1]], 'a QUANTILES');
    assert.ok(b!.stats.case === 'stringStats');
    const s = b!.stats.value;
    assert.equal(s.avgLength, 3);
    close(buckets(s.commonStats!.numValuesHistogram), [[1, 1, 0.5], [1, 1, 0.5], [1, 1, 0.5], [1, 1, 0.5]], 'b num_values_histogram');
  });
});
