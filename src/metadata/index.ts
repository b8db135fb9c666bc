export * from './model.js';
export { MetadataStore, type EventEdge, type MetadataStoreOptions, type PutExecutionOptions } from './store.js';
export { type Direction, type LineageSubgraphQuery, type NodeFilter } from './lineage.js';
export { parseFilter, type Expr } from './filter.js';
export { SCHEMA_VERSION } from './sql/schemaDdl.js';
