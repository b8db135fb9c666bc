/**
 * Content fingerprints: sha256 of a file's bytes, or of a directory tree (each regular file's
 * relative path, size and bytes, in sorted path order; atomic-write temporaries left out). The
 * input fingerprint of ExampleGen's summary.json and the cache keys of the metadata store use it.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, lstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

import { arrowlineError } from '../errors.js';

function hashFile(path: string, into: ReturnType<typeof createHash>): void {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      into.update(n === buf.length ? buf : buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
}

function listFiles(root: string, dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = lstatSync(p);
    if (st.isDirectory()) listFiles(root, p, out);
    else if (st.isFile()) out.push(relative(root, p).split('\\').join('/'));
  }
}

export function fingerprintPath(path: string): string {
  const abs = resolve(path);
  if (!existsSync(abs)) throw arrowlineError('E_NOT_FOUND', `cannot fingerprint ${path}: it does not exist`, { file: path });
  const h = createHash('sha256');
  if (statSync(abs).isFile()) {
    hashFile(abs, h);
    return h.digest('hex');
  }
  const files: string[] = [];
  listFiles(abs, abs, files);
  for (const f of files.filter((f) => !/(^|\/)\.[^/]*\.arrowline-tmp-/.test(f)).sort()) {
    const full = join(abs, f);
    h.update(`${f}\0${statSync(full).size}\0`);
    hashFile(full, h);
  }
  return h.digest('hex');
}


/** sha256 over several paths' fingerprints, in the order given (ExampleGen's input fingerprint). */
export function fingerprintPaths(paths: readonly string[]): string {
  const h = createHash('sha256');
  for (const p of paths) h.update(`${fingerprintPath(p)}\n`);
  return h.digest('hex');
}
