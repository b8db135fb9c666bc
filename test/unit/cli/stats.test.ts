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

import { tableFromIPC, tableToIPC } from 'apache-arrow';

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
    assert.match(r.stdout, /\n {2}delay +INT +0\.0% +1 +7\.50080 +31\.9837 +-86 +0 +1444\n/);
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
    // The median's rank in the exact sort is within eps (1%) of the middle.
    const sorted = Int16Array.from(distance).sort();
    const m = f.stats.value.median;
    const lo = sorted.findIndex((v) => v >= m);
    const hi = sorted.findLastIndex((v) => v <= m);
    const mid = sorted.length / 2;
    assert.ok(lo <= mid + 0.01 * sorted.length && hi >= mid - 0.01 * sorted.length, `median ${m} ranks ${lo}..${hi}`);
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

  test('--partial states of two halves merge to the statistics of the whole', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arrowline-partial-'));
    const table = tableFromIPC(readFileSync(FLIGHTS));
    writeFileSync(join(dir, 'a.arrow'), tableToIPC(table.slice(0, 123457), 'file'));
    writeFileSync(join(dir, 'b.arrow'), tableToIPC(table.slice(123457), 'file'));
    for (const part of ['a', 'b']) {
      const r = arrowline('stats', join(dir, `${part}.arrow`), '--partial', '-o', join(dir, `${part}.alstate`));
      assert.equal(r.status, 0, r.stderr);
    }
    const merged = arrowline('stats', 'merge', join(dir, 'a.alstate'), join(dir, 'b.alstate'), '-o', join(dir, 'merged.pb'));
    assert.equal(merged.status, 0, merged.stderr);
    assert.equal(arrowline('stats', FLIGHTS, '-o', join(dir, 'whole.pb')).status, 0);
    const load = (name: string) => decodeMessage(DatasetFeatureStatisticsListSchema, readFileSync(join(dir, name)), 'binary');
    const m = load('merged.pb').datasets[0]!;
    const w = load('whole.pb').datasets[0]!;
    assert.equal(m.numExamples, w.numExamples);
    for (let i = 0; i < w.features.length; i++) {
      const a = m.features[i]!.stats;
      const b = w.features[i]!.stats;
      assert.ok(a.case === 'numStats' && b.case === 'numStats');
      assert.deepEqual(a.value.commonStats, b.value.commonStats);
      assert.equal(a.value.min, b.value.min);
      assert.equal(a.value.max, b.value.max);
      assert.equal(a.value.numZeros, b.value.numZeros);
      assert.ok(Math.abs(a.value.mean - b.value.mean) < 1e-9 * Math.abs(b.value.mean) + 1e-12);
      assert.ok(Math.abs(a.value.stdDev - b.value.stdDev) < 1e-9 * b.value.stdDev);
      // Past 11402 values the median comes from the sketch: within eps (1%) of the rank range.
      assert.ok(Math.abs(a.value.median - b.value.median) <= 0.02 * (b.value.max - b.value.min));
    }
    const bad = arrowline('stats', 'merge', join(dir, 'a.alstate'), join(dir, 'missing.alstate'));
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /E_NOT_FOUND: file '.*missing\.alstate': cannot read the partial statistics/);
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
