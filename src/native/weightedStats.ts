/**
 * The weighted statistics accumulator (StatsOptions.weight_feature): record batches folded in
 * with every row's weight taken from the weight column, off the event loop, columns on native
 * threads. Mergeable; finalize gives the weighted fields of every feature.
 */
import type { RecordBatch, Table } from 'apache-arrow';

import { withContext, withContextAsync } from '../errors.js';
import type { NativeHistogramOptions, NativeWeightedAccumulator, NativeWeightedStats } from './binding.js';
import { describeBatch } from './datasetStats.js';
import { type ExecOptions, nativeOptions } from './execOptions.js';
import { loadAddon } from './loader.js';
import { UpdateQueue } from './updateQueue.js';

export class WeightedStatsAccumulator {
  private readonly updates = new UpdateQueue();

  private constructor(
    private readonly handle: NativeWeightedAccumulator,
    readonly weightFeature: string,
  ) {}

  static create(weightFeature: string, options: { epsilon?: number; topKBuckets?: number } = {}): WeightedStatsAccumulator {
    return withContext({}, () => new WeightedStatsAccumulator(new (loadAddon().WeightedStatsAccumulator)(options), weightFeature));
  }

  /**
   * Weights and types are checked before anything changes; updates of up to 65,536 column values
   * fold in place on the calling thread, larger ones fold a copy on a worker thread.
   */
  update(data: Table | RecordBatch, options?: ExecOptions): Promise<this> {
    const opts = nativeOptions(options);
    const batches = ('batches' in data ? data.batches : [data]).map(describeBatch);
    return this.updates.run(() => withContextAsync({}, () => this.handle.updateAsync(batches, this.weightFeature, opts))).then(() => this);
  }

  merge(other: WeightedStatsAccumulator): this {
    this.updates.assertIdle('merge');
    withContext({}, () => this.handle.merge(other.handle));
    return this;
  }

  finalize(options?: NativeHistogramOptions): NativeWeightedStats {
    return withContext({}, () => this.handle.finalize(options));
  }

  /** The versioned state ("ALWS", format v1), for partial statistics. */
  serialize(): Uint8Array {
    return this.handle.serialize();
  }

  static deserialize(bytes: Uint8Array, weightFeature: string, source?: string): WeightedStatsAccumulator {
    return withContext(source ? { file: source } : {}, () => new WeightedStatsAccumulator(loadAddon().WeightedStatsAccumulator.deserialize(bytes), weightFeature));
  }
}
