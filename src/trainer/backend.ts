/**
 * The TensorFlow.js backend: the best one that actually loads, tried in order
 * tfjs-node-gpu (CUDA), tfjs-node (native CPU), wasm, cpu. Each failure is recorded with its
 * reason, so `arrowline info` can say why a better backend did not load. This module and the
 * trainer are the only places that import tfjs.
 */
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface BackendAttempt {
  name: string;
  reason: string;
}

export interface BackendChoice {
  /** 'tensorflow' (tfjs-node or tfjs-node-gpu), 'wasm', 'cpu', or 'none'. */
  backend: string;
  /** The package that provided it. */
  package?: string;
  /** Attempts that failed before it, best first. */
  tried: BackendAttempt[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  tf?: any;
}

const require = createRequire(import.meta.url);

function reasonOf(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0]!.slice(0, 300);
}

/**
 * tfjs-node(-gpu) ship their binding through an install script that downloads libtensorflow.
 * Importing one whose binding is missing registers its kernels before failing (and warns about
 * every kernel on the next attempt), so look for the binding first.
 */
function missingBinding(pkg: string): string | undefined {
  let root: string;
  try {
    root = dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    return 'not installed (optional dependency)';
  }
  const lib = join(root, 'lib');
  const found = existsSync(lib) && readdirSync(lib).some((d) => existsSync(join(lib, d, 'tfjs_binding.node')));
  return found
    ? undefined
    : `installed without its native binding (its install script downloads libtensorflow; run \`npm rebuild ${pkg}\` where that download works)`;
}

let choice: Promise<BackendChoice> | undefined;

/** Loads (once per thread) and returns the best available backend. */
export function loadTfjsBackend(): Promise<BackendChoice> {
  choice ??= pickBackend();
  return choice;
}

async function pickBackend(): Promise<BackendChoice> {
  const tried: BackendAttempt[] = [];
  for (const pkg of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
    const missing = missingBinding(pkg);
    if (missing) {
      tried.push({ name: pkg, reason: missing });
      continue;
    }
    try {
      const tf = await import(pkg);
      await tf.ready();
      return { backend: tf.getBackend(), package: pkg, tried, tf };
    } catch (err) {
      tried.push({ name: pkg, reason: reasonOf(err) });
    }
  }
  let tf;
  try {
    tf = await import('@tensorflow/tfjs');
  } catch (err) {
    tried.push({ name: '@tensorflow/tfjs', reason: reasonOf(err) });
    return { backend: 'none', tried };
  }
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const dist = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/');
    wasm.setWasmPaths(dist);
    if (!(await tf.setBackend('wasm'))) throw new Error('tf.setBackend("wasm") returned false');
    await tf.ready();
    return { backend: 'wasm', package: '@tensorflow/tfjs-backend-wasm', tried, tf };
  } catch (err) {
    tried.push({ name: '@tensorflow/tfjs-backend-wasm', reason: reasonOf(err) });
  }
  await tf.setBackend('cpu');
  await tf.ready();
  return { backend: 'cpu', package: '@tensorflow/tfjs', tried, tf };
}
