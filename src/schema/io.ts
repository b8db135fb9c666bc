/**
 * Schema files (schema.pbtxt, the file TFX pipelines keep in version control, or .json / .pb)
 * and statistics files, in the encoding their extension names, plus lookup of a feature by
 * path through struct domains. Parsing keeps fields arrowline does not use, so a
 * read-edit-write loses nothing.
 */
import { decodeMessage, type Encoding, encodeMessage } from '../proto/codec.js';
import { type Feature, type Schema, SchemaSchema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { type DatasetFeatureStatisticsList, DatasetFeatureStatisticsListSchema } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { readMessageFile, writeMessageFile } from '../proto/messageFiles.js';
import type { FeaturePath } from './path.js';

export function readSchema(path: string, encoding?: Encoding): Schema {
  return readMessageFile(SchemaSchema, path, encoding);
}

export function writeSchema(path: string, schema: Schema, encoding?: Encoding): void {
  writeMessageFile(SchemaSchema, schema, path, encoding);
}

/** A schema from text (text format unless told otherwise) or bytes (binary unless told otherwise). */
export function parseSchema(data: string | Uint8Array, encoding: Encoding = typeof data === 'string' ? 'text' : 'binary', source = '<schema>'): Schema {
  return decodeMessage(SchemaSchema, data, encoding, source);
}

export function formatSchema(schema: Schema, encoding: 'text' | 'json' = 'text'): string {
  return encodeMessage(SchemaSchema, schema, encoding);
}

export function readStatistics(path: string, encoding?: Encoding): DatasetFeatureStatisticsList {
  return readMessageFile(DatasetFeatureStatisticsListSchema, path, encoding);
}

/** The feature at `path` (through struct domains), as tfdv.get_feature. */
export function getFeature(schema: Schema, path: FeaturePath | string): Feature | undefined {
  const steps = typeof path === 'string' ? [path] : path;
  let features = schema.feature;
  let found: Feature | undefined;
  for (const step of steps) {
    found = features.find((f) => f.name === step);
    if (!found) return undefined;
    features = found.domainInfo.case === 'structDomain' ? found.domainInfo.value.feature : [];
  }
  return found;
}
