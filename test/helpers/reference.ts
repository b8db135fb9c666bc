/**
 * An independent float64 JS reference for the native column profile: walks the values as
 * apache-arrow's own getters return them (never the buffers the addon reads).
 */
export interface RefMoments {
  nullCount: number;
  nanCount: number;
  count: number;
  zeros: number;
  mean: number;
  m2: number;
  min: number;
  max: number;
}

export interface RefProfile {
  rows: number;
  nulls: number;
  levels: Array<{ elements: number; nulls: number; minLength: number; maxLength: number; totalLength: number }>;
  leafValues: number;
  leafNulls: number;
  valueBytes: number;
  moments?: RefMoments;
}

/** JS value -> number for numeric leaves (bool 0/1, bigint, Date day/ms handled by `scale`). */
export type ToNumber = (v: unknown) => number;

function isListValue(v: unknown): v is { length: number; [i: number]: unknown } & Iterable<unknown> {
  return v != null && typeof v === 'object' && !(v instanceof Uint8Array) && typeof (v as { length?: unknown }).length === 'number';
}

export function referenceMoments(values: Array<number | null>): RefMoments {
  const m: RefMoments = { nullCount: 0, nanCount: 0, count: 0, zeros: 0, mean: 0, m2: 0, min: Infinity, max: -Infinity };
  let sum = 0;
  for (const v of values) {
    if (v === null) m.nullCount++;
    else if (Number.isNaN(v)) m.nanCount++;
    else {
      m.count++;
      sum += v;
      if (v === 0) m.zeros++;
      m.min = Math.min(m.min, v);
      m.max = Math.max(m.max, v);
    }
  }
  m.mean = m.count ? sum / m.count : 0;
  for (const v of values) if (v !== null && !Number.isNaN(v)) m.m2 += (v - m.mean) ** 2;
  return m;
}

/**
 * `rows` are the column's values as arrow returns them (lists as array-likes, nulls as null).
 * `depth` is the list nesting depth; `leaf` says how to read a leaf value.
 */
export function referenceProfile(
  rows: unknown[],
  depth: number,
  leaf: { kind: 'numeric'; toNumber: ToNumber } | { kind: 'bytes' } | { kind: 'null' },
): RefProfile {
  const p: RefProfile = { rows: rows.length, nulls: rows.filter((v) => v == null).length, levels: [], leafValues: 0, leafNulls: 0, valueBytes: 0 };
  let level: unknown[] = rows;
  for (let d = 0; d < depth; d++) {
    const lengths = level.filter((v) => v != null).map((v) => (isListValue(v) ? v.length : 0));
    p.levels.push({
      elements: level.length,
      nulls: level.length - lengths.length,
      minLength: lengths.length ? Math.min(...lengths) : 0,
      maxLength: lengths.length ? Math.max(...lengths) : 0,
      totalLength: lengths.reduce((a, b) => a + b, 0),
    });
    level = level.filter((v) => v != null).flatMap((v) => Array.from(v as Iterable<unknown>));
  }
  p.leafValues = level.length;
  p.leafNulls = level.filter((v) => v == null).length;
  if (leaf.kind === 'bytes') {
    for (const v of level) {
      if (v == null) continue;
      p.valueBytes += typeof v === 'string' ? Buffer.byteLength(v, 'utf8') : (v as Uint8Array).byteLength;
    }
  } else if (leaf.kind === 'numeric') {
    p.moments = referenceMoments(level.map((v) => (v == null ? null : leaf.toNumber(v))));
  }
  return p;
}
