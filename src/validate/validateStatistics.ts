/**
 * validateStatistics: tfdv.validate_statistics (reference/tfdv.md §4.2). Every root feature of
 * the statistics (then its children) is checked against the schema with its own working copy
 * of it (as TFDV's SchemaAnomaly does); required schema features absent from the statistics are
 * SCHEMA_MISSING_COLUMN; dataset constraints go to dataset_anomaly_info; comparator
 * measurements go to drift_skew_info whether or not they exceed a threshold. An empty dataset
 * gives exactly {baseline, data_missing: true}.
 */
import { create } from '@bufbuild/protobuf';

import { arrowlineError } from '../errors.js';
import {
  type Anomalies,
  Anomalies_AnomalyNameFormat,
  AnomaliesSchema,
  type AnomalyInfo,
  DriftSkewInfoSchema,
} from '../proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { PathSchema } from '../proto/gen/tensorflow_metadata/proto/v0/path_pb.js';
import type { Schema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import type { DatasetFeatureStatistics, DatasetFeatureStatisticsList } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { compareBytewise } from '../schema/labels.js';
import { type FeaturePath, parsePath, samePath, serializePath } from '../schema/path.js';
import { DatasetStatsView, type FeatureStatsView, selectDataset } from '../schema/statsView.js';
import { updateDatasetConstraints } from './checks/datasetConstraints.js';
import { anomalyInfo, AnomalyType, type Description, maxSeverity, reason, Severity, severityOf } from './description.js';
import type { ValidationOptions } from './options.js';
import { deprecate, SchemaModel } from './schemaModel.js';
import { type DriftSkewMeasurements, type UpdateConfig, updateFeature, updateRecursively } from './updateFeature.js';

/** TFDV validates with enum_threshold 400 for the features it creates. */
const VALIDATION_ENUM_THRESHOLD = 400;

interface FeatureAnomaly {
  path: string[];
  model: SchemaModel;
  descriptions: Description[];
  severity: Severity;
}

function comparePaths(a: FeaturePath, b: FeaturePath): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareBytewise(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

export function validateStatistics(stats: DatasetFeatureStatisticsList, schema: Schema, options: ValidationOptions = {}): Anomalies {
  const environment = options.environment;
  if (environment !== undefined && !schema.defaultEnvironment.includes(environment)) {
    throw arrowlineError('E_OPTION_INVALID', `Environment ${environment} not found in the schema.`);
  }
  const dataset = selectDataset(stats);
  if (Number(dataset.numExamples) === 0) return create(AnomaliesSchema, { baselineSchema: { case: 'baseline', value: schema }, dataMissing: true });
  return findAnomalies(dataset, schema, options);
}

/** SchemaAnomalies::FindChanges + GetSchemaDiff on one dataset (no empty-dataset shortcut; TFDV's C++ tests call this level). */
export function findAnomalies(dataset: DatasetFeatureStatistics, schema: Schema, options: ValidationOptions = {}): Anomalies {
  const environment = options.environment;
  const view = new DatasetStatsView(dataset, {
    environment,
    controls: {
      previousSpan: options.previousStatistics && selectDataset(options.previousStatistics, 'previous statistics'),
      serving: options.servingStatistics && selectDataset(options.servingStatistics, 'serving statistics'),
      previousVersion: options.previousVersionStatistics && selectDataset(options.previousVersionStatistics, 'previous version statistics'),
    },
  });
  const config: UpdateConfig = {
    enumThreshold: VALIDATION_ENUM_THRESHOLD,
    severityOverrides: options.severityOverrides,
    newFeaturesAreWarnings: options.newFeaturesAreWarnings,
  };
  const featuresNeeded = options.featuresNeeded?.map((p) => parsePath(p) ?? [p]);
  const baseline = new SchemaModel(schema);
  const anomalies = new Map<string, FeatureAnomaly>();
  const driftSkew = new Map<string, { path: string[] } & DriftSkewMeasurements>();

  const newAnomaly = (path: string[]): FeatureAnomaly => ({ path, model: SchemaModel.scoped(schema, path), descriptions: [], severity: Severity.UNKNOWN });
  const genericUpdate = (path: string[], update: (a: FeatureAnomaly) => DriftSkewMeasurements | undefined) => {
    const key = serializePath(path);
    const existing = anomalies.get(key);
    const a = existing ?? newAnomaly(path);
    const measured = update(a);
    if (!existing && a.descriptions.length > 0) anomalies.set(key, a);
    if (measured && (measured.drift.length > 0 || measured.skew.length > 0)) {
      const entry = driftSkew.get(key) ?? { path, drift: [], skew: [] };
      entry.drift.push(...measured.drift);
      entry.skew.push(...measured.skew);
      driftSkew.set(key, entry);
    }
  };

  const findChanges = (f: FeatureStatsView) => {
    const path = f.path;
    if (baseline.exists(path)) {
      if (baseline.isDeprecated(path)) return;
      genericUpdate(path, (a) => {
        const r = updateFeature(a.model, f, config);
        a.descriptions.push(...r.descriptions);
        a.severity = maxSeverity(a.severity, r.severity);
        return r.measurements;
      });
      if (anomalies.get(serializePath(path))?.model.isDeprecated(path)) return;
      for (const child of f.children()) findChanges(child);
    } else if (!featuresNeeded || featuresNeeded.some((p) => samePath(p, path))) {
      const key = serializePath(path);
      const a = anomalies.get(key) ?? newAnomaly(path);
      anomalies.set(key, a);
      const r = updateRecursively(a.model, f, config, featuresNeeded);
      a.descriptions.push(...r.descriptions);
      a.severity = maxSeverity(a.severity, r.severity);
    }
  };
  for (const root of view.roots()) findChanges(root);

  for (const path of baseline.missingPaths(view.features.map((f) => f.path), environment)) {
    genericUpdate(path, (a) => {
      a.descriptions.push(reason(AnomalyType.SCHEMA_MISSING_COLUMN, 'Column dropped', 'Column is completely missing'));
      a.severity = severityOf(a.descriptions, config, a.severity);
      const f = a.model.feature(path);
      if (f) deprecate(f);
      return undefined;
    });
  }

  const result = create(AnomaliesSchema, { baselineSchema: { case: 'baseline', value: schema }, anomalyNameFormat: Anomalies_AnomalyNameFormat.SERIALIZED_PATH });
  const info: Record<string, AnomalyInfo> = {};
  for (const a of [...anomalies.values()].sort((x, y) => comparePaths(x.path, y.path))) {
    info[serializePath(a.path)] = anomalyInfo(a.descriptions, a.severity, a.path);
  }
  result.anomalyInfo = info;
  const datasetDescriptions = updateDatasetConstraints(view, new SchemaModel(schema).schema.datasetConstraints);
  if (datasetDescriptions.length > 0) result.datasetAnomalyInfo = anomalyInfo(datasetDescriptions, Severity.ERROR);
  result.driftSkewInfo = [...driftSkew.values()]
    .sort((x, y) => comparePaths(x.path, y.path))
    .map((d) => create(DriftSkewInfoSchema, { path: create(PathSchema, { step: d.path }), driftMeasurements: d.drift, skewMeasurements: d.skew }));
  return result;
}
