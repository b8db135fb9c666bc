/**
 * TFDV's StatsOptions by their own (snake_case) names, as `--options FILE` takes them (the JSON
 * that StatsOptions.to_json writes). Every StatsOptions field is accepted; the ones arrowline
 * does not implement yet are reported through `warn` and ignored; a name that is not a
 * StatsOptions field is E_OPTION_INVALID naming the closest valid one.
 */
import { allNames, closestName, mapOptionNames, type OptionNames, readJsonObjectFile } from '../util/optionsFile.js';
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
  weight_feature: 'weightFeature',
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

const SPEC: OptionNames<StatisticsOptions> = { what: 'StatsOptions', implemented: IMPLEMENTED, noEffect: NO_EFFECT, notYet: NOT_YET };

export const STATS_OPTIONS_FIELDS: readonly string[] = allNames(SPEC);

export function closestField(name: string): string {
  return closestName(name, STATS_OPTIONS_FIELDS);
}

/** TFDV StatsOptions JSON -> StatisticsOptions; `source` names the file in errors. */
export function statsOptionsFromTfdv(json: Record<string, unknown>, source = 'options', warn?: (message: string) => void): StatisticsOptions {
  return mapOptionNames(SPEC, json, source, warn) as StatisticsOptions;
}

export function readStatsOptionsFile(path: string, warn?: (message: string) => void): StatisticsOptions {
  return statsOptionsFromTfdv(readJsonObjectFile(path, 'StatsOptions'), path, warn);
}
