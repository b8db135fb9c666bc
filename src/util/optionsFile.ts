/**
 * `--options FILE` files hold the reference system's option names (TFDV's StatsOptions,
 * infer_schema's arguments, ValidationOptions), snake_case, as one JSON object. This reads one
 * and maps its names: implemented names to arrowline's keys, known-but-not-implemented names to
 * a warning, anything else to E_OPTION_INVALID naming the closest valid name.
 */
import { readFileSync } from 'node:fs';

import { arrowlineError } from '../errors.js';

export function readJsonObjectFile(path: string, what: string): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT') throw arrowlineError('E_NOT_FOUND', 'no such options file', { file: path, cause: err });
    throw arrowlineError('E_OPTION_INVALID', `options file is not valid JSON: ${(err as Error).message}`, { file: path, cause: err });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw arrowlineError('E_OPTION_INVALID', `options file must hold a JSON object of ${what} fields`, { file: path });
  }
  return json as Record<string, unknown>;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** The candidate nearest to `name` by edit distance (first one on ties). */
export function closestName(name: string, candidates: readonly string[]): string {
  return candidates.reduce((best, f) => (distance(name, f) < distance(name, best) ? f : best));
}

export interface OptionNames<T> {
  /** What the file holds, for messages ("StatsOptions"). */
  what: string;
  /** Reference name -> arrowline option key. */
  implemented: Readonly<Record<string, keyof T>>;
  /** Accepted without effect on results (arrowline already behaves this way). */
  noEffect?: ReadonlySet<string>;
  /** Accepted with a warning: not implemented yet. */
  notYet?: ReadonlySet<string>;
}

export function allNames<T>(spec: OptionNames<T>): string[] {
  return [...Object.keys(spec.implemented), ...(spec.noEffect ?? []), ...(spec.notYet ?? [])].sort();
}

export function mapOptionNames<T>(spec: OptionNames<T>, json: Record<string, unknown>, source: string, warn: (message: string) => void = () => undefined): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(json)) {
    if (value === null || value === undefined) continue; // to_json writes unset fields as null
    const key = spec.implemented[name];
    if (key) out[key as string] = value;
    else if (spec.notYet?.has(name)) warn(`${spec.what}.${name} is not implemented yet and is ignored`);
    else if (!spec.noEffect?.has(name)) {
      throw arrowlineError('E_OPTION_INVALID', `'${name}' is not a ${spec.what} field (did you mean '${closestName(name, allNames(spec))}'?)`, { file: source });
    }
  }
  return out as Partial<T>;
}
