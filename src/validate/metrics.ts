/**
 * Distances between two statistics of one feature, as TFDV's metrics.cc computes them:
 * L-infinity (each label map normalized by its own total), normalized absolute difference (both
 * maps divided by the combined total), and the approximate Jensen-Shannon divergence (log2,
 * capped at 1) over the label union for categorical features, else over numeric histograms
 * aligned on the union of their boundaries (uniform density within a bucket, point and
 * infinite buckets set apart, NaN counts in their own buckets).
 */
import type { Histogram } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { compareBytewise } from '../schema/labels.js';

export type Counts = ReadonlyMap<string, number>;

function sum(m: Counts): number {
  let s = 0;
  for (const v of m.values()) s += v;
  return s;
}

function scale(m: Counts, by: number): Map<string, number> {
  return new Map([...m].map(([k, v]) => [k, v / by]));
}

function normalize(m: Counts): Counts {
  const s = sum(m);
  return s === 0 ? m : scale(m, s);
}

/** GetLInftyNorm of a - b over the key union: the largest |difference|, ties to the last key in bytewise order. */
function lInftyOfDifference(a: Counts, b: Counts): { label: string; value: number } {
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort(compareBytewise);
  let best = { label: '', value: 0 };
  for (const k of keys) {
    const d = Math.abs((a.get(k) ?? 0) - (b.get(k) ?? 0));
    if (d >= best.value) best = { label: k, value: d };
  }
  return best;
}

export function lInftyDistance(a: Counts, b: Counts): { label: string; value: number } {
  return lInftyOfDifference(normalize(a), normalize(b));
}

export function normalizedAbsoluteDifference(a: Counts, b: Counts): { label: string; value: number } {
  const total = sum(a) + sum(b);
  return lInftyOfDifference(scale(a, total), scale(b, total));
}

/** Categorical JSD over the label union; undefined when a map is empty or holds a non-positive count. */
export function jensenShannonOfCounts(a: Counts, b: Counts): number | undefined {
  if (a.size === 0 || b.size === 0) return undefined;
  for (const v of [...a.values(), ...b.values()]) if (v <= 0) return undefined;
  const sa = sum(a);
  const sb = sum(b);
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort(compareBytewise);
  let kl = 0;
  for (const k of keys) {
    const p = (a.get(k) ?? 0) / sa;
    const q = (b.get(k) ?? 0) / sb;
    const m = (p + q) / 2;
    if (a.has(k)) kl += p * Math.log2(p / m);
    if (b.has(k)) kl += q * Math.log2(q / m);
  }
  return Math.min(kl / 2, 1);
}

interface Bucket {
  low: number;
  high: number;
  count: number;
}

interface Hist {
  buckets: Bucket[];
  numNan: number;
}

function strip(h: Histogram): { hist: Hist; points: Map<number, number>; infinite: number } {
  const hist: Hist = { buckets: [], numNan: Number(h.numNan) };
  const points = new Map<number, number>();
  let infinite = 0;
  for (const b of h.buckets) {
    if (!Number.isFinite(b.lowValue) || !Number.isFinite(b.highValue)) infinite += b.sampleCount;
    else if (b.lowValue === b.highValue) points.set(b.lowValue, (points.get(b.lowValue) ?? 0) + b.sampleCount);
    else hist.buckets.push({ low: b.lowValue, high: b.highValue, count: b.sampleCount });
  }
  return { hist, points, infinite };
}

function boundaries(h: Hist): number[] {
  const s = new Set<number>();
  for (const b of h.buckets) {
    s.add(b.low);
    s.add(b.high);
  }
  return [...s].sort((x, y) => x - y);
}

/** RebucketHistogram: counts spread uniformly over the new buckets each old bucket covers. */
function rebucket(bounds: number[], h: Hist): Hist {
  const out: Bucket[] = [];
  const last = bounds.length - 1;
  let i = 0;
  for (const b of h.buckets) {
    while (b.low > bounds[i]!) {
      out.push({ low: bounds[i]!, high: bounds[i + 1]!, count: 0 });
      i++;
    }
    if (b.low === b.high && b.low === bounds[i]) {
      out.push({ low: bounds[i]!, high: bounds[i + 1]!, count: b.count });
      i++;
      continue;
    }
    const covered: number[] = [];
    while (b.high > bounds[i]!) covered.push(bounds[i++]!);
    covered.push(bounds[i]!);
    for (let j = 0; j + 1 < covered.length; j++) {
      out.push({ low: covered[j]!, high: covered[j + 1]!, count: ((covered[j + 1]! - covered[j]!) / (b.high - b.low)) * b.count });
    }
  }
  for (let j = i; j < last; j++) out.push({ low: bounds[j]!, high: bounds[j + 1]!, count: 0 });
  return { buckets: out, numNan: h.numNan };
}

function sameBounds(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** AlignHistograms: the two histograms as equal-length vectors of masses. */
export function alignHistograms(h1: Histogram, h2: Histogram): [number[], number[]] {
  const s1 = strip(h1);
  const s2 = strip(h2);
  let a = s1.hist;
  let b = s2.hist;
  const b1 = boundaries(a);
  const b2 = boundaries(b);
  if (!sameBounds(b1, b2)) {
    const union = [...new Set([...b1, ...b2])].sort((x, y) => x - y);
    a = rebucket(union, a);
    b = rebucket(union, b);
  }
  const p = a.buckets.map((x) => x.count);
  const q = b.buckets.map((x) => x.count);
  const points = [...new Set([...s1.points.keys(), ...s2.points.keys()])].sort((x, y) => x - y);
  for (const pt of points) {
    p.push(s1.points.get(pt) ?? 0);
    q.push(s2.points.get(pt) ?? 0);
  }
  if (s1.infinite !== 0) {
    p.push(s1.infinite);
    q.push(0);
  }
  if (s2.infinite !== 0) {
    p.push(0);
    q.push(s2.infinite);
  }
  if (a.numNan > 0 || b.numNan > 0) {
    // TFDV's layout: [0, nan1] against [nan2, 0].
    p.push(0, a.numNan);
    q.push(b.numNan, 0);
  }
  return [p, q];
}

function normalizeVector(v: number[]): number[] | undefined {
  const s = v.reduce((x, y) => x + y, 0);
  return s === 0 ? undefined : v.map((x) => x / s);
}

function kl(p: number[], q: number[]): number {
  let r = 0;
  for (let i = 0; i < p.length; i++) if (p[i]! > 0 && q[i]! > 0) r += p[i]! * Math.log2(p[i]! / q[i]!);
  return r;
}

/** Numeric JSD of two histograms of the same type; undefined when either is empty or the types differ. */
export function jensenShannonOfHistograms(h1: Histogram, h2: Histogram): number | undefined {
  if (h1.type !== h2.type) return undefined;
  const [a, b] = alignHistograms(h1, h2);
  const p = normalizeVector(a);
  const q = normalizeVector(b);
  if (!p || !q) return undefined;
  const m = p.map((x, i) => (x + q[i]!) / 2);
  return Math.min((kl(p, m) + kl(q, m)) / 2, 1);
}
