/**
 * Statistics compared as equal up to float rounding: every number rounded to 12 significant
 * digits (merged moments differ from one pass in the last bits: Chan's merge), everything else
 * exact. For states in the sketches' exact regime (under 11402 values per feature, under 1024
 * distinct strings), where a merge gives the same histograms and top values as one pass.
 */
import assert from 'node:assert/strict';

function rounded(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) && v !== 0 ? Number(v.toPrecision(12)) : v;
  if (Array.isArray(v)) return v.map(rounded);
  if (v && typeof v === 'object' && !(v instanceof Uint8Array)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rounded(x)]));
  return v;
}

export function assertStatsClose(actual: unknown, expected: unknown, message?: string): void {
  assert.deepEqual(rounded(actual), rounded(expected), message);
}
