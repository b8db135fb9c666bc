/** tensorflow_metadata messages: generated types plus the three-encoding codec. */
export * from './codec.js';
export * as anomalies from './gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
export * as schema from './gen/tensorflow_metadata/proto/v0/schema_pb.js';
export * as statistics from './gen/tensorflow_metadata/proto/v0/statistics_pb.js';
export * as path from './gen/tensorflow_metadata/proto/v0/path_pb.js';
export { readMessageFile, writeMessageFile } from './messageFiles.js';
