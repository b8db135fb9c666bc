/**
 * The one TypeScript module that calls the addon: column views in, plain results out, errors
 * translated to ArrowlineError with the column named. Everything above src/native calls these.
 */
import type { Data, Vector } from 'apache-arrow';

import { arrowlineError, withContext, withContextAsync } from '../errors.js';
import {
  type Device,
  NATIVE_DEVICE,
  type NativeColumnProfile,
  type NativeExecOptions,
  type NativeInfo,
  type NativeMoments,
  type NativeMomentsAccumulator,
} from './binding.js';
import { describeData, describeVector } from './columnView.js';
import { loadAddon } from './loader.js';

export type { ColumnDescriptor } from './columnView.js';
export { describeData, describeVector } from './columnView.js';
export { NativeTypeId } from './typeId.js';
export { addonLoadAttempts, loadAddon } from './loader.js';
export type { Device, NativeColumnProfile, NativeInfo, NativeMoments } from './binding.js';

export interface ExecOptions {
  /** 'auto' (default) uses a GPU for large inputs when one is usable; 'gpu' without one is E_DEVICE_UNAVAILABLE. */
  device?: Device;
  /** Native threads (default 1). Results are merged in a fixed order, so they are reproducible for a given count. */
  threads?: number;
}

const EXEC_KEYS = new Set(['device', 'threads']);

function nativeOptions(options: ExecOptions = {}): NativeExecOptions {
  for (const key of Object.keys(options)) {
    if (!EXEC_KEYS.has(key)) throw arrowlineError('E_OPTION_INVALID', `unknown option '${key}' (expected device, threads)`);
  }
  const out: NativeExecOptions = {};
  if (options.device !== undefined) {
    if (!(options.device in NATIVE_DEVICE)) {
      throw arrowlineError('E_OPTION_INVALID', `device must be 'auto', 'cpu' or 'gpu', not '${String(options.device)}'`);
    }
    out.device = NATIVE_DEVICE[options.device];
  }
  if (options.threads !== undefined) {
    if (!Number.isInteger(options.threads) || options.threads < 1 || options.threads > 1024) {
      throw arrowlineError('E_OPTION_INVALID', `threads must be an integer from 1 to 1024, not ${options.threads}`);
    }
    out.threads = options.threads;
  }
  return out;
}

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

/** The memory-bandwidth floor: one native pass (a sum) over `values` on `threads` threads. */
export function bandwidthPass(values: Float64Array, threads = 1): number {
  return loadAddon().bandwidthPass(values, threads);
}

/** Imports and validates a raw descriptor without running a kernel (tests of the boundary checks). */
export function validateColumnDescriptor(descriptor: import('./columnView.js').ColumnDescriptor, name = 'column'): true {
  return withContext({ column: name }, () => loadAddon().validateColumn(descriptor));
}
