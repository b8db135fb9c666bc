/**
 * updateSchema: tfdv.update_schema (reference/tfdv.md §3.4). The validator's fixes applied to
 * one working copy of the schema: each existing feature is relaxed to what the statistics show
 * (string domains extended, value counts and presence loosened, comparator thresholds raised,
 * domains widened or cleared, shapes dropped, features of another type deprecated), new
 * features are added as infer_schema would (shape never inferred), and required features that
 * are missing are deprecated.
 */
import type { Schema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import type { DatasetFeatureStatisticsList } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { DatasetStatsView, selectDataset } from '../schema/statsView.js';
import { deprecate, SchemaModel } from './schemaModel.js';
import { updateRecursively } from './updateFeature.js';

export interface UpdateSchemaOptions {
  /** Most labels a new string feature may have to get a string domain (default 100). */
  maxStringDomainSize?: number;
  environment?: string;
}

export function updateSchema(schema: Schema, stats: DatasetFeatureStatisticsList, options: UpdateSchemaOptions = {}): Schema {
  const view = new DatasetStatsView(selectDataset(stats), { environment: options.environment });
  const model = new SchemaModel(schema);
  const config = { enumThreshold: options.maxStringDomainSize ?? 100 };
  for (const root of view.roots()) updateRecursively(model, root, config);
  for (const path of model.missingPaths(view.features.map((f) => f.path), options.environment)) {
    const f = model.feature(path);
    if (f) deprecate(f);
  }
  return model.schema;
}
