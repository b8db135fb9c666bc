/**
 * computeDrift: beyond TFDV and kept out of its Anomalies proto. For every feature present in
 * both statistics, every distance whether or not a schema threshold is set: TFDV's L-infinity,
 * normalized absolute difference and approximate Jensen-Shannon divergence (metrics.ts), plus
 * the population stability index (PSI) and, for numeric features, Kolmogorov-Smirnov and the
 * normalized Wasserstein-1 distance, from the QUANTILES histograms of the quantile sketches.
 *
 * Formulas (the histogram model: uniform density inside a bucket, point buckets as point masses):
 *   PSI  = sum_i (p_i - q_i) ln(p_i / q_i) over label shares (categorical) or over the masses of
 *          the two QUANTILES histograms aligned on the union of their boundaries (numeric);
 *          empty cells count as 1e-4 so one-sided cells stay finite.
 *   KS   = max_x |F_cur(x) - F_base(x)| over the union of bucket boundaries.
 *   W1   = integral |F_cur(x) - F_base(x)| dx (exact for piecewise-linear CDFs), divided by the
 *          baseline's standard deviation (by its max - min when that is 0).
 */
import type { DatasetFeatureStatisticsList, Histogram } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { Histogram_HistogramType } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { serializePath } from '../schema/path.js';
import { DatasetStatsView, type FeatureStatsView, selectDataset } from '../schema/statsView.js';
import { jensenShannon } from './checks/comparators.js';
import { alignHistograms, type Counts, lInftyDistance, normalizedAbsoluteDifference } from './metrics.js';

export const PSI_EPSILON = 1e-4;

export interface FeatureDrift {
  /** Serialized feature path. */
  feature: string;
  kind: 'categorical' | 'numeric';
  lInfinity: { value: number; label: string };
  normalizedAbsoluteDifference: { value: number; label: string };
  jensenShannonDivergence?: number;
  populationStabilityIndex?: number;
  kolmogorovSmirnov?: number;
  normalizedWasserstein?: number;
}

export interface DriftReport {
  features: FeatureDrift[];
  /** Features in only one of the two statistics. */
  onlyInCurrent: string[];
  onlyInBaseline: string[];
}

function psi(p: number[], q: number[]): number | undefined {
  const sp = p.reduce((a, b) => a + b, 0);
  const sq = q.reduce((a, b) => a + b, 0);
  if (sp === 0 || sq === 0) return undefined;
  let r = 0;
  for (let i = 0; i < p.length; i++) {
    const a = Math.max(p[i]! / sp, PSI_EPSILON);
    const b = Math.max(q[i]! / sq, PSI_EPSILON);
    r += (a - b) * Math.log(a / b);
  }
  return r;
}

function categoricalPsi(a: Counts, b: Counts): number | undefined {
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  return psi(keys.map((k) => a.get(k) ?? 0), keys.map((k) => b.get(k) ?? 0));
}

/** The CDF of a histogram's finite part (NaN and infinite buckets left out), normalized to 1; `left`: the limit from the left. */
function cdf(h: Histogram): ((x: number, left?: boolean) => number) | undefined {
  const buckets = h.buckets.filter((b) => Number.isFinite(b.lowValue) && Number.isFinite(b.highValue) && b.sampleCount > 0);
  const total = buckets.reduce((s, b) => s + b.sampleCount, 0);
  if (total === 0) return undefined;
  return (x: number, left = false) => {
    let m = 0;
    for (const b of buckets) {
      if (left ? b.highValue < x : b.highValue <= x) m += b.sampleCount;
      else if (b.lowValue < x) m += (b.sampleCount * (x - b.lowValue)) / (b.highValue - b.lowValue);
    }
    return m / total;
  };
}

function boundaries(...hs: Histogram[]): number[] {
  const s = new Set<number>();
  for (const h of hs) for (const b of h.buckets) if (Number.isFinite(b.lowValue) && Number.isFinite(b.highValue)) s.add(b.lowValue).add(b.highValue);
  return [...s].sort((x, y) => x - y);
}

/** KS and W1 of two histograms; both CDFs are linear between consecutive union boundaries. */
function cdfDistances(a: Histogram, b: Histogram): { ks: number; w1: number } | undefined {
  const fa = cdf(a);
  const fb = cdf(b);
  if (!fa || !fb) return undefined;
  const xs = boundaries(a, b);
  let ks = 0;
  let w1 = 0;
  let prev: { x: number; d: number } | undefined;
  for (const x of xs) {
    const d = fa(x) - fb(x);
    ks = Math.max(ks, Math.abs(d));
    if (prev) {
      // Point masses sit on boundaries: between two boundaries the difference runs from its value at
      // the left one to its left limit at the right one.
      const left = fa(x, true) - fb(x, true);
      const width = x - prev.x;
      const d0 = prev.d;
      w1 += d0 * left >= 0 ? (width * (Math.abs(d0) + Math.abs(left))) / 2 : (width * (d0 * d0 + left * left)) / (2 * (Math.abs(d0) + Math.abs(left)));
    }
    prev = { x, d };
  }
  return { ks, w1 };
}

function quantiles(f: FeatureStatsView): Histogram | undefined {
  return f.numericHistograms.find((h) => h.type === Histogram_HistogramType.QUANTILES);
}

export function featureDrift(current: FeatureStatsView, baseline: FeatureStatsView): FeatureDrift {
  const ca = current.stringValuesWithCounts;
  const cb = baseline.stringValuesWithCounts;
  const categorical = ca.size > 0 || cb.size > 0;
  const out: FeatureDrift = {
    feature: serializePath(current.path),
    kind: categorical ? 'categorical' : 'numeric',
    lInfinity: lInftyDistance(ca, cb),
    normalizedAbsoluteDifference: normalizedAbsoluteDifference(ca, cb),
    jensenShannonDivergence: jensenShannon(current, baseline),
  };
  if (categorical) {
    out.populationStabilityIndex = categoricalPsi(ca, cb);
    return out;
  }
  const qa = quantiles(current);
  const qb = quantiles(baseline);
  if (!qa || !qb) return out;
  const [p, q] = alignHistograms(qa, qb);
  out.populationStabilityIndex = psi(p, q);
  const d = cdfDistances(qa, qb);
  if (d) {
    out.kolmogorovSmirnov = d.ks;
    const ns = baseline.numStats!;
    const scale = ns.stdDev > 0 ? ns.stdDev : ns.max - ns.min;
    out.normalizedWasserstein = scale > 0 ? d.w1 / scale : d.w1 === 0 ? 0 : undefined;
  }
  return out;
}

export function computeDrift(current: DatasetFeatureStatisticsList, baseline: DatasetFeatureStatisticsList): DriftReport {
  const cur = new DatasetStatsView(selectDataset(current, 'current statistics'));
  const base = new DatasetStatsView(selectDataset(baseline, 'baseline statistics'), { byWeight: cur.byWeight });
  const report: DriftReport = { features: [], onlyInCurrent: [], onlyInBaseline: [] };
  for (const f of cur.withCommonStats) {
    const b = base.find(f.path);
    if (b?.common) report.features.push(featureDrift(f, b));
    else report.onlyInCurrent.push(serializePath(f.path));
  }
  for (const b of base.withCommonStats) if (!cur.find(b.path)) report.onlyInBaseline.push(serializePath(b.path));
  return report;
}
