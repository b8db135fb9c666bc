/**
 * File patterns for inputs: `*` and `?` within one path segment, `**` across segments, `{a,b}`
 * alternatives, `[...]` character classes. A pattern without magic characters names one file.
 * Matches are regular files, sorted, so a run reads its inputs in a stable order.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve, sep } from 'node:path';

import { arrowlineError } from '../errors.js';

const MAGIC = /[*?[{]/;

function segmentRegex(seg: string): string {
  let out = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i]!;
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = seg.indexOf(']', i + 1);
      if (end < 0) out += '\\[';
      else {
        const body = seg.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = end;
      }
    } else if (c === '{') {
      const end = seg.indexOf('}', i + 1);
      if (end < 0) out += '\\{';
      else {
        out += `(?:${seg.slice(i + 1, end).split(',').map((alt) => segmentRegex(alt)).join('|')})`;
        i = end;
      }
    } else out += c.replace(/[.+^$()|\\/]/g, '\\$&');
  }
  return out;
}

/** The regular expression a pattern (with '/' separators) compiles to. */
export function globRegex(pattern: string): RegExp {
  const parts = pattern.split('/');
  let re = '';
  parts.forEach((p, i) => {
    const last = i === parts.length - 1;
    if (p === '**') re += last ? '.*' : '(?:[^/]+/)*';
    else re += segmentRegex(p) + (last ? '' : '/');
  });
  return new RegExp(`^${re}$`);
}

function walk(dir: string, rel: string, out: string[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) walk(join(dir, e.name), r, out);
    else if (e.isFile()) out.push(r);
  }
}

/** Files matching `pattern` (relative patterns resolve against `cwd`), sorted; E_NOT_FOUND if none. */
export function expandGlob(pattern: string, cwd = process.cwd()): string[] {
  const abs = (isAbsolute(pattern) ? pattern : resolve(cwd, pattern)).split(sep).join('/');
  if (!MAGIC.test(abs)) {
    if (!existsSync(abs) || !statSync(abs).isFile()) throw arrowlineError('E_NOT_FOUND', 'no such file', { file: pattern });
    return [abs];
  }
  const parts = abs.split('/');
  const firstMagic = parts.findIndex((p) => MAGIC.test(p));
  const base = parts.slice(0, firstMagic).join('/') || '/';
  const re = globRegex(parts.slice(firstMagic).join('/'));
  const files: string[] = [];
  if (existsSync(base) && statSync(base).isDirectory()) walk(base, '', files);
  const matches = files.filter((f) => re.test(f)).sort().map((f) => (base === '/' ? `/${f}` : `${base}/${f}`));
  if (matches.length === 0) throw arrowlineError('E_NOT_FOUND', 'the pattern matches no file', { file: pattern });
  return matches;
}

/** Every file of several patterns, in pattern order, each file once. */
export function expandGlobs(patterns: readonly string[], cwd?: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of patterns) {
    for (const f of expandGlob(p, cwd)) {
      if (!seen.has(f)) {
        seen.add(f);
        out.push(f);
      }
    }
  }
  return out;
}
