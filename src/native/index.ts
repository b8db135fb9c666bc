/**
 * The one TypeScript module that calls the addon: column views in, plain results out, errors
 * translated to ArrowlineError with the column named. Everything above src/native calls these.
 */
import type { Data, Vector } from 'apache-arrow';

import { withContext, withContextAsync } from '../errors.js';
import {
  type Device,
  type NativeBatchFindings,
  type NativeColumnConstraints,
  type NativeColumnProfile,
  type NativeInfo,
  type NativeMoments,
  type NativeMomentsAccumulator,
} from './binding.js';
import { describeData, describeVector } from './columnView.js';
import { type ExecOptions, nativeOptions } from './execOptions.js';
import { loadAddon } from './loader.js';

export type { ColumnDescriptor } from './columnView.js';
export { describeData, describeVector } from './columnView.js';
export { NativeTypeId } from './typeId.js';
export { addonLoadAttempts, loadAddon } from './loader.js';
export type { Device, NativeBatchFindings, NativeColumnConstraints, NativeColumnProfile, NativeInfo, NativeMoments } from './binding.js';

export { type ExecOptions } from './execOptions.js';
export { DatasetStatsAccumulator } from './datasetStats.js';
export { WeightedStatsAccumulator } from './weightedStats.js';
export type { NativeWeightedFeature, NativeWeightedStats } from './binding.js';
export { groupRows, hashSplitRows, ownedToData, rowHashes, takeBatch, takeData } from './select.js';
export type { NativeBucket, NativeDatasetStats, NativeFeatureHistograms, NativeFeatureStats, NativeHistogramOptions, NativeLevelStats } from './binding.js';

export function nativeInfo(): NativeInfo {
  return loadAddon().info();
}

/** A mergeable moments accumulator (count, nulls, NaN, zeros, min, max, mean, M2) over numeric columns. */
export class MomentsAccumulator {
  private constructor(private readonly handle: NativeMomentsAccumulator) {}

  static create(): MomentsAccumulator {
    return new MomentsAccumulator(new (loadAddon().MomentsAccumulator)());
  }

  /** Restores a state written by serialize() (format v1, 72 bytes). */
  static deserialize(bytes: Uint8Array): MomentsAccumulator {
    return new MomentsAccumulator(loadAddon().MomentsAccumulator.deserialize(bytes));
  }

  /** Folds every chunk of `column` in, on the calling thread. */
  updateSync(column: Vector | Data, name = 'column', options?: ExecOptions): this {
    const opts = nativeOptions(options);
    withContext({ column: name }, () => {
      for (const d of chunksOf(column, name)) this.handle.update(d, opts);
    });
    return this;
  }

  /** Folds every chunk of `column` in on a worker thread; chunks are merged in order. */
  async update(column: Vector | Data, name = 'column', options?: ExecOptions): Promise<this> {
    const opts = nativeOptions(options);
    await withContextAsync({ column: name }, async () => {
      for (const d of chunksOf(column, name)) await this.handle.updateAsync(d, opts);
    });
    return this;
  }

  /** Merges `other` into this accumulator; `other` is unchanged. */
  merge(other: MomentsAccumulator): this {
    this.handle.merge(other.handle);
    return this;
  }

  serialize(): Uint8Array {
    return this.handle.serialize();
  }

  finalize(): NativeMoments {
    return this.handle.finalize();
  }
}

function chunksOf(column: Vector | Data, name: string) {
  return 'data' in column && Array.isArray(column.data) ? describeVector(column as Vector, name) : [describeData(column as Data, name)];
}

/** Moments of one column chunk, on a worker thread (device per options). */
export function computeMoments(data: Data, name = 'column', options?: ExecOptions): Promise<NativeMoments & { device: Device }> {
  const opts = nativeOptions(options);
  return withContextAsync({ column: name }, () => loadAddon().computeMoments(describeData(data, name), opts));
}

export function computeMomentsSync(data: Data, name = 'column', options?: ExecOptions): NativeMoments & { device: Device } {
  const opts = nativeOptions(options);
  return withContext({ column: name }, () => loadAddon().computeMomentsSync(describeData(data, name), opts));
}

/** Presence and valency per level and leaf counts of one column chunk. */
export function profileColumn(data: Data, name = 'column', options?: ExecOptions): Promise<NativeColumnProfile> {
  const opts = nativeOptions(options);
  return withContextAsync({ column: name }, () => loadAddon().profileColumn(describeData(data, name), opts));
}

export function profileColumnSync(data: Data, name = 'column', options?: ExecOptions): NativeColumnProfile {
  const opts = nativeOptions(options);
  return withContext({ column: name }, () => loadAddon().profileColumnSync(describeData(data, name), opts));
}

/** Row-level validation of one column chunk against one feature's constraints (synchronous: serving-sized batches). */
export function checkBatchColumnSync(data: Data, name: string, constraints: NativeColumnConstraints, maxFindings?: number): NativeBatchFindings {
  return withContext({ column: name }, () => loadAddon().checkBatchColumnSync(describeData(data, name), constraints, maxFindings));
}

/** The same on a worker thread, for large batches. */
export function checkBatchColumn(data: Data, name: string, constraints: NativeColumnConstraints, maxFindings?: number): Promise<NativeBatchFindings> {
  return withContextAsync({ column: name }, () => loadAddon().checkBatchColumn(describeData(data, name), constraints, maxFindings));
}

/** The memory-bandwidth floor: one native pass (a sum) over `values` on `threads` threads. */
export function bandwidthPass(values: Float64Array, threads = 1): number {
  return loadAddon().bandwidthPass(values, threads);
}

/** Imports and validates a raw descriptor without running a kernel (tests of the boundary checks). */
export function validateColumnDescriptor(descriptor: import('./columnView.js').ColumnDescriptor, name = 'column'): true {
  return withContext({ column: name }, () => loadAddon().validateColumn(descriptor));
}
