import { readFileSync } from 'node:fs';

import type { Command } from 'commander';

import { arrowlineError } from '../../errors.js';
import { writeFileAtomic } from '../../io/atomicWrite.js';
import type { Device } from '../../native/index.js';
import { encodeMessage, encodingFromPath } from '../../proto/codec.js';
import { type DatasetFeatureStatisticsList, DatasetFeatureStatisticsListSchema } from '../../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import {
  accumulateSlicedStatistics,
  decodeSliced,
  encodeSliced,
  formatStatisticsSummary,
  mergeSliced,
  readStatsOptionsFile,
  type SlicedPartial,
  type StatisticsOptions,
  statisticsFromSliced,
} from '../../stats/index.js';
import { accumulateStatisticsParallel } from '../../parallel/statsPool.js';
import { readSchema } from '../../schema/index.js';
import { parseIntOption } from '../parse.js';
import { addReadFlags, type ReadFlags, readOptionsFromFlags, reportBadRows } from '../readFlags.js';

interface StatsFlags extends ReadFlags {
  schema?: string;
  slice?: string[];
  weight?: string;
  workers?: number;
  options?: string;
  output?: string;
  threads?: number;
  device: string;
  json?: boolean;
  partial?: boolean;
}

const warn = (message: string) => process.stderr.write(`arrowline: warning: ${message}\n`);

/** --options FILE (TFDV StatsOptions JSON), then the flags, which win. */
function statisticsOptions(opts: StatsFlags): StatisticsOptions {
  const fromFile = opts.options ? readStatsOptionsFile(opts.options, warn) : {};
  return { ...fromFile, ...(opts.threads ? { threads: opts.threads } : {}), ...(opts.slice ? { slices: opts.slice } : {}), ...(opts.weight ? { weightFeature: opts.weight } : {}), ...(opts.schema ? { schema: readSchema(opts.schema) } : {}), strict: opts.strict ?? false, onWarning: warn, device: opts.device as Device, read: readOptionsFromFlags(opts) };
}

function emit(stats: DatasetFeatureStatisticsList, opts: StatsFlags): void {
  if (opts.output) writeFileAtomic(opts.output, encodeMessage(DatasetFeatureStatisticsListSchema, stats, encodingFromPath(opts.output)));
  if (opts.json) process.stdout.write(encodeMessage(DatasetFeatureStatisticsListSchema, stats, 'json'));
  else if (!opts.output) process.stdout.write(`${formatStatisticsSummary(stats)}\n`);
}

function readState(path: string): SlicedPartial {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw arrowlineError('E_NOT_FOUND', 'cannot read the partial statistics', { file: path, cause: err });
  }
  return decodeSliced(bytes, path);
}

/** --partial: the mergeable state to -o FILE; else the statistics. */
function finish(state: SlicedPartial, options: StatisticsOptions, opts: StatsFlags): void {
  if (opts.partial) {
    if (!opts.output) throw arrowlineError('E_OPTION_INVALID', '--partial needs -o FILE (.alstate)');
    writeFileAtomic(opts.output, encodeSliced(state));
    return;
  }
  emit(statisticsFromSliced(state, options), opts);
}

/** `stats merge <partial>... -o FILE`: merges partial states (sliced alike) in argument order. */
function merge(paths: string[], opts: StatsFlags): void {
  if (paths.length === 0) throw arrowlineError('E_OPTION_INVALID', 'stats merge needs at least one partial statistics file (.alstate)');
  const merged = readState(paths[0]!);
  for (const p of paths.slice(1)) mergeSliced(merged, readState(p));
  finish(merged, statisticsOptions(opts), opts);
}

export function registerStats(program: Command): void {
  const cmd = program
    .command('stats')
    .usage('<data> [options]\n       arrowline stats merge <partial>... -o FILE')
    .description('TFDV-compatible statistics of a data file (DatasetFeatureStatisticsList); `stats merge` combines partial states')
    .argument('<data...>', 'data files (CSV, TSV, JSON/NDJSON, Parquet, Arrow IPC; several run on a worker pool and merge), or `merge` and partial states')
    .option('-o, --output <file>', 'write the statistics: .pb binary, .json proto3 JSON, .pbtxt/.txt text format (.alstate with --partial)')
    .option('--options <file>', "TFDV StatsOptions as JSON (StatsOptions.to_json's field names); flags override it")
    .option('--threads <n>', 'native threads (default: all cores; with several files, per worker)', parseIntOption('--threads', 1, 1024))
    .option('--workers <n>', 'with several data files: worker threads, one file at a time each (default: one per core)', parseIntOption('--workers', 1, 256))
    .option('--device <device>', 'auto | cpu | gpu', 'auto')
    .option('--partial', 'write the mergeable partial state (.alstate) instead of the statistics')
    .option('--schema <file>', "TFDV's StatsOptions.schema: INT features marked categorical (int_domain.is_categorical, bool_domain) get string statistics; image_domain features get bytes statistics (type BYTES)")
    .option('--weight <column>', "TFDV's weight_feature: every example weighted by this numeric column (fills the weighted_* fields)")
    .option('--slice <column>', 'one dataset per value of this column, after "All Examples" (repeatable: per combination)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--json', 'print the statistics as one proto3 JSON document on stdout');
  addReadFlags(cmd)
    .action(async (args: string[], opts: StatsFlags) => {
      if (!['auto', 'cpu', 'gpu'].includes(opts.device)) {
        throw arrowlineError('E_OPTION_INVALID', `--device must be auto, cpu or gpu, not '${opts.device}'`);
      }
      if (opts.output && !opts.partial) encodingFromPath(opts.output); // a bad extension fails before the work
      if (args[0] === 'merge') {
        merge(args.slice(1), opts);
        return;
      }
      const options = statisticsOptions(opts);
      if (args.length > 1) {
        // several files: one shard each on a piscina pool, states merged in argument order
        finish((await accumulateStatisticsParallel(args, { ...options, workers: opts.workers })).state, options, opts);
        return;
      }
      const state = await accumulateSlicedStatistics(args[0]!, options);
      reportBadRows(options.read!, args[0]!);
      finish(state, options, opts);
    });
}
