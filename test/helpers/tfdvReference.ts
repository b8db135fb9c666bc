/**
 * An independent float64 JS model of TFDV's BasicStats for one feature (reference/tfdv.md §2.3,
 * §2.4, §2.6), computed from the values as apache-arrow's getters return them. Used to check
 * computeStatistics field by field.
 */
export interface RefFeature {
  numNonMissing: number;
  numMissing: number;
  minNumValues?: number;
  maxNumValues?: number;
  avgNumValues?: number;
  totNumValues: number;
  mean?: number;
  stdDev?: number;
  numZeros?: number;
  min?: number;
  max?: number;
  avgLength?: number;
  invalidUtf8Count: number;
  levels?: Array<{ numNonMissing: number; numMissing: number; minNumValues?: number; maxNumValues?: number; totNumValues?: number }>;
}

const isList = (v: unknown): v is Iterable<unknown> & { length: number } =>
  v != null && typeof v === 'object' && !(v instanceof Uint8Array) && typeof (v as { length?: unknown }).length === 'number';

function leaves(v: unknown, depth: number, out: unknown[]): void {
  if (depth === 0) {
    out.push(v);
    return;
  }
  for (const c of v as Iterable<unknown>) {
    if (depth === 1) out.push(c);
    else if (c != null) leaves(c, depth - 1, out);
  }
}

export function tfdvReference(rows: unknown[], depth: number, kind: 'numeric' | 'string' | 'null', numExamples = rows.length): RefFeature {
  const present = rows.filter((r) => r != null);
  // CommonStatistics describe the outermost lists (a flat cell is a list of one value).
  const counts = present.map((r) => (depth === 0 ? 1 : (r as { length: number }).length));
  const leafValues: unknown[] = [];
  for (const r of present) leaves(r, depth, leafValues);
  const tot = counts.reduce((a, b) => a + b, 0);
  const leafTotal = depth === 0 ? present.length : leafValues.length;
  const ref: RefFeature = { numNonMissing: present.length, numMissing: numExamples - present.length, totNumValues: tot, invalidUtf8Count: 0 };
  if (present.length > 0) {
    ref.minNumValues = Math.min(...counts);
    ref.maxNumValues = Math.max(...counts);
    ref.avgNumValues = Math.fround(tot / present.length);
  }
  if (depth > 1) {
    ref.levels = [];
    let level: unknown[] = rows;
    let prevTot = numExamples;
    for (let d = 0; d < depth; d++) {
      const nonNull = level.filter((x) => x != null);
      const lens = nonNull.map((x) => (x as { length: number }).length);
      const l: NonNullable<RefFeature['levels']>[number] = { numNonMissing: nonNull.length, numMissing: prevTot - nonNull.length };
      if (nonNull.length > 0) {
        l.minNumValues = Math.min(...lens);
        l.maxNumValues = Math.max(...lens);
        l.totNumValues = lens.reduce((a, b) => a + b, 0);
      }
      ref.levels.push(l);
      prevTot = l.totNumValues ?? 0;
      level = nonNull.flatMap((x) => Array.from(x as Iterable<unknown>));
    }
  }
  if (kind === 'numeric') {
    const xs = leafValues.filter((v) => v != null).map((v) => (typeof v === 'boolean' ? Number(v) : Number(v as number | bigint)));
    const finiteOrInf = xs.filter((x) => !Number.isNaN(x));
    if (finiteOrInf.length > 0) {
      const mean = finiteOrInf.reduce((a, b) => a + b, 0) / finiteOrInf.length;
      ref.mean = mean;
      // A NaN variance (from ±inf) reads as 0 in TFDV.
      const v = finiteOrInf.reduce((a, b) => a + (b - mean) ** 2, 0) / finiteOrInf.length;
      ref.stdDev = Number.isNaN(v) ? 0 : Math.sqrt(v);
      ref.numZeros = finiteOrInf.filter((x) => x === 0).length;
      ref.min = Math.min(...finiteOrInf);
      ref.max = Math.max(...finiteOrInf);
    }
  } else if (kind === 'string') {
    let bytes = 0;
    for (const v of leafValues) {
      if (v == null) continue;
      const b = typeof v === 'string' ? new TextEncoder().encode(v) : (v as Uint8Array);
      bytes += b.byteLength;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(b);
      } catch {
        ref.invalidUtf8Count++;
      }
    }
    if (leafTotal > 0) ref.avgLength = Math.fround(bytes / leafTotal);
  }
  void isList;
  return ref;
}
