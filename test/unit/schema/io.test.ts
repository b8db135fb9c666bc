/**
 * Schema files: a hand-written schema.pbtxt using every Feature field survives text -> text,
 * text -> JSON -> text and text -> binary -> text as an equal parsed message, a read-edit-write
 * keeps what arrowline does not touch, syntax errors name line and column, and
 * `arrowline infer-schema` writes what inferSchema returns.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { equals } from '@bufbuild/protobuf';

import { isArrowlineError } from '../../../src/errors.js';
import { decodeMessage, encodeMessage } from '../../../src/proto/codec.js';
import { HistogramSelection_Type, SchemaSchema } from '../../../src/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { DatasetFeatureStatisticsListSchema } from '../../../src/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { getFeature, inferSchema, parseSchema, readSchema, writeSchema } from '../../../src/schema/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURE = join(root, 'test', 'fixtures', 'every_feature_field.schema.pbtxt');

describe('schema files', () => {
  const original = parseSchema(readFileSync(FIXTURE, 'utf8'), 'text', FIXTURE);

  test('every Feature field parses', () => {
    const color = getFeature(original, 'color')!;
    assert.equal(color.presenceConstraints.case, 'presence');
    assert.equal(color.driftComparator?.jensenShannonDivergence?.source?.type, HistogramSelection_Type.QUANTILES);
    assert.equal(getFeature(original, ['st', 'inner'])!.type, 2); // INT
    assert.equal(original.feature.length, 16);
    const s = getFeature(original, 's')!;
    assert.ok(s.domainInfo.case === 'stringDomain');
    assert.deepEqual(s.domainInfo.value.value, ['a', 'café', 'tab\there']);
  });

  test('round trips in all three encodings are equal as parsed messages', () => {
    const dir = mkdtempSync(join(tmpdir(), 'al-schema-'));
    for (const name of ['schema.pbtxt', 'schema.json', 'schema.pb']) {
      writeSchema(join(dir, name), original);
      const back = readSchema(join(dir, name));
      assert.ok(equals(SchemaSchema, back, original), name);
    }
    assert.deepEqual(readdirSync(dir).sort(), ['schema.json', 'schema.pb', 'schema.pbtxt']); // no temporaries left
    // Printing is stable: print(parse(print(x))) == print(x).
    const text = encodeMessage(SchemaSchema, original, 'text');
    assert.equal(encodeMessage(SchemaSchema, parseSchema(text), 'text'), text);
  });

  test('read-edit-write changes only the edited field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'al-schema-'));
    const path = join(dir, 'schema.pbtxt');
    writeFileSync(path, readFileSync(FIXTURE));
    const schema = readSchema(path);
    const age = getFeature(schema, 'age')!;
    assert.ok(age.domainInfo.case === 'intDomain');
    age.domainInfo.value.max = 150n;
    writeSchema(path, schema);
    const back = readSchema(path);
    const expected = parseSchema(readFileSync(FIXTURE, 'utf8'));
    const want = getFeature(expected, 'age')!;
    assert.ok(want.domainInfo.case === 'intDomain');
    want.domainInfo.value.max = 150n;
    assert.ok(equals(SchemaSchema, back, expected));
  });

  test('a syntax error is E_SCHEMA_PARSE naming the file, line and column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'al-schema-'));
    const path = join(dir, 'bad.pbtxt');
    writeFileSync(path, 'feature {\n  name: "x"\n  type: INTEGER\n}\n');
    assert.throws(
      () => readSchema(path),
      (e: unknown) => isArrowlineError(e) && e.code === 'E_SCHEMA_PARSE' && e.message.includes(path) && /line 3:9/.test(e.message) && /INTEGER/.test(e.message),
    );
    writeFileSync(path, 'feature {\n  name: "x"\n');
    assert.throws(() => readSchema(path), (e: unknown) => isArrowlineError(e) && e.code === 'E_SCHEMA_PARSE' && /line 3/.test(e.message));
  });

  test('arrowline infer-schema writes the schema inferSchema returns; --json and options', () => {
    const dir = mkdtempSync(join(tmpdir(), 'al-infer-'));
    const statsPath = join(dir, 'stats.pbtxt');
    const statsText = `datasets { num_examples: 4
      features { path { step: 'color' } type: STRING string_stats { common_stats { num_non_missing: 4 min_num_values: 1 max_num_values: 1 }
        unique: 2 rank_histogram { buckets { label: "red" sample_count: 3 } buckets { label: "blue" sample_count: 1 } } } } }`;
    writeFileSync(statsPath, statsText);
    const cli = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin', 'arrowline.js'), 'infer-schema', statsPath, ...args], { encoding: 'utf8' });
    const out = join(dir, 'schema.pbtxt');
    const r = cli('-o', out);
    assert.equal(r.status, 0, r.stderr);
    const expected = inferSchema(decodeMessage(DatasetFeatureStatisticsListSchema, statsText, 'text'));
    assert.ok(equals(SchemaSchema, readSchema(out), expected));
    assert.match(readFileSync(out, 'utf8'), /^feature \{\n {2}name: "color"\n {2}type: BYTES\n {2}domain: "color"\n {2}presence \{\n {4}min_fraction: 1\.0\n {4}min_count: 1\n {2}\}\n {2}shape \{/);

    const summary = cli();
    assert.equal(summary.status, 0, summary.stderr);
    assert.match(summary.stdout, /color +BYTES +required +shape \[1\] +'color' \(2: "blue", "red"\)/);

    const opts = join(dir, 'infer.json');
    writeFileSync(opts, JSON.stringify({ infer_feature_shape: false, max_string_domain_size: 1 }));
    const j = cli('--options', opts, '--json');
    assert.equal(j.status, 0, j.stderr);
    const schema = decodeMessage(SchemaSchema, j.stdout, 'json');
    assert.equal(schema.feature[0]!.shapeType.case, 'valueCount');
    assert.equal(schema.stringDomain.length, 0);
    // The flag wins over the file.
    const k = cli('--options', opts, '--max-string-domain-size', '5', '--json');
    assert.equal(decodeMessage(SchemaSchema, k.stdout, 'json').stringDomain.length, 1);

    writeFileSync(opts, JSON.stringify({ max_string_domain: 3 }));
    const bad = cli('--options', opts);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /E_OPTION_INVALID: .*'max_string_domain' is not a infer_schema field \(did you mean 'max_string_domain_size'\?\)/);
  });
});
