/**
 * Per-record validation latency (issue: p99 under 2 µs for a 20-feature record). A 20-feature
 * schema (ints with ranges, floats with ranges and NaN/inf rules, string domains, a bool, lists
 * with value counts), valid records; each call timed alone with process.hrtime.bigint, whose own
 * cost is measured in the same run and shown. Peer: a hand-written if-chain over the same 20
 * constraints (the fastest a service could write by hand, with no schema).
 */
import { decodeMessage } from '../../src/proto/codec.js';
import { SchemaSchema } from '../../src/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { compileValidator } from '../../src/validate/index.js';

const FEATURES: string[] = [];
for (let i = 0; i < 5; i++) FEATURES.push(`feature { name: "int${i}" type: INT presence { min_fraction: 1 } value_count { min: 1 max: 1 } int_domain { min: 0 max: 1000 } }`);
for (let i = 0; i < 5; i++) FEATURES.push(`feature { name: "float${i}" type: FLOAT value_count { min: 1 max: 1 } float_domain { min: -10 max: 10 disallow_nan: true disallow_inf: true } }`);
for (let i = 0; i < 5; i++) FEATURES.push(`feature { name: "cat${i}" type: BYTES presence { min_fraction: 1 } domain: "cats" }`);
for (let i = 0; i < 4; i++) FEATURES.push(`feature { name: "list${i}" type: FLOAT value_count { min: 1 max: 8 } }`);
FEATURES.push('feature { name: "flag" type: INT bool_domain { } }');
const CATS = ['red', 'green', 'blue', 'cyan', 'magenta', 'yellow', 'black', 'white'];
const SCHEMA = `${FEATURES.join('\n')}\nstring_domain { name: "cats" ${CATS.map((c) => `value: "${c}"`).join(' ')} }`;

function records(n: number): Record<string, unknown>[] {
  let seed = 7;
  const r = () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed / 4294967296;
  };
  return Array.from({ length: n }, () => {
    const rec: Record<string, unknown> = {};
    for (let i = 0; i < 5; i++) rec[`int${i}`] = Math.floor(r() * 1000);
    for (let i = 0; i < 5; i++) rec[`float${i}`] = r() * 20 - 10;
    for (let i = 0; i < 5; i++) rec[`cat${i}`] = CATS[Math.floor(r() * CATS.length)];
    for (let i = 0; i < 4; i++) rec[`list${i}`] = Array.from({ length: 1 + Math.floor(r() * 8) }, () => r());
    rec.flag = r() < 0.5 ? 1 : 0;
    return rec;
  });
}

const CAT_SET = new Set(CATS);
const KEYS = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p}${i}`);
const INTS = KEYS('int', 5);
const FLOATS = KEYS('float', 5);
const CATK = KEYS('cat', 5);
const LISTS = KEYS('list', 4);
function handWritten(rec: Record<string, unknown>): boolean {
  for (let i = 0; i < 5; i++) {
    const v = rec[INTS[i]!];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 1000) return false;
  }
  for (let i = 0; i < 5; i++) {
    const v = rec[FLOATS[i]!];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < -10 || v > 10)) return false;
  }
  for (let i = 0; i < 5; i++) if (!CAT_SET.has(rec[CATK[i]!] as string)) return false;
  for (let i = 0; i < 4; i++) {
    const v = rec[LISTS[i]!];
    if (v === undefined) continue;
    if (!Array.isArray(v) || v.length < 1 || v.length > 8) return false;
    for (const x of v) if (typeof x !== 'number') return false;
  }
  const f = rec.flag;
  return f === undefined || f === 0 || f === 1;
}

function percentiles(samples: BigInt64Array): { p50: number; p99: number; mean: number } {
  const sorted = Float64Array.from(samples, Number).sort();
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return { p50: sorted[Math.floor(sorted.length * 0.5)]!, p99: sorted[Math.floor(sorted.length * 0.99)]!, mean };
}

function timeEach(fn: (r: Record<string, unknown>) => unknown, recs: Record<string, unknown>[], n: number): { p50: number; p99: number; mean: number; perSec: number } {
  for (let i = 0; i < 200_000; i++) fn(recs[i % recs.length]!); // warm up (JIT)
  const samples = new BigInt64Array(n);
  for (let i = 0; i < n; i++) {
    const rec = recs[i % recs.length]!;
    const t0 = process.hrtime.bigint();
    fn(rec);
    samples[i] = process.hrtime.bigint() - t0;
  }
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn(recs[i % recs.length]!);
  const perSec = n / (Number(process.hrtime.bigint() - t0) / 1e9);
  return { ...percentiles(samples), perSec };
}

export function recordValidatorSuite(): [] {
  const validator = compileValidator(decodeMessage(SchemaSchema, SCHEMA, 'text'));
  const quiet = compileValidator(decodeMessage(SchemaSchema, SCHEMA, 'text'), { reportNewFeatures: false });
  const recs = records(10_000);
  const bad = recs.filter((r) => validator.validate(r).length > 0 || !handWritten(r)).length;
  if (bad > 0) throw new Error(`${bad} generated records are not valid`);
  const n = 1_000_000;
  const rows: [string, ReturnType<typeof timeEach>][] = [
    ['timer alone (process.hrtime.bigint pair)', timeEach(() => 0, recs, n)],
    ['arrowline compileValidator(schema).validate, 20 features', timeEach((r) => validator.validate(r), recs, n)],
    ['  same, reportNewFeatures: false', timeEach((r) => quiet.validate(r), recs, n)],
    ['hand-written if-chain, same 20 constraints', timeEach(handWritten, recs, n)],
  ];
  console.log('\n| record validation (20 features, valid records) | records/s | p50 ns | p99 ns | mean ns (timed) |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [name, r] of rows) console.log(`| ${name} | ${Math.round(r.perSec).toLocaleString('en-US')} | ${r.p50} | ${r.p99} | ${r.mean.toFixed(0)} |`);
  return [];
}
