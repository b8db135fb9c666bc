/**
 * The files inside each standard artifact (TFX's layouts): Examples `Split-<name>/part-*.arrow`
 * with summary.json; ExampleStatistics `Split-<name>/FeatureStats.pb`; Schema `schema.pbtxt`;
 * ExampleAnomalies `Split-<name>/SchemaDiff.pb` (and `drift.json` when a baseline was given).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { arrowlineError } from '../errors.js';

export const STATS_FILE = 'FeatureStats.pb';
export const SCHEMA_FILE = 'schema.pbtxt';
export const ANOMALIES_FILE = 'SchemaDiff.pb';
export const DRIFT_FILE = 'drift.json';

export const splitDir = (uri: string, split: string) => join(uri, `Split-${split}`);

/** The split names in an artifact directory (its `Split-*` subdirectories), sorted. */
export function splitNames(uri: string): string[] {
  if (!existsSync(uri)) throw arrowlineError('E_NOT_FOUND', 'the artifact directory does not exist', { file: uri });
  return readdirSync(uri, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name.startsWith('Split-'))
    .map((e) => e.name.slice('Split-'.length))
    .sort();
}

/** The one artifact of an input (components here take one artifact per input). */
export function single<T>(list: T[] | undefined, what: string): T {
  if (!list || list.length !== 1) throw arrowlineError('E_OPTION_INVALID', `${what}: expected one artifact, got ${list?.length ?? 0}`);
  return list[0]!;
}
