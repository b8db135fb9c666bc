/**
 * One feature's statistics against the schema, as TFDV's Schema::UpdateFeature /
 * UpdateFeatureInternal / UpdateRecursively do it: weighted and sparse features first, then for
 * a schema Feature the checks in TFDV's order (self-checks; not present; environment; value
 * counts; shape; presence; type; BYTES domains; the domain; unique constraints; drift and skew
 * comparators), and for data the schema lacks, SCHEMA_NEW_COLUMN plus a new feature inferred as
 * infer_schema would. Every check edits the model (TFDV's "fix"); the descriptions are the anomaly.
 */
import type { DriftSkewInfo_Measurement } from '../proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { type Feature, FeatureSchema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { FeatureNameStatistics_Type as StatsType, FeatureNameStatistics_TypeSchema } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { printText } from '../proto/textFormat/print.js';
import { customDomainFromStats } from '../schema/customDomain.js';
import { createFeature } from '../schema/infer.js';
import { type FeaturePath, samePath, serializePath } from '../schema/path.js';
import type { FeatureStatsView } from '../schema/statsView.js';
import { updateBoolDomain } from './checks/boolDomain.js';
import { updateFeatureComparator } from './checks/comparators.js';
import { updatePresence, updateShape, updateUniqueConstraints, updateValueCounts } from './checks/counts.js';
import { updateSparseFeature, updateWeightedFeature } from './checks/derivedFeatures.js';
import { typeName, updateFeatureSelf } from './checks/featureSelf.js';
import { updateFloatDomain } from './checks/floatDomain.js';
import { updateIntDomain } from './checks/intDomain.js';
import { maxOffDomain, type UpdateSummary, updateStringDomain } from './checks/stringDomain.js';
import { AnomalyType, type Description, reason, Severity, type SeverityRules, severityOf } from './description.js';
import { clearDomain, deprecate, featureIsDeprecated, lifecycleIsDeprecated, presenceOf, type SchemaModel } from './schemaModel.js';

export interface UpdateConfig extends SeverityRules {
  /** Most labels a new string feature may have to get a string domain (TFDV: 400 in validation, max_string_domain_size in update_schema). */
  enumThreshold: number;
  /** A string domain this large is dropped (enum_delete_threshold; unset by default). */
  enumDeleteThreshold?: number;
}

export interface DriftSkewMeasurements {
  drift: DriftSkewInfo_Measurement[];
  skew: DriftSkewInfo_Measurement[];
}

export interface FeatureUpdate {
  descriptions: Description[];
  severity: Severity;
  measurements?: DriftSkewMeasurements;
}

/** The domains BYTES data may carry (none, natural language, image, URL). */
function domainAllowedForBytes(domainCase: Feature['domainInfo']['case']): boolean {
  return domainCase === undefined || domainCase === 'naturalLanguageDomain' || domainCase === 'imageDomain' || domainCase === 'urlDomain';
}

function statsTypeName(t: StatsType): string {
  return FeatureNameStatistics_TypeSchema.values.find((v) => v.number === t)?.name ?? `unknown(${t})`;
}

/** Schema::UpdateFeature. */
export function updateFeature(model: SchemaModel, view: FeatureStatsView, config: UpdateConfig): FeatureUpdate {
  const path = view.path;
  const feature = model.feature(path);
  const sparse = model.sparseFeature(path);
  const weighted = model.weightedFeature(path);
  const done = (descriptions: Description[], measurements?: DriftSkewMeasurements): FeatureUpdate => ({
    descriptions,
    severity: severityOf(descriptions, config),
    measurements,
  });
  if (weighted) {
    if ((feature || sparse) && !lifecycleIsDeprecated(weighted.lifecycleStage)) {
      deprecate(weighted);
      if (feature) deprecate(feature);
      if (sparse) deprecate(sparse);
      return done([reason(AnomalyType.WEIGHTED_FEATURE_NAME_COLLISION, 'Weighted feature name collision', 'Weighted feature name collision.')]);
    }
    return done(updateWeightedFeature(view, weighted));
  }
  if (sparse && !featureIsDeprecated(sparse)) {
    if (feature && !featureIsDeprecated(feature)) {
      deprecate(sparse);
      deprecate(feature);
      return done([reason(AnomalyType.SPARSE_FEATURE_NAME_COLLISION, 'Sparse feature name collision', 'Sparse feature name collision.')]);
    }
    return done(updateSparseFeature(view, sparse));
  }
  if (feature) {
    const measurements: DriftSkewMeasurements = { drift: [], skew: [] };
    const descriptions = updateFeatureInternal(model, view, measurements, config);
    return done(descriptions, measurements);
  }
  const descriptions = [reason(AnomalyType.SCHEMA_NEW_COLUMN, 'New column', 'New column (column in data but not in schema)')];
  createColumn(model, view, config);
  return done(descriptions);
}

