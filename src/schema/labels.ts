/**
 * How TFDV reads string labels as numbers and booleans (absl::SimpleAtoi / SimpleAtof, the bool
 * domain's token sets) and orders them (std::set<string>: bytewise).
 */
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** absl::SimpleAtoi into int64: optional surrounding whitespace, a sign, decimal digits. */
export function parseInt64Label(label: string): bigint | undefined {
  const m = /^\s*([+-]?)(\d+)\s*$/.exec(label);
  if (!m) return undefined;
  const v = BigInt(m[1] === '-' ? `-${m[2]}` : m[2]!);
  return v < INT64_MIN || v > INT64_MAX ? undefined : v;
}

/** absl::SimpleAtof: a decimal or hex float, inf/infinity/nan (any case), surrounding whitespace. */
export function parseFloatLabel(label: string): number | undefined {
  const t = label.trim();
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(t)) return NaN;
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return Number(t);
  return undefined;
}

export const BOOL_TRUE_TOKENS: ReadonlySet<string> = new Set(['TRUE', 'true', 'SET', 'set', '1', '']);
export const BOOL_FALSE_TOKENS: ReadonlySet<string> = new Set(['FALSE', 'false', 'CLEAR', 'clear', '0']);

const encoder = new TextEncoder();

/** Bytewise (UTF-8) order, as std::string compares. */
export function compareBytewise(a: string, b: string): number {
  if (a === b) return 0;
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareBytewise);
}
