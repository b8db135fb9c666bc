/**
 * validateStatistics against TFDV's own expectations: the cases of schema_anomalies_test.cc
 * (schema, statistics and expected AnomalyInfo copied as text), run with the default
 * ValidationOptions and with new_features_are_warnings as TFDV runs them.
 */
import { describe, test } from 'node:test';

import { findAnomalies } from '../../../src/validate/validateStatistics.js';
import { assertAnomalies, assertDriftSkew, datasetOf, schemaOf, single } from './helpers.js';

const CONFIGS = [{}, { newFeaturesAreWarnings: true }];

function eachConfig(schema: string, stats: string, expected: Record<string, string>) {
  for (const config of CONFIGS) assertAnomalies(findAnomalies(datasetOf(stats), schemaOf(schema), config), expected);
}

const numFeature = (name: string, type: string, common: string, rest = '') => `features { name: '${name}' type: ${type} num_stats { common_stats { ${common} } ${rest} } }`;
const strFeature = (name: string, type: string, common: string, rest = '') => `features { name: '${name}' type: ${type} string_stats { common_stats { ${common} } ${rest} } }`;
const C4 = 'num_missing: 0 num_non_missing: 4 min_num_values: 1 max_num_values: 1 avg_num_values: 1';
const C14 = 'num_missing: 10 num_non_missing: 4 min_num_values: 1 max_num_values: 3 avg_num_values: 1.5';
const NAN_HIST = 'histograms { num_nan: 5 buckets { high_value: 1 } buckets { low_value: 0 high_value: 1 sample_count: 100 } type: QUANTILES } mean: .5 std_dev: .25 max: 1.0';

