/**
 * Each validation rule of reference/tfdv.md §4 on its own, with TFDV's wording and number
 * formatting: presence counts, missing and new columns (severity and features_needed),
 * environments, deprecated features, unique constraints, int and string domains (escaping and
 * percentages), the empty dataset, ValidationOptions by TFDV's names, updateSchema's fixes, and
 * the number formats (%g six digits, %f) against C printf output written out by hand.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { AnomalyInfo_Severity as S, AnomalyInfo_Type as T } from '../../../src/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { formatSchema, getFeature } from '../../../src/schema/index.js';
import { fixed6, percentageAsString, sixDigits, utf8SafeCEscape } from '../../../src/validate/format.js';
import { updateSchema, validateStatistics, validationOptionsFromTfdv } from '../../../src/validate/index.js';
import { findAnomalies } from '../../../src/validate/validateStatistics.js';
import { assertAnomalies, datasetOf, schemaOf, single, statsOf } from './helpers.js';

const str = (name: string, common: string, rest = '') => `features { path { step: '${name}' } type: STRING string_stats { common_stats { ${common} } ${rest} } }`;
const int = (name: string, common: string, rest = '') => `features { path { step: '${name}' } type: INT num_stats { common_stats { ${common} } ${rest} } }`;
const ONE = 'num_non_missing: 10 min_num_values: 1 max_num_values: 1 avg_num_values: 1 tot_num_values: 10';

describe('number and string formats', () => {
  test('sixDigits is printf %g with precision 6', () => {
    const cases: [number, string][] = [
      [0.25, '0.25'], [1, '1'], [0.6818181818, '0.681818'], [1e6, '1e+06'], [123456, '123456'], [1234567, '1.23457e+06'],
      [0.0001, '0.0001'], [0.00001234, '1.234e-05'], [-2.5, '-2.5'], [Infinity, 'inf'], [-Infinity, '-inf'], [NaN, 'nan'],
      [0.19999999999999998, '0.2'], [999999.5, '1e+06'], [100, '100'], [1e-300, '1e-300'],
    ];
    for (const [x, want] of cases) assert.equal(sixDigits(x), want, String(x));
  });

  test('fixed6, percentages and Utf8SafeCEscape', () => {
    assert.equal(fixed6(1), '1.000000');
    assert.equal(fixed6(0.9998470), '0.999847');
    assert.equal(percentageAsString(1, 300), '<1%');
    assert.equal(percentageAsString(2, 4), '~50%');
    assert.equal(percentageAsString(2, 3), '~66%');
    assert.equal(percentageAsString(2, 0), '?');
    assert.equal(utf8SafeCEscape('a"b\'c\\d\ne\tf\x01g\x7fh'), 'a\\"b\\\'c\\\\d\\ne\\tf\\001g\\177h');
    assert.equal(utf8SafeCEscape('café ✓'), 'café ✓');
  });
});

describe('validation rules', () => {
  test('presence: low count and low fraction name the numbers', () => {
    const a = findAnomalies(
      datasetOf(`num_examples: 20 ${str('x', 'num_non_missing: 10 num_missing: 10 min_num_values: 1 max_num_values: 1')}`),
      schemaOf('feature { name: "x" type: BYTES presence { min_count: 15 min_fraction: 0.75 } }'),
    );
    assertAnomalies(a, {
      x: `path { step: "x" } severity: ERROR short_description: "Multiple errors"
        description: "The feature was present in fewer examples than expected: minimum count = 15, actual = 10 The feature was present in fewer examples than expected: minimum fraction = 0.750000, actual = 0.500000"
        reason { type: FEATURE_TYPE_LOW_NUMBER_PRESENT short_description: "Column dropped" description: "The feature was present in fewer examples than expected: minimum count = 15, actual = 10" }
        reason { type: FEATURE_TYPE_LOW_FRACTION_PRESENT short_description: "Column dropped" description: "The feature was present in fewer examples than expected: minimum fraction = 0.750000, actual = 0.500000" }`,
    });
  });

  test('missing required column, not-present feature, deprecated and optional ones ignored', () => {
    const a = findAnomalies(
      datasetOf(`num_examples: 10 ${str('gone_values', 'num_missing: 10')}`),
      schemaOf(`feature { name: "dropped" type: INT presence { min_count: 1 } }
        feature { name: "gone_values" type: BYTES presence { min_fraction: 0.5 } }
        feature { name: "optional" type: INT presence { min_count: 0 } }
        feature { name: "old" type: INT presence { min_count: 1 } deprecated: true }
        feature { name: "planned" type: INT presence { min_count: 1 } lifecycle_stage: PLANNED }`),
    );
    assertAnomalies(a, {
      dropped: single('dropped', 'SCHEMA_MISSING_COLUMN', 'Column dropped', 'Column is completely missing'),
      gone_values: single('gone_values', 'FEATURE_TYPE_NOT_PRESENT', 'Column dropped', 'The feature was not present in any examples.'),
    });
  });

  test('new columns: ERROR by default, WARNING with new_features_are_warnings or a severity override, only features_needed', () => {
    const stats = statsOf(`datasets { num_examples: 10 ${str('a', ONE)} ${str('b', ONE)} }`);
    const schema = schemaOf('');
    const newCol = (path: string, sev: string) => single(path, 'SCHEMA_NEW_COLUMN', 'New column', 'New column (column in data but not in schema)', sev);
    assertAnomalies(validateStatistics(stats, schema), { a: newCol('a', 'ERROR'), b: newCol('b', 'ERROR') });
    assertAnomalies(validateStatistics(stats, schema, { newFeaturesAreWarnings: true }), { a: newCol('a', 'WARNING'), b: newCol('b', 'WARNING') });
    const fromFile = validationOptionsFromTfdv({ severity_overrides: [{ type: 'SCHEMA_NEW_COLUMN', severity: 'WARNING' }], features_needed: ['b'] });
    assert.deepEqual(fromFile.severityOverrides, [{ type: T.SCHEMA_NEW_COLUMN, severity: S.WARNING }]);
    assertAnomalies(validateStatistics(stats, schema, fromFile), { b: newCol('b', 'WARNING') });
    assert.throws(() => validationOptionsFromTfdv({ severity_override: [] }), /'severity_override' is not a ValidationOptions field \(did you mean 'severity_overrides'\?\)/);
    assert.throws(() => validationOptionsFromTfdv({ severity_overrides: [{ type: 'NOPE', severity: 'ERROR' }] }), /anomaly type "NOPE" is not one of/);
  });

  test('environments: default_environment, not_in_environment, a feature seen outside its environment', () => {
    const schema = schemaOf(`default_environment: "TRAINING" default_environment: "SERVING"
      feature { name: "label" type: INT presence { min_count: 1 } not_in_environment: "SERVING" }
      feature { name: "x" type: INT presence { min_count: 1 } }`);
    const serving = statsOf(`datasets { num_examples: 10 ${int('x', ONE)} }`);
    assertAnomalies(validateStatistics(serving, schema, { environment: 'SERVING' }), {});
    assertAnomalies(validateStatistics(serving, schema, { environment: 'TRAINING' }), {
      label: single('label', 'SCHEMA_MISSING_COLUMN', 'Column dropped', 'Column is completely missing'),
    });
    const withLabel = statsOf(`datasets { num_examples: 10 ${int('x', ONE)} ${int('label', ONE)} }`);
    assertAnomalies(validateStatistics(withLabel, schema, { environment: 'SERVING' }), {
      label: single('label', 'SCHEMA_NEW_COLUMN', 'Column missing in environment', 'New column label found in data but not in the environment SERVING in the schema.'),
    });
    assert.throws(() => validateStatistics(withLabel, schema, { environment: 'EVAL' }), (e: Error & { code?: string }) => e.code === 'E_OPTION_INVALID' && /Environment EVAL not found in the schema\./.test(e.message));
  });

  test('unique constraints, int domains on ints and on strings', () => {
    const a = findAnomalies(
      datasetOf(`num_examples: 10
        ${str('u', ONE, 'unique: 7')}
        ${int('n', ONE, 'min: -3 max: 12')}
        ${str('s', ONE, 'rank_histogram { buckets { label: "7" sample_count: 5 } buckets { label: "x1" sample_count: 5 } }')}`),
      schemaOf(`feature { name: "u" type: BYTES unique_constraints { min: 8 max: 9 } }
        feature { name: "n" type: INT int_domain { min: 0 max: 10 } }
        feature { name: "s" type: BYTES int_domain { } }`),
    );
    assertAnomalies(a, {
      u: single('u', 'FEATURE_TYPE_LOW_UNIQUE', 'Low number of unique values', 'Expected at least 8 unique values but found only 7.'),
      n: `path { step: "n" } severity: ERROR short_description: "Multiple errors" description: "Unexpectedly small value: -3. Unexpectedly large value: 12."
        reason { type: INT_TYPE_SMALL_INT short_description: "Out-of-range values" description: "Unexpectedly small value: -3." }
        reason { type: INT_TYPE_BIG_INT short_description: "Out-of-range values" description: "Unexpectedly large value: 12." }`,
      s: single('s', 'INT_TYPE_NOT_INT_STRING', 'Invalid values', 'String values that were not ints were found, such as "x1".'),
    });
  });

  test('string domain: values sorted bytewise, C-escaped, with shares; min_domain_mass tolerates a little', () => {
    const stats = datasetOf(`num_examples: 100 ${str('c', 'num_non_missing: 100 min_num_values: 1 max_num_values: 1 avg_num_values: 1 tot_num_values: 100',
      'rank_histogram { buckets { label: "ok" sample_count: 97 } buckets { label: "z\\"q" sample_count: 2 } buckets { label: "B" sample_count: 1 } }')}`);
    const a = findAnomalies(stats, schemaOf('feature { name: "c" type: BYTES domain: "d" } string_domain { name: "d" value: "ok" }'));
    assertAnomalies(a, { c: single('c', 'ENUM_TYPE_UNEXPECTED_STRING_VALUES', 'Unexpected string values', 'Examples contain values missing from the schema: B (~1%), z\\"q (~2%). ') });
    const tolerant = findAnomalies(stats, schemaOf('feature { name: "c" type: BYTES domain: "d" distribution_constraints { min_domain_mass: 0.95 } } string_domain { name: "d" value: "ok" }'));
    assertAnomalies(tolerant, {});
  });

  test('drift: normalized absolute difference over the combined total; control data missing clears thresholds', () => {
    const rank = (name: string, a: number, b: number, c: number) =>
      str(name, 'num_non_missing: 10 min_num_values: 1 max_num_values: 1', `rank_histogram { buckets { label: "x" sample_count: ${a} } buckets { label: "y" sample_count: ${b} } buckets { label: "z" sample_count: ${c} } }`);
    const schema = schemaOf(`feature { name: "f" type: BYTES drift_comparator { normalized_abs_difference { threshold: 0.05 } } }
      feature { name: "g" type: BYTES drift_comparator { infinity_norm { threshold: 0.5 } } }`);
    const a = findAnomalies(datasetOf(`num_examples: 10 ${rank('f', 1, 2, 7)} ${rank('g', 1, 2, 7)}`), schema, {
      previousStatistics: statsOf(`datasets { num_examples: 10 ${rank('f', 3, 1, 6)} }`),
    });
    assertAnomalies(a, {
      f: single(
        'f',
        'COMPARATOR_NORMALIZED_ABSOLUTE_DIFFERENCE_HIGH',
        'High normalized absolute difference between current and previous',
        'The normalized absolute difference between current and previous is 0.1 (up to six significant digits), above the threshold 0.05. The feature value with maximum difference is: x',
      ),
      g: single('g', 'COMPARATOR_CONTROL_DATA_MISSING', 'previous data missing', 'previous data is missing.'),
    });
    assert.equal(a.driftSkewInfo.length, 1);
    assert.ok(Math.abs(a.driftSkewInfo[0]!.driftMeasurements[0]!.value - 0.1) < 1e-15);
  });

  test('the weighted-statistics switch: weighted counts and labels when every feature has them', () => {
    const schema = schemaOf('feature { name: "c" type: BYTES presence { min_fraction: 1 } domain: "d" } string_domain { name: "d" value: "a" }');
    const feature = (weighted: boolean) => str('c', `num_non_missing: 10 min_num_values: 1 max_num_values: 1 avg_num_values: 1 tot_num_values: 10
      ${weighted ? 'weighted_common_stats { num_non_missing: 15 num_missing: 5 avg_num_values: 1 tot_num_values: 15 }' : ''}`,
      `rank_histogram { buckets { label: "a" sample_count: 10 } } ${weighted ? 'weighted_string_stats { rank_histogram { buckets { label: "a" sample_count: 12 } buckets { label: "w" sample_count: 3 } } }' : ''}`);
    const weighted = findAnomalies(datasetOf(`num_examples: 10 weighted_num_examples: 20 ${feature(true)}`), schema);
    assertAnomalies(weighted, {
      c: `path { step: "c" } severity: ERROR short_description: "Multiple errors"
        description: "The feature was present in fewer examples than expected: minimum fraction = 1.000000, actual = 0.750000 Examples contain values missing from the schema: w (~20%). "
        reason { type: FEATURE_TYPE_LOW_FRACTION_PRESENT short_description: "Column dropped" description: "The feature was present in fewer examples than expected: minimum fraction = 1.000000, actual = 0.750000" }
        reason { type: ENUM_TYPE_UNEXPECTED_STRING_VALUES short_description: "Unexpected string values" description: "Examples contain values missing from the schema: w (~20%). " }`,
    });
    assertAnomalies(findAnomalies(datasetOf(`num_examples: 10 weighted_num_examples: 20 ${feature(false)}`), schema), {});
  });

  test('an empty dataset is exactly {baseline, data_missing}', () => {
    const schema = schemaOf('feature { name: "x" type: INT presence { min_count: 1 } }');
    const a = validateStatistics(statsOf('datasets { num_examples: 0 }'), schema);
    assert.equal(a.dataMissing, true);
    assert.deepEqual(Object.keys(a.anomalyInfo), []);
    assert.equal(a.baselineSchema.case, 'baseline');
  });

  test('updateSchema applies the fixes: domain extended, counts relaxed, type change deprecated, missing deprecated, new feature added', () => {
    const schema = schemaOf(`feature { name: "c" type: BYTES domain: "c" value_count { min: 1 max: 1 } presence { min_count: 1 } }
      feature { name: "t" type: INT presence { min_count: 1 } }
      feature { name: "gone" type: INT presence { min_count: 1 } }
      string_domain { name: "c" value: "a" }`);
    const stats = statsOf(`datasets { num_examples: 10
      ${str('c', 'num_non_missing: 10 min_num_values: 1 max_num_values: 3 avg_num_values: 2 tot_num_values: 20', 'rank_histogram { buckets { label: "b" sample_count: 12 } buckets { label: "a" sample_count: 8 } }')}
      ${str('t', ONE, 'rank_histogram { buckets { label: "q" sample_count: 10 } }')}
      ${int('fresh', ONE, 'min: 0 max: 1')} }`);
    const updated = updateSchema(schema, stats);
    const want = schemaOf(`feature { name: "c" type: BYTES domain: "c" value_count { min: 1 max: 3 } presence { min_count: 1 } }
      feature { name: "t" type: INT presence { min_count: 1 } lifecycle_stage: DEPRECATED }
      feature { name: "gone" type: INT presence { min_count: 1 } lifecycle_stage: DEPRECATED }
      feature { name: "fresh" type: INT value_count { min: 1 max: 1 } presence { min_count: 1 min_fraction: 1 } bool_domain { } }
      string_domain { name: "c" value: "a" value: "b" }`);
    assert.equal(formatSchema(updated), formatSchema(want));
    assert.equal(getFeature(schema, 'gone')!.lifecycleStage, 0, 'the input schema is not modified');
  });
});
