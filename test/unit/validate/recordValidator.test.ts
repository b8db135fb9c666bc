/**
 * compileValidator: each per-record rule; a seeded fuzz over random schemas where valid records
 * give the same frozen empty array and every injected violation (wrong type, missing required,
 * value count, out of domain, out of range, NaN/inf, non-boolean, nesting) is reported on its
 * feature with its type; hostile inputs (__proto__ keys, 100k-deep nesting, a 20 MB string,
 * non-objects) never throw.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { AnomalyInfo_Type as T } from '../../../src/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { compileValidator } from '../../../src/validate/recordValidator.js';
import { randInt, rng } from '../../helpers/random.js';
import { schemaOf } from './helpers.js';

const SCHEMA = schemaOf(`
  feature { name: "age" type: INT presence { min_fraction: 1 min_count: 1 } value_count { min: 1 max: 1 } int_domain { min: 0 max: 130 } }
  feature { name: "score" type: FLOAT value_count { min: 1 max: 3 } float_domain { min: 0 max: 1 disallow_nan: true disallow_inf: true } }
  feature { name: "color" type: BYTES domain: "color" }
  feature { name: "flag" type: INT bool_domain { } }
  feature { name: "yes" type: BYTES bool_domain { true_value: "Y" false_value: "N" } }
  feature { name: "id" type: BYTES int_domain { } }
  feature { name: "pix" type: FLOAT shape { dim { size: 2 } dim { size: 2 } } }
  feature { name: "tags" type: BYTES value_counts { value_count { min: 1 } value_count { max: 2 } } }
  feature { name: "label" type: INT not_in_environment: "SERVING" presence { min_fraction: 1 } }
  feature { name: "old" type: INT lifecycle_stage: DEPRECATED presence { min_fraction: 1 } }
  feature { name: "user" type: STRUCT struct_domain { feature { name: "name" type: BYTES presence { min_fraction: 1 } } } }
  string_domain { name: "color" value: "red" value: "green" }
  default_environment: "TRAINING" default_environment: "SERVING"`);

const GOOD = { age: 30, score: [0.5, 0.25], color: 'red', flag: true, yes: 'Y', id: '123', pix: [[1, 2], [3, 4]], tags: [['a'], ['b', 'c']], label: 1, user: { name: 'x' } };

function types(r: readonly { type: T }[]) {
  return r.map((a) => T[a.type]);
}

describe('compileValidator', () => {
  const v = compileValidator(SCHEMA);

  test('a valid record gives the shared frozen empty array', () => {
    const a = v.validate(GOOD);
    assert.equal(a.length, 0);
    assert.equal(a, v.validate({ ...GOOD, age: 31 }));
    assert.ok(Object.isFrozen(a));
    assert.deepEqual(v.features, ['age', 'score', 'color', 'flag', 'yes', 'id', 'pix', 'tags', 'label', 'user', 'user.name']);
  });

  test('each rule (generated and closure paths agree)', () => {
    const ref = compileValidator(SCHEMA, { interpreted: true });
    const one = (patch: Record<string, unknown>) => {
      const got = v.validate({ ...GOOD, ...patch });
      assert.deepEqual(got, ref.validate({ ...GOOD, ...patch }));
      return got;
    };
    assert.deepEqual(v.validate({ ...GOOD, age: undefined }), [{ feature: 'age', type: T.SCHEMA_MISSING_COLUMN, reason: 'Column dropped', value: undefined }]);
    assert.deepEqual(types(one({ age: 1.5 })), ['UNEXPECTED_DATA_TYPE']);
    assert.deepEqual(types(one({ age: '30' })), ['UNEXPECTED_DATA_TYPE']);
    assert.deepEqual(types(one({ age: [] })), ['FEATURE_TYPE_LOW_NUMBER_VALUES']);
    assert.deepEqual(types(one({ age: [1, 2] })), ['FEATURE_TYPE_HIGH_NUMBER_VALUES']);
    assert.deepEqual(types(one({ age: -1 })), ['INT_TYPE_SMALL_INT']);
    assert.deepEqual(types(one({ age: 131n })), ['INT_TYPE_BIG_INT']);
    assert.deepEqual(types(one({ score: [0.5, 2] })), ['FLOAT_TYPE_BIG_FLOAT']);
    assert.deepEqual(types(one({ score: -0.5 })), ['FLOAT_TYPE_SMALL_FLOAT']);
    assert.deepEqual(types(one({ score: NaN })), ['FLOAT_TYPE_HAS_NAN']);
    assert.deepEqual(types(one({ score: -Infinity })), ['FLOAT_TYPE_HAS_INF']);
    assert.deepEqual(types(one({ score: [1, 1, 1, 1] })), ['FEATURE_TYPE_HIGH_NUMBER_VALUES']);
    assert.deepEqual(one({ color: 'blue' }), [{ feature: 'color', type: T.ENUM_TYPE_UNEXPECTED_STRING_VALUES, reason: 'Unexpected string values', value: 'blue' }]);
    assert.deepEqual(types(one({ color: new TextEncoder().encode('green') })), []);
    assert.deepEqual(types(one({ flag: 2 })), ['BOOL_TYPE_BIG_INT']);
    assert.deepEqual(types(one({ flag: -1 })), ['BOOL_TYPE_SMALL_INT']);
    assert.deepEqual(types(one({ yes: 'maybe' })), ['BOOL_TYPE_UNEXPECTED_STRING']);
    assert.deepEqual(types(one({ id: 'x12' })), ['INT_TYPE_NOT_INT_STRING']);
    assert.deepEqual(types(one({ pix: [[1, 2], [3]] })), ['INVALID_FEATURE_SHAPE']);
    assert.deepEqual(types(one({ pix: [1, 2, 3, 4] })), [], 'a flat list of 4 fits shape [2, 2], as in TFDV');
    assert.deepEqual(types(one({ pix: [[1, 2, 3], [4]] })), ['INVALID_FEATURE_SHAPE']);
    assert.deepEqual(types(one({ pix: [[[1, 2]], [[3, 4]]] })), ['VALUE_NESTEDNESS_MISMATCH', 'VALUE_NESTEDNESS_MISMATCH', 'INVALID_FEATURE_SHAPE']);
    assert.deepEqual(types(one({ tags: [] })), ['FEATURE_TYPE_LOW_NUMBER_VALUES']);
    assert.deepEqual(one({ tags: [['a', 'b', 'c']] }).map((a) => [a.reason, a.value]), [['Superfluous values at nestedness level 1', 3]]);
    assert.deepEqual(types(one({ tags: [[['deep']]] })), ['VALUE_NESTEDNESS_MISMATCH']);
    assert.deepEqual(types(one({ user: { name: undefined } })), ['SCHEMA_MISSING_COLUMN']);
    assert.deepEqual(one({ user: 'x' }).map((a) => a.feature), ['user']);
    assert.deepEqual(one({ extra: 1 }), [{ feature: 'extra', type: T.SCHEMA_NEW_COLUMN, reason: 'New column', value: 1 }]);
    assert.deepEqual(types(one({ old: 'anything goes' })), []);
  });

  test('environments: a feature not in SERVING is not required there', () => {
    const serving = compileValidator(SCHEMA, { environment: 'SERVING', reportNewFeatures: false });
    const { label: _label, ...noLabel } = GOOD;
    assert.equal(serving.validate(noLabel).length, 0);
    assert.deepEqual(types(v.validate(noLabel)), ['SCHEMA_MISSING_COLUMN']);
    assert.equal(serving.validate({ ...noLabel, label: 1 }).length, 0, 'an unknown-to-the-environment key is not a new column when reportNewFeatures is off');
  });

  test('hostile inputs never throw', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const huge = 'x'.repeat(20 * 2 ** 20);
    const inputs: unknown[] = [
      null, undefined, 0, 'str', [], [GOOD], true, new Uint8Array(3),
      JSON.parse('{"__proto__": {"age": 5}, "age": 1}'),
      JSON.parse('{"constructor": 1, "toString": 2, "hasOwnProperty": 3}'),
      { ...GOOD, color: huge }, { ...GOOD, score: deep }, { ...GOOD, tags: deep }, { ...GOOD, user: deep },
      Object.create(null),
      { get age() { throw new Error('boom'); } },
    ];
    for (const input of inputs) assert.doesNotThrow(() => v.validate(input));
    const cut = v.validate({ ...GOOD, color: huge })[0]!;
    assert.equal(cut.type, T.ENUM_TYPE_UNEXPECTED_STRING_VALUES);
    assert.equal((cut.value as string).length, 257);
    assert.deepEqual(types(v.validate(null)), ['UNEXPECTED_DATA_TYPE']);
    const proto = v.validate(JSON.parse('{"__proto__": {"age": 5}, "age": 1}'));
    assert.ok(proto.some((a) => a.feature === '__proto__' && a.type === T.SCHEMA_NEW_COLUMN));
    assert.equal(types(v.validate({ get age() { throw new Error('boom'); } }))[0], 'UNKNOWN_TYPE');
  });

  test('fuzz: random schemas, valid records pass, every injected violation is reported', () => {
    const r = rng(20261204);
    for (let round = 0; round < 200; round++) {
      const n = randInt(r, 1, 20);
      const features: string[] = [];
      const makeValid: (() => unknown)[] = [];
      const violations: { inject: () => unknown; type: T }[][] = [];
      for (let i = 0; i < n; i++) {
        const kind = randInt(r, 0, 3);
        const name = `f${i}`;
        if (kind === 0) {
          const lo = randInt(r, -50, 50);
          const hi = lo + randInt(r, 0, 100);
          features.push(`feature { name: "${name}" type: INT presence { min_fraction: 1 } value_count { min: 1 max: 1 } int_domain { min: ${lo} max: ${hi} } }`);
          makeValid.push(() => randInt(r, lo, hi));
          violations.push([
            { inject: () => lo - 1 - randInt(r, 0, 5), type: T.INT_TYPE_SMALL_INT },
            { inject: () => hi + 1 + randInt(r, 0, 5), type: T.INT_TYPE_BIG_INT },
            { inject: () => undefined, type: T.SCHEMA_MISSING_COLUMN },
            { inject: () => [lo, lo], type: T.FEATURE_TYPE_HIGH_NUMBER_VALUES },
            { inject: () => 'x', type: T.UNEXPECTED_DATA_TYPE },
          ]);
        } else if (kind === 1) {
          features.push(`feature { name: "${name}" type: FLOAT value_count { min: 1 max: 4 } float_domain { min: 0 max: 1 disallow_nan: true disallow_inf: true } }`);
          makeValid.push(() => Array.from({ length: randInt(r, 1, 4) }, () => r()));
          violations.push([
            { inject: () => [NaN], type: T.FLOAT_TYPE_HAS_NAN },
            { inject: () => [Infinity], type: T.FLOAT_TYPE_HAS_INF },
            { inject: () => [1.5], type: T.FLOAT_TYPE_BIG_FLOAT },
            { inject: () => [-0.5], type: T.FLOAT_TYPE_SMALL_FLOAT },
            { inject: () => [], type: T.FEATURE_TYPE_LOW_NUMBER_VALUES },
          ]);
        } else if (kind === 2) {
          const values = Array.from({ length: randInt(r, 1, 5) }, (_, j) => `v${j}é`);
          features.push(`feature { name: "${name}" type: BYTES string_domain { ${values.map((x) => `value: "${x}"`).join(' ')} } }`);
          makeValid.push(() => values[randInt(r, 0, values.length - 1)]);
          violations.push([
            { inject: () => 'nope', type: T.ENUM_TYPE_UNEXPECTED_STRING_VALUES },
            { inject: () => 7, type: T.UNEXPECTED_DATA_TYPE },
          ]);
        } else {
          features.push(`feature { name: "${name}" type: INT bool_domain { } }`);
          makeValid.push(() => (r() < 0.5 ? randInt(r, 0, 1) : r() < 0.5));
          violations.push([
            { inject: () => 2, type: T.BOOL_TYPE_BIG_INT },
            { inject: () => -3, type: T.BOOL_TYPE_SMALL_INT },
          ]);
        }
      }
      const validator = compileValidator(schemaOf(features.join('\n')));
      const record = () => Object.fromEntries(makeValid.map((m, i) => [`f${i}`, m()]));
      assert.equal(validator.validate(record()).length, 0, `round ${round}: a valid record`);
      const target = randInt(r, 0, n - 1);
      const options = violations[target]!;
      const violation = options[randInt(r, 0, options.length - 1)]!;
      const bad = record();
      bad[`f${target}`] = violation.inject();
      const found = validator.validate(bad);
      const reference = compileValidator(schemaOf(features.join('\n')), { interpreted: true });
      assert.deepEqual(found, reference.validate(bad), 'the generated path reports what the closure path reports');
      assert.equal(reference.validate(record()).length, 0);
      assert.deepEqual(found.map((a) => [a.feature, T[a.type]]), [[`f${target}`, T[violation.type]]], `round ${round}: ${features[target]} <- ${JSON.stringify(bad[`f${target}`])}`);
    }
  });
});
