/**
 * Int domains (int_domain_util.cc): the observed integer interval (numeric min/max, or string
 * labels parsed as int64 for BYTES and categorical INT data) against int_domain.min/max
 * (INT_TYPE_SMALL_INT / INT_TYPE_BIG_INT), and labels that are not integers
 * (INT_TYPE_NOT_INT_STRING; DOMAIN_INVALID_FOR_TYPE for INT data with a bounded domain).
 */
import { FeatureType, type IntDomain, IntDomainSchema } from '../../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { FeatureNameStatistics_Type as StatsType } from '../../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { parseInt64Label } from '../../schema/labels.js';
import type { FeatureStatsView } from '../../schema/statsView.js';
import { AnomalyType, reason } from '../description.js';
import { has } from '../fields.js';
import type { UpdateSummary } from './stringDomain.js';

const INT64_MIN = -(2 ** 63);
const INT64_MAX = 2 ** 63;
const OUT_OF_RANGE = 'Out-of-range values';
const INVALID = 'Invalid values';

type IntInterval = { min: bigint; max: bigint } | { notInt: string } | undefined;

function intInterval(view: FeatureStatsView): IntInterval {
  const labels = view.stringValues;
  if (view.type === StatsType.STRUCT || view.type === StatsType.FLOAT) return undefined;
  if (view.type === StatsType.INT && labels.length === 0) {
    const ns = view.numStats;
    if (!ns) return undefined;
    // std::to_string(double): "%f".
    if (ns.min < INT64_MIN) return { notInt: ns.min.toFixed(6) };
    if (ns.max >= INT64_MAX) return { notInt: ns.max.toFixed(6) };
    return { min: BigInt(Math.trunc(ns.min)), max: BigInt(Math.trunc(ns.max)) };
  }
  // STRING and BYTES data, and categorical INT features (which carry string statistics): the labels.
  let interval: { min: bigint; max: bigint } | undefined;
  for (const label of labels) {
    const v = parseInt64Label(label);
    if (v === undefined) return { notInt: label };
    if (!interval) interval = { min: v, max: v };
    if (interval.min > v) interval.min = v;
    if (interval.max < v) interval.max = v;
  }
  return interval;
}

export function updateIntDomain(view: FeatureStatsView, domain: IntDomain): UpdateSummary {
  const summary: UpdateSummary = { descriptions: [], clearField: false };
  const result = intInterval(view);
  if (!result) return summary;
  if ('notInt' in result) {
    if (view.featureType === FeatureType.BYTES) {
      summary.descriptions.push(reason(AnomalyType.INT_TYPE_NOT_INT_STRING, INVALID, `String values that were not ints were found, such as "${result.notInt}".`));
      summary.clearField = true;
    } else if (view.featureType === FeatureType.INT) {
      if (has(IntDomainSchema, domain, 'max') || has(IntDomainSchema, domain, 'min')) {
        summary.descriptions.push(reason(AnomalyType.DOMAIN_INVALID_FOR_TYPE, INVALID, `Integer had values that were not valid Int64, such as "${result.notInt}".`));
        summary.clearField = true;
      }
    } else {
      summary.descriptions.push(reason(AnomalyType.DOMAIN_INVALID_FOR_TYPE, INVALID, `IntDomain incompatible with feature type ${view.featureType}`));
      summary.clearField = true;
    }
    return summary;
  }
  if (has(IntDomainSchema, domain, 'min') && domain.min > result.min) {
    summary.descriptions.push(reason(AnomalyType.INT_TYPE_SMALL_INT, OUT_OF_RANGE, `Unexpectedly small value: ${result.min}.`));
    domain.min = result.min;
  }
  if (has(IntDomainSchema, domain, 'max') && domain.max < result.max) {
    summary.descriptions.push(reason(AnomalyType.INT_TYPE_BIG_INT, OUT_OF_RANGE, `Unexpectedly large value: ${result.max}.`));
    domain.max = result.max;
  }
  return summary;
}