describe('schema_anomalies_test.cc', () => {
  test('FindChangesNoChanges', () => {
    eachConfig(
      `feature { name: "capital-gain" presence { min_count: 1 min_fraction: 1.0 } value_count { min: 1 max: 1 } type: FLOAT }`,
      numFeature('capital-gain', 'FLOAT', 'num_non_missing: 32561 min_num_values: 1 max_num_values: 1 avg_num_values: 1.0', 'mean: 1077.6 std_dev: 7385.1 num_zeros: 29849 max: 99999.0'),
      {},
    );
  });

  test('SimpleBadSchemaConfigurations', () => {
    const schema = `
      feature { name: "no_type" presence { min_count: 1 min_fraction: 1.0 } value_count { min: 1 max: 1 } float_domain { disallow_nan: true } }
      feature { name: "invalid_value_count" presence { min_count: 1 } value_count { min: -1 max: 3 } type: BYTES }
      feature { name: "invalid_value_counts" presence { min_count: 1 } value_counts { value_count { min: -1 max: 3 } value_count { min: 3 max: 1 } } type: BYTES }
      feature { name: "invalid_presence" presence { min_fraction: 1.5 } type: BYTES }
      feature { name: "nl_float" presence { min_fraction: 1.0 } natural_language_domain {} type: FLOAT }
      feature { name: "struct_bytes" presence { min_fraction: 1.0 } struct_domain {} type: BYTES }
      feature { name: "distribution_constraints_bool" presence { min_fraction: 1.0 } bool_domain {} distribution_constraints { min_domain_mass: .8 } type: FLOAT }
      feature { name: "int_domain_bytes" presence { min_fraction: 1.0 } int_domain {} type: BYTES }`;
    const stats = [
      numFeature('no_type', 'FLOAT', C4, NAN_HIST),
      numFeature('int_domain_bytes', 'FLOAT', C4, NAN_HIST),
      strFeature('invalid_value_count', 'STRING', C14),
      strFeature(
        'invalid_value_counts',
        'STRING',
        `${C14} presence_and_valency_stats { num_missing: 10 num_non_missing: 4 min_num_values: 1 max_num_values: 3 tot_num_values: 8 }
         presence_and_valency_stats { num_missing: 10 num_non_missing: 4 min_num_values: 3 max_num_values: 3 tot_num_values: 8 }`,
      ),
      strFeature('invalid_presence', 'STRING', C14),
      numFeature('nl_float', 'FLOAT', C14),
      numFeature('struct_bytes', 'BYTES', C14),
      numFeature('distribution_constraints_bool', 'FLOAT', C14),
    ].join('\n');
    const shortOnly = (path: string, type: string, short: string) =>
      `path { step: "${path}" } description: "" severity: ERROR short_description: "${short}" reason { type: ${type} short_description: "${short}" description: "" }`;
    eachConfig(schema, stats, {
      no_type: shortOnly('no_type', 'FEATURE_MISSING_TYPE', 'unspecified type: determine the type and set it, rather than deprecating.'),
      int_domain_bytes: single('int_domain_bytes', 'UNEXPECTED_DATA_TYPE', 'Unexpected data type', 'Expected data of type: BYTES but got FLOAT'),
      invalid_value_count: shortOnly('invalid_value_count', 'INVALID_SCHEMA_SPECIFICATION', 'ValueCount.min should not be negative'),
      invalid_value_counts: `path { step: "invalid_value_counts" }
        description: "ValueCounts.min at level 0 should not be negative. ValueCounts.max at level 1 should not be less than min."
        severity: ERROR short_description: "Multiple errors"
        reason { type: INVALID_SCHEMA_SPECIFICATION short_description: "ValueCounts.min should not be negative" description: "ValueCounts.min at level 0 should not be negative." }
        reason { type: INVALID_SCHEMA_SPECIFICATION short_description: "ValueCounts.max should not be less than min" description: "ValueCounts.max at level 1 should not be less than min." }`,
      invalid_presence: shortOnly('invalid_presence', 'INVALID_SCHEMA_SPECIFICATION', 'min_fraction should not greater than 1'),
      distribution_constraints_bool: shortOnly('distribution_constraints_bool', 'INVALID_SCHEMA_SPECIFICATION', 'distribution constraints not supported for bool domains.'),
      nl_float: single('nl_float', 'DOMAIN_INVALID_FOR_TYPE', 'The domain does not match the type', 'The domain "natural_language_domain" does not match the type: FLOAT'),
      struct_bytes: single('struct_bytes', 'DOMAIN_INVALID_FOR_TYPE', 'The domain does not match the type', 'The domain "struct_domain" does not match the type: BYTES'),
    });
  });

  test('FindNansInFloatDisallowNans', () => {
    eachConfig(
      `feature { name: "income" presence { min_count: 1 min_fraction: 1.0 } value_count { min: 1 max: 1 } type: FLOAT float_domain { disallow_nan: true } }
       feature { name: "string_encoded_float" presence { min_count: 1 } value_count { min: 1 max: 3 } type: BYTES float_domain { disallow_nan: true } }`,
      `${numFeature('income', 'FLOAT', C4, NAN_HIST)}
       ${strFeature('string_encoded_float', 'STRING', C14, `rank_histogram { buckets { label: "1.5" sample_count: 5 } buckets { label: "2.5" sample_count: 3 }
         buckets { label: "-1.5" sample_count: 15 } buckets { label: "NaN" sample_count: 20 } buckets { label: "0.5" sample_count: 10 } }`)}`,
      {
        income: single('income', 'FLOAT_TYPE_HAS_NAN', 'Invalid values', 'Float feature has NaN values.'),
        string_encoded_float: single('string_encoded_float', 'FLOAT_TYPE_HAS_NAN', 'Invalid values', 'Float feature has NaN values.'),
      },
    );
  });

  test('NansDisallowedNoNansFound / NansInFloatAllowed / InfsDisallowedNoInfsFound / InfsInFloatAllowed', () => {
    const age = numFeature('age', 'FLOAT', C14, 'histograms { num_nan: 0 buckets { high_value: 67 sample_count: 50 } buckets { low_value: 15 high_value: 67 sample_count: 100 } type: QUANTILES } mean: 20 std_dev: .25 max: 87');
    eachConfig(`feature { name: "age" presence { min_count: 1 min_fraction: 1.0 } value_count { min: 1 max: 3 } type: FLOAT float_domain { disallow_nan: true } }`, age, {});
    eachConfig(`feature { name: "age" presence { min_count: 1 min_fraction: 1.0 } value_count { min: 1 max: 3 } type: FLOAT float_domain { disallow_inf: true } }`, age, {});
    eachConfig(`feature { name: "income" presence { min_count: 1 min_fraction: 1.0 } value_count { min: 1 max: 1 } type: FLOAT float_domain { min: 0 max: 1 } }`, numFeature('income', 'FLOAT', C4, NAN_HIST), {});
    eachConfig(
      `feature { name: "income" presence { min_count: 1 min_fraction: 1.0 } value_count { min: 1 max: 1 } type: FLOAT float_domain { min: 0 } }`,
      numFeature('income', 'FLOAT', C4, 'histograms { buckets { high_value: 1 } buckets { low_value: 0 high_value: 1 sample_count: 100 } type: QUANTILES } mean: .5 std_dev: .25 max: inf'),
      {},
    );
  });

  test('FindInfsInFloatDisallowInfs', () => {
    const f = (name: string) => `feature { name: "${name}" presence { min_count: 1 min_fraction: 1.0 } value_count { min: 1 max: 1 } type: FLOAT float_domain { disallow_inf: true } }`;
    eachConfig(
      `${f('income')} ${f('age')}`,
      `${numFeature('income', 'FLOAT', C4, 'histograms { num_nan: 5 buckets { low_value: 0 high_value: 1 sample_count: 100 } buckets { low_value: 0 high_value: inf sample_count: 100 } type: QUANTILES } mean: .5 std_dev: .25 max: inf')}
       ${numFeature('age', 'FLOAT', C4, 'mean: .5 std_dev: .25 max: 10 min: -inf')}`,
      {
        income: single('income', 'FLOAT_TYPE_HAS_INF', 'Invalid values', 'Float feature has Inf values.'),
        age: single('age', 'FLOAT_TYPE_HAS_INF', 'Invalid values', 'Float feature has Inf values.'),
      },
    );
  });

  test('FindChangesCategoricalIntFeature', () => {
    eachConfig(
      `feature { name: "a_int" value_count { min: 1 max: 1 } type: INT int_domain { is_categorical: true } }`,
      numFeature('a_int', 'INT', 'num_missing: 3 num_non_missing: 4 min_num_values: 1 max_num_values: 2 avg_num_values: 1.5'),
      { a_int: single('a_int', 'FEATURE_TYPE_HIGH_NUMBER_VALUES', 'Superfluous values', 'Some examples have more values than expected.') },
    );
  });

  test('FindChangesBooleanFloatFeature', () => {
    const f = (name: string) => `feature { name: "${name}" value_count { min: 1 max: 1 } type: FLOAT bool_domain {} }`;
    const C = 'num_non_missing: 4 min_num_values: 1 max_num_values: 1 avg_num_values: 1';
    eachConfig(
      ['a_float_outside_range', 'a_float_with_nans', 'a_float_between_0_and_1', 'an_okay_float'].map(f).join('\n'),
      [
        numFeature('a_float_outside_range', 'FLOAT', `num_missing: 3 ${C}`, 'min: 0 max: 2.0 median: .5 histograms { buckets { high_value: 0.4 sample_count: 200 } buckets { low_value: 1.8 high_value: 2.0 sample_count: 10 } type: QUANTILES }'),
        numFeature('a_float_with_nans', 'FLOAT', C, 'min: 0 max: 1 histograms { num_nan: 3 buckets { high_value: 1 } buckets { low_value: 0 high_value: 1 sample_count: 100 } type: QUANTILES }'),
        numFeature(
          'a_float_between_0_and_1',
          'FLOAT',
          C,
          'min: 0 max: 1 histograms { buckets { high_value: 0.4 sample_count: 200 } buckets { low_value: 0.4 high_value: 0.7 sample_count: 10 } buckets { low_value: 0.7 high_value: 1 sample_count: 10 } type: QUANTILES }',
        ),
        // Buckets inside (0, 1) are benign in a STANDARD histogram.
        numFeature('an_okay_float', 'FLOAT', C, 'min: 0 max: 1 histograms { buckets { high_value: 0.5 sample_count: 10 } buckets { low_value: 0.5 high_value: 0.7 sample_count: 10 } buckets { low_value: 0.7 high_value: 0.9 sample_count: 10 } }'),
      ].join('\n'),
      {
        a_float_outside_range: single('a_float_outside_range', 'BOOL_TYPE_UNEXPECTED_FLOAT', 'Non-boolean values', 'Floats (such as 2) not in {0, 1}: converting to float_domain.'),
        a_float_with_nans: single('a_float_with_nans', 'BOOL_TYPE_UNEXPECTED_FLOAT', 'Non-boolean values', 'Floats (such as NaN) not in {0, 1}: converting to float_domain.'),
        a_float_between_0_and_1: single('a_float_between_0_and_1', 'BOOL_TYPE_UNEXPECTED_FLOAT', 'Non-boolean values', 'Float values falling between 0 and 1: converting to float_domain.'),
      },
    );
  });

  test('FindChangesDatasetLevelChanges', () => {
    const anomalies = findAnomalies(
      datasetOf('num_examples: 1'),
      schemaOf('dataset_constraints { min_examples_count: 2 num_examples_version_comparator { min_fraction_threshold: 1.0, max_fraction_threshold: 1.0 } }'),
      { previousVersionStatistics: { datasets: [datasetOf('num_examples: 2')] } as never },
    );
    assertAnomalies({ ...anomalies, anomalyInfo: { dataset: anomalies.datasetAnomalyInfo! } } as never, {
      dataset: `description: "The ratio of num examples in the current dataset versus the previous version is 0.5 (up to six significant digits), which is below the threshold 1. The dataset has 1 examples, which is fewer than expected."
        severity: ERROR short_description: "Multiple errors"
        reason { type: COMPARATOR_LOW_NUM_EXAMPLES short_description: "Low num examples in current dataset versus the previous version." description: "The ratio of num examples in the current dataset versus the previous version is 0.5 (up to six significant digits), which is below the threshold 1." }
        reason { type: DATASET_LOW_NUM_EXAMPLES short_description: "Low num examples in dataset." description: "The dataset has 1 examples, which is fewer than expected." }`,
    });
  });

  test('SemanticTypeUpdates', () => {
    const nl = (name: string) => `features { name: '${name}' type: BYTES num_stats { common_stats { min_num_values: 1 max_num_values: 1 num_non_missing: 1 } }
      custom_stats { name: "domain_info" str: "natural_language_domain {}" } }`;
    assertAnomalies(findAnomalies(datasetOf(`${nl('old_nl_feature')} ${nl('new_nl_feature')}`), schemaOf('feature { name: "old_nl_feature" value_count { min: 1 max: 1 } type: BYTES }')), {
      old_nl_feature: single('old_nl_feature', 'SEMANTIC_DOMAIN_UPDATE', 'Updated semantic domain', 'Updated semantic domain for feature: old_nl_feature'),
      new_nl_feature: single('new_nl_feature', 'SCHEMA_NEW_COLUMN', 'New column', 'New column (column in data but not in schema)'),
    });
  });

  test('FindChanges (string domain, deprecated feature ignored)', () => {
    eachConfig(
      `string_domain { name: "MyAloneEnum" value: "A" value: "B" value: "C" }
       feature { name: "annotated_enum" presence { min_count: 1 } value_count { min: 1 max: 1 } type: BYTES domain: "MyAloneEnum" annotation { tag: "some tag" comment: "some comment" } }
       feature { name: "ignore_this" lifecycle_stage: DEPRECATED presence { min_count: 1 } value_count { min: 1 } type: BYTES }`,
      strFeature('annotated_enum', 'STRING', 'num_missing: 3 num_non_missing: 4 min_num_values: 1 max_num_values: 1 avg_num_values: 1', 'unique: 3 rank_histogram { buckets { label: "D" sample_count: 2 } }'),
      { annotated_enum: single('annotated_enum', 'ENUM_TYPE_UNEXPECTED_STRING_VALUES', 'Unexpected string values', 'Examples contain values missing from the schema: D (~50%). ') },
    );
  });

  // TFDV runs these through FindSkew alone; through FindChanges the feature must be present (num_non_missing).
  const skewCase = (train: string, serve: string, comparator: string) => {
    const ds = (f: string) => datasetOf(`num_examples: 10 ${f}`);
    return findAnomalies(ds(train), schemaOf(comparator), { servingStatistics: { datasets: [ds(serve)] } as never });
  };

  test('FindSkewStringFeature', () => {
    const rank = (a: number, b: number, c: number) =>
      `features { name: 'foo' type: STRING string_stats { common_stats { num_missing: 0 num_non_missing: 10 min_num_values: 1 max_num_values: 1 } rank_histogram {
        buckets { label: "a" sample_count: ${a} } buckets { label: "b" sample_count: ${b} } buckets { label: "c" sample_count: ${c} } } } }`;
    const anomalies = skewCase(rank(1, 2, 7), rank(3, 1, 6), `feature { name: 'foo' type: BYTES skew_comparator { infinity_norm { threshold: 0.1 } } }`);
    assertAnomalies(anomalies, {
      foo: single(
        'foo',
        'COMPARATOR_L_INFTY_HIGH',
        'High Linfty distance between training and serving',
        'The Linfty distance between training and serving is 0.2 (up to six significant digits), above the threshold 0.1. The feature value with maximum difference is: a',
      ),
    });
    assertDriftSkew(anomalies, ['path { step: "foo" } skew_measurements { type: L_INFTY value: 0.19999999999999998 threshold: 0.1 }']);
  });

  test('FindSkewNumericFeature', () => {
    const hist = (lo: number) =>
      `features { name: 'foo' type: INT num_stats { common_stats { num_missing: 0 num_non_missing: 10 min_num_values: 1 max_num_values: 1 } histograms {
        buckets { low_value: ${lo} high_value: ${lo + 1} sample_count: 1.0 } buckets { low_value: ${lo + 1} high_value: ${lo + 2} sample_count: 1.0 } type: STANDARD } } }`;
    const anomalies = skewCase(hist(1), hist(5), `feature { name: 'foo' type: INT skew_comparator { jensen_shannon_divergence { threshold: 0.1 } } }`);
    assertAnomalies(anomalies, {
      foo: single(
        'foo',
        'COMPARATOR_JENSEN_SHANNON_DIVERGENCE_HIGH',
        'High approximate Jensen-Shannon divergence between training and serving',
        'The approximate Jensen-Shannon divergence between training and serving is 1 (up to six significant digits), above the threshold 0.1.',
      ),
    });
    assertDriftSkew(anomalies, ['path { step: "foo" } skew_measurements { type: JENSEN_SHANNON_DIVERGENCE value: 1 threshold: 0.1 }']);
  });
});
