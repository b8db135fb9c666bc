/**
 * Float domains (float_domain_util.cc): NaN where disallow_nan (FLOAT_TYPE_HAS_NAN), the
 * observed range as float32 (numeric min/max, or labels parsed as floats) against
 * float_domain.min/max (FLOAT_TYPE_SMALL_FLOAT / BIG_FLOAT), labels that are not floats
 * (FLOAT_TYPE_STRING_NOT_FLOAT), and infinities where disallow_inf (FLOAT_TYPE_HAS_INF).
 */
import { type FloatDomain, FloatDomainSchema } from '../../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { FeatureNameStatistics_Type as StatsType } from '../../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { parseFloatLabel } from '../../schema/labels.js';
import type { FeatureStatsView } from '../../schema/statsView.js';
import { AnomalyType, reason } from '../description.js';
import { has } from '../fields.js';
import { sixDigits } from '../format.js';
import type { UpdateSummary } from './stringDomain.js';

const OUT_OF_RANGE = 'Out-of-range values';
const INVALID = 'Invalid values';

type FloatInterval = { min: number; max: number } | { notFloat: string } | undefined;

function floatInterval(view: FeatureStatsView): FloatInterval {
  switch (view.type) {
    case StatsType.FLOAT: {
      const ns = view.numStats;
      return ns ? { min: Math.fround(ns.min), max: Math.fround(ns.max) } : undefined;
    }
    case StatsType.BYTES:
    case StatsType.STRING: {
      let interval: { min: number; max: number } | undefined;
      for (const label of view.stringValues) {
        const parsed = parseFloatLabel(label);
        if (parsed === undefined) return { notFloat: label };
        const v = Math.fround(parsed);
        if (!interval) interval = { min: v, max: v };
        if (interval.min > v) interval.min = v;
        if (interval.max < v) interval.max = v;
      }
      return interval;
    }
    default:
      return undefined;
  }
}

function hasNaN(view: FeatureStatsView): boolean {
  if (view.type === StatsType.FLOAT) return (view.numStats?.histograms ?? []).some((h) => h.numNan > 0n);
  if (view.type === StatsType.STRING) return view.stringValues.some((l) => Number.isNaN(parseFloatLabel(l) ?? 0));
  return false;
}

export function updateFloatDomain(view: FeatureStatsView, domain: FloatDomain): UpdateSummary {
  const summary: UpdateSummary = { descriptions: [], clearField: false };
  if (domain.disallowNan && hasNaN(view)) {
    summary.descriptions.push(reason(AnomalyType.FLOAT_TYPE_HAS_NAN, INVALID, 'Float feature has NaN values.'));
    domain.disallowNan = false;
  }
  const range = floatInterval(view);
  if (!range) return summary;
  if ('notFloat' in range) {
    summary.descriptions.push(reason(AnomalyType.FLOAT_TYPE_STRING_NOT_FLOAT, INVALID, `String values that were not floats were found, such as "${range.notFloat}".`));
    summary.clearField = true;
    return summary;
  }
  if (has(FloatDomainSchema, domain, 'min') && range.min < domain.min) {
    summary.descriptions.push(
      reason(AnomalyType.FLOAT_TYPE_SMALL_FLOAT, OUT_OF_RANGE, `Unexpectedly low values: ${sixDigits(range.min)}<${sixDigits(domain.min)}(upto six significant digits)`),
    );
    domain.min = range.min;
  }
  if (has(FloatDomainSchema, domain, 'max') && range.max > domain.max) {
    summary.descriptions.push(
      reason(AnomalyType.FLOAT_TYPE_BIG_FLOAT, OUT_OF_RANGE, `Unexpectedly high value: ${sixDigits(range.max)}>${sixDigits(domain.max)}(upto six significant digits)`),
    );
    domain.max = range.max;
  }
  if (domain.disallowInf && (Math.abs(range.min) === Infinity || Math.abs(range.max) === Infinity)) {
    summary.descriptions.push(reason(AnomalyType.FLOAT_TYPE_HAS_INF, INVALID, 'Float feature has Inf values.'));
    domain.disallowInf = false;
  }
  return summary;
}
