/**
 * --options FILE: TFDV's StatsOptions JSON by its own field names. Implemented fields map to
 * StatisticsOptions, the rest warn, a name that is not a StatsOptions field is E_OPTION_INVALID
 * naming the closest valid one, and flags override the file.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { isArrowlineError } from '../../../src/errors.js';
import { decodeMessage } from '../../../src/proto/codec.js';
import { DatasetFeatureStatisticsListSchema } from '../../../src/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { closestField, readStatsOptionsFile, STATS_OPTIONS_FIELDS, statsOptionsFromTfdv } from '../../../src/stats/tfdvOptions.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const FLIGHTS = join(root, 'node_modules', 'vega-datasets', 'data', 'flights-200k.arrow');

describe('StatsOptions by TFDV names', () => {
  test('implemented fields map to StatisticsOptions; unset (null) fields are skipped', () => {
    const warnings: string[] = [];
    const o = statsOptionsFromTfdv(
      { num_top_values: 5, num_rank_histogram_buckets: 7, num_histogram_buckets: 4, num_quantiles_histogram_buckets: 8, epsilon: 0.02, feature_allowlist: ['a'], weight_feature: null, desired_batch_size: 1000 },
      'o.json',
      (m) => warnings.push(m),
    );
    assert.deepEqual(o, { numTopValues: 5, numRankHistogramBuckets: 7, numHistogramBuckets: 4, numQuantilesHistogramBuckets: 8, epsilon: 0.02, featureAllowlist: ['a'] });
    assert.deepEqual(warnings, []);
  });

  test('fields not implemented yet warn by name and are ignored', () => {
    const warnings: string[] = [];
    const o = statsOptionsFromTfdv({ sample_rate: 0.5, slice_functions: [] }, 'o.json', (m) => warnings.push(m));
    assert.deepEqual(o, {});
    assert.deepEqual(warnings, ['StatsOptions.sample_rate is not implemented yet and is ignored', 'StatsOptions.slice_functions is not implemented yet and is ignored']);
  });

  test('a name that is not a StatsOptions field names the closest one', () => {
    assert.equal(closestField('num_top_value'), 'num_top_values');
    assert.equal(closestField('epsilom'), 'epsilon');
    assert.throws(
      () => statsOptionsFromTfdv({ num_top_vals: 3 }, 'o.json'),
      (e: unknown) => isArrowlineError(e) && e.code === 'E_OPTION_INVALID' && /'num_top_vals' is not a StatsOptions field \(did you mean 'num_top_values'\?\)/.test(e.message) && /o\.json/.test(e.message),
    );
    assert.ok(STATS_OPTIONS_FIELDS.includes('weight_feature'));
  });

  test('file errors: missing file, invalid JSON, not an object', () => {
    const dir = mkdtempSync(join(tmpdir(), 'al-opts-'));
    assert.throws(() => readStatsOptionsFile(join(dir, 'none.json')), (e: unknown) => isArrowlineError(e) && e.code === 'E_NOT_FOUND');
    writeFileSync(join(dir, 'bad.json'), '{ "epsilon": ');
    assert.throws(() => readStatsOptionsFile(join(dir, 'bad.json')), (e: unknown) => isArrowlineError(e) && e.code === 'E_OPTION_INVALID');
    writeFileSync(join(dir, 'arr.json'), '[1]');
    assert.throws(() => readStatsOptionsFile(join(dir, 'arr.json')), (e: unknown) => isArrowlineError(e) && e.code === 'E_OPTION_INVALID');
  });

  test('arrowline stats --options applies the file, warns, and rejects unknown names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'al-opts-'));
    const opts = join(dir, 'stats_options.json');
    writeFileSync(opts, JSON.stringify({ feature_allowlist: ['delay'], num_histogram_buckets: 3, sample_rate: 0.5 }));
    const r = spawnSync(process.execPath, [join(root, 'bin', 'arrowline.js'), 'stats', FLIGHTS, '--options', opts, '--json'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /warning: StatsOptions\.sample_rate is not implemented yet/);
    const ds = decodeMessage(DatasetFeatureStatisticsListSchema, r.stdout, 'json').datasets[0]!;
    assert.deepEqual(ds.features.map((f) => (f.fieldId.case === 'path' ? f.fieldId.value.step.join('.') : '')), ['delay']);
    const s = ds.features[0]!.stats;
    assert.ok(s.case === 'numStats');
    assert.equal(s.value.histograms.find((h) => h.type === 0)!.buckets.length, 3); // STANDARD

    writeFileSync(opts, JSON.stringify({ epsilonn: 0.1 }));
    const bad = spawnSync(process.execPath, [join(root, 'bin', 'arrowline.js'), 'stats', FLIGHTS, '--options', opts], { encoding: 'utf8' });
    assert.equal(bad.status, 2, bad.stderr);
    assert.match(bad.stderr, /E_OPTION_INVALID.*did you mean 'epsilon'/);
  });
});
