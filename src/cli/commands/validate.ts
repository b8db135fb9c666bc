/**
 * `arrowline validate <stats|data> --schema FILE [--previous STATS] [--serving STATS]
 *  [--environment NAME] [--options FILE] [--drift-report FILE] [-o FILE] [--json]`: exit 0 without anomalies, 1 with.
 */
import type { Command } from 'commander';

import { encodeMessage, encodingFromPath } from '../../proto/codec.js';
import { AnomaliesSchema } from '../../proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { writeMessageFile } from '../../proto/messageFiles.js';
import { readSchema } from '../../schema/index.js';
import { statisticsFromPath } from '../../stats/index.js';
import { arrowlineError } from '../../errors.js';
import { writeFileAtomic } from '../../io/atomicWrite.js';
import { computeDrift, countAnomalies, formatAnomaliesSummary, readValidationOptionsFile, validateStatistics, type ValidationOptions } from '../../validate/index.js';
import { reportFindings } from '../exitCodes.js';
import { addReadFlags, type ReadFlags, readOptionsFromFlags } from '../readFlags.js';

interface ValidateFlags extends ReadFlags {
  schema: string;
  previous?: string;
  serving?: string;
  previousVersion?: string;
  environment?: string;
  options?: string;
  output?: string;
  driftReport?: string;
  json?: boolean;
}

export function registerValidate(program: Command): void {
  const cmd = program
    .command('validate')
    .description("check statistics (or data) against a schema by TFDV's validate_statistics; exit 1 when anomalies are found")
    .argument('<stats|data>', 'statistics (.pb, .json, .pbtxt) or a data file, whose statistics are computed first')
    .requiredOption('--schema <file>', 'the schema (.pbtxt text format, .json, .pb)')
    .option('--previous <stats|data>', "the previous span, for drift_comparator and num_examples_drift_comparator")
    .option('--serving <stats|data>', 'serving statistics, for skew_comparator')
    .option('--previous-version <stats|data>', 'the previous version, for num_examples_version_comparator')
    .option('--environment <name>', 'validate as this environment (one of the schema default_environment)')
    .option('--options <file>', "ValidationOptions as JSON by TFDV's names (severity_overrides, new_features_are_warnings, features_needed); flags override it")
    .option('--drift-report <file>', 'write every distance (L-inf, NAD, JSD, PSI, KS, normalized Wasserstein) against --previous (else --serving) as JSON')
    .option('-o, --output <file>', 'write the Anomalies: .pb binary (SchemaDiff.pb), .json, .pbtxt text format')
    .option('--json', 'print the Anomalies as one proto3 JSON document');
  addReadFlags(cmd)
    .action(async (input: string, opts: ValidateFlags) => {
      if (opts.output) encodingFromPath(opts.output); // a bad extension fails before the work
      const schema = readSchema(opts.schema);
      const options: ValidationOptions = opts.options ? readValidationOptionsFile(opts.options) : {};
      if (opts.environment !== undefined) options.environment = opts.environment;
      const read = { read: readOptionsFromFlags(opts) };
      const stats = await statisticsFromPath(input, read);
      if (opts.previous) options.previousStatistics = await statisticsFromPath(opts.previous, read);
      if (opts.serving) options.servingStatistics = await statisticsFromPath(opts.serving, read);
      if (opts.previousVersion) options.previousVersionStatistics = await statisticsFromPath(opts.previousVersion, read);
      const baseline = options.previousStatistics ?? options.servingStatistics;
      if (opts.driftReport && !baseline) throw arrowlineError('E_OPTION_INVALID', '--drift-report needs --previous or --serving statistics to compare against');
      const anomalies = validateStatistics(stats, schema, options);
      if (opts.driftReport) writeFileAtomic(opts.driftReport, `${JSON.stringify(computeDrift(stats, baseline!), null, 2)}\n`);
      if (opts.output) writeMessageFile(AnomaliesSchema, anomalies, opts.output);
      if (opts.json) process.stdout.write(encodeMessage(AnomaliesSchema, anomalies, 'json'));
      else process.stdout.write(`${formatAnomaliesSummary(anomalies)}\n`);
      if (countAnomalies(anomalies) > 0) reportFindings();
    });
}
