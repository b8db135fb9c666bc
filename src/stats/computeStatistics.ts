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
import { readTable } from '../io/readTable.js';
import { DatasetStatsAccumulator, type Device } from '../native/index.js';
import {
  type DatasetFeatureStatisticsList,
  DatasetFeatureStatisticsListSchema,
} from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { datasetToProto } from './toProto.js';

export interface StatisticsOptions {
  /** Native threads (default: all cores). */
  threads?: number;
  device?: Device;
}

export const DEFAULT_STATISTICS_OPTIONS: Readonly<Required<Pick<StatisticsOptions, 'device'>>> = Object.freeze({ device: 'auto' });

const KEYS = new Set(['threads', 'device']);

export function checkStatisticsOptions(options: StatisticsOptions): Required<StatisticsOptions> {
  for (const key of Object.keys(options)) {
    if (!KEYS.has(key)) throw arrowlineError('E_OPTION_INVALID', `unknown statistics option '${key}' (expected ${[...KEYS].join(', ')})`);
  }
  return {
    threads: options.threads ?? availableParallelism(),
    device: options.device ?? DEFAULT_STATISTICS_OPTIONS.device,
  };
}

export async function computeStatistics(
  data: Table | RecordBatch | string,
  options: StatisticsOptions = {},
): Promise<DatasetFeatureStatisticsList> {
  const opts = checkStatisticsOptions(options);
  const table = typeof data === 'string' ? readTable(data) : data;
  const acc = await DatasetStatsAccumulator.create().update(table, { threads: opts.threads, device: opts.device });
  return create(DatasetFeatureStatisticsListSchema, { datasets: [datasetToProto(acc.finalize())] });
}
