// Schema-driven statistics: INT features the schema marks categorical (int_domain.is_categorical
// or bool_domain) get string statistics over their decimal values (type stays INT), exact top
// counts and distinct counts; other features are unchanged.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import * as A from 'apache-arrow';

import { FeatureNameStatistics_Type } from '../../../src/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { parseSchema } from '../../../src/schema/index.js';
import { computeStatistics } from '../../../src/stats/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'arrowline-categorical-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const SCHEMA = `
feature { name: "code" type: INT int_domain { is_categorical: true } }
feature { name: "flag" type: INT bool_domain { } }
feature { name: "amount" type: INT }
`;

describe('schema-driven categorical statistics', () => {
  const codes = [3, 7, 3, 3, null, 7, 12, 3];
  const table = new A.Table({
    code: A.vectorFromArray(codes, new A.Int32()),
    flag: A.vectorFromArray([true, false, true, true, null, true, false, true], new A.Bool()),
    amount: A.vectorFromArray([1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n], new A.Int64()),
    list: A.vectorFromArray([[1, 1], [2], [], null, [1], [2, 2], [3], [1]], new A.List(new A.Field('item', new A.Int16(), true))),
  });

  test('categorical INT features get string statistics; others stay numeric', async () => {
    const stats = await computeStatistics(table, { schema: parseSchema(`${SCHEMA}feature { name: "list" type: INT int_domain { is_categorical: true } }`), threads: 1 });
    const [code, flag, amount, list] = stats.datasets[0]!.features;
    assert.equal(code!.type, FeatureNameStatistics_Type.INT);
    assert.equal(code!.stats.case, 'stringStats');
    const s = code!.stats.value as { unique: bigint; topValues: { value: string; frequency: number }[]; rankHistogram: { buckets: { label: string }[] }; commonStats: { numNonMissing: bigint } };
    assert.equal(s.unique, 3n);
    assert.deepEqual(s.topValues.map((t) => [t.value, t.frequency]), [['3', 4], ['7', 2], ['12', 1]]);
    assert.equal(s.commonStats.numNonMissing, 7n);
    assert.equal(flag!.stats.case, 'stringStats');
    assert.deepEqual((flag!.stats.value as { topValues: { value: string; frequency: number }[] }).topValues.map((t) => [t.value, t.frequency]), [['1', 5], ['0', 2]]);
    assert.equal(amount!.stats.case, 'numStats');
    assert.deepEqual((list!.stats.value as { topValues: { value: string; frequency: number }[] }).topValues.map((t) => [t.value, t.frequency]), [['1', 4], ['2', 3], ['3', 1]]);
    const plain = await computeStatistics(table, { threads: 1 });
    assert.equal(plain.datasets[0]!.features[0]!.stats.case, 'numStats', 'without a schema: numeric statistics');
  });

  test('arrowline stats --schema', () => {
    const csv = join(dir, 'c.csv');
    writeFileSync(csv, 'code,flag,amount\n3,1,1\n7,0,2\n3,1,3\n');
    const schema = join(dir, 'schema.pbtxt');
    writeFileSync(schema, SCHEMA);
    const r = spawnSync(process.execPath, [join(root, 'bin', 'arrowline.js'), 'stats', csv, '--schema', schema, '--json'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const f = (JSON.parse(r.stdout) as { datasets: { features: { type?: string; stringStats?: { unique: string } }[] }[] }).datasets[0]!.features[0]!;
    assert.equal(f.type ?? 'INT', 'INT');
    assert.equal(f.stringStats!.unique, '2');
  });
});
