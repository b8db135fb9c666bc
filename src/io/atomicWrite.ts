/**
 * Every file arrowline writes goes through here: a temporary file in the same directory, write,
 * fsync, rename over the target, fsync of the directory. A reader sees the old file or the new
 * one, never half of one. Temporaries are named `.<name>.arrowline-tmp-<pid>-<random>`; those
 * left by a process that no longer runs (killed mid-write) are swept on the next write to that
 * directory.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

import { arrowlineError } from '../errors.js';

const TMP = /^\..+\.arrowline-tmp-(\d+)-[0-9a-f]+$/;

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temporaries in `dir` whose writer process is gone; returns how many. */
export function sweepStaleTemporaries(dir: string): number {
  let swept = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const m = TMP.exec(name);
    if (!m || alive(Number(m[1]))) continue;
    try {
      unlinkSync(join(dir, name));
      swept++;
    } catch {
      // another process swept it first
    }
  }
  return swept;
}

export function writeFileAtomic(path: string, data: Uint8Array | string): void {
  const dir = dirname(path);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw arrowlineError('E_NOT_FOUND', `cannot create directory: ${(err as Error).message}`, { file: dir, cause: err });
  }
  sweepStaleTemporaries(dir);
  const tmp = join(dir, `.${basename(path)}.arrowline-tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o644);
    let off = 0;
    while (off < bytes.byteLength) off += writeSync(fd, bytes, off, bytes.byteLength - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // never created
    }
    throw arrowlineError('E_INTERNAL', `cannot write: ${(err as Error).message}`, { file: path, cause: err });
  }
  try {
    const dfd = openSync(dir, 'r');
    fsyncSync(dfd);
    closeSync(dfd);
  } catch {
    // some filesystems cannot fsync a directory; the rename is still atomic
  }
}
