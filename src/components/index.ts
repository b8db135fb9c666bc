export { ExampleGen, type ExampleGenParameters } from './exampleGenComponent.js';
export { StatisticsGen, type StatisticsGenParameters } from './statisticsGen.js';
export { ImportSchemaGen, SchemaGen, type SchemaGenParameters } from './schemaGen.js';
export { ExampleValidator, type ExampleValidatorParameters } from './exampleValidator.js';
export { exampleGen, readExamplesSummary, readSplit } from './exampleGen.js';
export { ANOMALIES_FILE, DRIFT_FILE, SCHEMA_FILE, splitNames, STATS_FILE } from './artifacts.js';
