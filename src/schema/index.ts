export { inferSchema, type InferSchemaOptions } from './infer.js';
export { type FeaturePath, parsePath, serializePath } from './path.js';
export { readSchema, writeSchema, parseSchema, formatSchema, getFeature, readStatistics } from './io.js';
export { DatasetStatsView, FeatureStatsView, selectDataset, DEFAULT_SLICE } from './statsView.js';
export { formatSchemaSummary } from './summary.js';
export { inferOptionsFromTfdv, readInferOptionsFile } from './inferOptions.js';
export { csvTypesFromSchema } from './csvTypes.js';