/** Updater::CreateColumn: the feature infer_schema would write (no shape), placed at its path. */
export function createColumn(model: SchemaModel, view: FeatureStatsView, config: UpdateConfig): void {
  model.addFeature(view.path, createFeature(view, model.schema, false, config.enumThreshold));
}

function updateFeatureInternal(model: SchemaModel, view: FeatureStatsView, measurements: DriftSkewMeasurements, config: UpdateConfig): Description[] {
  const feature = model.feature(view.path)!;
  const out = updateFeatureSelf(feature, model);
  if (featureIsDeprecated(feature)) return out;
  const environment = view.dataset.environment;
  if (view.numPresent === 0) {
    if (model.isExistenceRequired(feature, environment)) {
      out.push(reason(AnomalyType.FEATURE_TYPE_NOT_PRESENT, 'Column dropped', 'The feature was not present in any examples.'));
      deprecate(feature);
    }
    return out;
  }
  if (!model.isInEnvironment(feature, environment) && environment !== undefined) {
    feature.notInEnvironment = feature.notInEnvironment.filter((e) => e !== environment);
    if (!model.isInEnvironment(feature, environment)) feature.inEnvironment.push(environment);
    out.push(
      reason(
        AnomalyType.SCHEMA_NEW_COLUMN,
        'Column missing in environment',
        `New column ${serializePath(view.path)} found in data but not in the environment ${environment} in the schema.`,
      ),
    );
  }
  if (feature.shapeType.case === 'valueCount' || feature.shapeType.case === 'valueCounts') out.push(...updateValueCounts(view, feature));
  out.push(...updateShape(view, feature));
  const presence = presenceOf(feature);
  if (presence) out.push(...updatePresence(view, presence));
  if (view.featureType !== feature.type) {
    deprecate(feature);
    out.push(reason(AnomalyType.UNEXPECTED_DATA_TYPE, 'Unexpected data type', `Expected data of type: ${typeName(feature.type)} but got ${statsTypeName(view.type)}`));
  }
  if (view.type === StatsType.BYTES && !domainAllowedForBytes(feature.domainInfo.case)) {
    clearDomain(feature);
    out.push(reason(AnomalyType.DOMAIN_INVALID_FOR_TYPE, 'Invalid domain type', `Data is marked as BYTES with incompatible domain_info: ${printText(FeatureSchema, feature)}`));
  }
  const summary = (s: UpdateSummary, clearIt: () => void) => {
    out.push(...s.descriptions);
    if (s.clearField) clearIt();
  };
  const d = feature.domainInfo;
  switch (d.case) {
    case 'domain': {
      const domain = model.stringDomain(d.value);
      if (domain) summary(updateStringDomain(view, maxOffDomain(feature.distributionConstraints), domain, config.enumDeleteThreshold), () => model.clearStringDomain(d.value));
      break;
    }
    case 'stringDomain':
      summary(updateStringDomain(view, maxOffDomain(feature.distributionConstraints), d.value, config.enumDeleteThreshold), () => clearDomain(feature));
      break;
    case 'boolDomain':
      out.push(...updateBoolDomain(view, feature));
      break;
    case 'intDomain':
      summary(updateIntDomain(view, d.value), () => clearDomain(feature));
      break;
    case 'floatDomain':
      summary(updateFloatDomain(view, d.value), () => clearDomain(feature));
      break;
    case undefined: {
      const custom = customDomainFromStats(view.customStats);
      if (custom) {
        feature.domainInfo = custom;
        out.push(reason(AnomalyType.SEMANTIC_DOMAIN_UPDATE, 'Updated semantic domain', `Updated semantic domain for feature: ${feature.name}`));
      }
      break;
    }
    default:
      // Existing semantic domains (natural language, image, URL, time, ...) are not updated, as in TFDV;
      // struct domains are handled through their children.
      break;
  }
  if (feature.uniqueConstraints) out.push(...updateUniqueConstraints(view, feature));
  for (const kind of ['drift', 'skew'] as const) {
    const comparator = kind === 'drift' ? feature.driftComparator : feature.skewComparator;
    if (!comparator) continue;
    const r = updateFeatureComparator(view, kind, comparator);
    out.push(...r.descriptions);
    measurements[kind].push(...r.measurements);
  }
  return out;
}

/** Schema::UpdateRecursively: the feature, then (unless it ends deprecated) its children. */
export function updateRecursively(model: SchemaModel, view: FeatureStatsView, config: UpdateConfig, pathsToConsider?: readonly FeaturePath[]): FeatureUpdate {
  if (pathsToConsider && !pathsToConsider.some((p) => samePath(p, view.path))) return { descriptions: [], severity: Severity.UNKNOWN };
  const result = updateFeature(model, view, config);
  if (!model.isDeprecated(view.path)) {
    for (const child of view.children()) {
      const r = updateRecursively(model, child, config, pathsToConsider);
      result.descriptions.push(...r.descriptions);
    }
  }
  result.severity = severityOf(result.descriptions, config);
  return result;
}
