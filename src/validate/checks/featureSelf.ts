/**
 * Schema::UpdateFeatureSelf: what is wrong with a schema Feature on its own, before any data is
 * looked at (missing name or type, impossible presence and value counts, a domain that does not
 * fit the type or is not defined, distribution constraints on a domain that cannot have them,
 * a malformed bool or string domain). Each finding also fixes the working copy.
 */
import {
  type Feature,
  FeaturePresenceSchema,
  FeatureSchema,
  FeatureType,
  FeatureTypeSchema,
  ValueCountSchema,
} from '../../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { AnomalyType, type Description, reason } from '../description.js';
import { clear, has } from '../fields.js';
import { clearDomain, deprecate, featureIsDeprecated, presenceOf, type SchemaModel } from '../schemaModel.js';
import { boolDomainSelf } from './boolDomain.js';
import { stringDomainSelf } from './stringDomain.js';

const T = FeatureType;
const ANY: readonly FeatureType[] = [T.INT, T.FLOAT, T.BYTES, T.STRUCT];

/** AllowedFeatureTypes: the types a domain_info case may sit on. */
export function allowedTypes(domainCase: Feature['domainInfo']['case']): readonly FeatureType[] {
  switch (domainCase) {
    case 'domain':
    case 'stringDomain':
    case 'naturalLanguageDomain':
    case 'imageDomain':
    case 'midDomain':
    case 'urlDomain':
      return [T.BYTES];
    case 'boolDomain':
      return [T.INT, T.BYTES, T.FLOAT];
    case 'intDomain':
    case 'timeDomain':
      return [T.INT, T.BYTES];
    case 'floatDomain':
      return [T.FLOAT, T.BYTES];
    case 'structDomain':
      return [T.STRUCT];
    default:
      return ANY;
  }
}

/** The proto field name of the domain_info case ("int_domain"), or "UNSET". */
export function domainInfoName(f: Feature): string {
  const c = f.domainInfo.case;
  if (!c) return 'UNSET';
  return FeatureSchema.fields.find((x) => x.localName === c)!.name;
}

export function typeName(t: FeatureType): string {
  return FeatureTypeSchema.values.find((v) => v.number === t)?.name ?? `unknown(${t})`;
}

const DISTRIBUTION_UNSUPPORTED: Partial<Record<NonNullable<Feature['domainInfo']['case']>, string>> = {
  boolDomain: 'bool',
  intDomain: 'int',
  floatDomain: 'float',
  structDomain: 'struct',
  naturalLanguageDomain: 'semantic',
  imageDomain: 'semantic',
  midDomain: 'semantic',
  urlDomain: 'semantic',
  timeDomain: 'semantic',
};

export function updateFeatureSelf(feature: Feature, model: SchemaModel): Description[] {
  const out: Description[] = [];
  if (featureIsDeprecated(feature)) return out;
  if (!has(FeatureSchema, feature, 'name')) {
    out.push(reason(AnomalyType.FEATURE_MISSING_NAME, 'unspecified name (maybe meant to be the empty string): find name rather than deprecating.'));
    deprecate(feature);
    return out;
  }
  if (!has(FeatureSchema, feature, 'type')) {
    if (feature.domainInfo.case === 'domain' || feature.domainInfo.case === 'stringDomain') {
      out.push(reason(AnomalyType.FEATURE_MISSING_TYPE, 'unspecified type: inferring the type to be BYTES, given the domain specified.'));
      feature.type = FeatureType.BYTES;
    } else {
      out.push(reason(AnomalyType.FEATURE_MISSING_TYPE, 'unspecified type: determine the type and set it, rather than deprecating.'));
      deprecate(feature);
      return out;
    }
  }
  checkPresenceAndCounts(feature, out);
  if (!allowedTypes(feature.domainInfo.case).includes(feature.type)) {
    out.push(
      reason(AnomalyType.DOMAIN_INVALID_FOR_TYPE, 'The domain does not match the type', `The domain "${domainInfoName(feature)}" does not match the type: ${typeName(feature.type)}`),
    );
    clearDomain(feature);
  }
  const dc = feature.domainInfo;
  const hasDistribution = feature.distributionConstraints !== undefined;
  if (dc.case === 'domain') {
    if (!model.stringDomain(dc.value)) {
      // TFDV clears the reference before printing it, so the name in its message is empty.
      clearDomain(feature);
      out.push(reason(AnomalyType.INVALID_SCHEMA_SPECIFICATION, 'missing domain: '));
    }
  } else if (dc.case === 'stringDomain') {
    out.push(...stringDomainSelf(dc.value));
  } else if (dc.case === undefined) {
    if (hasDistribution) {
      feature.distributionConstraints = undefined;
      out.push(reason(AnomalyType.INVALID_SCHEMA_SPECIFICATION, 'distribution constraints require domain or string domain.'));
    }
  } else {
    const kind = DISTRIBUTION_UNSUPPORTED[dc.case];
    if (kind && hasDistribution) {
      feature.distributionConstraints = undefined;
      out.push(reason(AnomalyType.INVALID_SCHEMA_SPECIFICATION, `distribution constraints not supported for ${kind} domains.`));
    }
    if (dc.case === 'boolDomain') out.push(...boolDomainSelf(dc.value));
  }
  return out;
}

function checkPresenceAndCounts(feature: Feature, out: Description[]): void {
  const presence = presenceOf(feature);
  if (presence && presence.minFraction < 0) {
    clear(FeaturePresenceSchema, presence, 'minFraction');
    out.push(reason(AnomalyType.INVALID_SCHEMA_SPECIFICATION, 'min_fraction should not be negative: clear is equal to zero'));
  }
  if (presence && presence.minFraction > 1) {
    presence.minFraction = 1;
    out.push(reason(AnomalyType.INVALID_SCHEMA_SPECIFICATION, 'min_fraction should not greater than 1'));
  }
  const shape = feature.shapeType;
  if (shape.case === 'valueCount') {
    const vc = shape.value;
    if (vc.min < 0n) {
      clear(ValueCountSchema, vc, 'min');
      out.push(reason(AnomalyType.INVALID_SCHEMA_SPECIFICATION, 'ValueCount.min should not be negative'));
    }
    if (has(ValueCountSchema, vc, 'max') && vc.max < vc.min) {
      out.push(reason(AnomalyType.INVALID_SCHEMA_SPECIFICATION, 'ValueCount.max should not be less than min'));
      vc.max = vc.min;
    }
  } else if (shape.case === 'valueCounts') {
    shape.value.valueCount.forEach((vc, i) => {
      if (vc.min < 0n) {
        clear(ValueCountSchema, vc, 'min');
        out.push(reason(AnomalyType.INVALID_SCHEMA_SPECIFICATION, 'ValueCounts.min should not be negative', `ValueCounts.min at level ${i} should not be negative.`));
      }
      if (has(ValueCountSchema, vc, 'max') && vc.max < vc.min) {
        out.push(reason(AnomalyType.INVALID_SCHEMA_SPECIFICATION, 'ValueCounts.max should not be less than min', `ValueCounts.max at level ${i} should not be less than min.`));
        vc.max = vc.min;
      }
    });
  } else if (shape.case === 'shape') {
    if (shape.value.dim.some((d) => d.size <= 0n)) {
      out.push(reason(AnomalyType.INVALID_SCHEMA_SPECIFICATION, 'Shape.dim.size must be a positive integer'));
      feature.shapeType = { case: undefined };
    }
  }
}
