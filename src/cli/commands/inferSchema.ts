/** `arrowline infer-schema <stats> [-o schema.pbtxt] [--options FILE] [--json]` */
import type { Command } from 'commander';

import { encodeMessage } from '../../proto/codec.js';
import { SchemaSchema } from '../../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { formatSchemaSummary, inferSchema, type InferSchemaOptions, readInferOptionsFile, readStatistics, writeSchema } from '../../schema/index.js';
import { parseIntOption } from '../parse.js';

interface InferFlags {
  output?: string;
  options?: string;
  json?: boolean;
  maxStringDomainSize?: number;
  inferFeatureShape?: boolean;
}

const warn = (message: string) => process.stderr.write(`arrowline: warning: ${message}\n`);

export function registerInferSchema(program: Command): void {
  program
    .command('infer-schema')
    .description("a tensorflow_metadata Schema from statistics, by TFDV's infer_schema rules")
    .argument('<stats>', 'statistics (.pb, .json or .pbtxt), as `arrowline stats -o` writes them')
    .option('-o, --output <file>', 'write the schema: .pbtxt/.txt text format (the schema.pbtxt of TFX), .json, .pb')
    .option('--options <file>', "infer_schema's arguments as JSON (infer_feature_shape, max_string_domain_size); flags override it")
    .option('--max-string-domain-size <n>', 'most labels a string domain may have (default 100)', parseIntOption('--max-string-domain-size', 0, 2 ** 31 - 1))
    .option('--no-infer-feature-shape', 'never infer shape (value_count instead)')
    .option('--json', 'print the schema as one proto3 JSON document')
    .action((statsPath: string, opts: InferFlags, cmd: Command) => {
      const options: InferSchemaOptions = opts.options ? readInferOptionsFile(opts.options, warn) : {};
      if (opts.maxStringDomainSize !== undefined) options.maxStringDomainSize = opts.maxStringDomainSize;
      if (cmd.getOptionValueSource('inferFeatureShape') === 'cli') options.inferFeatureShape = opts.inferFeatureShape;
      const schema = inferSchema(readStatistics(statsPath), options);
      if (opts.output) writeSchema(opts.output, schema);
      if (opts.json) process.stdout.write(encodeMessage(SchemaSchema, schema, 'json'));
      else if (!opts.output) process.stdout.write(`${formatSchemaSummary(schema)}\n`);
    });
}
