/**
 * inferSchema against TFDV: the infer_schema cases of validation_api_test.py (statistics in,
 * expected schema out, compared as parsed messages), then each rule of reference/tfdv.md §3.3
 * on its own: bool domains (int and string), int-as-string domains, string domain naming,
 * the all-missing case, nested value_counts, custom domain_info, BYTES and invalid UTF-8.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { equals } from '@bufbuild/protobuf';

import { isArrowlineError } from '../../../src/errors.js';
import { decodeMessage } from '../../../src/proto/codec.js';
import { SchemaSchema } from '../../../src/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { DatasetFeatureStatisticsListSchema } from '../../../src/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { formatSchema, inferSchema, type InferSchemaOptions } from '../../../src/schema/index.js';

const stats = (text: string) => decodeMessage(DatasetFeatureStatisticsListSchema, text, 'text');
const schemaOf = (text: string) => decodeMessage(SchemaSchema, text, 'text');

function assertInfers(statsText: string, expected: string, options?: InferSchemaOptions) {
  const actual = inferSchema(stats(statsText), options);
  const want = schemaOf(expected);
  assert.ok(equals(SchemaSchema, actual, want), `inferred:\n${formatSchema(actual)}\nexpected:\n${formatSchema(want)}`);
}

const stringFeature = (name: string, common: string, extra = '') => `
  features { path { step: '${name}' } type: STRING string_stats { common_stats { ${common} } ${extra} } }`;

describe('inferSchema: validation_api_test.py cases', () => {
  test('test_infer_schema (infer_feature_shape=False)', () => {
    assertInfers(
      `datasets { num_examples: 7 ${stringFeature('feature1', 'num_non_missing: 7 min_num_values: 1 max_num_values: 1', 'unique: 3')} }`,
      `feature { name: "feature1" value_count { min: 1 max: 1 } presence { min_fraction: 1.0 min_count: 1 } type: BYTES }`,
      { inferFeatureShape: false },
    );
  });

  const twoLabels = `unique: 2 rank_histogram {
      buckets { low_rank: 0 high_rank: 0 label: "a" sample_count: 2.0 }
      buckets { low_rank: 1 high_rank: 1 label: "b" sample_count: 1.0 } }`;

  test('test_infer_schema_with_string_domain', () => {
    assertInfers(
      `datasets { num_examples: 6 ${stringFeature('feature1', 'num_missing: 3 num_non_missing: 3 min_num_values: 1 max_num_values: 1', twoLabels)} }`,
      `feature { name: "feature1" value_count { min: 1 max: 1 } presence { min_count: 1 } type: BYTES domain: "feature1" }
       string_domain { name: "feature1" value: "a" value: "b" }`,
    );
  });

  test('test_infer_schema_without_string_domain (max_string_domain_size=1)', () => {
    assertInfers(
      `datasets { num_examples: 6 ${stringFeature('feature1', 'num_missing: 3 num_non_missing: 3 min_num_values: 1 max_num_values: 1', twoLabels)} }`,
      `feature { name: "feature1" value_count { min: 1 max: 1 } presence { min_count: 1 } type: BYTES }`,
      { maxStringDomainSize: 1 },
    );
  });

  test('test_infer_schema_with_infer_shape', () => {
    const pvs = (m: number, n: number, lo: number) => `presence_and_valency_stats { num_missing: ${m} num_non_missing: ${n} min_num_values: ${lo} max_num_values: 1 }`;
    assertInfers(
      `datasets { num_examples: 7
        ${stringFeature('feature1', 'num_missing: 0 num_non_missing: 7 min_num_values: 1 max_num_values: 1', 'unique: 3')}
        ${stringFeature('feature2', 'num_missing: 2 num_non_missing: 5 min_num_values: 1 max_num_values: 1', 'unique: 5')}
        ${stringFeature('feature3', 'num_missing: 0 num_non_missing: 7 min_num_values: 0 max_num_values: 1', 'unique: 5')}
        ${stringFeature('nested_feature1', `num_missing: 0 num_non_missing: 7 min_num_values: 1 max_num_values: 1 ${pvs(0, 7, 1)} ${pvs(0, 7, 1)}`, 'unique: 3')}
        ${stringFeature('nested_feature2', `num_missing: 2 num_non_missing: 5 min_num_values: 1 max_num_values: 1 ${pvs(2, 5, 1)} ${pvs(2, 5, 1)}`, 'unique: 5')}
        ${stringFeature('nested_feature3', `num_missing: 0 num_non_missing: 7 min_num_values: 0 max_num_values: 1 ${pvs(0, 7, 0)} ${pvs(0, 7, 0)}`, 'unique: 5')}
      }`,
      `feature { name: "feature1" shape { dim { size: 1 } } presence { min_fraction: 1.0 min_count: 1 } type: BYTES }
       feature { name: "feature2" value_count { min: 1 max: 1 } presence { min_count: 1 } type: BYTES }
       feature { name: "feature3" presence { min_fraction: 1.0 min_count: 1 } type: BYTES }
       feature { name: "nested_feature1" shape { dim { size: 1 } dim { size: 1 } } presence { min_fraction: 1.0 min_count: 1 } type: BYTES }
       feature { name: "nested_feature2" value_counts { value_count { min: 1 max: 1 } value_count { min: 1 max: 1 } } presence { min_count: 1 } type: BYTES }
       feature { name: "nested_feature3" value_counts { value_count { } value_count { } } presence { min_fraction: 1.0 min_count: 1 } type: BYTES }`,
      { inferFeatureShape: true },
    );
  });

  test('test_infer_schema_multiple_datasets_with_default_slice', () => {
    assertInfers(
      `datasets { name: 'All Examples' num_examples: 7 ${stringFeature('feature1', 'num_non_missing: 7 min_num_values: 1 max_num_values: 2', 'unique: 3')} }
       datasets { name: 'feature1_testvalue' num_examples: 4 ${stringFeature('feature1', 'num_non_missing: 4 min_num_values: 1 max_num_values: 1', 'unique: 1')} }`,
      `feature { name: "feature1" value_count { min: 1 } presence { min_fraction: 1.0 min_count: 1 } type: BYTES }`,
      { inferFeatureShape: false },
    );
  });

  test('test_infer_schema_invalid_multiple_datasets_no_default_slice', () => {
    assert.throws(
      () => inferSchema(stats('datasets { } datasets { }')),
      (e: unknown) => isArrowlineError(e) && e.code === 'E_OPTION_INVALID' && /statistics proto with one dataset/.test(e.message),
    );
  });

  test('test_infer_schema_composite_feature_stats (custom-only entries are dropped)', () => {
    assertInfers(
      `datasets { num_examples: 4
        ${stringFeature('value', 'num_non_missing: 2 num_missing: 2 min_num_values: 1 max_num_values: 1')}
        features { path { step: 'weight' } type: FLOAT num_stats { common_stats { num_non_missing: 4 min_num_values: 1 max_num_values: 1 } } }
        features { path { step: 'index' } type: INT num_stats { common_stats { num_non_missing: 4 min_num_values: 1 max_num_values: 1 } } }
        features { path { step: 'weighted_feature' } custom_stats { name: 'missing_value' num: 2 } }
        features { path { step: 'sparse_feature' } custom_stats { name: 'missing_value' num: 2 } }
      }`,
      `feature { name: "value" value_count { min: 1 max: 1 } presence { min_count: 1 } type: BYTES }
       feature { name: "weight" value_count { min: 1 max: 1 } presence { min_fraction: 1 min_count: 1 } type: FLOAT }
       feature { name: "index" value_count { min: 1 max: 1 } presence { min_fraction: 1 min_count: 1 } type: INT }`,
      { inferFeatureShape: false },
    );
  });
});

describe('inferSchema: each rule of §3.3', () => {
  const labels = (...ls: string[]) => `rank_histogram { ${ls.map((l, i) => `buckets { low_rank: ${i} high_rank: ${i} label: "${l}" sample_count: 1 }`).join(' ')} }`;
  const one = 'num_non_missing: 4 num_missing: 1 min_num_values: 1 max_num_values: 1';

  test('bool domains: INT in [0, 1] with max 1, and strings from the true/false token sets', () => {
    assertInfers(
      `datasets { num_examples: 5
        features { path { step: 'flag' } type: INT num_stats { common_stats { ${one} } min: 0 max: 1 } }
        features { path { step: 'ones' } type: INT num_stats { common_stats { ${one} } min: 1 max: 1 } }
        features { path { step: 'count' } type: INT num_stats { common_stats { ${one} } min: 0 max: 2 } }
        ${stringFeature('s', one, labels('true', 'false'))}
        ${stringFeature('t', one, labels('SET'))}
        ${stringFeature('two_true', one, labels('true', 'TRUE'))}
      }`,
      `feature { name: "flag" value_count { min: 1 max: 1 } type: INT bool_domain { } presence { min_count: 1 } }
       feature { name: "ones" value_count { min: 1 max: 1 } type: INT bool_domain { } presence { min_count: 1 } }
       feature { name: "count" value_count { min: 1 max: 1 } type: INT presence { min_count: 1 } }
       feature { name: "s" value_count { min: 1 max: 1 } type: BYTES bool_domain { true_value: "true" false_value: "false" } presence { min_count: 1 } }
       feature { name: "t" value_count { min: 1 max: 1 } type: BYTES bool_domain { true_value: "SET" } presence { min_count: 1 } }
       feature { name: "two_true" value_count { min: 1 max: 1 } type: BYTES domain: "two_true" presence { min_count: 1 } }
       string_domain { name: "two_true" value: "TRUE" value: "true" }`,
    );
  });

  test('strings that are all int64 get an empty int_domain; values bytewise sorted; names made unique with 2, 3', () => {
    assertInfers(
      `datasets { num_examples: 5
        ${stringFeature('zip', one, labels('94043', '-7', '12'))}
        ${stringFeature('big', one, labels('1', '9223372036854775808'))}
        features { path { step: 'a' } type: STRING string_stats { common_stats { ${one} } ${labels('é', 'z', 'Z')} } }
      }`,
      `feature { name: "zip" value_count { min: 1 max: 1 } type: BYTES int_domain { } presence { min_count: 1 } }
       feature { name: "big" value_count { min: 1 max: 1 } type: BYTES domain: "big" presence { min_count: 1 } }
       feature { name: "a" value_count { min: 1 max: 1 } type: BYTES domain: "a" presence { min_count: 1 } }
       string_domain { name: "big" value: "1" value: "9223372036854775808" }
       string_domain { name: "a" value: "Z" value: "z" value: "é" }`,
    );
    // Names: a second feature serializing to the same path name gets a numeric suffix.
    const schema = inferSchema(
      stats(`datasets { num_examples: 5
        ${stringFeature('x', one, labels('p'))}
        features { name: 'x' type: STRING string_stats { common_stats { ${one} } ${labels('q')} } } }`),
    );
    assert.deepEqual(schema.stringDomain.map((d) => d.name), ['x', 'x2']);
  });

  test('a feature never present: min_count 0 and nothing else', () => {
    assertInfers(
      `datasets { num_examples: 5 ${stringFeature('gone', 'num_missing: 5')} features { path { step: 'f' } type: FLOAT num_stats { common_stats { num_missing: 5 } } } }`,
      `feature { name: "gone" type: BYTES presence { min_count: 0 } }
       feature { name: "f" type: FLOAT presence { min_count: 0 } }`,
    );
  });

  test('BYTES data and invalid UTF-8 get no domain; FLOAT never gets a float domain; varying counts give min 1', () => {
    assertInfers(
      `datasets { num_examples: 5
        features { path { step: 'img' } type: BYTES bytes_stats { common_stats { ${one} } } }
        ${stringFeature('bad', one, `invalid_utf8_count: 1 ${labels('a')}`)}
        features { path { step: 'x' } type: FLOAT num_stats { common_stats { num_non_missing: 5 min_num_values: 2 max_num_values: 4 } min: 0.5 max: 3 } }
      }`,
      `feature { name: "img" value_count { min: 1 max: 1 } type: BYTES presence { min_count: 1 } }
       feature { name: "bad" value_count { min: 1 max: 1 } type: BYTES presence { min_count: 1 } }
       feature { name: "x" value_count { min: 1 } type: FLOAT presence { min_fraction: 1 min_count: 1 } }`,
    );
  });

  test('a domain_info custom statistic gives its semantic domain', () => {
    assertInfers(
      `datasets { num_examples: 5
        features { path { step: 'q' } type: STRING string_stats { common_stats { ${one} } ${labels('a')} }
          custom_stats { name: 'domain_info' str: 'natural_language_domain {}' } } }`,
      `feature { name: "q" value_count { min: 1 max: 1 } type: BYTES natural_language_domain { } presence { min_count: 1 } }`,
    );
  });

  test('struct children go inside struct_domain', () => {
    assertInfers(
      `datasets { num_examples: 2
        features { path { step: 's' } type: STRUCT struct_stats { common_stats { num_non_missing: 2 min_num_values: 1 max_num_values: 1 } } }
        features { path { step: 's' step: 'n' } type: INT num_stats { common_stats { num_non_missing: 2 min_num_values: 1 max_num_values: 1 } min: 3 max: 9 } } }`,
      `feature { name: "s" value_count { min: 1 max: 1 } type: STRUCT presence { min_fraction: 1 min_count: 1 }
         struct_domain { feature { name: "n" shape { dim { size: 1 } } type: INT presence { min_fraction: 1 min_count: 1 } } } }`,
    );
  });
});
