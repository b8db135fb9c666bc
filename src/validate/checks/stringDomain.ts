/**
 * String domains (string_domain_util.cc): values seen that the domain lacks, measured against
 * distribution_constraints' min_domain_mass (ENUM_TYPE_UNEXPECTED_STRING_VALUES, listing each
 * value C-escaped with its share of all values), invalid UTF-8 (ENUM_TYPE_INVALID_UTF8, the
 * domain cleared), a domain grown past the delete threshold, and repeated domain values.
 */
import type { DistributionConstraints, StringDomain } from '../../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { DistributionConstraintsSchema } from '../../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import type { FeatureStatsView } from '../../schema/statsView.js';
import { AnomalyType, type Description, reason } from '../description.js';
import { has } from '../fields.js';
import { percentageAsString, utf8SafeCEscape } from '../format.js';

export interface UpdateSummary {
  descriptions: Description[];
  /** The domain cannot be repaired: the fix is to clear it. */
  clearField: boolean;
}

/** GetMaxOffDomain: 1 - min_domain_mass when set, else 0 (any value outside the domain is an anomaly). */
export function maxOffDomain(dc: DistributionConstraints | undefined): number {
  return dc && has(DistributionConstraintsSchema, dc, 'minDomainMass') ? 1 - dc.minDomainMass : 0;
}

export function stringDomainSelf(domain: StringDomain): Description[] {
  const seen = new Set<string>();
  const repeats: string[] = [];
  domain.value = domain.value.filter((v) => {
    if (seen.has(v)) {
      repeats.push(v);
      return false;
    }
    seen.add(v);
    return true;
  });
  if (repeats.length === 0) return [];
  return [reason(AnomalyType.INVALID_DOMAIN_SPECIFICATION, 'Malformed StringDomain', `Repeated values in StringDomain:${repeats.join(', ')}`)];
}

export function updateStringDomain(view: FeatureStatsView, offDomain: number, domain: StringDomain, enumDeleteThreshold?: number): UpdateSummary {
  const summary: UpdateSummary = { descriptions: [], clearField: false };
  if (view.invalidUtf8Count > 0) {
    summary.descriptions.push(reason(AnomalyType.ENUM_TYPE_INVALID_UTF8, 'Invalid UTF8 strings', 'Found strings that were not valid UTF8 strings.'));
    summary.clearField = true;
    return summary;
  }
  const valid = new Set(domain.value);
  const missing = [...view.stringValuesWithCounts].filter(([label]) => !valid.has(label));
  const missingCount = missing.reduce((s, [, c]) => s + c, 0);
  const total = view.totalValueCountInExamples;
  if (missingCount / total > offDomain || (offDomain === 0 && missing.length > 0)) {
    const listed = missing.map(([label, count]) => `${utf8SafeCEscape(label)} (${percentageAsString(Math.trunc(count), total)})`).join(', ');
    summary.descriptions.push(reason(AnomalyType.ENUM_TYPE_UNEXPECTED_STRING_VALUES, 'Unexpected string values', `Examples contain values missing from the schema: ${listed}. `));
    for (const [label] of missing) domain.value.push(label);
  }
  if (enumDeleteThreshold !== undefined && enumDeleteThreshold <= domain.value.length) {
    summary.clearField = true;
    summary.descriptions.push(
      reason(AnomalyType.INVALID_DOMAIN_SPECIFICATION, 'String domain has too many values', `String domain has too many values (${domain.value.length}).`),
    );
  }
  return summary;
}
