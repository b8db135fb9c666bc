/**
 * Our text-format printer writes what Python's text_format (TFDV's writer) writes, and the parser
 * reports line:column for every error.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

import { create } from '@bufbuild/protobuf';

import { decodeMessage, encodeMessage, TFMD_REGISTRY } from '../../../src/proto/codec.js';
import { AnomaliesSchema } from '../../../src/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { SchemaSchema } from '../../../src/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import {
  DatasetFeatureStatisticsListSchema,
  NaturalLanguageStatisticsSchema,
} from '../../../src/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { parseText } from '../../../src/proto/textFormat/parse.js';
import { cEscape, pythonRepr, shortestFloat32 } from '../../../src/proto/textFormat/print.js';

const GOLDEN = new URL('../../golden/pbtxt/', import.meta.url);

describe('text format printer', () => {
  for (const name of readdirSync(GOLDEN).filter((f) => f.endsWith('.pbtxt')).sort()) {
    test(`${name} prints back byte for byte`, () => {
      const text = readFileSync(new URL(name, GOLDEN), 'utf8');
      const m = decodeMessage(SchemaSchema, text, 'text', name);
      assert.equal(encodeMessage(SchemaSchema, m, 'text'), text);
    });
  }

  test('doubles print as Python repr', () => {
    const cases: Array<[number, string]> = [
      [1, '1.0'], [0.1, '0.1'], [-2.5, '-2.5'], [123.456, '123.456'], [1e16, '1e+16'], [1234567890123456, '1234567890123456.0'],
      [0.0001, '0.0001'], [0.00001, '1e-05'], [1.5e-7, '1.5e-07'], [1e22, '1e+22'], [2 ** 53, '9007199254740992.0'],
      [1.7976931348623157e308, '1.7976931348623157e+308'], [5e-324, '5e-324'], [NaN, 'nan'], [Infinity, 'inf'], [-Infinity, '-inf'],
      [0, '0.0'], [-0, '-0.0'], [100, '100.0'], [0.5, '0.5'],
    ];
    for (const [x, s] of cases) assert.equal(pythonRepr(x), s, String(x));
  });

  test('floats print at the shortest precision that round-trips the float32', () => {
    assert.equal(pythonRepr(shortestFloat32(Math.fround(0.1))), '0.1');
    assert.equal(pythonRepr(shortestFloat32(Math.fround(1 / 3))), '0.33333334');
    assert.equal(pythonRepr(shortestFloat32(Math.fround(2.5))), '2.5');
    const stats = decodeMessage(DatasetFeatureStatisticsListSchema, 'datasets { features { num_stats { common_stats { avg_num_values: 0.1 } } } }', 'text');
    assert.match(encodeMessage(DatasetFeatureStatisticsListSchema, stats, 'text'), /avg_num_values: 0\.1\n/);
  });

  test('strings are C-escaped with non-ASCII bytes in octal, as Python writes them', () => {
    assert.equal(cEscape(new TextEncoder().encode('é"\\\n\'\t')), '\\303\\251\\"\\\\\\n\\\'\\t');
    const m = decodeMessage(SchemaSchema, 'feature { name: "caf\\303\\251" }', 'text');
    assert.equal(m.feature[0]!.name, 'café');
    assert.equal(encodeMessage(SchemaSchema, m, 'text'), 'feature {\n  name: "caf\\303\\251"\n}\n');
  });

  test('map entries print sorted by key; an Any prints expanded', () => {
    const a = decodeMessage(
      AnomaliesSchema,
      'anomaly_info { key: "z" value { description: "b" } }\nanomaly_info { key: "a" value { description: "a" } }\n',
      'text',
    );
    assert.match(encodeMessage(AnomaliesSchema, a, 'text'), /key: "a"[\s\S]*key: "z"/);
    const custom = 'datasets { features { custom_stats { name: "nl" any { [type.googleapis.com/tensorflow.metadata.v0.NaturalLanguageStatistics] { feature_coverage: 0.5 } } } } }';
    const s = decodeMessage(DatasetFeatureStatisticsListSchema, custom, 'text');
    const printed = encodeMessage(DatasetFeatureStatisticsListSchema, s, 'text');
    assert.match(printed, /\[type\.googleapis\.com\/tensorflow\.metadata\.v0\.NaturalLanguageStatistics\] \{\n\s+feature_coverage: 0\.5\n/);
    assert.ok(create(NaturalLanguageStatisticsSchema));
  });
});

describe('text format parser', () => {
  test('accepts the forms Python and protobuf-go accept', () => {
    const text = `# a comment
feature: < name: 'a' ; type: 2 >
feature { name: "b" "c" type: FLOAT float_domain { min: -inf max: 1e3 } }
default_environment: ["x", "y"]
feature { name: "h" int_domain { min: 0x10 max: 010 } }`;
    const m = parseText(SchemaSchema, text, TFMD_REGISTRY);
    assert.deepEqual(m.feature.map((f) => f.name), ['a', 'bc', 'h']);
    assert.equal(m.feature[0]!.type, 2);
    const fd = m.feature[1]!.domainInfo;
    assert.ok(fd.case === 'floatDomain' && fd.value.min === -Infinity && fd.value.max === 1000);
    const id = m.feature[2]!.domainInfo;
    assert.ok(id.case === 'intDomain' && id.value.min === 16n && id.value.max === 8n);
    assert.deepEqual(m.defaultEnvironment, ['x', 'y']);
  });

  const errors: Array<[string, string]> = [
    ['feature {\n  nme: "a"\n}', '2:3: unknown field "nme" for tensorflow.metadata.v0.Feature'],
    ['feature {\n  name: "a"\n', '3:1: unexpected end of input, expected "}"'],
    ['feature { type: NOPE }', '1:17: unknown value "NOPE" for enum tensorflow.metadata.v0.FeatureType'],
    ['feature { type: 77 }', '1:17: unknown value 77 for enum tensorflow.metadata.v0.FeatureType'],
    ['feature { name: "a" name: "b" }', '1:21: field "name" of tensorflow.metadata.v0.Feature is set twice'],
    ['feature { int_domain { min: 1.5 } }', '1:29: expected an integer, got "1.5"'],
    ['feature { name "a" }', '1:16: expected ":" after field "name", got ""a""'],
    ['feature { name: "a\n" }', '1:17: newline inside a string'],
    ['feature { int_domain {} float_domain {} }', '1:25: field "float_domain" and field "int_domain" of oneof "domain_info" are both set'],
    ['feature { presence { min_count: 99999999999999999999 } }', '1:33: integer 99999999999999999999 is out of range'],
  ];
  for (const [text, expected] of errors) {
    test(`error: ${expected}`, () => {
      assert.throws(() => decodeMessage(SchemaSchema, text, 'text', 's.pbtxt'), (e: unknown) => {
        const [pos, msg] = [expected.slice(0, expected.indexOf(': ')), expected.slice(expected.indexOf(': ') + 2)];
        assert.ok((e as Error).message.startsWith(`file 's.pbtxt', line ${pos}: not a valid tensorflow.metadata.v0.Schema in text encoding: ${msg}`), (e as Error).message);
        return true;
      });
    });
  }
});
