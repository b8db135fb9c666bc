/**
 * Bool domains (bool_domain_util.cc): INT data outside {0, 1} (BOOL_TYPE_SMALL_INT / BIG_INT,
 * fixed to an int_domain), FLOAT data that is not 0/1 by its min, max, NaN count or histogram
 * buckets (BOOL_TYPE_UNEXPECTED_FLOAT, fixed to a float_domain), strings other than the
 * domain's true/false values (BOOL_TYPE_UNEXPECTED_STRING, domain cleared), and a domain whose
 * true and false values are equal.
 */
import { create } from '@bufbuild/protobuf';

import { type BoolDomain, BoolDomainSchema, type Feature, FloatDomainSchema, IntDomainSchema } from '../../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { FeatureNameStatistics_Type as StatsType, Histogram_HistogramType } from '../../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { compareBytewise } from '../../schema/labels.js';
import type { FeatureStatsView } from '../../schema/statsView.js';
import { AnomalyType, type Description, reason } from '../description.js';
import { clear, has } from '../fields.js';
import { sixDigits } from '../format.js';

const NON_BOOLEAN = 'Non-boolean values';

export function boolDomainSelf(domain: BoolDomain): Description[] {
  if (has(BoolDomainSchema, domain, 'trueValue') && has(BoolDomainSchema, domain, 'falseValue') && domain.trueValue === domain.falseValue) {
    clear(BoolDomainSchema, domain, 'falseValue');
    return [
      reason(
        AnomalyType.INVALID_DOMAIN_SPECIFICATION,
        'Malformed BoolDomain',
        `True and false value equal for BoolDomain:${domain.trueValue}. The suggested change is to clear the false_value, but a domain expert should review this change.`,
      ),
    ];
  }
  return [];
}

function validStrings(domain: BoolDomain): string[] {
  const out = new Set<string>();
  if (has(BoolDomainSchema, domain, 'trueValue')) out.add(domain.trueValue);
  if (has(BoolDomainSchema, domain, 'falseValue')) out.add(domain.falseValue);
  return [...out].sort(compareBytewise);
}

export function updateBoolDomain(view: FeatureStatsView, feature: Feature): Description[] {
  const ns = view.numStats;
  switch (view.type) {
    case StatsType.INT: {
      if (!ns) return [];
      const toInt = (type: AnomalyType, v: number) => {
        feature.domainInfo = { case: 'intDomain', value: create(IntDomainSchema, { min: BigInt(Math.trunc(ns.min)), max: BigInt(Math.trunc(ns.max)) }) };
        return [reason(type, NON_BOOLEAN, `Integers (such as ${sixDigits(v)}) not in {0, 1}: converting to an integer.`)];
      };
      if (ns.min < 0) return toInt(AnomalyType.BOOL_TYPE_SMALL_INT, ns.min);
      if (ns.max > 1) return toInt(AnomalyType.BOOL_TYPE_BIG_INT, ns.max);
      return [];
    }
    case StatsType.FLOAT: {
      if (!ns) return [];
      const toFloat = (text: string) => {
        feature.domainInfo = { case: 'floatDomain', value: create(FloatDomainSchema, { min: Math.fround(ns.min), max: Math.fround(ns.max) }) };
        return [reason(AnomalyType.BOOL_TYPE_UNEXPECTED_FLOAT, NON_BOOLEAN, text)];
      };
      if (ns.min !== 0 && ns.min !== 1) return toFloat(`Floats (such as ${sixDigits(ns.min)}) not in {0, 1}: converting to float_domain.`);
      if (ns.max !== 0 && ns.max !== 1) return toFloat(`Floats (such as ${sixDigits(ns.max)}) not in {0, 1}: converting to float_domain.`);
      for (const h of ns.histograms) {
        if (h.numNan > 0n) return toFloat('Floats (such as NaN) not in {0, 1}: converting to float_domain.');
        for (const b of h.buckets) {
          if (b.sampleCount <= 0) continue;
          if (b.highValue < 0) return toFloat('Float values < 0 not in {0, 1}: converting to float_domain.');
          if (b.lowValue > 1) return toFloat('Float values > 1 not in {0, 1}: converting to float_domain.');
          // Only QUANTILES buckets are counted; STANDARD ones are interpolated between 0 and 1.
          if (h.type === Histogram_HistogramType.QUANTILES && b.highValue < 1 && b.lowValue > 0) {
            return toFloat('Float values falling between 0 and 1: converting to float_domain.');
          }
        }
      }
      return [];
    }
    case StatsType.STRING: {
      if (feature.domainInfo.case !== 'boolDomain') return [];
      const domain = feature.domainInfo.value;
      const valid = validStrings(domain);
      for (const label of view.stringValues) {
        if (!valid.includes(label)) {
          const desc = valid.length === 0 ? '{}' : `{"${valid.join('", "')}"}`;
          feature.domainInfo = { case: undefined };
          return [reason(AnomalyType.BOOL_TYPE_UNEXPECTED_STRING, NON_BOOLEAN, `Saw unexpected value "${label}" instead of ${desc}.`)];
        }
      }
      return [];
    }
    default:
      return [];
  }
}
