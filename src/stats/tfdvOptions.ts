/**
 * TFDV's StatsOptions by their own (snake_case) names, as `--options FILE` takes them (the JSON
 * that StatsOptions.to_json writes). Every StatsOptions field is accepted; the ones arrowline
 * does not implement yet are reported through `warn` and ignored; a name that is not a
 * StatsOptions field is E_OPTION_INVALID naming the closest valid one.
 */
import { readFileSync } from 'node:fs';

import { arrowlineError } from '../errors.js';
import type { StatisticsOptions } from './computeStatistics.js';

/** StatsOptions fields (reference/tfdv.md §2.2) -> the StatisticsOptions key that implements them. */
const IMPLEMENTED: Readonly<Record<string, keyof StatisticsOptions>> = {
  num_top_values: 'numTopValues',
  frequency_threshold: 'frequencyThreshold',
  num_rank_histogram_buckets: 'numRankHistogramBuckets',
  num_values_histogram_buckets: 'numValuesHistogramBuckets',
  num_histogram_buckets: 'numHistogramBuckets',
  num_quantiles_histogram_buckets: 'numQuantilesHistogramBuckets',
  epsilon: 'epsilon',
  feature_allowlist: 'featureAllowlist',
};

/** Accepted without effect on the results: arrowline already behaves this way. */
const NO_EFFECT: ReadonlySet<string> = new Set([
  'desired_batch_size', // batching does not change the statistics here
  'use_sketch_based_topk_uniques', // top-k and uniques always come from the sketches (exact below their bounds)
  'experimental_use_sketch_based_topk_uniques',
  'add_default_generators',
]);

const NOT_YET: ReadonlySet<string> = new Set([
  'weighted_frequency_threshold',
  'weight_feature',
  'per_feature_weight_override',
  'label_feature',
  'schema',
  'sample_rate',
  'enable_semantic_domain_stats',
  'semantic_domain_stats_sample_rate',
  'slicing_config',
  'slice_functions',
  'experimental_slice_functions',
  'experimental_slice_sqls',
  'experimental_num_feature_partitions',
  'experimental_result_partitions',
  'vocab_paths',
  'generators',
  'infer_type_from_schema',
  'per_feature_stats_config',
  'experimental_filter_read_paths',
  'experimental_per_feature_stats_config',
]);

export const STATS_OPTIONS_FIELDS: readonly string[] = [...Object.keys(IMPLEMENTED), ...NO_EFFECT, ...NOT_YET].sort();

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length]![b.length]!;
}

export function closestField(name: string): string {
  return STATS_OPTIONS_FIELDS.reduce((best, f) => (distance(name, f) < distance(name, best) ? f : best));
}

/** TFDV StatsOptions JSON -> StatisticsOptions; `source` names the file in errors. */
export function statsOptionsFromTfdv(
  json: Record<string, unknown>,
  source = 'options',
  warn: (message: string) => void = () => undefined,
): StatisticsOptions {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(json)) {
    if (value === null || value === undefined) continue; // StatsOptions.to_json writes unset fields as null
    const key = IMPLEMENTED[name];
    if (key) {
      out[key] = value;
    } else if (NOT_YET.has(name)) {
      warn(`StatsOptions.${name} is not implemented yet and is ignored`);
    } else if (!NO_EFFECT.has(name)) {
      throw arrowlineError('E_OPTION_INVALID', `'${name}' is not a StatsOptions field (did you mean '${closestField(name)}'?)`, { file: source });
    }
  }
  return out as StatisticsOptions;
}

export function readStatsOptionsFile(path: string, warn?: (message: string) => void): StatisticsOptions {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT') throw arrowlineError('E_NOT_FOUND', 'no such options file', { file: path, cause: err });
    throw arrowlineError('E_OPTION_INVALID', `options file is not valid JSON: ${(err as Error).message}`, { file: path, cause: err });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw arrowlineError('E_OPTION_INVALID', 'options file must hold a JSON object of StatsOptions fields', { file: path });
  }
  return statsOptionsFromTfdv(json as Record<string, unknown>, path, warn);
}
