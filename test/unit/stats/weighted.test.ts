// Weighted statistics (TFDV's weight_feature) against float64 JS references on seeded random
// data with nulls, NaN, zero weights, strings and nested lists; a missing weight names the row.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import * as A from 'apache-arrow';

import type { FeatureNameStatistics } from '../../../src/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { WeightedStatsAccumulator } from '../../../src/native/index.js';
import { computeStatistics } from '../../../src/stats/index.js';
import { randInt, rng } from '../../helpers/random.js';

const dir = mkdtempSync(join(tmpdir(), 'arrowline-weighted-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
const byName = (features: FeatureNameStatistics[], name: string) => features.find((f) => f.fieldId.case === 'path' && f.fieldId.value.step[0] === name)!;

function data(n: number, seed: number) {
  const r = rng(seed);
  const x = Array.from({ length: n }, () => (r() < 0.1 ? null : r() < 0.05 ? NaN : (r() - 0.3) * 100));
  const s = Array.from({ length: n }, () => (r() < 0.1 ? null : ['red', 'green', 'blue', 'é', ''][randInt(r, 0, 4)]!));
  const l = Array.from({ length: n }, () => (r() < 0.1 ? null : Array.from({ length: randInt(r, 0, 3) }, () => randInt(r, 0, 9))));
  const w = Array.from({ length: n }, () => (r() < 0.05 ? 0 : r() * 3));
  const table = new A.Table({
    x: A.vectorFromArray(x, new A.Float64()),
    s: A.vectorFromArray(s, new A.Utf8()),
    l: A.vectorFromArray(l, new A.List(new A.Field('item', new A.Int32(), true))),
    w: A.vectorFromArray(w, new A.Float64()),
  });
  return { x, s, l, w, table };
}

describe('weighted statistics', () => {
  test('weighted common, numeric and string statistics equal float64 references', async () => {
    const { x, s, l, w, table } = data(3000, 77);
    const stats = await computeStatistics(table, { weightFeature: 'w', threads: 2 });
    const ds = stats.datasets[0]!;
    const W = w.reduce((a, b) => a + b, 0);
    close(ds.weightedNumExamples, W, 'weighted_num_examples');

    const fx = byName(ds.features, 'x');
    assert.equal(fx.stats.case, 'numStats');
    const numStats = fx.stats.value as { commonStats: { weightedCommonStats: { numNonMissing: number; numMissing: number; totNumValues: number; avgNumValues: number } }; weightedNumericStats: { mean: number; stdDev: number; median: number; histograms: { buckets: { sampleCount: number }[] }[] } };
    const present = w.filter((_, i) => x[i] !== null).reduce((a, b) => a + b, 0);
    close(numStats.commonStats.weightedCommonStats.numNonMissing, present, 'x non-missing');
    close(numStats.commonStats.weightedCommonStats.numMissing, W - present, 'x missing');
    close(numStats.commonStats.weightedCommonStats.totNumValues, present, 'x tot');
    close(numStats.commonStats.weightedCommonStats.avgNumValues, 1, 'x avg');
    const vals = x.map((v, i) => [v, w[i]!] as const).filter(([v]) => v !== null && !Number.isNaN(v)) as [number, number][];
    const sw = vals.reduce((a, [, b]) => a + b, 0);
    const mean = vals.reduce((a, [v, b]) => a + v * b, 0) / sw;
    const sd = Math.sqrt(vals.reduce((a, [v, b]) => a + b * (v - mean) ** 2, 0) / sw);
    close(numStats.weightedNumericStats.mean, mean, 'weighted mean');
    close(numStats.weightedNumericStats.stdDev, sd, 'weighted std dev');
    // the weighted median lies between the weighted 45th and 55th percentiles
    const sorted = vals.filter(([, b]) => b > 0).sort((a, b) => a[0] - b[0]);
    const at = (p: number) => {
      let c = 0;
      for (const [v, b] of sorted) if ((c += b) >= p * sw) return v;
      return sorted.at(-1)![0];
    };
    const m = numStats.weightedNumericStats.median;
    assert.ok(m >= at(0.45) && m <= at(0.55), `weighted median ${m} outside [${at(0.45)}, ${at(0.55)}]`);
    const standard = numStats.weightedNumericStats.histograms[0]!.buckets.reduce((a, b) => a + b.sampleCount, 0);
    close(standard, sw, 'weighted STANDARD histogram total');

    const fs = byName(ds.features, 's');
    const str = fs.stats.value as { weightedStringStats: { topValues: { value: string; frequency: number }[]; rankHistogram: { buckets: unknown[] } } };
    const counts = new Map<string, number>();
    s.forEach((v, i) => v !== null && w[i]! > 0 && counts.set(v, (counts.get(v) ?? 0) + w[i]!));
    const expected = [...counts.entries()].sort((a, b) => (a[1] !== b[1] ? b[1] - a[1] : a[0] < b[0] ? 1 : -1));
    assert.deepEqual(str.weightedStringStats.topValues.map((t) => t.value), expected.map(([v]) => v));
    str.weightedStringStats.topValues.forEach((t, i) => close(t.frequency, expected[i]![1], `weighted count of ${t.value}`));
    assert.equal(str.weightedStringStats.rankHistogram.buckets.length, expected.length);

    const fl = byName(ds.features, 'l');
    const common = (fl.stats.value as { commonStats: { weightedCommonStats: { numNonMissing: number; totNumValues: number }; weightedPresenceAndValencyStats: { numNonMissing: number; totNumValues: number }[] } }).commonStats;
    const lPresent = w.filter((_, i) => l[i] !== null).reduce((a, b) => a + b, 0);
    const lTot = w.reduce((a, b, i) => a + (l[i] ? b * l[i]!.length : 0), 0);
    close(common.weightedCommonStats.numNonMissing, lPresent, 'l non-missing');
    close(common.weightedCommonStats.totNumValues, lTot, 'l tot values');
    // a flat list column: presence_and_valency_stats only for deeper nesting (none here)
    assert.equal(common.weightedPresenceAndValencyStats.length, 0);
  });

  test('the same weighted statistics on 1 and 2 threads and in several batches', async () => {
    const { table } = data(2000, 5);
    const split = new A.Table([...table.slice(0, 700).batches, ...table.slice(700).batches]);
    const a = await computeStatistics(table, { weightFeature: 'w', threads: 1 });
    const b = await computeStatistics(split, { weightFeature: 'w', threads: 2 });
    const mean = (st: typeof a) => (byName(st.datasets[0]!.features, 'x').stats.value as { weightedNumericStats: { mean: number } }).weightedNumericStats.mean;
    close(mean(b), mean(a), 'weighted mean across batches');
    close(b.datasets[0]!.weightedNumExamples, a.datasets[0]!.weightedNumExamples, 'weighted examples');
  });

  test('a missing weight is E_INPUT_MALFORMED naming the row; a non-numeric weight is a type error', async () => {
    const t = new A.Table({ x: A.vectorFromArray([1, 2, 3], new A.Float64()), w: A.vectorFromArray([1, null, 2], new A.Float64()) });
    await assert.rejects(computeStatistics(t, { weightFeature: 'w' }), { code: 'E_INPUT_MALFORMED', message: /column 'w': row 1: Weight feature must not be missing\./ });
    const s = new A.Table({ x: A.vectorFromArray([1], new A.Float64()), w: A.vectorFromArray(['a'], new A.Utf8()) });
    await assert.rejects(computeStatistics(s, { weightFeature: 'w' }), { code: 'E_SCHEMA_MISMATCH', message: /the weight feature must be numeric/ });
    await assert.rejects(computeStatistics(s, { weightFeature: 'nope' }), { code: 'E_INPUT_MALFORMED', message: /the weight feature 'nope' is not a column/ });
  });

  test('arrowline stats --weight and StatsOptions weight_feature', () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const csv = join(dir, 'w.csv');
    writeFileSync(csv, 'v,weight\n1,1\n3,3\n');
    const r = spawnSync(process.execPath, [join(root, 'bin', 'arrowline.js'), 'stats', csv, '--weight', 'weight', '--json'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const ds = (JSON.parse(r.stdout) as { datasets: { weightedNumExamples: number; features: { numStats?: { weightedNumericStats?: { mean: number } } }[] }[] }).datasets[0]!;
    assert.equal(ds.weightedNumExamples, 4);
    assert.equal(ds.features[0]!.numStats!.weightedNumericStats!.mean, 2.5);
    const opts = join(dir, 'opts.json');
    writeFileSync(opts, JSON.stringify({ weight_feature: 'weight' }));
    const o = spawnSync(process.execPath, [join(root, 'bin', 'arrowline.js'), 'stats', csv, '--options', opts, '--json'], { encoding: 'utf8' });
    assert.equal(o.status, 0, o.stderr);
    assert.doesNotMatch(o.stderr, /weight_feature/);
    assert.equal((JSON.parse(o.stdout) as { datasets: { weightedNumExamples: number }[] }).datasets[0]!.weightedNumExamples, 4);
  });

  test('weighted partial states: --partial on two files, stats merge, and the worker pool equal one run', async () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const cli = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin', 'arrowline.js'), ...args], { encoding: 'utf8' });
    const { table } = data(1500, 11);
    const parts = [table.slice(0, 600), table.slice(600)].map((t, i) => {
      const p = join(dir, `part-${i}.arrow`);
      writeFileSync(p, A.tableToIPC(t, 'file'));
      return p;
    });
    const whole = join(dir, 'whole.arrow');
    writeFileSync(whole, A.tableToIPC(table, 'file'));
    const one = JSON.parse(cli('stats', whole, '--weight', 'w', '--json').stdout) as { datasets: { weightedNumExamples: number; features: { numStats?: { weightedNumericStats?: { mean: number } } }[] }[] };
    for (const [i, p] of parts.entries()) assert.equal(cli('stats', p, '--weight', 'w', '--partial', '-o', join(dir, `p${i}.alstate`)).status, 0);
    const merged = cli('stats', 'merge', join(dir, 'p0.alstate'), join(dir, 'p1.alstate'), '--json');
    assert.equal(merged.status, 0, merged.stderr);
    const m = JSON.parse(merged.stdout) as typeof one;
    close(m.datasets[0]!.weightedNumExamples, one.datasets[0]!.weightedNumExamples, 'merged weighted examples');
    close(m.datasets[0]!.features[0]!.numStats!.weightedNumericStats!.mean, one.datasets[0]!.features[0]!.numStats!.weightedNumericStats!.mean, 'merged weighted mean');
    const pooled = cli('stats', parts[0]!, parts[1]!, '--weight', 'w', '--workers', '2', '--json');
    assert.equal(pooled.status, 0, pooled.stderr);
    const q = JSON.parse(pooled.stdout) as typeof one;
    close(q.datasets[0]!.features[0]!.numStats!.weightedNumericStats!.mean, one.datasets[0]!.features[0]!.numStats!.weightedNumericStats!.mean, 'pooled weighted mean');
    // weighted and unweighted partial states do not merge
    assert.equal(cli('stats', parts[0]!, '--partial', '-o', join(dir, 'plain.alstate')).status, 0);
    const mixed = cli('stats', 'merge', join(dir, 'p0.alstate'), join(dir, 'plain.alstate'));
    assert.equal(mixed.status, 2);
    assert.match(mixed.stderr, /different weight features cannot be merged/);
  });
});

describe('weighted accumulator updates', () => {
  test('small updates fold in place: requests equal one run; a bad weight or type changes nothing', async () => {
    const r = rng(31);
    const n = 3000;
    const t = new A.Table({
      x: A.vectorFromArray(Array.from({ length: n }, () => (r() < 0.1 ? null : r() * 10)), new A.Float64()),
      s: A.vectorFromArray(Array.from({ length: n }, () => `k${randInt(r, 40)}`), new A.Utf8()),
      w: A.vectorFromArray(Array.from({ length: n }, () => 0.5 + r()), new A.Float64()),
    });
    const acc = WeightedStatsAccumulator.create('w');
    for (let at = 0; at < n; at += 100) await acc.update(t.slice(at, at + 100));
    const whole = await WeightedStatsAccumulator.create('w').update(t);
    const a = acc.finalize();
    const b = whole.finalize();
    assert.equal(a.weightedNumExamples.toFixed(9), b.weightedNumExamples.toFixed(9));
    assert.deepEqual(a.features.map((f) => f.top), b.features.map((f) => f.top));
    assert.equal(a.features[0]!.numeric!.mean.toFixed(9), b.features[0]!.numeric!.mean.toFixed(9));
    const before = acc.serialize();
    const missing = new A.Table({ x: A.vectorFromArray([1, 2], new A.Float64()), s: A.vectorFromArray(['a', 'b'], new A.Utf8()), w: A.vectorFromArray([1, null], new A.Float64()) });
    await assert.rejects(acc.update(missing), { code: 'E_INPUT_MALFORMED', message: /row 1: Weight feature must not be missing/ });
    const conflict = new A.Table({ x: A.vectorFromArray([1, 2], new A.Float64()), s: A.vectorFromArray([1, 2], new A.Int32()), w: A.vectorFromArray([1, 1], new A.Float64()) });
    await assert.rejects(acc.update(conflict), { code: 'E_SCHEMA_MISMATCH', message: /feature s: found INT after STRING/ });
    assert.deepEqual(acc.serialize(), before);
    // A merge while an update is queued is refused (the update's commit would overwrite it).
    const pending = acc.update(t);
    assert.throws(() => acc.merge(whole), { code: 'E_FAILED_PRECONDITION' });
    await pending;
  });
});

describe('weighted slices', () => {
  test('every slice carries its own weighted statistics', async () => {
    const { table, s, w } = data(1200, 21);
    const stats = await computeStatistics(table, { weightFeature: 'w', slices: ['s'], threads: 1 });
    const names = stats.datasets.map((d) => d.name);
    assert.equal(names[0], 'All Examples');
    for (const ds of stats.datasets.slice(1)) {
      const value = ds.name.slice('s_'.length);
      const expected = w.filter((_, i) => s[i] === value).reduce((a, b) => a + b, 0);
      close(ds.weightedNumExamples, expected, `weighted examples of ${ds.name}`);
    }
    close(stats.datasets[0]!.weightedNumExamples, w.reduce((a, b) => a + b, 0), 'weighted examples of All Examples');
  });
});
