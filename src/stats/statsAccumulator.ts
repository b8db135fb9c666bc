/**
 * createStatsAccumulator(options): statistics of data that arrives a batch at a time (a Node
 * service profiling its own traffic, a stream, shards on several machines) as one mergeable,
 * serializable object: update(batch) folds rows in natively (off the event loop), merge() adds
 * another accumulator or its serialized bytes, serialize() gives the partial state that
 * `arrowline stats merge` reads (and deserialize() takes back), finalize() gives the
 * DatasetFeatureStatisticsList. Every StatisticsOptions applies: weights, slices, the schema,
 * the feature allowlist, histogram sizes.
 */
import type { RecordBatch, Table } from 'apache-arrow';

import { arrowlineError } from '../errors.js';
import type { DatasetFeatureStatisticsList } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { checkStatisticsOptions, emptySliced, inputWithWeight, type StatisticsOptions, statisticsFromSliced, updateSliced } from './computeStatistics.js';
import { decodeSliced, encodeSliced, mergeSliced, type SlicedPartial } from './slicedState.js';

export class StatsAccumulator {
  private pending: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly options: StatisticsOptions,
    private state: SlicedPartial,
  ) {}

  /** An empty accumulator; the options are checked here (E_OPTION_INVALID). */
  static create(options: StatisticsOptions = {}): StatsAccumulator {
    return new StatsAccumulator(options, emptySliced(checkStatisticsOptions(options)));
  }

  /**
   * An accumulator from serialize()'s bytes (or a `stats --partial` file's). `options` are those
   * to finalize with; the state keeps its own epsilon, top-k size, weight feature and slicing
   * columns, and options that name others are E_OPTION_INVALID.
   */
  static deserialize(bytes: Uint8Array, options: StatisticsOptions = {}, source?: string): StatsAccumulator {
    const state = decodeSliced(bytes, source);
    const weight = state.all.weighted?.weightFeature ?? '';
    if (options.weightFeature !== undefined && options.weightFeature !== weight) {
      throw arrowlineError('E_OPTION_INVALID', `the state's weight feature is ${weight ? `'${weight}'` : 'not set'}, not '${options.weightFeature}'`);
    }
    if (options.slices !== undefined && options.slices.join('\u0000') !== state.columns.join('\u0000')) {
      throw arrowlineError('E_OPTION_INVALID', `the state is sliced on ${state.columns.length ? state.columns.join(', ') : 'no columns'}, not on ${options.slices.join(', ') || 'no columns'}`);
    }
    const merged = { ...options, slices: state.columns, ...(weight ? { weightFeature: weight } : {}) };
    checkStatisticsOptions(merged);
    return new StatsAccumulator(merged, state);
  }

  /**
   * Folds a table or record batch in. Updates run one after another in call order (each awaits
   * the previous), so concurrent calls from request handlers are safe.
   */
  update(data: Table | RecordBatch): Promise<this> {
    const opts = checkStatisticsOptions(this.options);
    const run = this.pending.then(() => updateSliced(this.state, inputWithWeight(data, opts), opts));
    this.pending = run.catch(() => undefined);
    return run.then(() => this);
  }

  /**
   * Merges another accumulator (or its serialized bytes) in, after the updates already queued;
   * `other` is left unchanged. Different options (epsilon, weight feature, slicing columns) are
   * E_OPTION_INVALID and change nothing.
   */
  merge(other: StatsAccumulator | Uint8Array): Promise<this> {
    // Through the bytes: a merge takes over the slices this one lacks, so it gets its own copies.
    const bytes = other instanceof StatsAccumulator ? other.serialize() : other;
    const run = this.pending.then(() => {
      const copy = decodeSliced(this.serialize());
      mergeSliced(copy, decodeSliced(bytes));
      this.state = copy;
    });
    this.pending = run.catch(() => undefined);
    return run.then(() => this);
  }

  /** The mergeable state: what `arrowline stats --partial` writes and `stats merge` reads. */
  serialize(): Uint8Array {
    return encodeSliced(this.state);
  }

  /** The statistics so far (the accumulator stays usable). */
  finalize(): DatasetFeatureStatisticsList {
    return statisticsFromSliced(this.state, this.options);
  }
}

export function createStatsAccumulator(options: StatisticsOptions = {}): StatsAccumulator {
  return StatsAccumulator.create(options);
}
