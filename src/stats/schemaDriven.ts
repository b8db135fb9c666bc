/**
 * Schema-driven statistics (TFDV's StatsOptions.schema): INT features the schema marks
 * categorical — `int_domain { is_categorical: true }` or a `bool_domain` — get string statistics
 * (unique, top values, rank histogram over their decimal values) instead of numeric ones.
 */
import { FeatureType, type Schema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';

export function categoricalFeatures(schema: Schema | undefined): string[] {
  if (!schema) return [];
  return schema.feature
    .filter((f) => f.type === FeatureType.INT && ((f.domainInfo.case === 'intDomain' && f.domainInfo.value.isCategorical) || f.domainInfo.case === 'boolDomain'))
    .map((f) => f.name);
}
