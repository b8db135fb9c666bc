// Columns statistics cannot describe (DESIGN.md: structs, lists of structs): skipped with one
// warning each naming the column, the rest described as usual; with strict / --strict an
// E_UNSUPPORTED_TYPE error naming the column and file. Dictionaries and lists of described types
// are described. Worker pools report each warning once.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import * as A from 'apache-arrow';

import { computeStatistics } from '../../../src/stats/index.js';
import { unsupportedReason } from '../../../src/stats/describable.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'arrowline-unsupported-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function table(): A.Table {
  const point = A.vectorFromArray([{ x: 1, y: 2 }, { x: 3, y: 4 }, null], new A.Struct([new A.Field('x', new A.Float64(), true), new A.Field('y', new A.Float64(), true)]));
  const points = A.vectorFromArray([[{ x: 1 }], [], null], new A.List(new A.Field('item', new A.Struct([new A.Field('x', new A.Float64(), true)]), true)));
  return new A.Table({
    point,
    n: A.vectorFromArray([1, 2, 3], new A.Int32()),
    points,
    tag: A.vectorFromArray(['a', 'b', 'a'], new A.Dictionary(new A.Utf8(), new A.Int32())),
  });
}

describe('columns statistics cannot describe', () => {
  test('skipped with a warning each; the rest described', async () => {
    const warnings: string[] = [];
    const stats = await computeStatistics(table(), { onWarning: (m) => warnings.push(m), threads: 1 });
    assert.deepEqual(stats.datasets[0]!.features.map((f) => (f.fieldId.value as { step: string[] }).step[0]), ['n', 'tag']);
    assert.equal(warnings.length, 2);
    assert.match(warnings[0]!, /^column 'point' is skipped: type Struct<.*> cannot be described/);
    assert.match(warnings[1]!, /^column 'points' is skipped: type List<Struct<.*>> cannot be described/);
    assert.equal(unsupportedReason(new A.Dictionary(new A.Utf8(), new A.Int32()), 'd'), undefined);
    assert.equal(unsupportedReason(new A.List(new A.Field('i', new A.List(new A.Field('j', new A.Int8())))), 'l'), undefined);
  });

  test('strict: E_UNSUPPORTED_TYPE naming the column', async () => {
    await assert.rejects(computeStatistics(table(), { strict: true }), { code: 'E_UNSUPPORTED_TYPE', message: /column 'point': type Struct<.*> cannot be described/ });
  });

  test('the CLI warns, or fails with --strict; workers warn once', () => {
    const file = join(dir, 'points.arrow');
    writeFileSync(file, A.tableToIPC(table(), 'file'));
    writeFileSync(join(dir, 'points2.arrow'), A.tableToIPC(table(), 'file'));
    const cli = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin', 'arrowline.js'), 'stats', ...args], { encoding: 'utf8' });
    const ok = cli(file);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stderr, /^arrowline: warning: column 'point' is skipped/m);
    assert.match(ok.stdout, /3 examples, 2 features/);
    const strict = cli(file, '--strict');
    assert.equal(strict.status, 2);
    assert.match(strict.stderr, /E_UNSUPPORTED_TYPE: file '.*points\.arrow', column 'point'/);
    const pool = cli(file, join(dir, 'points2.arrow'), '--workers', '2');
    assert.equal(pool.status, 0, pool.stderr);
    assert.equal(pool.stderr.match(/column 'point' is skipped/g)?.length, 1);
    assert.match(pool.stdout, /6 examples, 2 features/);
  });
});
