/**
 * Statistics over many files or shards on a piscina pool: each worker folds one shard into an
 * accumulator (one per slice with slicing columns) and returns its serialized state; the main thread merges the states in shard
 * order, so the result equals one run over all the data (exact fields identical, sketches within
 * their bounds) whatever the number of workers.
 */
import { availableParallelism } from 'node:os';

import { Piscina } from 'piscina';

import { arrowlineError, type ErrorCode } from '../errors.js';
import type { DatasetStatsAccumulator } from '../native/index.js';
import type { DatasetFeatureStatisticsList } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { checkStatisticsOptions, decodeSliced, mergeSliced, type PartialStatistics, type SlicedPartial, type StatisticsOptions, statisticsFromSliced } from '../stats/index.js';
import type { ShardResult } from './statsWorker.js';

export interface ParallelStatisticsOptions extends StatisticsOptions {
  /** Worker threads (default: one per core, at most one per shard). */
  workers?: number;
}

export interface ParallelStatisticsResult {
  accumulator: DatasetStatsAccumulator;
  /** The default slice's accumulator and, with a weight feature, the weighted one. */
  partial: PartialStatistics;
  /** Every slice's partial statistics (with slicing columns; else just `partial`). */
  state: SlicedPartial;
  /** Distinct worker threads that computed shards (at most `workers`; short shards may all land on one). */
  workersUsed: number;
  /** Worker threads the pool ran. */
  workers: number;
}

function workerFile(): { filename: string; workerData?: { entry: string } } {
  const self = new URL(import.meta.url);
  if (self.pathname.endsWith('.ts')) {
    return { filename: new URL('./tsWorkerBootstrap.mjs', self).href, workerData: { entry: new URL('./statsWorker.ts', self).href } };
  }
  return { filename: new URL('./statsWorker.js', self).href };
}

/** Folds every shard on the pool and merges the states in shard order. */
export async function accumulateStatisticsParallel(shards: readonly string[], options: ParallelStatisticsOptions = {}): Promise<ParallelStatisticsResult> {
  if (shards.length === 0) throw arrowlineError('E_OPTION_INVALID', 'parallel statistics need at least one shard');
  const { workers, ...stats } = options;
  const n = Math.max(1, Math.min(workers ?? availableParallelism(), shards.length));
  if (!Number.isInteger(n)) throw arrowlineError('E_OPTION_INVALID', `workers must be a positive integer, got ${workers}`);
  checkStatisticsOptions(stats);
  // each worker's native threads: the cores shared among the workers
  const { onWarning, ...cloneable } = stats;
  const perWorker: StatisticsOptions = { ...cloneable, threads: stats.threads ?? Math.max(1, Math.floor(availableParallelism() / n)) };
  const pool = new Piscina({ ...workerFile(), minThreads: n, maxThreads: n, idleTimeout: 100 });
  try {
    const answers = await Promise.all(shards.map((path) => pool.run({ path, options: perWorker }) as Promise<ShardResult>));
    const results = answers.map((a) => {
      if ('error' in a) throw arrowlineError(a.error.code as ErrorCode, a.error.message);
      return a;
    });
    // each distinct warning once (every shard skips the same columns)
    const warn = checkStatisticsOptions({ onWarning }).onWarning;
    for (const w of new Set(results.flatMap((r) => r.warnings))) warn(w);
    const state = decodeSliced(results[0]!.state);
    for (const r of results.slice(1)) mergeSliced(state, decodeSliced(r.state));
    return { accumulator: state.all.acc, partial: state.all, state, workersUsed: new Set(results.map((r) => r.threadId)).size, workers: pool.threads.length };
  } finally {
    await pool.destroy();
  }
}

export async function computeStatisticsParallel(shards: readonly string[], options: ParallelStatisticsOptions = {}): Promise<DatasetFeatureStatisticsList> {
  const { workers: _workers, ...stats } = options;
  void _workers;
  return statisticsFromSliced((await accumulateStatisticsParallel(shards, options)).state, stats);
}
