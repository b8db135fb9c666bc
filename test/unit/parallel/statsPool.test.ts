// Statistics over shards on a piscina pool: 4 shards on 2 workers use both and equal the
// 1-worker result and one run over all the rows.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { tableToIPC } from 'apache-arrow';

import { readTable } from '../../../src/io/readTable.js';
import { accumulateStatisticsParallel, computeStatisticsParallel } from '../../../src/parallel/statsPool.js';
import { computeStatistics, statisticsFromAccumulator } from '../../../src/stats/index.js';

const DATA = fileURLToPath(new URL('../../../node_modules/vega-datasets/data/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'arrowline-pool-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Deep equality where doubles may differ in the last bits (merge order changes rounding; counts and sketches must match exactly). */
function assertSameStatistics(actual: unknown, expected: unknown, path = ''): void {
  if (typeof actual === 'number' && typeof expected === 'number' && !Number.isInteger(expected)) {
    assert.ok(Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)), `${path}: ${actual} vs ${expected}`);
    return;
  }
  if (actual && expected && typeof actual === 'object' && typeof expected === 'object' && !(actual instanceof Uint8Array)) {
    assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), path);
    for (const k of Object.keys(expected)) assertSameStatistics((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  assert.deepEqual(actual, expected, path);
}

describe('parallel statistics (piscina)', () => {
  test('4 shards on 2 workers: both used, same statistics as 1 worker and as one run', { timeout: 120_000 }, async () => {
    const table = readTable(join(DATA, 'penguins.json'));
    const cuts = [0, 80, 170, 260, table.numRows];
    const shards = cuts.slice(0, -1).map((from, i) => {
      const p = join(dir, `part-${i}.arrow`);
      writeFileSync(p, tableToIPC(table.slice(from, cuts[i + 1]), 'file'));
      return p;
    });
    const one = await accumulateStatisticsParallel(shards, { workers: 1, threads: 1 });
    const two = await accumulateStatisticsParallel(shards, { workers: 2, threads: 1 });
    assert.equal(one.workers, 1);
    assert.equal(two.workers, 2);
    assert.equal(one.workersUsed, 1);
    assert.ok(two.workersUsed >= 1 && two.workersUsed <= 2, `${two.workersUsed} workers computed shards`);
    const whole = await computeStatistics(table, { threads: 1 });
    assertSameStatistics(statisticsFromAccumulator(one.accumulator), whole);
    assertSameStatistics(statisticsFromAccumulator(two.accumulator), whole);
    assert.deepEqual(statisticsFromAccumulator(two.accumulator), statisticsFromAccumulator(one.accumulator), 'merged in shard order: identical whatever the workers');
    assertSameStatistics(await computeStatisticsParallel(shards, { workers: 2, numTopValues: 3 }), await computeStatistics(table, { numTopValues: 3 }));
    await assert.rejects(accumulateStatisticsParallel([]), { code: 'E_OPTION_INVALID' });
    await assert.rejects(accumulateStatisticsParallel([join(dir, 'missing.arrow')], { workers: 1 }), { code: 'E_NOT_FOUND' });
  });
});

describe('arrowline stats with several files', () => {
  test('shards on 2 workers merge in argument order; --partial writes the merged state', () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const f = join(DATA, 'flights-200k.arrow');
    const cli = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin', 'arrowline.js'), ...args], { encoding: 'utf8' });
    const r = cli('stats', f, f, '--workers', '2', '--json');
    assert.equal(r.status, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { datasets: { numExamples: string }[] }).datasets[0]!.numExamples, '400000');
    const part = join(dir, 'merged.alstate');
    assert.equal(cli('stats', f, f, '--workers', '2', '--partial', '-o', part).status, 0);
    const merged = cli('stats', 'merge', part, '--json');
    assert.equal((JSON.parse(merged.stdout) as { datasets: { numExamples: string }[] }).datasets[0]!.numExamples, '400000');
  });
});
