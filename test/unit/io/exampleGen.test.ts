// ExampleGen: deterministic hash splits (same rows per split on every run, whatever the batch
// size), custom splits and keys, pre-split inputs, shards, summary.json, and nothing written on
// failure. Globs.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { type Table } from 'apache-arrow';

import { exampleGen, readExamplesSummary, readSplit } from '../../../src/components/exampleGen.js';
import { expandGlob, globRegex } from '../../../src/io/glob.js';
import { readTable } from '../../../src/io/readTable.js';

const DATA = fileURLToPath(new URL('../../../node_modules/vega-datasets/data/', import.meta.url));
const PENGUINS = join(DATA, 'penguins.json');
const dir = mkdtempDir();
after(() => rmSync(dir, { recursive: true, force: true }));

function mkdtempDir(): string {
  const d = join(tmpdir(), `arrowline-eg-${process.pid}-${Date.now()}`);
  mkdirSync(d, { recursive: true });
  return d;
}

const rowsOf = (t: Table) => t.toArray().map((r) => JSON.stringify(r.toJSON(), (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));

describe('ExampleGen', () => {
  test('default 2:1 train/eval split of penguins: every row once, the same rows on every run and batch size', async () => {
    const a = await exampleGen({ input: PENGUINS, outputDir: join(dir, 'a') });
    const b = await exampleGen({ input: PENGUINS, outputDir: join(dir, 'b'), batchSize: 7 });
    assert.deepEqual(a.splits.map((s) => s.name), ['train', 'eval']);
    assert.equal(a.numRows, 344);
    assert.equal(a.splits[0]!.rows + a.splits[1]!.rows, 344);
    assert.ok(Math.abs(a.splits[0]!.rows / 344 - 2 / 3) < 0.08, `train share ${a.splits[0]!.rows / 344}`);
    for (const split of ['train', 'eval']) {
      assert.deepEqual(rowsOf(readSplit(join(dir, 'a'), split)), rowsOf(readSplit(join(dir, 'b'), split)), split);
    }
    const all = [...rowsOf(readSplit(join(dir, 'a'), 'train')), ...rowsOf(readSplit(join(dir, 'a'), 'eval'))].sort();
    assert.deepEqual(all, rowsOf(readTable(PENGUINS)).sort());
    const summary = readExamplesSummary(join(dir, 'a'));
    assert.deepEqual(summary, a);
    assert.equal(summary.inputFingerprint, createHash('sha256').update(`${createHash('sha256').update(readFileSync(PENGUINS)).digest('hex')}\n`).digest('hex'));
    assert.deepEqual(summary.splitConfig, { mode: 'hash', key: null, buckets: [{ name: 'train', hashBuckets: 2 }, { name: 'eval', hashBuckets: 1 }] });
    assert.deepEqual(summary.schema.map((f) => f.name), ['Species', 'Island', 'Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)', 'Sex']);
    assert.deepEqual(readdirSync(join(dir, 'a')).sort(), ['Split-eval', 'Split-train', 'summary.json']);
  });

  test('a key column keeps equal keys together; custom split names and ratios', async () => {
    const s = await exampleGen({ input: PENGUINS, outputDir: join(dir, 'keyed'), splitKey: 'Island', splits: [{ name: 'a', hashBuckets: 1 }, { name: 'b', hashBuckets: 1 }, { name: 'c', hashBuckets: 1 }] });
    assert.deepEqual(s.splits.map((x) => x.name), ['a', 'b', 'c']);
    const islandsBySplit = s.splits.map((x) => new Set(readSplit(join(dir, 'keyed'), x.name).getChild('Island')!.toArray() as string[]));
    const seen = new Set<string>();
    for (const islands of islandsBySplit) {
      for (const i of islands) {
        assert.ok(!seen.has(i), `island ${i} is in two splits`);
        seen.add(i);
      }
    }
    assert.equal(seen.size, 3);
  });

  test('many files by glob, shards rolled every N rows, and pre-split inputs', async () => {
    const src = join(dir, 'src');
    mkdirSync(join(src, 'more'), { recursive: true });
    const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => JSON.stringify({ id: from + i, v: (from + i) * 0.5 })).join('\n');
    writeFileSync(join(src, 'p1.ndjson'), rows(0, 500));
    writeFileSync(join(src, 'more', 'p2.ndjson'), rows(500, 500));
    const s = await exampleGen({ input: join(src, '**/*.ndjson'), outputDir: join(dir, 'globbed'), rowsPerShard: 100, splitKey: 'id' });
    assert.equal(s.numRows, 1000);
    assert.deepEqual(s.inputs.map((i) => i.path.slice(src.length)), ['/more/p2.ndjson', '/p1.ndjson']);
    const train = s.splits[0]!;
    assert.equal(train.shards.length, Math.ceil(train.rows / 100));
    assert.equal(readSplit(join(dir, 'globbed'), 'train').numRows, train.rows);
    const pre = await exampleGen({ inputSplits: { train: join(src, 'p1.ndjson'), test: [join(src, 'more', '*.ndjson')] }, outputDir: join(dir, 'pre') });
    assert.deepEqual(pre.splits.map((x) => [x.name, x.rows]), [['train', 500], ['test', 500]]);
    assert.equal(pre.splitConfig.mode, 'presplit');
    assert.deepEqual([...readSplit(join(dir, 'pre'), 'test').getChild('id')!.toArray()].slice(0, 2), [500n, 501n]);
  });

  test('an empty split still has a shard with the columns', async () => {
    const p = join(dir, 'one.ndjson');
    writeFileSync(p, '{"x": 1}\n');
    const s = await exampleGen({ input: p, outputDir: join(dir, 'tiny'), splits: [{ name: 'train', hashBuckets: 1 }, { name: 'eval', hashBuckets: 1000000 }] });
    const empty = s.splits.find((x) => x.rows === 0)!;
    assert.equal(empty.shards.length, 1);
    const t = readSplit(join(dir, 'tiny'), empty.name);
    assert.equal(t.numRows, 0);
    assert.deepEqual(t.schema.fields.map((f) => f.name), ['x']);
  });

  test('failures write nothing: a bad file, mismatched columns, an existing output', async () => {
    const bad = join(dir, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'a.ndjson'), '{"x": 1}\n'.repeat(100));
    writeFileSync(join(bad, 'b.ndjson'), '{"x": 1}\n{"x": \n');
    await assert.rejects(exampleGen({ input: join(bad, '*.ndjson'), outputDir: join(dir, 'out-bad') }), { code: 'E_INPUT_MALFORMED', message: /b\.ndjson.*line 2/ });
    assert.equal(existsSync(join(dir, 'out-bad')), false);
    assert.deepEqual(readdirSync(dir).filter((n) => n.includes('arrowline-tmp')), [], 'no staging directory left behind');
    writeFileSync(join(bad, 'b.ndjson'), '{"x": "text"}\n');
    await assert.rejects(exampleGen({ input: join(bad, '*.ndjson'), outputDir: join(dir, 'out-bad') }), { code: 'E_SCHEMA_MISMATCH', message: /b\.ndjson.*x: Utf8.*differ from those of .*a\.ndjson \(x: Int64\)/ });
    await assert.rejects(exampleGen({ input: PENGUINS, outputDir: join(dir, 'a') }), { code: 'E_ALREADY_EXISTS' });
    const again = await exampleGen({ input: PENGUINS, outputDir: join(dir, 'a'), overwrite: true, splits: [{ name: 'all', hashBuckets: 1 }] });
    assert.deepEqual(readdirSync(join(dir, 'a')).sort(), ['Split-all', 'summary.json']);
    assert.equal(again.numRows, 344);
    await assert.rejects(exampleGen({ input: join(dir, 'nothing-*.json'), outputDir: join(dir, 'x') }), { code: 'E_NOT_FOUND', message: /matches no file/ });
    await assert.rejects(exampleGen({ input: PENGUINS, outputDir: join(dir, 'x'), splits: [{ name: 'a/b', hashBuckets: 1 }] }), { code: 'E_OPTION_INVALID' });
    await assert.rejects(exampleGen({ input: PENGUINS, outputDir: join(dir, 'x'), splitKey: 'nope' }), { code: 'E_NOT_FOUND', message: /no column 'nope'/ });
  });
});

describe('glob', () => {
  test('patterns', () => {
    assert.ok(globRegex('a/*.csv').test('a/x.csv'));
    assert.ok(!globRegex('a/*.csv').test('a/b/x.csv'));
    assert.ok(globRegex('a/**/*.csv').test('a/b/c/x.csv'));
    assert.ok(globRegex('a/**/*.csv').test('a/x.csv'));
    assert.ok(globRegex('part-?.{csv,tsv}').test('part-1.tsv'));
    assert.ok(globRegex('[ab]*.json').test('b1.json'));
    assert.ok(!globRegex('[!ab]*.json').test('b1.json'));
    assert.deepEqual(expandGlob(join(DATA, 'flights-*.json')).map((f) => f.slice(DATA.length)), ['flights-10k.json', 'flights-200k.json', 'flights-20k.json', 'flights-2k.json', 'flights-5k.json']);
    assert.throws(() => expandGlob(join(DATA, 'nope.csv')), { code: 'E_NOT_FOUND' });
  });
});
