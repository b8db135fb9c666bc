/**
 * Presence, value counts, shape and unique-value constraints of one feature against its
 * statistics (feature_util.cc): FEATURE_TYPE_LOW_NUMBER_PRESENT / LOW_FRACTION_PRESENT,
 * LOW/HIGH_NUMBER_VALUES per nest level, VALUE_NESTEDNESS_MISMATCH, INVALID_FEATURE_SHAPE and
 * HIGH/LOW/NO_UNIQUE, with TFDV's wording and numbers. Each finding relaxes the working copy.
 */
import { type Feature, type FeaturePresence, FeaturePresenceSchema, type ValueCount, ValueCountSchema } from '../../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { initValueCount } from '../../schema/infer.js';
import type { FeatureStatsView } from '../../schema/statsView.js';
import { AnomalyType, type Description, reason } from '../description.js';
import { fixed6, int64Text, sixDigits } from '../format.js';
import { clear, has } from '../fields.js';

const MISSING_VALUES = 'Missing values';
const SUPERFLUOUS_VALUES = 'Superfluous values';
const DROPPED = 'Column dropped';
const NESTEDNESS = 'Mismatched value nest level';

function checkRange(vc: ValueCount, min: number, max: number, out: Description[], level?: number): void {
  const at = level === undefined ? '' : ` at nestedness level ${level}`;
  if (has(ValueCountSchema, vc, 'min') && min < Number(vc.min)) {
    out.push(reason(AnomalyType.FEATURE_TYPE_LOW_NUMBER_VALUES, MISSING_VALUES, `Some examples have fewer values than expected${at}.`));
    if (min === 0) clear(ValueCountSchema, vc, 'min');
    else vc.min = BigInt(min);
  }
  if (has(ValueCountSchema, vc, 'max') && max > Number(vc.max)) {
    out.push(reason(AnomalyType.FEATURE_TYPE_HIGH_NUMBER_VALUES, SUPERFLUOUS_VALUES, `Some examples have more values than expected${at}.`));
    vc.max = BigInt(max);
  }
}

export function updateValueCounts(view: FeatureStatsView, feature: Feature): Description[] {
  const out: Description[] = [];
  const levels = view.levels;
  const shape = feature.shapeType;
  if (shape.case === 'valueCount') {
    if (levels.length > 1) {
      out.push(
        reason(
          AnomalyType.VALUE_NESTEDNESS_MISMATCH,
          NESTEDNESS,
          'This feature has a value_count, but the nestedness level of the feature > 1. For features with nestedness levels greater than 1, value_counts, not value_count, should be specified.',
        ),
      );
      initValueCount(view, feature);
      return out;
    }
    if (levels.length === 1) checkRange(shape.value, levels[0]!.minNumValues, levels[0]!.maxNumValues, out);
  } else if (shape.case === 'valueCounts') {
    const counts = shape.value.valueCount;
    if (counts.length !== levels.length) {
      out.push(reason(AnomalyType.VALUE_NESTEDNESS_MISMATCH, NESTEDNESS, 'The values have a different nest level than expected. Value counts will not be checked.'));
      initValueCount(view, feature);
      return out;
    }
    counts.forEach((vc, i) => checkRange(vc, levels[i]!.minNumValues, levels[i]!.maxNumValues, out, i));
  }
  return out;
}

/** UpdateFeatureShape: a shape needs every level always present with one fixed length whose product matches. */
export function updateShape(view: FeatureStatsView, feature: Feature): Description[] {
  if (feature.shapeType.case !== 'shape') return [];
  const expected = feature.shapeType.value.dim.reduce((p, d) => p * Number(d.size), 1);
  let actual = 1;
  for (const l of view.levels) {
    if (l.minNumValues === l.maxNumValues && l.minNumValues !== 0) actual *= l.minNumValues;
    else {
      actual = -1;
      break;
    }
  }
  const hasMissing = view.numMissingNested.some((m) => m !== 0);
  if (actual <= 0 || hasMissing) {
    feature.shapeType = { case: undefined };
    return [
      reason(
        AnomalyType.INVALID_FEATURE_SHAPE,
        'Feature shape dropped',
        "The feature has a shape, but it's not always present (if the feature is nested, then it should always be present at each nested level) or its value lengths vary.",
      ),
    ];
  }
  if (actual !== expected) {
    feature.shapeType = { case: undefined };
    return [reason(AnomalyType.INVALID_FEATURE_SHAPE, 'Feature shape dropped', `The feature has fixed value length ${actual} but it's not compatible with the specified shape.`)];
  }
  return [];
}

export function updatePresence(view: FeatureStatsView, presence: FeaturePresence): Description[] {
  const out: Description[] = [];
  const numPresent = view.numPresent;
  if (has(FeaturePresenceSchema, presence, 'minCount') && numPresent < Number(presence.minCount)) {
    const original = presence.minCount;
    presence.minCount = BigInt(Math.trunc(numPresent));
    out.push(
      reason(
        AnomalyType.FEATURE_TYPE_LOW_NUMBER_PRESENT,
        DROPPED,
        `The feature was present in fewer examples than expected: minimum count = ${int64Text(original)}, actual = ${int64Text(presence.minCount)}`,
      ),
    );
  }
  const fraction = view.fractionPresent;
  if (has(FeaturePresenceSchema, presence, 'minFraction') && fraction !== undefined) {
    if (fraction < presence.minFraction) {
      const original = Math.fround(presence.minFraction);
      presence.minFraction = fraction;
      out.push(
        reason(
          AnomalyType.FEATURE_TYPE_LOW_FRACTION_PRESENT,
          DROPPED,
          `The feature was present in fewer examples than expected: minimum fraction = ${fixed6(original)}, actual = ${fixed6(presence.minFraction)}`,
        ),
      );
    }
    if (presence.minFraction === 1 && view.numMissing !== 0) {
      presence.minFraction = 0.9999;
      out.push(reason(AnomalyType.FEATURE_TYPE_LOW_FRACTION_PRESENT, DROPPED, `The feature was expected everywhere, but was missing in ${sixDigits(view.numMissing)} examples.`));
    }
  }
  return out;
}

export function updateUniqueConstraints(view: FeatureStatsView, feature: Feature): Description[] {
  const uc = feature.uniqueConstraints!;
  const n = view.numUnique;
  if (n === undefined) {
    feature.uniqueConstraints = undefined;
    return [
      reason(
        AnomalyType.FEATURE_TYPE_NO_UNIQUE,
        'No unique values',
        'UniqueConstraints specified for the feature, but unique values were not counted (i.e., feature is not string or categorical).',
      ),
    ];
  }
  const out: Description[] = [];
  // Unset bounds read as 0, as in TFDV: a max left unset flags any unique value.
  if (n < Number(uc.min)) {
    out.push(reason(AnomalyType.FEATURE_TYPE_LOW_UNIQUE, 'Low number of unique values', `Expected at least ${uc.min} unique values but found only ${n}.`));
    uc.min = BigInt(n);
  }
  if (n > Number(uc.max)) {
    out.push(reason(AnomalyType.FEATURE_TYPE_HIGH_UNIQUE, 'High number of unique values', `Expected no more than ${uc.max} unique values but found ${n}.`));
    uc.max = BigInt(n);
  }
  return out;
}
