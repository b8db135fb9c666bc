/** infer_schema's arguments by TFDV's names, as `infer-schema --options FILE` takes them. */
import { arrowlineError } from '../errors.js';
import { mapOptionNames, type OptionNames, readJsonObjectFile } from '../util/optionsFile.js';
import type { InferSchemaOptions } from './infer.js';

const SPEC: OptionNames<InferSchemaOptions> = {
  what: 'infer_schema',
  implemented: { infer_feature_shape: 'inferFeatureShape', max_string_domain_size: 'maxStringDomainSize' },
  notYet: new Set(['schema_transformations']), // Python callables: use the library and edit the schema instead
};

export function inferOptionsFromTfdv(json: Record<string, unknown>, source = 'options', warn?: (message: string) => void): InferSchemaOptions {
  const o = mapOptionNames(SPEC, json, source, warn);
  if (o.inferFeatureShape !== undefined && typeof o.inferFeatureShape !== 'boolean') {
    throw arrowlineError('E_OPTION_INVALID', `infer_feature_shape must be true or false, not ${JSON.stringify(o.inferFeatureShape)}`, { file: source });
  }
  const max = o.maxStringDomainSize;
  if (max !== undefined && (!Number.isInteger(max) || max < 0)) {
    throw arrowlineError('E_OPTION_INVALID', `max_string_domain_size must be a non-negative integer, not ${JSON.stringify(max)}`, { file: source });
  }
  return o;
}

export function readInferOptionsFile(path: string, warn?: (message: string) => void): InferSchemaOptions {
  return inferOptionsFromTfdv(readJsonObjectFile(path, 'infer_schema'), path, warn);
}
