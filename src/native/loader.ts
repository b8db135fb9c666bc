/**
 * Loads the native addon once per thread (main thread or worker): the file ARROWLINE_ADDON
 * names if that is set (and nothing else), else build/Release, then build/Debug. There is no JS fallback: when every attempt fails,
 * each native-backed API throws E_ADDON_LOAD listing every attempt and its reason.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { arrowlineError, errorFromNative } from '../errors.js';
import type { NativeAddon } from './binding.js';

const require = createRequire(import.meta.url);
/** The package root: dist/native/ or src/native/ -> two levels up. */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface LoadAttempt {
  path: string;
  reason: string;
}

let cached: { addon?: NativeAddon; attempts: LoadAttempt[] } | undefined;

function candidates(): string[] {
  if (process.env.ARROWLINE_ADDON) return [process.env.ARROWLINE_ADDON];
  return [join(PACKAGE_ROOT, 'build', 'Release', 'arrowline.node'), join(PACKAGE_ROOT, 'build', 'Debug', 'arrowline.node')];
}

/** Tries each path in order; exported for the loader's own tests. */
export function tryLoad(paths: string[] = candidates()): { addon?: NativeAddon; attempts: LoadAttempt[] } {
  const attempts: LoadAttempt[] = [];
  for (const path of paths) {
    if (!existsSync(path)) {
      attempts.push({ path, reason: 'not found (build it with `npm run build:native`, or `npm ci`)' });
      continue;
    }
    try {
      const addon = require(path) as NativeAddon;
      addon.setErrorFactory((status, message) => errorFromNative(status, message));
      return { addon, attempts };
    } catch (err) {
      attempts.push({ path, reason: err instanceof Error ? err.message.split('\n')[0]! : String(err) });
    }
  }
  return { attempts };
}

/** The addon, or E_ADDON_LOAD naming every path tried and why it failed. */
export function loadAddon(): NativeAddon {
  cached ??= tryLoad();
  return addonOrThrow(cached);
}

export function addonOrThrow(result: { addon?: NativeAddon; attempts: LoadAttempt[] }): NativeAddon {
  if (result.addon) return result.addon;
  const tried = result.attempts.map((a) => `${a.path}: ${a.reason}`).join('; ');
  throw arrowlineError('E_ADDON_LOAD', `the native addon could not be loaded; tried ${tried}`);
}

/** The attempts made (empty until the first load). */
export function addonLoadAttempts(): LoadAttempt[] {
  return cached?.attempts ?? [];
}
