/**
 * The piscina worker of parallel statistics: one shard (a data file) folded into a fresh
 * accumulator, returned as its serialized state (the mergeable partial statistics) with the id of
 * the thread that did it.
 */
import { threadId } from 'node:worker_threads';

import { isArrowlineError } from '../errors.js';
import { accumulateSlicedStatistics, encodeSliced, type StatisticsOptions } from '../stats/index.js';

export interface ShardTask {
  path: string;
  options: StatisticsOptions;
}

export type ShardResult = { state: Uint8Array; threadId: number; warnings: string[] } | { error: { code: string; message: string } };

/** Errors come back as data: an ArrowlineError's code does not survive a thread boundary. */
export default async function statsShard(task: ShardTask): Promise<ShardResult> {
  try {
    // the accumulator's state, with a weight feature both states packed (partialState.ts), with
    // slicing columns every slice's (slicedState.ts)
    // warnings (skipped columns) travel back as data: functions do not cross a thread boundary
    const warnings: string[] = [];
    const state = encodeSliced(await accumulateSlicedStatistics(task.path, { ...task.options, onWarning: (m) => warnings.push(m) }));
    return { state, threadId, warnings };
  } catch (err) {
    if (isArrowlineError(err)) return { error: { code: err.code, message: err.message } };
    throw err;
  }
}
