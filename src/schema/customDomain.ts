/**
 * TFDV's BestEffortUpdateCustomDomain: a semantic-domain generator leaves a custom statistic
 * named `domain_info` whose string is a text-format Feature holding one domain (for example
 * `natural_language_domain {}`); exactly one such statistic that parses to exactly one domain
 * gives the feature that domain.
 */
import type { Feature } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { FeatureSchema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import type { CustomStatistic } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { parseText } from '../proto/textFormat/parse.js';

export const DOMAIN_INFO_STAT = 'domain_info';

export function customDomainFromStats(customStats: readonly CustomStatistic[]): Feature['domainInfo'] | undefined {
  const candidates = customStats.filter((c) => c.name === DOMAIN_INFO_STAT);
  if (candidates.length !== 1) return undefined;
  const c = candidates[0]!;
  if (c.val.case !== 'str') return undefined;
  try {
    const parsed = parseText(FeatureSchema, c.val.value);
    return parsed.domainInfo.case === undefined ? undefined : parsed.domainInfo;
  } catch {
    return undefined;
  }
}
