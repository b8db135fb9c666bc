/**
 * Every file arrowline writes goes through here: a temporary file in the same directory, write,
 * fsync, rename over the target, fsync of the directory. A reader sees the old file or the new
 * one, never half of one. Temporaries are named `.<name>.arrowline-tmp-<pid>-<random>`; those
 * left by a process that no longer runs (killed mid-write) are swept on the next write to that
 * directory.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
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
      rmSync(join(dir, name), { recursive: true, force: true });
      swept++;
    } catch {
      // another process swept it first
    }
  }
  return swept;
}

/** The temporary name a write of `path` uses (same directory, swept when its process is gone). */
export function temporaryPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.arrowline-tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
}

/** fsync of a directory, where the filesystem allows it. */
export function fsyncDirectory(dir: string): void {
  try {
    const dfd = openSync(dir, 'r');
    fsyncSync(dfd);
    closeSync(dfd);
  } catch {
    // some filesystems cannot fsync a directory; the rename is still atomic
  }
}

/** fsync of every regular file under `dir` and of the directories themselves. */
function fsyncTree(dir: string): void {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (lstatSync(p).isDirectory()) fsyncTree(p);
    else {
      const fd = openSync(p, 'r');
      fsyncSync(fd);
      closeSync(fd);
    }
  }
  fsyncDirectory(dir);
}

/** A directory filled under a temporary name and renamed into place by commit(); abort() removes it. */
export interface StagedDirectory {
  staging: string;
  commit(): void;
  abort(): void;
}

export function stageDirectory(path: string): StagedDirectory {
  const parent = dirname(path);
  mkdirSync(parent, { recursive: true });
  sweepStaleTemporaries(parent);
  const staging = temporaryPath(path);
  mkdirSync(staging);
  return {
    staging,
    commit() {
      fsyncTree(staging);
      if (existsSync(path)) {
        const old = temporaryPath(path);
        renameSync(path, old);
        renameSync(staging, path);
        rmSync(old, { recursive: true, force: true });
      } else {
        renameSync(staging, path);
      }
      fsyncDirectory(parent);
    },
    abort() {
      rmSync(staging, { recursive: true, force: true });
    },
  };
}

export interface DirectoryWriteOptions {
  /** Replace a non-empty directory at `path` (default: E_ALREADY_EXISTS). */
  overwrite?: boolean;
}

/**
 * Fills a staging directory beside `path`, then renames it into place: readers see no directory
 * or the complete one. A failure removes the staging directory and leaves `path` as it was.
 */
export async function writeDirectoryAtomic<T>(path: string, fill: (staging: string) => Promise<T>, options: DirectoryWriteOptions = {}): Promise<T> {
  const parent = dirname(path);
  mkdirSync(parent, { recursive: true });
  sweepStaleTemporaries(parent);
  if (existsSync(path) && readdirSync(path).length > 0 && !options.overwrite) {
    throw arrowlineError('E_ALREADY_EXISTS', 'the output directory exists and is not empty (pass overwrite to replace it)', { file: path });
  }
  const staged = stageDirectory(path);
  let result: T;
  try {
    result = await fill(staged.staging);
    staged.commit();
  } catch (err) {
    staged.abort();
    throw err;
  }
  return result;
}

export function writeFileAtomic(path: string, data: Uint8Array | string): void {
  const dir = dirname(path);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw arrowlineError('E_NOT_FOUND', `cannot create directory: ${(err as Error).message}`, { file: dir, cause: err });
  }
  sweepStaleTemporaries(dir);
  const tmp = temporaryPath(path);
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
  fsyncDirectory(dir);
}
