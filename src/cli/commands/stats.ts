import type { Command } from 'commander';

import { arrowlineError } from '../../errors.js';
import { writeFileAtomic } from '../../io/atomicWrite.js';
import { type Device } from '../../native/index.js';
import { encodeMessage, encodingFromPath } from '../../proto/codec.js';
import { DatasetFeatureStatisticsListSchema } from '../../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { computeStatistics, formatStatisticsSummary } from '../../stats/index.js';
import { parseIntOption } from '../parse.js';

export function registerStats(program: Command): void {
  program
    .command('stats')
    .description('TFDV-compatible statistics of a data file (DatasetFeatureStatisticsList)')
    .argument('<data>', 'data file (Arrow IPC now; CSV, JSON, Parquet with the ingestion issue)')
    .option('-o, --output <file>', 'write the statistics: .pb binary, .json proto3 JSON, .pbtxt/.txt text format')
    .option('--threads <n>', 'native threads (default: all cores)', parseIntOption('--threads', 1, 1024))
    .option('--device <device>', "auto | cpu | gpu", 'auto')
    .option('--json', 'print the statistics as one proto3 JSON document on stdout')
    .action(async (data: string, opts: { output?: string; threads?: number; device: string; json?: boolean }) => {
      if (!['auto', 'cpu', 'gpu'].includes(opts.device)) {
        throw arrowlineError('E_OPTION_INVALID', `--device must be auto, cpu or gpu, not '${opts.device}'`);
      }
      const encoding = opts.output ? encodingFromPath(opts.output) : undefined; // before the work, not after
      const stats = await computeStatistics(data, { ...(opts.threads ? { threads: opts.threads } : {}), device: opts.device as Device });
      if (opts.output && encoding) writeFileAtomic(opts.output, encodeMessage(DatasetFeatureStatisticsListSchema, stats, encoding));
      if (opts.json) process.stdout.write(encodeMessage(DatasetFeatureStatisticsListSchema, stats, 'json'));
      else if (!opts.output) process.stdout.write(`${formatStatisticsSummary(stats)}\n`);
    });
}
