/**
 * The validate_statistics / update_schema cases of TFDV's validation_api_test.py, statistics,
 * schemas and expected anomalies copied as text: string domains with an unknown total ("?"),
 * deprecated features, weighted features and name collisions with features and sparse
 * features, drift against previous statistics and skew against serving statistics (a serving
 * feature keyed by name, a training one by path), update_schema extending the domain and
 * dropping an inferred shape, the default slice of a multi-dataset list.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { equals } from '@bufbuild/protobuf';

import { SchemaSchema } from '../../../src/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { formatSchema, inferSchema } from '../../../src/schema/index.js';
import { updateSchema, validateStatistics } from '../../../src/validate/index.js';
import { assertAnomalies, assertDriftSkew, schemaOf, single, statsOf } from './helpers.js';

const ENUM_SCHEMA = `string_domain { name: "MyAloneEnum" value: "A" value: "B" value: "C" }
  feature { name: "annotated_enum" value_count { min: 1 max: 1 } presence { min_count: 1 } type: BYTES domain: "MyAloneEnum" }`;
const enumDataset = (name = '') => `datasets { ${name} num_examples: 10 features { path { step: 'annotated_enum' } type: STRING string_stats {
  common_stats { num_missing: 3 num_non_missing: 7 min_num_values: 1 max_num_values: 1 } unique: 3 rank_histogram { buckets { label: "D" sample_count: 1 } } } } }`;
const D_ANOMALY = single('annotated_enum', 'ENUM_TYPE_UNEXPECTED_STRING_VALUES', 'Unexpected string values', 'Examples contain values missing from the schema: D (?). ');

describe('validation_api_test.py', () => {
  test('test_validate_stats', () => {
    const schema = schemaOf(`${ENUM_SCHEMA}
      feature { name: "ignore_this" lifecycle_stage: DEPRECATED value_count { min: 1 } presence { min_count: 1 } type: BYTES }`);
    assertAnomalies(validateStatistics(statsOf(enumDataset()), schema), { annotated_enum: D_ANOMALY });
  });

  for (const [name, stats] of [
    ['test_update_schema', enumDataset()],
    ['test_update_schema_multiple_datasets_with_default_slice', `${enumDataset("name: 'All Examples'")} datasets { name: 'other dataset' num_examples: 5 features { path { step: 'annotated_enum' } type: STRING string_stats {
      common_stats { num_missing: 3 num_non_missing: 2 min_num_values: 1 max_num_values: 1 } unique: 3 rank_histogram { buckets { label: "E" sample_count: 1 } } } } }`],
  ] as const) {
    test(name, () => {
      const schema = schemaOf(ENUM_SCHEMA);
      const statistics = statsOf(stats);
      assertAnomalies(validateStatistics(statistics, schema), { annotated_enum: D_ANOMALY });
      const updated = updateSchema(schema, statistics);
      const want = schemaOf(ENUM_SCHEMA);
      want.stringDomain[0]!.value.push('D');
      assert.ok(equals(SchemaSchema, updated, want), formatSchema(updated));
      assertAnomalies(validateStatistics(statistics, updated), {});
    });
  }

  test('test_update_schema_remove_inferred_shape', () => {
    const stats = (present: number) => statsOf(`datasets { num_examples: 10000 features { path { step: "f1" } num_stats { common_stats {
      num_non_missing: ${present} num_missing: ${10000 - present} min_num_values: 1 max_num_values: 1 } } } }`);
    const withShape = inferSchema(stats(10000), { inferFeatureShape: true });
    assert.equal(withShape.feature[0]!.shapeType.case, 'shape');
    const dropped = updateSchema(withShape, stats(9999));
    assert.equal(dropped.feature[0]!.shapeType.case, undefined);
    assert.equal(updateSchema(dropped, stats(10000)).feature[0]!.shapeType.case, undefined, 'not added back');
    assert.notEqual(inferSchema(stats(9999), { inferFeatureShape: true }).feature[0]!.shapeType.case, 'shape');
    assert.equal(updateSchema(inferSchema(stats(9999), { inferFeatureShape: true }), stats(10000)).feature[0]!.shapeType.case, 'valueCount');
    assert.equal(updateSchema(withShape, stats(10000)).feature[0]!.shapeType.case, 'shape', 'kept when still valid');
  });

  const weightedStats = (name: string, extra = '') => statsOf(`datasets { num_examples: 10 features { path { step: '${name}' }
    custom_stats { name: 'missing_weight' num: 1.0 } ${extra} custom_stats { name: 'missing_value' num: 2.0 }
    custom_stats { name: 'min_weight_length_diff' num: 3.0 } custom_stats { name: 'max_weight_length_diff' num: 4.0 } } }`);
  const WEIGHTED = 'feature { name: "value" } feature { name: "weight" }';

  test('test_validate_stats_weighted_feature', () => {
    const schema = schemaOf(`${WEIGHTED} weighted_feature { name: "weighted_feature" feature { step: "value" } weight_feature { step: "weight" } }`);
    assertAnomalies(validateStatistics(weightedStats('weighted_feature'), schema), {
      weighted_feature: `path { step: "weighted_feature" }
        description: "Found 1 examples missing weight feature. Found 2 examples missing value feature. Mismatch between weight and value feature with min_weight_length_diff = 3 and max_weight_length_diff = 4."
        severity: ERROR short_description: "Multiple errors"
        reason { type: WEIGHTED_FEATURE_MISSING_WEIGHT short_description: "Missing weight feature" description: "Found 1 examples missing weight feature." }
        reason { type: WEIGHTED_FEATURE_MISSING_VALUE short_description: "Missing value feature" description: "Found 2 examples missing value feature." }
        reason { type: WEIGHTED_FEATURE_LENGTH_MISMATCH short_description: "Length mismatch between value and weight feature" description: "Mismatch between weight and value feature with min_weight_length_diff = 3 and max_weight_length_diff = 4." }`,
    });
  });

  const COLLISION = single('colliding_feature', 'WEIGHTED_FEATURE_NAME_COLLISION', 'Weighted feature name collision', 'Weighted feature name collision.');

  test('test_validate_stats_weighted_feature_name_collision', () => {
    const schema = schemaOf(`${WEIGHTED} feature { name: "colliding_feature" } weighted_feature { name: "colliding_feature" feature { step: "value" } weight_feature { step: "weight" } }`);
    assertAnomalies(validateStatistics(weightedStats('colliding_feature'), schema), { colliding_feature: COLLISION });
  });

  test('test_validate_stats_weighted_feature_sparse_feature_name_collision', () => {
    const schema = schemaOf(`${WEIGHTED} feature { name: "index" }
      weighted_feature { name: "colliding_feature" feature { step: "value" } weight_feature { step: "weight" } }
      sparse_feature { name: "colliding_feature" value_feature { name: "value" } index_feature { name: "index" } }`);
    const extra = "custom_stats { name: 'missing_index' num: 1.0 } custom_stats { name: 'min_length_diff' num: 3.0 } custom_stats { name: 'max_length_diff' num: 4.0 }";
    assertAnomalies(validateStatistics(weightedStats('colliding_feature', extra), schema), { colliding_feature: COLLISION });
  });

  test('test_validate_stats_with_previous_stats', () => {
    const enumStats = (n: number, a: number, b: number) => statsOf(`datasets { num_examples: ${n} features { path { step: 'annotated_enum' } type: STRING string_stats {
      common_stats { num_non_missing: ${n} num_missing: 0 max_num_values: 1 } rank_histogram { buckets { label: "a" sample_count: ${a} } buckets { label: "b" sample_count: ${b} } } } } }`);
    const schema = schemaOf(`feature { name: "annotated_enum" type: BYTES domain: "annotated_enum" drift_comparator { infinity_norm { threshold: 0.01 } } }
      string_domain { name: "annotated_enum" value: "a" }`);
    const anomalies = validateStatistics(enumStats(2, 1, 1), schema, { previousStatistics: enumStats(4, 3, 1) });
    assertDriftSkew(anomalies, ['path { step: "annotated_enum" } drift_measurements { type: L_INFTY value: 0.25 threshold: 0.01 }']);
    assertAnomalies(anomalies, {
      annotated_enum: `path { step: "annotated_enum" }
        description: "Examples contain values missing from the schema: b (?).  The Linfty distance between current and previous is 0.25 (up to six significant digits), above the threshold 0.01. The feature value with maximum difference is: b"
        severity: ERROR short_description: "Multiple errors"
        reason { type: ENUM_TYPE_UNEXPECTED_STRING_VALUES short_description: "Unexpected string values" description: "Examples contain values missing from the schema: b (?). " }
        reason { type: COMPARATOR_L_INFTY_HIGH short_description: "High Linfty distance between current and previous" description: "The Linfty distance between current and previous is 0.25 (up to six significant digits), above the threshold 0.01. The feature value with maximum difference is: b" }`,
    });
  });

  for (const hasSkew of [false, true]) {
    test(`test_validate_stats_with_serving_stats (${hasSkew ? 'with_skew' : 'no_skew'})`, () => {
      const bar = (key: string, a: number, b: number, c: number) => statsOf(`datasets { num_examples: 10 features { ${key} type: STRING string_stats {
        common_stats { num_missing: 0 num_non_missing: 10 max_num_values: 1 }
        rank_histogram { buckets { label: "a" sample_count: ${a} } buckets { label: "b" sample_count: ${b} } buckets { label: "c" sample_count: ${c} } } } } }`);
      const schema = schemaOf(`feature { name: 'bar' type: BYTES skew_comparator { infinity_norm { threshold: ${hasSkew ? 0.1 : 1.0} } } }`);
      const anomalies = validateStatistics(bar("path { step: 'bar' }", 1, 2, 7), schema, { servingStatistics: bar("name: 'bar'", 3, 1, 6) });
      assertAnomalies(
        anomalies,
        hasSkew
          ? {
              bar: single(
                'bar',
                'COMPARATOR_L_INFTY_HIGH',
                'High Linfty distance between training and serving',
                'The Linfty distance between training and serving is 0.2 (up to six significant digits), above the threshold 0.1. The feature value with maximum difference is: a',
              ),
            }
          : {},
      );
      assertDriftSkew(anomalies, [`path { step: "bar" } skew_measurements { type: L_INFTY value: 0.19999999999999998 threshold: ${hasSkew ? 0.1 : 1} }`]);
    });
  }
});
