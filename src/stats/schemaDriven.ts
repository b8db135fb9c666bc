/**
 * Schema-driven statistics (TFDV's StatsOptions.schema):
 * - INT features the schema marks categorical — `int_domain { is_categorical: true }` or a
 *   `bool_domain` — get string statistics (unique, top values, rank histogram over their
 *   decimal values) instead of numeric ones;
 * - features with an `image_domain` are TFDV's BYTES features: bytes statistics (average,
 *   minimum and maximum value size in bytes) and no top-k or distinct counts.
 */
import { FeatureType, type Schema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';

export function categoricalFeatures(schema: Schema | undefined): string[] {
  if (!schema) return [];
  return schema.feature
    .filter((f) => f.type === FeatureType.INT && ((f.domainInfo.case === 'intDomain' && f.domainInfo.value.isCategorical) || f.domainInfo.case === 'boolDomain'))
    .map((f) => f.name);
}

export function bytesFeatures(schema: Schema | undefined): string[] {
  if (!schema) return [];
  return schema.feature.filter((f) => f.domainInfo.case === 'imageDomain').map((f) => f.name);
}

const rolesBySchema = new WeakMap<Schema, { categorical: string[]; bytes: string[] }>();

/** The feature roles the native accumulator takes for `schema` (worked out once per schema: every update of every slice asks). */
export function featureRoles(schema: Schema | undefined): { categorical: string[]; bytes: string[] } {
  if (!schema) return { categorical: [], bytes: [] };
  let roles = rolesBySchema.get(schema);
  if (!roles) rolesBySchema.set(schema, (roles = { categorical: categoricalFeatures(schema), bytes: bytesFeatures(schema) }));
  return roles;
}
