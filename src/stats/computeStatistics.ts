/**
 * computeStatistics(tableOrPath, options): TFDV's generate_statistics_from_* for Node. One
 * native pass per column (on `threads` native threads, off the event loop), folded into a
 * mergeable accumulator per feature, returned as a tensorflow_metadata
 * DatasetFeatureStatisticsList with one unsliced dataset.
 */
import { create } from '@bufbuild/protobuf';
import type { RecordBatch, Table } from 'apache-arrow';
import { availableParallelism } from 'node:os';

import { arrowlineError } from '../errors.js';
import { type ReadOptions, readTable } from '../io/readTable.js';
import { DatasetStatsAccumulator, type Device, groupRows, takeBatch, WeightedStatsAccumulator } from '../native/index.js';
import { addWeightedStatistics } from './weightedToProto.js';
import type { PartialStatistics } from './partialState.js';
import type { SlicedPartial } from './slicedState.js';
import { describableColumns } from './describable.js';
import { bytesFeatures, categoricalFeatures, featureRoles } from './schemaDriven.js';
import type { Schema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { DEFAULT_SLICE_NAME, sliceName } from './slices.js';
import {
  type DatasetFeatureStatisticsList,
  DatasetFeatureStatisticsListSchema,
} from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { datasetToProto } from './toProto.js';

/** TFDV's StatsOptions (camelCased) that arrowline implements so far, plus where to run. */
export interface StatisticsOptions {
  /** Native threads (default: all cores). */
  threads?: number;
  device?: Device;
  /** Error bound of the quantile sketches (default 0.01). */
  epsilon?: number;
  /** Buckets of the STANDARD numeric histogram (default 10). */
  numHistogramBuckets?: number;
  /** Buckets of the QUANTILES numeric histogram (default 10). */
  numQuantilesHistogramBuckets?: number;
  /** Buckets of num_values_histogram (default 10, must be > 1). */
  numValuesHistogramBuckets?: number;
  /** Entries of top_values (default 20). */
  numTopValues?: number;
  /** Entries of rank_histogram (default 1000). */
  numRankHistogramBuckets?: number;
  /** Top values with a count below this are dropped (default 1). */
  frequencyThreshold?: number;
  /** Only these features (columns); a name not in the data is E_NOT_FOUND. */
  featureAllowlist?: string[];
  /** How a data file is read (format, CSV options); CSV parses on `threads` threads unless set. */
  read?: ReadOptions;
  /**
   * Slice on these columns' values (TFDV's feature value slicer): one dataset per value (or
   * combination of values), named "<column>_<value>" ("_"-joined for several columns), after the
   * default slice "All Examples". Rows where a slicing column is missing are in no slice.
   */
  slices?: string[];
  /**
   * TFDV's weight_feature: a numeric column with each example's weight (present in every row),
   * which fills every weighted_* field (weighted_num_examples, weighted_common_stats,
   * weighted_numeric_stats, weighted_string_stats), in every slice and partial state.
   */
  weightFeature?: string;
  /** TFDV's StatsOptions.schema: INT features it marks categorical get string statistics, image_domain features bytes statistics. */
  schema?: Schema;
  /**
   * A column statistics cannot describe (a struct, or another type without a mapping) is an
   * E_UNSUPPORTED_TYPE error instead of a skipped column with a warning. Default false.
   */
  strict?: boolean;
  /** Where warnings go (skipped columns); default process.emitWarning. */
  onWarning?: (message: string) => void;
}

export const DEFAULT_STATISTICS_OPTIONS = Object.freeze({
  device: 'auto' as Device,
  epsilon: 0.01,
  numHistogramBuckets: 10,
  numQuantilesHistogramBuckets: 10,
  numValuesHistogramBuckets: 10,
  numTopValues: 20,
  numRankHistogramBuckets: 1000,
  frequencyThreshold: 1,
});

const KEYS = [
  'threads',
  'device',
  'epsilon',
  'numHistogramBuckets',
  'numQuantilesHistogramBuckets',
  'numValuesHistogramBuckets',
  'numTopValues',
  'numRankHistogramBuckets',
  'frequencyThreshold',
  'featureAllowlist',
  'read',
  'slices',
  'weightFeature',
  'schema',
  'strict',
  'onWarning',
];

function bucketCount(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min || value > 1e6) {
    throw arrowlineError('E_OPTION_INVALID', `${name} must be an integer from ${min} to 1000000, not ${value}`);
  }
  return value;
}

