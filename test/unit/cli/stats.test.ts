/**
 * `arrowline stats` end to end on a real file (vega-datasets' flights-200k.arrow): the summary,
 * --json, -o in each encoding (atomic, decodable), and the error exits.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { tableFromIPC } from 'apache-arrow';

import { decodeMessage } from '../../../src/proto/codec.js';
import { DatasetFeatureStatisticsListSchema } from '../../../src/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const FLIGHTS = join(root, 'node_modules', 'vega-datasets', 'data', 'flights-200k.arrow');

function arrowline(...args: string[]) {
  return spawnSync(process.execPath, [join(root, 'bin', 'arrowline.js'), ...args], { cwd: root, encoding: 'utf8' });
}

describe('arrowline stats', () => {
  test('prints a summary of a real Arrow file', () => {
    const r = arrowline('stats', FLIGHTS);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^dataset: 200000 examples, 3 features\n/);
    assert.match(r.stdout, /\n {2}delay +INT +0\.0% +1 +7\.50080 +31\.9837 +-86 +1444\n/);
  });

  test('--json is one proto3 JSON document that matches the data', () => {
    const r = arrowline('stats', FLIGHTS, '--json', '--threads', '2');
    assert.equal(r.status, 0, r.stderr);
    const stats = decodeMessage(DatasetFeatureStatisticsListSchema, r.stdout, 'json');
    const ds = stats.datasets[0]!;
    assert.equal(ds.numExamples, 200000n);
    const table = tableFromIPC(readFileSync(FLIGHTS));
    const distance = table.getChild('distance')!.toArray() as Int16Array;
    let sum = 0;
    let max = -Infinity;
    for (const d of distance) {
      sum += d;
      max = Math.max(max, d);
    }
    const f = ds.features.find((x) => x.fieldId.case === 'path' && x.fieldId.value.step[0] === 'distance')!;
    assert.ok(f.stats.case === 'numStats');
    assert.ok(Math.abs(f.stats.value.mean - sum / distance.length) < 1e-9);
    assert.equal(f.stats.value.max, max);
  });

  test('-o writes binary, JSON and text format by extension, leaving no temporaries', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arrowline-stats-'));
    const decoded = ['stats.pb', 'stats.json', 'stats.pbtxt'].map((name) => {
      const r = arrowline('stats', FLIGHTS, '-o', join(dir, name));
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, '');
      const enc = name.endsWith('.pb') ? 'binary' : name.endsWith('.json') ? 'json' : 'text';
      const bytes = readFileSync(join(dir, name));
      return decodeMessage(DatasetFeatureStatisticsListSchema, enc === 'binary' ? bytes : bytes.toString('utf8'), enc);
    });
    assert.deepEqual(decoded[1], decoded[0]);
    assert.deepEqual(decoded[2], decoded[0]);
    assert.deepEqual(readdirSync(dir).sort(), ['stats.json', 'stats.pb', 'stats.pbtxt']);
    assert.match(readFileSync(join(dir, 'stats.pbtxt'), 'utf8'), /^datasets \{\n {2}num_examples: 200000\n {2}features \{\n/);
  });

  test('bad input and bad usage exit 2 with one error line', () => {
    const missing = arrowline('stats', 'no/such/file.arrow');
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr, "arrowline: E_NOT_FOUND: file 'no/such/file.arrow': no such file\n");
    const dir = mkdtempSync(join(tmpdir(), 'arrowline-bad-'));
    writeFileSync(join(dir, 'bad.arrow'), 'this is not arrow');
    const bad = arrowline('stats', join(dir, 'bad.arrow'));
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^arrowline: E_INPUT_MALFORMED: file '.*bad\.arrow': not a valid Arrow IPC file or stream/);
    const threads = arrowline('stats', FLIGHTS, '--threads', '0');
    assert.equal(threads.status, 2);
    assert.match(threads.stderr, /arrowline: E_OPTION_INVALID: --threads must be an integer from 1 to 1024, not '0'/);
    const ext = arrowline('stats', FLIGHTS, '-o', join(dir, 'out.yaml'));
    assert.equal(ext.status, 2);
    assert.match(ext.stderr, /E_OPTION_INVALID: cannot tell the encoding of/);
  });
});
