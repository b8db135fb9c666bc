/**
 * CSV column types from a schema (TFDV's infer_type_from_schema): INT features read as int64,
 * FLOAT as float64, BYTES as strings; features of other types (STRUCT, unknown) keep inference.
 */
import type { CsvColumnType } from '../io/csv.js';
import { FeatureType, type Schema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';

export function csvTypesFromSchema(schema: Schema): Record<string, CsvColumnType> {
  const out: Record<string, CsvColumnType> = {};
  for (const f of schema.feature) {
    if (f.type === FeatureType.INT) out[f.name] = 'int64';
    else if (f.type === FeatureType.FLOAT) out[f.name] = 'float64';
    else if (f.type === FeatureType.BYTES) out[f.name] = 'utf8';
  }
  return out;
}
