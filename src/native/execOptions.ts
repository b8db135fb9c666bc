/** Where and how a native call runs: the one translation of ExecOptions to the addon's numbers. */
import { arrowlineError } from '../errors.js';
import { NATIVE_DEVICE, type Device, type NativeExecOptions } from './binding.js';

export interface ExecOptions {
  /** 'auto' (default) uses a GPU for large inputs when one is usable; 'gpu' without one is E_DEVICE_UNAVAILABLE. */
  device?: Device;
  /** Native threads (default 1). Results are merged in a fixed order, so they are reproducible for a given count. */
  threads?: number;
}

const EXEC_KEYS = new Set(['device', 'threads']);

export function nativeOptions(options: ExecOptions = {}): NativeExecOptions {
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
