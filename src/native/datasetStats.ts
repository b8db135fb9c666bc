/**
 * The native dataset statistics accumulator (BasicStats: presence, valency, moments, string
 * lengths, invalid UTF-8) over Arrow record batches: every column of a batch goes to the addon
 * as a zero-copy descriptor in one call, the column passes run on native threads, and the
 * results fold in column order.
 */
import type { RecordBatch, Table } from 'apache-arrow';

import { arrowlineError, withContext, withContextAsync } from '../errors.js';
import type { NativeBatch, NativeDatasetStats, NativeExecOptions, NativeHistogramOptions, NativeStatsAccumulator } from './binding.js';
import { describeData } from './columnView.js';
import { type ExecOptions, nativeOptions } from './execOptions.js';
import { loadAddon } from './loader.js';
import { UpdateQueue } from './updateQueue.js';

export function describeBatch(batch: RecordBatch): NativeBatch {
  return {
    numRows: batch.numRows,
    columns: batch.schema.fields.map((field, i) => ({ name: field.name, column: describeData(batch.data.children[i]!, field.name) })),
  };
}

/** What the schema makes of features (TFDV's schema-driven statistics). */
export interface FeatureRoles {
  /** Integer features to describe with string statistics. */
  categorical?: string[];
  /** Features to describe with bytes statistics (no top-k or distinct sketches). */
  bytes?: string[];
}

function updateOptions(options: (ExecOptions & FeatureRoles) | undefined): NativeExecOptions {
  const { categorical, bytes, ...exec } = options ?? {};
  return { ...nativeOptions(exec), ...(categorical?.length ? { categorical } : {}), ...(bytes?.length ? { bytes } : {}) };
}

export class DatasetStatsAccumulator {
  private constructor(private readonly handle: NativeStatsAccumulator) {}

  /**
   * `epsilon`: error bound of the quantile sketches (TFDV's StatsOptions.epsilon, default 0.01);
   * `topKBuckets`: Misra-Gries counters per string feature (TFDV: max(1024, num_top_values,
   * num_rank_histogram_buckets)).
   */
  static create(options: { epsilon?: number; topKBuckets?: number } = {}): DatasetStatsAccumulator {
    return withContext({}, () => new DatasetStatsAccumulator(new (loadAddon().StatsAccumulator)(options)));
  }

  /** Restores a state written by serialize() (format v2 "ALST", v1 still read). */
  static deserialize(bytes: Uint8Array, source?: string): DatasetStatsAccumulator {
    return withContext(source ? { file: source } : {}, () => new DatasetStatsAccumulator(loadAddon().StatsAccumulator.deserialize(bytes)));
  }

  // Updates of one accumulator run one at a time (each commits the states it folded).
  private readonly updates = new UpdateQueue();

  /**
   * Folds every record batch of `data` in: one native call for the whole table, columns spread
   * over native threads, each column's chunks in batch order (off the event loop when large).
   * `categorical`: integer features to describe with string statistics (the schema marks them
   * categorical); `bytes`: features to describe with bytes statistics (an image_domain).
   */
  update(data: Table | RecordBatch, options?: ExecOptions & FeatureRoles): Promise<this> {
    const opts = updateOptions(options);
    const batches = ('batches' in data ? data.batches : [data]).map(describeBatch);
    return this.updates.run(() => withContextAsync({}, () => this.handle.updateAsync(batches, opts))).then(() => this);
  }

  /**
   * Same, on the calling thread. Updates of up to 65,536 column values fold in place wherever
   * they run (a request's batch costs what its rows cost); larger asynchronous ones fold copies
   * of the touched states on a worker thread.
   */
  updateSync(data: Table | RecordBatch, options?: ExecOptions & FeatureRoles): this {
    this.updates.assertIdle('updateSync');
    const opts = updateOptions(options);
    const batches = ('batches' in data ? data.batches : [data]).map(describeBatch);
    withContext({}, () => this.handle.update(batches, opts));
    return this;
  }

  /** Merges `other` in; a type or nest-level conflict is E_SCHEMA_MISMATCH and leaves this unchanged. */
  merge(other: DatasetStatsAccumulator): this {
    if (!(other instanceof DatasetStatsAccumulator)) throw arrowlineError('E_OPTION_INVALID', 'merge expects a DatasetStatsAccumulator');
    this.updates.assertIdle('merge');
    this.handle.merge(other.handle);
    return this;
  }

  serialize(): Uint8Array {
    return this.handle.serialize();
  }

  /** The statistics so far; histogram sizes as TFDV's StatsOptions (10 buckets each by default). */
  finalize(options?: NativeHistogramOptions): NativeDatasetStats {
    return withContext({}, () => this.handle.finalize(options));
  }
}
