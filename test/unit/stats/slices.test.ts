// Slices (TFDV's feature value slicer): "All Examples" first, then one dataset per value (or
// combination), named "<column>_<value>"; each slice's statistics equal statistics over the
// rows of that slice computed on their own; rows missing a slicing column are in no slice.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import * as A from 'apache-arrow';

import { readTable } from '../../../src/io/readTable.js';
import { decodeMessage } from '../../../src/proto/codec.js';
import { DatasetFeatureStatisticsListSchema } from '../../../src/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { computeStatistics } from '../../../src/stats/index.js';
import { validateStatistics } from '../../../src/validate/index.js';
import { inferSchema } from '../../../src/schema/index.js';
import { assertStatsClose } from './closeStats.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const PENGUINS = join(root, 'node_modules', 'vega-datasets', 'data', 'penguins.json');

function filtered(table: A.Table, keep: (row: Record<string, unknown>) => boolean): A.Table {
  const rows = table.toArray().map((r) => r.toJSON() as Record<string, unknown>).filter(keep);
  const cols: Record<string, A.Vector> = {};
  for (const f of table.schema.fields) cols[f.name] = A.vectorFromArray(rows.map((r) => r[f.name] ?? null), f.type);
  return new A.Table(cols);
}

describe('sliced statistics', () => {
  test('one dataset per Species value after All Examples; each equals the statistics of its rows alone', async () => {
    const table = readTable(PENGUINS);
    const stats = await computeStatistics(table, { slices: ['Species'], threads: 1 });
    assert.deepEqual(stats.datasets.map((d) => d.name), ['All Examples', 'Species_Adelie', 'Species_Chinstrap', 'Species_Gentoo']);
    assert.deepEqual(stats.datasets.map((d) => Number(d.numExamples)), [344, 152, 68, 124]);
    const unsliced = await computeStatistics(table, { threads: 1 });
    assert.deepEqual({ ...stats.datasets[0]!, name: '' }, unsliced.datasets[0]);
    const gentoo = await computeStatistics(filtered(table, (r) => r.Species === 'Gentoo'), { threads: 1 });
    assert.deepEqual({ ...stats.datasets[3]!, name: '' }, gentoo.datasets[0]);
  });

  test('several columns slice by combination; rows missing a slicing column are in no slice', async () => {
    const table = readTable(PENGUINS);
    const stats = await computeStatistics(table, { slices: ['Island', 'Sex'], threads: 2 });
    const names = stats.datasets.map((d) => d.name);
    assert.equal(names[0], 'All Examples');
    assert.ok(names.includes('Island_Biscoe_Sex_MALE'));
    const expected = table.toArray().filter((r) => r.Sex !== null && r.Island !== null).length;
    assert.equal(stats.datasets.slice(1).reduce((n, d) => n + Number(d.numExamples), 0), expected);
    // validation reads the default slice
    const anomalies = validateStatistics(stats, inferSchema(stats));
    assert.deepEqual(Object.keys(anomalies.anomalyInfo), []);
  });

  test('numbers name slices as TFDV prints them; a list column cannot slice', async () => {
    const t = new A.Table({
      f: A.vectorFromArray([1, 1.5, 1, null], new A.Float64()),
      i: A.vectorFromArray([7n, 7n, 8n, 8n], new A.Int64()),
      l: A.vectorFromArray([[1], [2], [], null], new A.List(new A.Field('item', new A.Int32(), true))),
    });
    const names = (await computeStatistics(t, { slices: ['f'] })).datasets.map((d) => d.name);
    assert.deepEqual(names, ['All Examples', 'f_1.0', 'f_1.5']);
    assert.deepEqual((await computeStatistics(t, { slices: ['i'] })).datasets.map((d) => d.name), ['All Examples', 'i_7', 'i_8']);
    await assert.rejects(computeStatistics(t, { slices: ['l'] }), { code: 'E_UNSUPPORTED_TYPE', message: /slicing on a list column/ });
    await assert.rejects(computeStatistics(t, { slices: ['nope'] }), { code: 'E_NOT_FOUND' });
  });

  test('arrowline stats --slice', () => {
    const r = spawnSync(process.execPath, [join(root, 'bin', 'arrowline.js'), 'stats', PENGUINS, '--slice', 'Species'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^All Examples: 344 examples, 7 features\n/);
    assert.match(r.stdout, /\nSpecies_Chinstrap: 68 examples, 7 features\n/);
  });

  test('sliced partial states: --partial halves merge, and files on workers, equal one sliced run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arrowline-sliced-'));
    try {
      const table = readTable(PENGUINS);
      writeFileSync(join(dir, 'a.arrow'), A.tableToIPC(table.slice(0, 200), 'file'));
      writeFileSync(join(dir, 'b.arrow'), A.tableToIPC(table.slice(200), 'file'));
      writeFileSync(join(dir, 'all.arrow'), A.tableToIPC(table, 'file'));
      const cli = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin', 'arrowline.js'), ...args], { encoding: 'utf8' });
      for (const part of ['a', 'b']) {
        const r = cli('stats', join(dir, `${part}.arrow`), '--slice', 'Species', '--partial', '-o', join(dir, `${part}.alstate`));
        assert.equal(r.status, 0, r.stderr);
      }
      assert.equal(cli('stats', 'merge', join(dir, 'a.alstate'), join(dir, 'b.alstate'), '-o', join(dir, 'merged.pb')).status, 0);
      assert.equal(cli('stats', join(dir, 'all.arrow'), '--slice', 'Species', '-o', join(dir, 'whole.pb')).status, 0);
      const r = cli('stats', join(dir, 'a.arrow'), join(dir, 'b.arrow'), '--slice', 'Species', '--workers', '2', '-o', join(dir, 'workers.pb'));
      assert.equal(r.status, 0, r.stderr);
      const load = (name: string) => decodeMessage(DatasetFeatureStatisticsListSchema, readFileSync(join(dir, name)), 'binary');
      const whole = load('whole.pb');
      assert.equal(whole.datasets.length, 4);
      assertStatsClose(load('merged.pb'), whole);
      assertStatsClose(load('workers.pb'), whole);
      // A sliced and an unsliced state do not merge.
      assert.equal(cli('stats', join(dir, 'b.arrow'), '--partial', '-o', join(dir, 'plain.alstate')).status, 0);
      const bad = cli('stats', 'merge', join(dir, 'a.alstate'), join(dir, 'plain.alstate'));
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /E_OPTION_INVALID: partial statistics sliced on different columns \(Species and no columns\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
