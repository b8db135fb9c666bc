/** arrowline's library API (named exports only). */
export * from './errors.js';
export { type ArrowlineInfo, formatInfo, getInfo } from './capabilities/info.js';
export {
  bandwidthPass,
  type ColumnDescriptor,
  computeMoments,
  computeMomentsSync,
  describeData,
  describeVector,
  type Device,
  type ExecOptions,
  MomentsAccumulator,
  type NativeColumnProfile,
  type NativeMoments,
  profileColumn,
  profileColumnSync,
} from './native/index.js';
export * as tfmd from './proto/index.js';
export { computeStatistics, DEFAULT_STATISTICS_OPTIONS, formatStatisticsSummary, type StatisticsOptions } from './stats/index.js';
export { DatasetStatsAccumulator } from './native/index.js';
export { readTable } from './io/readTable.js';
export { writeFileAtomic } from './io/atomicWrite.js';
export { decodeMessage, type Encoding, encodeMessage, encodingFromPath } from './proto/codec.js';
export { type BackendChoice, loadTfjsBackend } from './trainer/backend.js';
export {
  formatSchema,
  formatSchemaSummary,
  getFeature,
  inferSchema,
  type InferSchemaOptions,
  parsePath,
  parseSchema,
  readSchema,
  readStatistics,
  serializePath,
  writeSchema,
} from './schema/index.js';
export { readMessageFile, writeMessageFile } from './proto/messageFiles.js';
export {
  compileValidator,
  computeDrift,
  type RecordAnomaly,
  type RecordValidator,
  type RecordValidatorOptions,
  type DriftReport,
  type FeatureDrift,
  readValidationOptionsFile,
  updateSchema,
  type UpdateSchemaOptions,
  validateStatistics,
  type ValidationFileOptions,
  type ValidationOptions,
  validationOptionsFromTfdv,
} from './validate/index.js';
export { MetadataStore, computeCacheKey, findCachedExecution } from './metadata/index.js';
export * as metadata from './metadata/index.js';
export { readBatches, type ReadBatchesOptions } from './io/readBatches.js';
export { exampleGen, type ExampleGenOptions, type ExamplesSummary, readExamplesSummary, readSplit, type SplitSpec } from './components/exampleGen.js';
export { expandGlob } from './io/glob.js';
export { hashSplitRows, rowHashes, takeBatch, takeData } from './native/index.js';
export { ARTIFACT_TYPES, type ArtifactRef, Channel, Component, type ComponentSpec, defineComponent, type ExecutorContext, LocalRunner, Pipeline, penguinsPipeline, type RunResult } from './pipeline/index.js';
export { ExampleGen, ExampleValidator, ImportSchemaGen, SchemaGen, StatisticsGen } from './components/index.js';
export { Importer, runStandalone, STANDARD_COMPONENTS } from './pipeline/standalone.js';
export { accumulateStatisticsParallel, computeStatisticsParallel, type ParallelStatisticsOptions } from './parallel/statsPool.js';
export { accumulateSlicedStatistics, type SlicedAccumulators } from './stats/computeStatistics.js';
export { createStatsAccumulator, StatsAccumulator, decodeSliced, encodeSliced, mergeSliced, type SlicedPartial } from './stats/index.js';
