// Schema-driven bytes statistics: a feature the schema gives an image_domain is TFDV's BYTES
// feature: type BYTES, bytes_stats with common stats and the average / smallest / largest value
// size in bytes over its leaf values (set only when there are values), no unique, no top
// values. The same numbers from one pass, two threads, batches merged through serialized
// states, and the CLI; weighted common stats land in bytes_stats too.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import * as A from 'apache-arrow';

import { DatasetStatsAccumulator } from '../../../src/native/index.js';
import { type BytesStatistics, FeatureNameStatistics_Type } from '../../../src/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { parseSchema } from '../../../src/schema/index.js';
import { accumulateStatistics, computeStatistics, formatStatisticsSummary, statisticsFromAccumulator } from '../../../src/stats/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'arrowline-bytes-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const SCHEMA = parseSchema(`
feature { name: "img" type: BYTES image_domain { } }
feature { name: "thumbs" type: BYTES image_domain { } }
feature { name: "never" type: BYTES image_domain { } }
feature { name: "caption" type: BYTES }
`);

const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 255);

// img: sizes 3, 0, null, 10, 1500, 2 (invalid UTF-8 and large values are ordinary values here).
const IMG = [bytes(3, 1), new Uint8Array(0), null, bytes(10, 2), bytes(1500, 3), Uint8Array.from([0xff, 0xfe])];
const THUMBS = [[bytes(4, 1), bytes(6, 2)], [], null, [bytes(1, 3)], [bytes(9, 4)], null];

function table(): A.Table {
  return new A.Table({
    img: A.vectorFromArray(IMG, new A.Binary()),
    thumbs: A.vectorFromArray(THUMBS, new A.List(new A.Field('item', new A.Binary(), true))),
    never: A.vectorFromArray([null, null, null, null, null, null], new A.Utf8()),
    caption: A.vectorFromArray(['a cat', 'ünïcode', null, 'a cat', '', 'dog'], new A.Utf8()),
    w: A.vectorFromArray([1, 2, 1, 0.5, 1, 3], new A.Float64()),
  });
}

function bytesStats(f: { stats: { case: string | undefined; value?: unknown } }): BytesStatistics {
  assert.equal(f.stats.case, 'bytesStats');
  return f.stats.value as BytesStatistics;
}

describe('schema-driven bytes statistics (image_domain)', () => {
  test('type BYTES with value sizes; no unique or top values; other features unchanged', async () => {
    const [img, thumbs, never, caption] = (await computeStatistics(table(), { schema: SCHEMA, threads: 1 })).datasets[0]!.features;
    assert.equal(img!.type, FeatureNameStatistics_Type.BYTES);
    const b = bytesStats(img!);
    assert.equal(b.commonStats!.numNonMissing, 5n);
    assert.equal(b.commonStats!.numMissing, 1n);
    assert.equal(b.avgNumBytes, Math.fround((3 + 0 + 10 + 1500 + 2) / 5));
    assert.equal(b.minNumBytes, 0);
    assert.equal(b.maxNumBytes, 1500);
    assert.equal(b.maxNumBytesInt, 1500n);
    assert.equal(b.unique, 0n);
    // A list feature: sizes over the leaf values (4, 6, 1, 9), common stats over the lists.
    const t = bytesStats(thumbs!);
    assert.equal(thumbs!.type, FeatureNameStatistics_Type.BYTES);
    assert.equal(t.commonStats!.numNonMissing, 4n);
    assert.equal(t.commonStats!.totNumValues, 4n);
    assert.equal(t.avgNumBytes, Math.fround(20 / 4));
    assert.deepEqual([t.minNumBytes, t.maxNumBytes, t.maxNumBytesInt], [1, 9, 9n]);
    // No values: only the common stats (TFDV sets the sizes only when there are values).
    const n = bytesStats(never!);
    assert.equal(never!.type, FeatureNameStatistics_Type.BYTES);
    assert.equal(n.commonStats!.numMissing, 6n);
    assert.deepEqual([n.avgNumBytes, n.minNumBytes, n.maxNumBytes, n.maxNumBytesInt], [0, 0, 0, 0n]);
    // Schema type BYTES without an image domain is an ordinary string feature.
    assert.equal(caption!.type, FeatureNameStatistics_Type.STRING);
    assert.equal(caption!.stats.case, 'stringStats');
    // Without a schema img is a STRING feature with top values over its bytes.
    const plain = (await computeStatistics(table(), { threads: 1 })).datasets[0]!.features[0]!;
    assert.equal(plain.type, FeatureNameStatistics_Type.STRING);
    assert.equal(plain.stats.case, 'stringStats');
    assert.ok(formatStatisticsSummary(await computeStatistics(table(), { schema: SCHEMA })).includes('1500 B'));
  });

  test('two threads, and batches merged through serialized states, give the same statistics', async () => {
    const one = await computeStatistics(table(), { schema: SCHEMA, threads: 1 });
    assert.deepEqual(await computeStatistics(table(), { schema: SCHEMA, threads: 2 }), one);
    const t = table();
    const a = await accumulateStatistics(t.slice(0, 2), { schema: SCHEMA, threads: 1 });
    const b = await accumulateStatistics(t.slice(2), { schema: SCHEMA, threads: 1 });
    const merged = DatasetStatsAccumulator.deserialize(a.serialize()).merge(DatasetStatsAccumulator.deserialize(b.serialize()));
    // Exact fields are identical (the numeric w's std dev may differ in the last bit: Chan's merge).
    const m = statisticsFromAccumulator(merged, { schema: SCHEMA });
    for (let i = 0; i < 4; i++) assert.deepEqual(m.datasets[0]!.features[i], one.datasets[0]!.features[i], `feature ${i}`);
  });

  test('with a weight feature, weighted common stats go into bytes_stats', async () => {
    const img = (await computeStatistics(table(), { schema: SCHEMA, weightFeature: 'w', threads: 1 })).datasets[0]!.features[0]!;
    const w = bytesStats(img).commonStats!.weightedCommonStats!;
    assert.equal(w.numNonMissing, 1 + 2 + 0.5 + 1 + 3);
    assert.equal(w.numMissing, 1);
  });

  test('arrowline stats --schema gives BYTES features', () => {
    const csv = join(dir, 'b.csv');
    writeFileSync(csv, 'img,label\nabc,1\n,0\nabcdefgh,1\n');
    const schema = join(dir, 'schema.pbtxt');
    writeFileSync(schema, 'feature { name: "img" type: BYTES image_domain { } }\n');
    const r = spawnSync(process.execPath, [join(root, 'bin', 'arrowline.js'), 'stats', csv, '--schema', schema, '--json'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const f = (JSON.parse(r.stdout) as { datasets: { features: { type?: string; bytesStats?: Record<string, unknown> }[] }[] }).datasets[0]!.features[0]!;
    assert.equal(f.type, 'BYTES');
    assert.deepEqual(f.bytesStats!.avgNumBytes, 5.5);
    assert.equal(f.bytesStats!.maxNumBytesInt, '8');
  });
});
