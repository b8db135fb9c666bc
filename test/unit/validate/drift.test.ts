/**
 * computeDrift: PSI, Kolmogorov-Smirnov and normalized Wasserstein from QUANTILES histograms
 * against values worked out by hand for the histogram model, categorical PSI against a direct
 * float64 sum, TFDV's distances always present, and `validate --drift-report`.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { computeDrift, PSI_EPSILON } from '../../../src/validate/index.js';
import { statsOf } from './helpers.js';

const numeric = (buckets: [number, number, number][], std: number) =>
  statsOf(`datasets { num_examples: 100 features { path { step: 'x' } type: FLOAT num_stats {
    common_stats { num_non_missing: 100 min_num_values: 1 max_num_values: 1 } std_dev: ${std} min: 0 max: 3
    histograms { type: QUANTILES ${buckets.map(([lo, hi, c]) => `buckets { low_value: ${lo} high_value: ${hi} sample_count: ${c} }`).join(' ')} } } } }`);

describe('computeDrift', () => {
  test('a shift by one: KS 0.5, W1 1 (normalized by the baseline std dev), PSI over the aligned buckets', () => {
    const current = numeric([[0, 1, 50], [1, 2, 50]], 0.5);
    const baseline = numeric([[1, 2, 50], [2, 3, 50]], 0.5);
    const d = computeDrift(current, baseline).features[0]!;
    assert.equal(d.kind, 'numeric');
    assert.ok(Math.abs(d.kolmogorovSmirnov! - 0.5) < 1e-12);
    assert.ok(Math.abs(d.normalizedWasserstein! - 1 / 0.5) < 1e-12, String(d.normalizedWasserstein));
    const e = PSI_EPSILON;
    const want = (0.5 - e) * Math.log(0.5 / e) + (e - 0.5) * Math.log(e / 0.5);
    assert.ok(Math.abs(d.populationStabilityIndex! - want) < 1e-12);
    assert.equal(computeDrift(baseline, baseline).features[0]!.kolmogorovSmirnov, 0);
    assert.equal(computeDrift(baseline, baseline).features[0]!.normalizedWasserstein, 0);
  });

  test('W1 with crossing CDFs and point masses', () => {
    // current: all mass at 1 (a point bucket); baseline: uniform on [0, 2]. W1 = 2 * (1/2 * 1 * 0.5) = 0.5.
    const d = computeDrift(numeric([[1, 1, 10]], 1), numeric([[0, 2, 10]], 1)).features[0]!;
    assert.ok(Math.abs(d.normalizedWasserstein! - 0.5) < 1e-12, String(d.normalizedWasserstein));
    assert.ok(Math.abs(d.kolmogorovSmirnov! - 0.5) < 1e-12);
  });

  test('categorical: PSI over label shares, L-inf, NAD, JSD', () => {
    const cat = (a: number, b: number, c: number) =>
      statsOf(`datasets { num_examples: 10 features { path { step: 'c' } type: STRING string_stats { common_stats { num_non_missing: 10 min_num_values: 1 max_num_values: 1 }
        rank_histogram { buckets { label: "x" sample_count: ${a} } buckets { label: "y" sample_count: ${b} } buckets { label: "z" sample_count: ${c} } } } } }`);
    const r = computeDrift(cat(1, 2, 7), cat(3, 1, 6));
    const d = r.features[0]!;
    const p = [0.1, 0.2, 0.7];
    const q = [0.3, 0.1, 0.6];
    const want = p.reduce((s, pi, i) => s + (pi - q[i]!) * Math.log(pi / q[i]!), 0);
    assert.equal(d.kind, 'categorical');
    assert.ok(Math.abs(d.populationStabilityIndex! - want) < 1e-12);
    assert.deepEqual(d.lInfinity, { label: 'x', value: 0.19999999999999998 });
    assert.ok(Math.abs(d.normalizedAbsoluteDifference.value - 0.1) < 1e-15);
    assert.ok(d.jensenShannonDivergence! > 0 && d.jensenShannonDivergence! < 1);
    assert.deepEqual(computeDrift(cat(1, 1, 1), statsOf('datasets { num_examples: 1 }')).onlyInCurrent, ['c']);
  });
});
