/**
 * SchemaGen: ExampleStatistics -> Schema, inferred by TFDV's rules from one split (default
 * train). `driftComparators` and `skewComparators` (feature name -> threshold) add the comparators
 * TFDV users add by hand: L-infinity for string features, Jensen-Shannon divergence for numeric
 * ones. ImportSchemaGen takes a user's schema file instead.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';

import { create } from '@bufbuild/protobuf';

import { arrowlineError } from '../errors.js';
import { fingerprintPath } from '../io/fingerprint.js';
import { Component, type Channel, type ComponentOptions, type ComponentSpec, type ExecutorContext, type ParameterValue } from '../pipeline/component.js';
import { FeatureComparatorSchema, FeatureType, InfinityNormSchema, JensenShannonDivergenceSchema, type Schema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { inferSchema, readSchema, readStatistics, writeSchema } from '../schema/index.js';
import { SCHEMA_FILE, single, splitDir, splitNames, STATS_FILE } from './artifacts.js';

export interface SchemaGenParameters {
  split?: string;
  inferFeatureShape?: boolean;
  maxStringDomainSize?: number;
  driftComparators?: Record<string, number>;
  skewComparators?: Record<string, number>;
}

function comparator(schema: Schema, feature: string, threshold: number, which: 'driftComparator' | 'skewComparator'): void {
  const f = schema.feature.find((x) => x.name === feature);
  if (!f) throw arrowlineError('E_NOT_FOUND', `no feature '${feature}' in the inferred schema for a ${which}`, { column: feature });
  const c = create(FeatureComparatorSchema);
  if (f.type === FeatureType.BYTES || f.domainInfo.case !== undefined) c.infinityNorm = create(InfinityNormSchema, { threshold });
  else c.jensenShannonDivergence = create(JensenShannonDivergenceSchema, { threshold });
  f[which] = c;
}

export class SchemaGen extends Component {
  static readonly spec: ComponentSpec = { type: 'SchemaGen', inputs: { statistics: { type: 'ExampleStatistics' } }, outputs: { schema: { type: 'Schema' } } };
  readonly spec = SchemaGen.spec;

  constructor(args: { statistics: Channel; parameters?: SchemaGenParameters }, options: ComponentOptions = {}) {
    super('SchemaGen', { statistics: args.statistics }, (args.parameters ?? {}) as Record<string, ParameterValue>, options);
    this.checkInputs();
  }

  execute(ctx: ExecutorContext): void {
    const p = this.parameters as SchemaGenParameters;
    const stats = single(ctx.inputs.statistics, 'statistics');
    const split = p.split ?? 'train';
    if (!splitNames(stats.uri).includes(split)) throw arrowlineError('E_NOT_FOUND', `the statistics have no split '${split}' (splits: ${splitNames(stats.uri).join(', ')})`, { file: stats.uri });
    const schema = inferSchema(readStatistics(join(splitDir(stats.uri, split), STATS_FILE)), { inferFeatureShape: p.inferFeatureShape, maxStringDomainSize: p.maxStringDomainSize });
    for (const [feature, t] of Object.entries(p.driftComparators ?? {})) comparator(schema, feature, t, 'driftComparator');
    for (const [feature, t] of Object.entries(p.skewComparators ?? {})) comparator(schema, feature, t, 'skewComparator');
    const out = single(ctx.outputs.schema, 'schema');
    writeSchema(join(out.uri, SCHEMA_FILE), schema);
    ctx.log(`schema of ${schema.feature.length} features inferred from split ${split}`);
  }
}

export class ImportSchemaGen extends Component {
  static readonly spec: ComponentSpec = { type: 'ImportSchemaGen', inputs: {}, outputs: { schema: { type: 'Schema' } } };
  readonly spec = ImportSchemaGen.spec;

  constructor(args: { parameters: { schemaFile: string } }, options: ComponentOptions = {}) {
    super('ImportSchemaGen', {}, args.parameters, options);
    this.checkInputs();
  }

  cacheFingerprints(): string[] {
    return [fingerprintPath(String(this.parameters.schemaFile))];
  }

  execute(ctx: ExecutorContext): void {
    const file = String(this.parameters.schemaFile);
    const schema = readSchema(file); // parses (any encoding) so a broken file fails here
    const out = single(ctx.outputs.schema, 'schema');
    if (file.endsWith('.pbtxt')) copyFileSync(file, join(out.uri, SCHEMA_FILE));
    else writeSchema(join(out.uri, SCHEMA_FILE), schema);
    ctx.log(`schema of ${schema.feature.length} features imported from ${file}`);
  }
}
