// createStatsAccumulator: a service's own traffic, batch by batch. Updates (also concurrent ones)
// equal one run over all the rows; merges of accumulators, and of their serialized bytes, equal
// one run; options carry through (schema, weights, slices); mismatched states are refused and
// change nothing; the bytes are what `arrowline stats merge` reads.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import * as A from 'apache-arrow';

import { readTable } from '../../../src/io/readTable.js';
import { decodeMessage } from '../../../src/proto/codec.js';
import { DatasetFeatureStatisticsListSchema } from '../../../src/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { parseSchema } from '../../../src/schema/index.js';
import { computeStatistics, createStatsAccumulator, StatsAccumulator } from '../../../src/stats/index.js';
import { assertStatsClose } from './closeStats.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const PENGUINS = join(root, 'node_modules', 'vega-datasets', 'data', 'penguins.json');
const dir = mkdtempSync(join(tmpdir(), 'arrowline-accumulator-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const penguins = readTable(PENGUINS);
// Requests of 1 to 40 rows, cut at fixed-seed random points.
function requests(table: A.Table): A.Table[] {
  let seed = 7;
  const out: A.Table[] = [];
  for (let at = 0; at < table.numRows; ) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const n = 1 + (seed % 40);
    out.push(table.slice(at, at + n));
    at += n;
  }
  return out;
}

describe('createStatsAccumulator', () => {
  test('batch by batch, awaited or all at once, equals one run over the rows', async () => {
    const whole = await computeStatistics(penguins, { threads: 1 });
    const acc = createStatsAccumulator({ threads: 1 });
    for (const r of requests(penguins)) await acc.update(r);
    assertStatsClose(acc.finalize(), whole);
    // Concurrent calls run in call order.
    const concurrent = createStatsAccumulator({ threads: 2 });
    await Promise.all(requests(penguins).map((r) => concurrent.update(r)));
    assertStatsClose(concurrent.finalize(), whole);
    // finalize leaves it usable.
    await concurrent.update(penguins.slice(0, 10));
    assert.equal(concurrent.finalize().datasets[0]!.numExamples, 354n);
  });

  test('merging accumulators and serialized states equals one run; the bytes round-trip', async () => {
    const options = { threads: 1, slices: ['Species'], weightFeature: 'Body Mass (g)' };
    // A weight column with nulls is malformed input: give every row a weight.
    const t = new A.Table({
      ...Object.fromEntries(penguins.schema.fields.filter((f) => f.name !== 'Body Mass (g)').map((f) => [f.name, penguins.getChild(f.name)!])),
      'Body Mass (g)': A.vectorFromArray(Array.from({ length: penguins.numRows }, (_, i) => 1 + (i % 5)), new A.Float64()),
    });
    const whole = await computeStatistics(t, options);
    const a = createStatsAccumulator(options);
    const b = createStatsAccumulator(options);
    await a.update(t.slice(0, 150));
    await b.update(t.slice(150));
    const viaBytes = StatsAccumulator.deserialize(a.serialize(), { numTopValues: 20 });
    await a.merge(b);
    assertStatsClose(a.finalize(), whole);
    await viaBytes.merge(b.serialize());
    assertStatsClose(viaBytes.finalize(), whole);
    assert.deepEqual(whole.datasets.map((d) => d.name), ['All Examples', 'Species_Adelie', 'Species_Chinstrap', 'Species_Gentoo']);
    assert.ok(whole.datasets[1]!.weightedNumExamples > 0);
    // The same bytes through the CLI.
    writeFileSync(join(dir, 'a.alstate'), a.serialize());
    const r = spawnSync(process.execPath, [join(root, 'bin', 'arrowline.js'), 'stats', 'merge', join(dir, 'a.alstate'), '-o', join(dir, 'a.pb')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assertStatsClose(decodeMessage(DatasetFeatureStatisticsListSchema, readFileSync(join(dir, 'a.pb')), 'binary'), whole);
  });

  test('the schema applies (categorical and bytes features)', async () => {
    const t = new A.Table({ code: A.vectorFromArray([1, 2, 2, null], new A.Int32()), img: A.vectorFromArray(['ab', 'c', null, 'defg'], new A.Utf8()) });
    const schema = parseSchema('feature { name: "code" type: INT int_domain { is_categorical: true } }\nfeature { name: "img" type: BYTES image_domain { } }');
    const acc = createStatsAccumulator({ schema });
    await acc.update(t);
    const [code, img] = acc.finalize().datasets[0]!.features;
    assert.equal(code!.stats.case, 'stringStats');
    assert.equal(img!.stats.case, 'bytesStats');
    assert.deepEqual(acc.finalize(), await computeStatistics(t, { schema }));
  });

  test('mismatched states and options are refused and change nothing', async () => {
    const plain = createStatsAccumulator({ threads: 1 });
    await plain.update(penguins.slice(0, 20));
    const before = plain.serialize();
    const sliced = createStatsAccumulator({ threads: 1, slices: ['Island'] });
    await sliced.update(penguins.slice(0, 20));
    await assert.rejects(plain.merge(sliced), { code: 'E_OPTION_INVALID', message: /sliced on different columns \(no columns and Island\)/ });
    const other = createStatsAccumulator({ threads: 1, epsilon: 0.05 });
    await other.update(penguins.slice(20, 40));
    await assert.rejects(plain.merge(other), /different options/);
    assert.deepEqual(plain.serialize(), before);
    assert.throws(() => StatsAccumulator.deserialize(before, { weightFeature: 'w' }), { code: 'E_OPTION_INVALID', message: /weight feature is not set/ });
    assert.throws(() => StatsAccumulator.deserialize(sliced.serialize(), { slices: ['Species'] }), { code: 'E_OPTION_INVALID', message: /sliced on Island, not on Species/ });
    assert.throws(() => StatsAccumulator.deserialize(Uint8Array.from([65, 76, 83, 76, 9, 0, 0, 0])), { code: 'E_INPUT_MALFORMED', message: /version 9/ });
    assert.throws(() => createStatsAccumulator({ epsilon: 2 }), { code: 'E_OPTION_INVALID' });
  });
});