export function checkStatisticsOptions(options: StatisticsOptions): Required<StatisticsOptions> {
  for (const key of Object.keys(options)) {
    if (!KEYS.includes(key)) throw arrowlineError('E_OPTION_INVALID', `unknown statistics option '${key}' (expected one of ${KEYS.join(', ')})`);
  }
  const d = DEFAULT_STATISTICS_OPTIONS;
  const epsilon = options.epsilon ?? d.epsilon;
  if (!(epsilon > 0 && epsilon < 1)) throw arrowlineError('E_OPTION_INVALID', `epsilon must be between 0 and 1 (exclusive), not ${epsilon}`);
  return {
    threads: options.threads ?? availableParallelism(),
    device: options.device ?? d.device,
    epsilon,
    numHistogramBuckets: bucketCount('numHistogramBuckets', options.numHistogramBuckets ?? d.numHistogramBuckets, 1),
    numQuantilesHistogramBuckets: bucketCount('numQuantilesHistogramBuckets', options.numQuantilesHistogramBuckets ?? d.numQuantilesHistogramBuckets, 1),
    numValuesHistogramBuckets: bucketCount('numValuesHistogramBuckets', options.numValuesHistogramBuckets ?? d.numValuesHistogramBuckets, 2),
    numTopValues: bucketCount('numTopValues', options.numTopValues ?? d.numTopValues, 1),
    numRankHistogramBuckets: bucketCount('numRankHistogramBuckets', options.numRankHistogramBuckets ?? d.numRankHistogramBuckets, 1),
    frequencyThreshold: options.frequencyThreshold ?? d.frequencyThreshold,
    featureAllowlist: options.featureAllowlist ?? [],
    read: options.read ?? {},
    slices: options.slices ?? [],
    weightFeature: options.weightFeature ?? '',
    schema: options.schema ?? (undefined as unknown as Schema),
    strict: options.strict ?? false,
    onWarning: options.onWarning ?? ((message: string) => process.emitWarning(message, { code: 'ARROWLINE_SKIPPED_COLUMN' })),
  };
}

/** The table statistics describe: `data` itself, or the file it names (only the allowlisted columns). */
function inputTable(data: Table | RecordBatch | string, opts: Required<StatisticsOptions>): Table | RecordBatch {
  const allow = opts.featureAllowlist.length > 0 ? [...new Set([...opts.featureAllowlist, ...opts.slices])] : undefined;
  const read: ReadOptions = { ...opts.read, csv: { threads: opts.threads, ...opts.read.csv } };
  let table = typeof data === 'string' ? readTable(data, allow ? { ...read, columns: allow } : read) : data;
  table = describableColumns(table, opts.strict, opts.onWarning, typeof data === 'string' ? data : undefined);
  if (allow && typeof data !== 'string') {
    const names = table.schema.fields.map((f) => f.name);
    for (const c of allow) if (!names.includes(c)) throw arrowlineError('E_NOT_FOUND', `feature_allowlist names '${c}', which is not a column (columns: ${names.join(', ')})`, { column: c });
    table = (table as Table).select(allow);
  }
  return table;
}

/** Folds `data` into a new accumulator (the mergeable, serializable partial statistics). */
export async function accumulateStatistics(
  data: Table | RecordBatch | string,
  options: StatisticsOptions = {},
): Promise<DatasetStatsAccumulator> {
  const opts = checkStatisticsOptions(options);
  if (opts.weightFeature) throw arrowlineError('E_OPTION_INVALID', 'accumulateStatistics holds no weighted statistics: use accumulatePartialStatistics with weightFeature');
  const acc = DatasetStatsAccumulator.create({ epsilon: opts.epsilon, topKBuckets: topKBuckets(opts) });
  return acc.update(inputTable(data, opts), { threads: opts.threads, device: opts.device, ...featureRoles(opts.schema) });
}

/** The default slice's partial statistics and one per slice (see slicedState.ts). */
export type SlicedAccumulators = SlicedPartial;

/** Empty partial statistics: the accumulator, and the weighted one when there is a weight feature. */
function emptyPartial(opts: Required<StatisticsOptions>): PartialStatistics {
  const config = { epsilon: opts.epsilon, topKBuckets: topKBuckets(opts) };
  return { acc: DatasetStatsAccumulator.create(config), ...(opts.weightFeature ? { weighted: WeightedStatsAccumulator.create(opts.weightFeature, config) } : {}) };
}

/** Empty sliced partial statistics for `opts` (sliced on opts.slices, or unsliced). */
export function emptySliced(opts: Required<StatisticsOptions>): SlicedPartial {
  return { columns: [...opts.slices], all: emptyPartial(opts), slices: new Map() };
}

async function updatePartial(p: PartialStatistics, data: Table | RecordBatch, opts: Required<StatisticsOptions>): Promise<PartialStatistics> {
  const exec = { threads: opts.threads, device: opts.device };
  await p.acc.update(data, { ...exec, ...featureRoles(opts.schema) });
  if (p.weighted) await p.weighted.update(data, exec);
  return p;
}

/** The input table, with the weight column kept when an allowlist would drop it. */
export function inputWithWeight(data: Table | RecordBatch | string, opts: Required<StatisticsOptions>): Table | RecordBatch {
  const allow = opts.featureAllowlist.length > 0 && opts.weightFeature ? [...opts.featureAllowlist, opts.weightFeature] : opts.featureAllowlist;
  return inputTable(data, { ...opts, featureAllowlist: allow });
}

/**
 * Folds `table` into `state`: every row into the default slice, and with slicing columns each
 * row into its slice (rows grouped natively per batch; a slice seen first makes a new partial).
 */
