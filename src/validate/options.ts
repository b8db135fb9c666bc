/**
 * Validation options: TFDV's ValidationOptions (severity_overrides, new_features_are_warnings,
 * features_needed) and validate_statistics' arguments (environment, previous_statistics,
 * serving_statistics, previous_version_statistics), camelCased for the library and by TFDV's
 * snake_case names in `validate --options FILE`.
 */
import { AnomalyInfo_SeveritySchema, AnomalyInfo_TypeSchema } from '../proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import type { DatasetFeatureStatisticsList } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { arrowlineError } from '../errors.js';
import { parsePath } from '../schema/path.js';
import { mapOptionNames, type OptionNames, readJsonObjectFile } from '../util/optionsFile.js';
import type { SeverityOverride } from './description.js';

export interface ValidationOptions {
  /** Validate as this environment (must be one of the schema's default_environment). */
  environment?: string;
  /** The previous span's statistics, for drift_comparator and num_examples_drift_comparator. */
  previousStatistics?: DatasetFeatureStatisticsList;
  /** Serving statistics, for skew_comparator. */
  servingStatistics?: DatasetFeatureStatisticsList;
  /** The previous version's statistics, for num_examples_version_comparator. */
  previousVersionStatistics?: DatasetFeatureStatisticsList;
  /** Severity per anomaly type (default ERROR). */
  severityOverrides?: SeverityOverride[];
  /** Deprecated in TFDV: new columns are warnings. */
  newFeaturesAreWarnings?: boolean;
  /** Only these features (serialized paths) are reported as new columns. */
  featuresNeeded?: string[];
}

/** What `--options FILE` may set (statistics inputs come from the command line). */
export type ValidationFileOptions = Pick<ValidationOptions, 'environment' | 'severityOverrides' | 'newFeaturesAreWarnings' | 'featuresNeeded'>;

const SPEC: OptionNames<Record<string, unknown>> = {
  what: 'ValidationOptions',
  implemented: {
    severity_overrides: 'severityOverrides',
    new_features_are_warnings: 'newFeaturesAreWarnings',
    features_needed: 'featuresNeeded',
    environment: 'environment',
  },
};

function enumValue(schema: typeof AnomalyInfo_TypeSchema | typeof AnomalyInfo_SeveritySchema, value: unknown, what: string, source: string): number {
  const found = schema.values.find((v) => v.name === value || v.number === value);
  if (!found) throw arrowlineError('E_OPTION_INVALID', `${what} ${JSON.stringify(value)} is not one of ${schema.values.map((v) => v.name).join(', ')}`, { file: source });
  return found.number;
}

/** ValidationOptions from TFDV's names (a JSON object as ValidationOptions' fields). */
export function validationOptionsFromTfdv(json: Record<string, unknown>, source = 'options'): ValidationFileOptions {
  const o = mapOptionNames(SPEC, json, source);
  const out: ValidationFileOptions = {};
  if (o.environment !== undefined) {
    if (typeof o.environment !== 'string') throw arrowlineError('E_OPTION_INVALID', 'environment must be a string', { file: source });
    out.environment = o.environment;
  }
  if (o.newFeaturesAreWarnings !== undefined) {
    if (typeof o.newFeaturesAreWarnings !== 'boolean') throw arrowlineError('E_OPTION_INVALID', 'new_features_are_warnings must be true or false', { file: source });
    out.newFeaturesAreWarnings = o.newFeaturesAreWarnings;
  }
  if (o.severityOverrides !== undefined) {
    if (!Array.isArray(o.severityOverrides)) throw arrowlineError('E_OPTION_INVALID', 'severity_overrides must be a list of {type, severity}', { file: source });
    out.severityOverrides = o.severityOverrides.map((x: unknown) => {
      const e = (x ?? {}) as Record<string, unknown>;
      return { type: enumValue(AnomalyInfo_TypeSchema, e.type, 'anomaly type', source), severity: enumValue(AnomalyInfo_SeveritySchema, e.severity, 'severity', source) };
    });
  }
  if (o.featuresNeeded !== undefined) {
    const names = Array.isArray(o.featuresNeeded) ? o.featuresNeeded : typeof o.featuresNeeded === 'object' && o.featuresNeeded ? Object.keys(o.featuresNeeded) : undefined;
    if (!names || names.some((n) => typeof n !== 'string' || parsePath(n) === undefined)) {
      throw arrowlineError('E_OPTION_INVALID', 'features_needed must be a list (or object keyed by) serialized feature paths', { file: source });
    }
    out.featuresNeeded = names as string[];
  }
  return out;
}

export function readValidationOptionsFile(path: string): ValidationFileOptions {
  return validationOptionsFromTfdv(readJsonObjectFile(path, 'ValidationOptions'), path);
}
