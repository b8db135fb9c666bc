/**
 * The weighted fields of DatasetFeatureStatistics (when a weight feature is set), filled into a
 * dataset built by datasetToProto: weighted_num_examples; per feature weighted_common_stats (and
 * weighted_presence_and_valency_stats for nested features), weighted_numeric_stats (mean, std
 * dev, median, STANDARD and QUANTILES histograms) or weighted_string_stats (top values and rank
 * histogram by weighted counts).
 */
import { create } from '@bufbuild/protobuf';

import type { NativeWeightedFeature, NativeWeightedStats } from '../native/index.js';
import {
  type CommonStatistics,
  type DatasetFeatureStatistics,
  Histogram_HistogramType,
  RankHistogram_BucketSchema,
  RankHistogramSchema,
  StringStatistics_FreqAndValueSchema,
  WeightedCommonStatisticsSchema,
  WeightedNumericStatisticsSchema,
  WeightedStringStatisticsSchema,
} from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { histogram, type ProtoOptions } from './toProto.js';

function weightedCommon(common: CommonStatistics, w: NativeWeightedFeature): void {
  common.weightedCommonStats = create(WeightedCommonStatisticsSchema, { numNonMissing: w.numNonMissing, numMissing: w.numMissing, avgNumValues: w.avgNumValues, totNumValues: w.totNumValues });
  if (common.presenceAndValencyStats.length > 0) {
    common.weightedPresenceAndValencyStats = w.levels.slice(0, common.presenceAndValencyStats.length).map((l, i) =>
      create(WeightedCommonStatisticsSchema, {
        numNonMissing: l.numNonMissing,
        numMissing: i === 0 ? w.numMissing : l.numMissing,
        avgNumValues: l.avgNumValues,
        totNumValues: l.totNumValues,
      }),
    );
  }
}

export function addWeightedStatistics(dataset: DatasetFeatureStatistics, weighted: NativeWeightedStats, options: ProtoOptions = {}): void {
  const numTopValues = options.numTopValues ?? 20;
  const numRankHistogramBuckets = options.numRankHistogramBuckets ?? 1000;
  dataset.weightedNumExamples = weighted.weightedNumExamples;
  const byName = new Map(weighted.features.map((f) => [f.name, f]));
  for (const f of dataset.features) {
    const name = f.fieldId.case === 'path' ? f.fieldId.value.step.join('.') : String(f.fieldId.value ?? '');
    const w = byName.get(name);
    if (!w) continue;
    if (f.stats.case === 'numStats') {
      if (f.stats.value.commonStats) weightedCommon(f.stats.value.commonStats, w);
      if (w.numeric) {
        const n = create(WeightedNumericStatisticsSchema, { mean: w.numeric.mean, stdDev: w.numeric.stdDev });
        if (w.numeric.median !== undefined) {
          n.median = w.numeric.median;
          n.histograms = [histogram(Histogram_HistogramType.STANDARD, w.numeric.standard ?? []), histogram(Histogram_HistogramType.QUANTILES, w.numeric.quantiles ?? [])];
        }
        f.stats.value.weightedNumericStats = n;
      }
    } else if (f.stats.case === 'bytesStats') {
      if (f.stats.value.commonStats) weightedCommon(f.stats.value.commonStats, w);
    } else if (f.stats.case === 'stringStats') {
      if (f.stats.value.commonStats) weightedCommon(f.stats.value.commonStats, w);
      if (w.top && w.top.length > 0) {
        f.stats.value.weightedStringStats = create(WeightedStringStatisticsSchema, {
          topValues: w.top.slice(0, numTopValues).map((t) => create(StringStatistics_FreqAndValueSchema, { value: t.value, frequency: t.count })),
          rankHistogram: create(RankHistogramSchema, {
            buckets: w.top.slice(0, numRankHistogramBuckets).map((t, i) => create(RankHistogram_BucketSchema, { lowRank: BigInt(i), highRank: BigInt(i), label: t.value, sampleCount: t.count })),
          }),
        });
      }
    }
  }
}
