/**
 * ExampleValidator: ExampleStatistics + Schema (+ the previous span's ExampleStatistics as a
 * baseline) -> ExampleAnomalies: TFDV's Anomalies per split (`SchemaDiff.pb`), drift against the
 * baseline's same split through the schema's drift comparators, and a drift report of every
 * distance (`drift.json`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { writeFileAtomic } from '../io/atomicWrite.js';
import { Component, type Channel, type ComponentOptions, type ComponentSpec, type ExecutorContext, type ParameterValue } from '../pipeline/component.js';
import { writeMessageFile } from '../proto/messageFiles.js';
import { AnomaliesSchema } from '../proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { readSchema, readStatistics } from '../schema/index.js';
import { computeDrift, countAnomalies, validateStatistics, type ValidationOptions } from '../validate/index.js';
import { ANOMALIES_FILE, DRIFT_FILE, SCHEMA_FILE, single, splitDir, splitNames, STATS_FILE } from './artifacts.js';

export interface ExampleValidatorParameters {
  environment?: string;
}

export class ExampleValidator extends Component {
  static readonly spec: ComponentSpec = {
    type: 'ExampleValidator',
    inputs: { statistics: { type: 'ExampleStatistics' }, schema: { type: 'Schema' }, baseline: { type: 'ExampleStatistics', optional: true } },
    outputs: { anomalies: { type: 'ExampleAnomalies' } },
  };
  readonly spec = ExampleValidator.spec;

  constructor(args: { statistics: Channel; schema: Channel; baseline?: Channel; parameters?: ExampleValidatorParameters }, options: ComponentOptions = {}) {
    super('ExampleValidator', { statistics: args.statistics, schema: args.schema, baseline: args.baseline }, (args.parameters ?? {}) as Record<string, ParameterValue>, options);
    this.checkInputs();
  }

  execute(ctx: ExecutorContext): void {
    const stats = single(ctx.inputs.statistics, 'statistics');
    const schema = readSchema(join(single(ctx.inputs.schema, 'schema').uri, SCHEMA_FILE));
    const baseline = ctx.inputs.baseline?.[0];
    const out = single(ctx.outputs.anomalies, 'anomalies');
    let total = 0;
    for (const split of splitNames(stats.uri)) {
      const current = readStatistics(join(splitDir(stats.uri, split), STATS_FILE));
      const options: ValidationOptions = {};
      const env = (this.parameters as ExampleValidatorParameters).environment;
      if (env) options.environment = env;
      const previousPath = baseline ? join(splitDir(baseline.uri, split), STATS_FILE) : undefined;
      if (previousPath && existsSync(previousPath)) options.previousStatistics = readStatistics(previousPath);
      const anomalies = validateStatistics(current, schema, options);
      writeMessageFile(AnomaliesSchema, anomalies, join(splitDir(out.uri, split), ANOMALIES_FILE));
      if (options.previousStatistics) writeFileAtomic(join(splitDir(out.uri, split), DRIFT_FILE), `${JSON.stringify(computeDrift(current, options.previousStatistics), null, 2)}\n`);
      const n = countAnomalies(anomalies);
      total += n;
      out.properties[`anomalies_${split}`] = n;
      ctx.log(`split ${split}: ${n} anomal${n === 1 ? 'y' : 'ies'}`);
    }
    out.properties.anomalies_found = total;
  }
}
