/**
 * computeStatistics against an independent model of TFDV's BasicStats, on random tables with a
 * fixed seed: nulls, NaN, ±inf, unicode and invalid UTF-8, lists with empty lists and null
 * inner lists, nested lists, all-null columns, many record batches, sliced tables, empty tables.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import * as A from 'apache-arrow';

import { SchemaError } from '../../../src/errors.js';
import { DatasetStatsAccumulator } from '../../../src/native/index.js';
import {
  type FeatureNameStatistics,
  FeatureNameStatistics_Type,
  Histogram_HistogramType,
} from '../../../src/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { computeStatistics, datasetToProto } from '../../../src/stats/index.js';
import { randInt, randString, rng } from '../../helpers/random.js';
import { type RefFeature, tfdvReference } from '../../helpers/tfdvReference.js';

const field = (t: A.DataType) => new A.Field('item', t, true);

function close(actual: number, expected: number, what: string) {
  if (!Number.isFinite(expected)) {
    assert.ok(Object.is(actual, expected), `${what}: ${actual} vs ${expected}`);
    return;
  }
  assert.ok(Math.abs(actual - expected) <= 1e-9 * (1 + Math.abs(expected)), `${what}: ${actual} vs ${expected}`);
}

function check(f: FeatureNameStatistics, ref: RefFeature, label: string) {
  const s = f.stats;
  assert.ok(s.case === 'numStats' || s.case === 'stringStats', label);
  const c = s.value.commonStats!;
  assert.equal(c.numNonMissing, BigInt(ref.numNonMissing), `${label} numNonMissing`);
  assert.equal(c.numMissing, BigInt(ref.numMissing), `${label} numMissing`);
  assert.equal(c.totNumValues, BigInt(ref.totNumValues), `${label} totNumValues`);
  assert.equal(c.minNumValues, BigInt(ref.minNumValues ?? 0), `${label} minNumValues`);
  assert.equal(c.maxNumValues, BigInt(ref.maxNumValues ?? 0), `${label} maxNumValues`);
  assert.equal(c.avgNumValues, ref.avgNumValues ?? 0, `${label} avgNumValues`);
  const levels = c.presenceAndValencyStats.map((l) => ({
    numNonMissing: Number(l.numNonMissing),
    numMissing: Number(l.numMissing),
    ...(l.numNonMissing > 0n ? { minNumValues: Number(l.minNumValues), maxNumValues: Number(l.maxNumValues), totNumValues: Number(l.totNumValues) } : {}),
  }));
  assert.deepEqual(levels, ref.levels ?? [], `${label} presence_and_valency_stats`);
  if (s.case === 'numStats') {
    const n = s.value;
    close(n.mean, ref.mean ?? 0, `${label} mean`);
    close(n.stdDev, ref.stdDev ?? 0, `${label} stdDev`);
    assert.equal(n.numZeros, BigInt(ref.numZeros ?? 0), `${label} numZeros`);
    assert.equal(n.min, ref.min ?? 0, `${label} min`);
    assert.equal(n.max, ref.max ?? 0, `${label} max`);
  } else {
    assert.equal(s.value.avgLength, ref.avgLength ?? 0, `${label} avgLength`);
    assert.equal(s.value.invalidUtf8Count, BigInt(ref.invalidUtf8Count), `${label} invalidUtf8Count`);
  }
}

interface Col {
  name: string;
  type: A.DataType;
  depth: number;
  kind: 'numeric' | 'string' | 'null';
  statsType: FeatureNameStatistics_Type;
  gen: (r: () => number) => unknown;
  nullRate: number;
}

const COLUMNS: Col[] = [
  { name: 'f64', type: new A.Float64(), depth: 0, kind: 'numeric', statsType: FeatureNameStatistics_Type.FLOAT, nullRate: 0.1,
    gen: (r) => (r() < 0.05 ? NaN : r() < 0.05 ? 0 : (r() - 0.5) * 100) },
  { name: 'i32', type: new A.Int32(), depth: 0, kind: 'numeric', statsType: FeatureNameStatistics_Type.INT, nullRate: 0, gen: (r) => randInt(r, -5, 5) },
  { name: 'i64', type: new A.Int64(), depth: 0, kind: 'numeric', statsType: FeatureNameStatistics_Type.INT, nullRate: 0.3, gen: (r) => BigInt(randInt(r, 0, 1e12)) },
  { name: 'flag', type: new A.Bool(), depth: 0, kind: 'numeric', statsType: FeatureNameStatistics_Type.INT, nullRate: 0.2, gen: (r) => r() < 0.3 },
  { name: 'name', type: new A.Utf8(), depth: 0, kind: 'string', statsType: FeatureNameStatistics_Type.STRING, nullRate: 0.15, gen: (r) => randString(r, 8) },
  { name: 'raw', type: new A.Binary(), depth: 0, kind: 'string', statsType: FeatureNameStatistics_Type.STRING, nullRate: 0.1,
    gen: (r) => (r() < 0.2 ? Uint8Array.of(0xff, 0x61) : new TextEncoder().encode(randString(r))) },
  { name: 'cat', type: new A.Dictionary(new A.Utf8(), new A.Int16()), depth: 0, kind: 'string', statsType: FeatureNameStatistics_Type.STRING, nullRate: 0.1,
    gen: (r) => ['a', 'bb', 'ccc'][randInt(r, 0, 2)] },
  { name: 'tags', type: new A.List(field(new A.Utf8())), depth: 1, kind: 'string', statsType: FeatureNameStatistics_Type.STRING, nullRate: 0.2,
    gen: (r) => Array.from({ length: randInt(r, 0, 3) }, () => (r() < 0.1 ? null : randString(r, 4))) },
  { name: 'vec', type: new A.FixedSizeList(2, field(new A.Float32())), depth: 1, kind: 'numeric', statsType: FeatureNameStatistics_Type.FLOAT, nullRate: 0.1,
    gen: (r) => [Math.fround(r()), r() < 0.1 ? Infinity : Math.fround(r() * 3)] },
  { name: 'nested', type: new A.List(field(new A.LargeList(field(new A.Int8())))), depth: 2, kind: 'numeric', statsType: FeatureNameStatistics_Type.INT, nullRate: 0.2,
    gen: (r) => Array.from({ length: randInt(r, 0, 3) }, () => (r() < 0.2 ? null : Array.from({ length: randInt(r, 0, 2) }, () => randInt(r, -3, 3)))) },
  { name: 'empty', type: new A.Null(), depth: 0, kind: 'null', statsType: FeatureNameStatistics_Type.STRING, nullRate: 1, gen: () => null },
];

function makeTable(n: number, seed: number): A.Table {
  const r = rng(seed);
  const vectors: Record<string, A.Vector> = {};
  for (const c of COLUMNS) {
    vectors[c.name] = A.vectorFromArray(Array.from({ length: n }, () => (r() < c.nullRate ? null : c.gen(r))), c.type);
  }
  return new A.Table(vectors);
}

function readBack(table: A.Table, name: string): unknown[] {
  const col = table.getChild(name)!;
  return Array.from({ length: table.numRows }, (_, i) => col.get(i));
}

function commonOf(f: FeatureNameStatistics) {
  const s = f.stats;
  assert.ok(s.case === 'numStats' || s.case === 'stringStats');
  return s.value.commonStats!;
}

describe('computeStatistics: BasicStats against an independent model', () => {
  test('every type, nulls, NaN, inf, invalid UTF-8, lists, nested lists, all-null', async () => {
    const table = makeTable(500, 42);
    const ds = (await computeStatistics(table, { threads: 2 })).datasets[0]!;
    assert.equal(ds.name, '');
    assert.equal(ds.numExamples, 500n);
    assert.deepEqual(ds.features.map((f) => (f.fieldId.case === 'path' ? f.fieldId.value.step : [])), COLUMNS.map((c) => [c.name]));
    for (const [i, c] of COLUMNS.entries()) {
      const f = ds.features[i]!;
      assert.equal(f.type, c.statsType, c.name);
      check(f, tfdvReference(readBack(table, c.name), c.depth, c.kind), c.name);
    }
  });

  test('many record batches and any thread count give the same statistics', async () => {
    const source = makeTable(434, 1);
    const table = new A.Table([[0, 100], [100, 101], [101, 101], [101, 434]].flatMap(([a, b]) => source.slice(a, b).batches));
    assert.ok(table.batches.length >= 3);
    const one = await computeStatistics(table, { threads: 1 });
    const two = await computeStatistics(table, { threads: 2 });
    for (const [i, c] of COLUMNS.entries()) {
      check(one.datasets[0]!.features[i]!, tfdvReference(readBack(table, c.name), c.depth, c.kind), `${c.name} (batches)`);
      const a = one.datasets[0]!.features[i]!.stats;
      const b = two.datasets[0]!.features[i]!.stats;
      assert.deepEqual(commonOf(two.datasets[0]!.features[i]!), commonOf(one.datasets[0]!.features[i]!));
      if (a.case === 'numStats' && b.case === 'numStats') close(b.value.mean, a.value.mean, `${c.name} mean 1 vs 2 threads`);
    }
  });

  test('a sliced table', async () => {
    const sliced = makeTable(300, 9).slice(17, 251);
    const stats = await computeStatistics(sliced);
    for (const [i, c] of COLUMNS.entries()) {
      check(stats.datasets[0]!.features[i]!, tfdvReference(readBack(sliced, c.name), c.depth, c.kind), `${c.name} (sliced)`);
    }
  });

  test('an empty table has zero examples and empty common stats', async () => {
    const ds = (await computeStatistics(makeTable(0, 5))).datasets[0]!;
    assert.equal(ds.numExamples, 0n);
    for (const f of ds.features) {
      assert.equal(commonOf(f).numNonMissing, 0n);
      assert.equal(commonOf(f).numMissing, 0n);
    }
  });
});

describe('TFDV cases', () => {
  test('only NaN: no moments, both histograms carry num_nan', async () => {
    const t = new A.Table({ x: A.vectorFromArray([[NaN], [NaN, NaN]], new A.List(field(new A.Float64()))) });
    const f = (await computeStatistics(t)).datasets[0]!.features[0]!;
    assert.ok(f.stats.case === 'numStats');
    const n = f.stats.value;
    assert.equal(n.mean, 0);
    assert.equal(n.commonStats!.totNumValues, 3n);
    assert.deepEqual(n.histograms.map((h) => [h.type, h.numNan, h.buckets.length]), [
      [Histogram_HistogramType.STANDARD, 3n, 0],
      [Histogram_HistogramType.QUANTILES, 3n, 0],
    ]);
  });

  test('infinity is in min/max and mean; empty lists are present with 0 values; avg_num_values is float32', async () => {
    const t = new A.Table({ x: A.vectorFromArray([[1, Infinity], [], null, [2]], new A.List(field(new A.Float64()))) });
    const f = (await computeStatistics(t)).datasets[0]!.features[0]!;
    assert.ok(f.stats.case === 'numStats');
    const n = f.stats.value;
    assert.equal(n.max, Infinity);
    assert.equal(n.min, 1);
    assert.equal(n.mean, Infinity);
    const c = n.commonStats!;
    assert.equal(c.numNonMissing, 3n);
    assert.equal(c.numMissing, 1n);
    assert.equal(c.minNumValues, 0n);
    assert.equal(c.maxNumValues, 2n);
    assert.equal(c.avgNumValues, 1);
    const t2 = new A.Table({ y: A.vectorFromArray([[1, 2], [3], [4, 5]], new A.List(field(new A.Int32()))) });
    const s2 = (await computeStatistics(t2)).datasets[0]!.features[0]!.stats;
    assert.ok(s2.case === 'numStats');
    assert.equal(s2.value.commonStats!.avgNumValues, Math.fround(5 / 3)); // 1.66666698, as TFDV prints it
    assert.equal(s2.value.stdDev, Math.sqrt(2)); // population std of 1..5
  });

  test('a column whose type changes between batches is E_SCHEMA_MISMATCH and changes nothing', async () => {
    const acc = await DatasetStatsAccumulator.create().update(new A.Table({ x: A.vectorFromArray([1, 2], new A.Int32()) }));
    const before = acc.serialize();
    await assert.rejects(acc.update(new A.Table({ x: A.vectorFromArray(['a'], new A.Utf8()) })), (e: unknown) => {
      assert.ok(e instanceof SchemaError);
      assert.equal(e.code, 'E_SCHEMA_MISMATCH');
      assert.equal(e.message, 'Cannot determine the type of feature x: it is INT in one batch and STRING in another');
      return true;
    });
    assert.deepEqual(acc.serialize(), before);
  });

  test('small updates fold in place, large ones on a worker: same states; a conflict in any column changes nothing', async () => {
    // 70,000 rows: above the in-place limit (65,536 column values), so this update runs on a worker.
    const n = 70_000;
    const big = new A.Table({
      x: A.makeVector(Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 100)),
      s: A.vectorFromArray(Array.from({ length: n }, (_, i) => `k${i % 997}`), new A.Utf8()),
    });
    const whole = await DatasetStatsAccumulator.create().update(big, { threads: 2 });
    const pieces = DatasetStatsAccumulator.create();
    for (let at = 0; at < n; at += 7_000) await pieces.update(big.slice(at, at + 7_000), { threads: 2 });
    const a = whole.finalize();
    const b = pieces.finalize();
    assert.equal(b.numExamples, a.numExamples);
    assert.deepEqual(b.features.map((f) => f.histograms.top), a.features.map((f) => f.histograms.top));
    assert.deepEqual(b.features.map((f) => [f.moments.count, f.moments.min, f.moments.max]), a.features.map((f) => [f.moments.count, f.moments.min, f.moments.max]));
    // x is fine, s conflicts: the in-place path checks every column before folding any.
    const before = pieces.serialize();
    const bad = new A.Table({ x: A.vectorFromArray([1.5, 2.5], new A.Float64()), s: A.vectorFromArray([1, 2], new A.Int32()) });
    assert.throws(() => pieces.updateSync(bad), { code: 'E_SCHEMA_MISMATCH', message: /feature s: it is STRING in one batch and INT in another/ });
    await assert.rejects(pieces.update(bad), { code: 'E_SCHEMA_MISMATCH' });
    assert.deepEqual(pieces.serialize(), before);
    // While a large update runs on a worker, synchronous updates and merges are refused (their
    // result would be overwritten when it commits); awaited updates queue behind it.
    const running = pieces.update(big);
    const queued = pieces.update(big.slice(0, 10));
    assert.throws(() => pieces.updateSync(big.slice(0, 10)), { code: 'E_FAILED_PRECONDITION', message: /updateSync while 2 asynchronous update\(s\) of this accumulator are pending/ });
    assert.throws(() => pieces.merge(whole), { code: 'E_FAILED_PRECONDITION' });
    await running;
    await queued;
    assert.equal(pieces.finalize().numExamples, 2 * n + 10);
  });

  test('rows of batches that lack a column count as missing; states survive serialization', async () => {
    const acc = await DatasetStatsAccumulator.create().update(new A.Table({ x: A.vectorFromArray([1, 2, 3], new A.Int32()) }));
    await acc.update(new A.Table({ y: A.vectorFromArray(['q', 'r'], new A.Utf8()) }));
    const fin = acc.finalize();
    assert.equal(fin.numExamples, 5);
    assert.deepEqual(DatasetStatsAccumulator.deserialize(acc.serialize()).finalize(), fin);
    const ds = datasetToProto(fin);
    assert.equal(commonOf(ds.features[0]!).numMissing, 2n);
    assert.equal(commonOf(ds.features[1]!).numMissing, 3n);
  });

  test('shards merged in any grouping equal one pass', async () => {
    const source = makeTable(130, 11);
    const shards = [source.slice(0, 50), source.slice(50, 120), source.slice(120)];
    const whole = await DatasetStatsAccumulator.create().update(new A.Table(shards.flatMap((s) => s.batches)));
    const parts = await Promise.all(shards.map((s) => DatasetStatsAccumulator.create().update(s)));
    const merged = DatasetStatsAccumulator.deserialize(parts[0]!.serialize()).merge(parts[1]!).merge(DatasetStatsAccumulator.deserialize(parts[2]!.serialize()));
    const a = datasetToProto(merged.finalize());
    const b = datasetToProto(whole.finalize());
    for (let i = 0; i < a.features.length; i++) {
      assert.deepEqual(commonOf(a.features[i]!), commonOf(b.features[i]!));
      const sa = a.features[i]!.stats;
      const sb = b.features[i]!.stats;
      if (sa.case === 'numStats' && sb.case === 'numStats') {
        close(sa.value.mean, sb.value.mean, 'merged mean');
        close(sa.value.stdDev, sb.value.stdDev, 'merged std');
        assert.equal(sa.value.min, sb.value.min);
      }
    }
  });
});
