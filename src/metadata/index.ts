export * from './model.js';
export { MetadataStore, type EventEdge, type MetadataStoreOptions, type PutExecutionOptions } from './store.js';
export { type Direction, type LineageSubgraphQuery, type NodeFilter } from './lineage.js';
export { parseFilter, type Expr } from './filter.js';
export { SCHEMA_VERSION } from './sql/schemaDdl.js';
export {
  artifactFingerprint,
  CACHE_CONTEXT_TYPE,
  cacheContext,
  type CachedExecution,
  type CacheKeyInput,
  canonicalJson,
  codeVersion,
  type CodeVersion,
  computeCacheKey,
  FINGERPRINT_PROPERTY,
  findCachedExecution,
  fingerprintPath,
} from './cache.js';
export {
  artifactLineage,
  type ArtifactLineage,
  DEFAULT_STORE_PATH,
  findArtifacts,
  formatLineage,
  formatRuns,
  type LineageNode,
  listRuns,
  NODE_CONTEXT_TYPE,
  PIPELINE_CONTEXT_TYPE,
  PIPELINE_RUN_CONTEXT_TYPE,
  type PipelineRun,
  type RunExecution,
} from './views.js';
