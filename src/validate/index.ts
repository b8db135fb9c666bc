export { validateStatistics } from './validateStatistics.js';
export { updateSchema, type UpdateSchemaOptions } from './updateSchema.js';
export { readValidationOptionsFile, type ValidationFileOptions, type ValidationOptions, validationOptionsFromTfdv } from './options.js';
export { countAnomalies, formatAnomaliesSummary } from './summary.js';
export { computeDrift, type DriftReport, type FeatureDrift, PSI_EPSILON } from './drift.js';
export { compileValidator, type RecordAnomaly, type RecordValidator, type RecordValidatorOptions } from './recordValidator.js';