export async function updateSliced(state: SlicedPartial, table: Table | RecordBatch, opts: Required<StatisticsOptions>): Promise<SlicedPartial> {
  await updatePartial(state.all, table, opts);
  if (state.columns.length === 0) return state;
  const batches = 'batches' in table ? table.batches : [table];
  for (const batch of batches) {
    const { rows, firstRow } = groupRows(batch, state.columns);
    for (let g = 0; g < rows.length; g++) {
      const name = sliceName(batch, state.columns, firstRow[g]!);
      let p = state.slices.get(name);
      if (!p) state.slices.set(name, (p = emptyPartial(opts)));
      await updatePartial(p, takeBatch(batch, rows[g]!), opts);
    }
  }
  return state;
}

/** Accumulates the default slice and every slice of `options.slices` (see StatisticsOptions.slices), weighted too with a weight feature. */
export async function accumulateSlicedStatistics(data: Table | RecordBatch | string, options: StatisticsOptions = {}): Promise<SlicedAccumulators> {
  const opts = checkStatisticsOptions(options);
  const state = await updateSliced(emptySliced(opts), inputWithWeight(data, opts), opts);
  return { ...state, slices: sortedByName(state.slices) };
}

function sortedByName<T>(m: Map<string, T>): Map<string, T> {
  return new Map([...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The statistics of sliced partial states: unsliced, one unnamed dataset; sliced, the default
 * slice "All Examples" and then every slice in name order.
 */
export function statisticsFromSliced(state: SlicedPartial, options: StatisticsOptions = {}): DatasetFeatureStatisticsList {
  if (state.columns.length === 0) return statisticsFromPartial(state.all, options);
  const datasets = [
    statisticsFromPartial(state.all, options, DEFAULT_SLICE_NAME).datasets[0]!,
    ...[...sortedByName(state.slices)].map(([name, p]) => statisticsFromPartial(p, options, name).datasets[0]!),
  ];
  return create(DatasetFeatureStatisticsListSchema, { datasets });
}

function histogramOptions(opts: Required<StatisticsOptions>) {
  return {
    numHistogramBuckets: opts.numHistogramBuckets,
    numQuantilesHistogramBuckets: opts.numQuantilesHistogramBuckets,
    numValuesHistogramBuckets: opts.numValuesHistogramBuckets,
    numTopValues: opts.numTopValues,
    numRankHistogramBuckets: opts.numRankHistogramBuckets,
    frequencyThreshold: opts.frequencyThreshold,
  };
}

/** Misra-Gries counters per feature, as TFDV sizes them. */
function topKBuckets(opts: Required<StatisticsOptions>): number {
  return Math.max(1024, opts.numTopValues, opts.numRankHistogramBuckets);
}

/** The statistics of an accumulator (after any merges), as a DatasetFeatureStatisticsList. */
export function statisticsFromAccumulator(acc: DatasetStatsAccumulator, options: StatisticsOptions = {}, datasetName = ''): DatasetFeatureStatisticsList {
  const opts = checkStatisticsOptions(options);
  const finalized = acc.finalize(histogramOptions(opts));
  const dataset = datasetToProto(finalized, datasetName, { numTopValues: opts.numTopValues, numRankHistogramBuckets: opts.numRankHistogramBuckets, categorical: new Set(categoricalFeatures(opts.schema)), bytes: new Set(bytesFeatures(opts.schema)) });
  return create(DatasetFeatureStatisticsListSchema, { datasets: [dataset] });
}

/**
 * TFDV's generate_statistics_from_* for Node: one native pass per column (on `threads` native
 * threads, off the event loop) into mergeable accumulators, returned as a tensorflow_metadata
 * DatasetFeatureStatisticsList with one unsliced dataset.
 */
export async function computeStatistics(
  data: Table | RecordBatch | string,
  options: StatisticsOptions = {},
): Promise<DatasetFeatureStatisticsList> {
  if (!options.slices || options.slices.length === 0) return statisticsFromPartial(await accumulatePartialStatistics(data, options), options);
  return statisticsFromSliced(await accumulateSlicedStatistics(data, options), options);
}

/**
 * The partial statistics of `data`: the accumulator, and with a weight feature the weighted
 * accumulator over the same rows (both mergeable and serializable: partialState.ts).
 */
export async function accumulatePartialStatistics(data: Table | RecordBatch | string, options: StatisticsOptions = {}): Promise<PartialStatistics> {
  if (!options.weightFeature) return { acc: await accumulateStatistics(data, options) };
  const opts = checkStatisticsOptions(options);
  return updatePartial(emptyPartial(opts), inputWithWeight(data, opts), opts);
}

/** The statistics of partial states (after any merges), weighted fields included when present. */
export function statisticsFromPartial(p: PartialStatistics, options: StatisticsOptions = {}, datasetName = ''): DatasetFeatureStatisticsList {
  const list = statisticsFromAccumulator(p.acc, options, datasetName);
  if (p.weighted) {
    const opts = checkStatisticsOptions(options);
    addWeightedStatistics(list.datasets[0]!, p.weighted.finalize(histogramOptions(opts)), { numTopValues: opts.numTopValues, numRankHistogramBuckets: opts.numRankHistogramBuckets });
  }
  return list;
}

