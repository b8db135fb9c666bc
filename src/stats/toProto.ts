/**
 * Finalized native accumulator -> tensorflow_metadata DatasetFeatureStatistics, field by field
 * as TFDV's BasicStatsGenerator fills it (reference/tfdv.md §2.3, §2.4, §2.6, §2.10): counts
 * as uint64, avg_num_values and avg_length as float32, population std_dev, median and the
 * [STANDARD, QUANTILES] histograms (each carrying num_nan), the QUANTILES num_values_histogram,
 * level_N_value_list_length custom statistics for nested lists, bytes_stats for the features
 * the schema gives an image_domain (TFDV's BYTES type), and nothing that TFDV leaves unset.
 */
import { create } from '@bufbuild/protobuf';

import type { NativeBucket, NativeDatasetStats, NativeFeatureStats } from '../native/index.js';
import { PathSchema } from '../proto/gen/tensorflow_metadata/proto/v0/path_pb.js';
import {
  BytesStatisticsSchema,
  type CommonStatistics,
  CommonStatisticsSchema,
  type CustomStatistic,
  CustomStatisticSchema,
  type DatasetFeatureStatistics,
  DatasetFeatureStatisticsSchema,
  type FeatureNameStatistics,
  FeatureNameStatisticsSchema,
  FeatureNameStatistics_Type,
  type Histogram,
  Histogram_BucketSchema,
  Histogram_HistogramType,
  HistogramSchema,
  NumericStatisticsSchema,
  PresenceAndValencyStatisticsSchema,
  RankHistogram_BucketSchema,
  RankHistogramSchema,
  StringStatistics_FreqAndValueSchema,
  StringStatisticsSchema,
} from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';

const u64 = (n: number) => BigInt(Math.round(n));

export function histogram(type: Histogram_HistogramType, buckets: NativeBucket[], numNan = 0): Histogram {
  return create(HistogramSchema, {
    type,
    numNan: u64(numNan),
    buckets: buckets.map((b) => create(Histogram_BucketSchema, { lowValue: b.low, highValue: b.high, sampleCount: b.count })),
  });
}

function commonStats(f: NativeFeatureStats, numExamples: number): CommonStatistics {
  const c = create(CommonStatisticsSchema, {
    numNonMissing: u64(f.numNonMissing),
    numMissing: u64(numExamples - f.numNonMissing),
    totNumValues: u64(f.totNumValues),
  });
  if (f.numNonMissing > 0) {
    c.minNumValues = u64(f.minNumValues);
    c.maxNumValues = u64(f.maxNumValues);
    c.avgNumValues = Math.fround(f.totNumValues / f.numNonMissing);
    if (f.histograms.numValues) c.numValuesHistogram = histogram(Histogram_HistogramType.QUANTILES, f.histograms.numValues);
  }
  if (f.listDepth > 1) {
    c.presenceAndValencyStats = f.levels.map((l, i) => {
      const p = create(PresenceAndValencyStatisticsSchema, {
        numNonMissing: u64(l.numNonMissing),
        // Level 0: examples without the feature; deeper: null lists among the previous level's values.
        numMissing: u64(i === 0 ? numExamples - l.numNonMissing : l.numMissing),
      });
      if (l.numNonMissing > 0) {
        p.minNumValues = u64(l.minNumValues);
        p.maxNumValues = u64(l.maxNumValues);
        p.totNumValues = u64(l.totNumValues);
      }
      return p;
    });
  }
  return c;
}

function levelCustomStats(f: NativeFeatureStats): CustomStatistic[] {
  return f.histograms.levels.flatMap((h, i) => [
    create(CustomStatisticSchema, {
      name: `level_${i + 2}_value_list_length_quantiles`,
      val: { case: 'histogram', value: histogram(Histogram_HistogramType.QUANTILES, h.quantiles) },
    }),
    create(CustomStatisticSchema, {
      name: `level_${i + 2}_value_list_length_standard`,
      val: { case: 'histogram', value: histogram(Histogram_HistogramType.STANDARD, h.standard) },
    }),
  ]);
}

export interface ProtoOptions {
  numTopValues?: number;
  numRankHistogramBuckets?: number;
  /** INT features the schema marks categorical: string statistics instead of numeric ones (type stays INT). */
  categorical?: ReadonlySet<string>;
  /** Features the schema gives an image_domain: type BYTES with bytes_stats (string data only). */
  bytes?: ReadonlySet<string>;
}

export function featureToProto(
  f: NativeFeatureStats,
  numExamples: number,
  { numTopValues = 20, numRankHistogramBuckets = 1000, categorical, bytes }: ProtoOptions = {},
): FeatureNameStatistics {
  const out = create(FeatureNameStatisticsSchema, { fieldId: { case: 'path', value: create(PathSchema, { step: [f.name] }) } });
  const common = commonStats(f, numExamples);
  const asCategorical = f.kind === 'INT' && categorical?.has(f.name) === true;
  if ((f.kind === 'INT' || f.kind === 'FLOAT') && !asCategorical) {
    out.type = f.kind === 'INT' ? FeatureNameStatistics_Type.INT : FeatureNameStatistics_Type.FLOAT;
    const m = f.moments;
    const h = f.histograms;
    const num = create(NumericStatisticsSchema, { commonStats: common });
    if (m.count > 0) {
      num.mean = m.mean;
      num.stdDev = m.stdDev;
      num.numZeros = u64(m.zeros);
      num.min = m.min;
      num.max = m.max;
      if (h.median !== undefined) num.median = h.median;
      if (h.standard && h.quantiles) {
        num.histograms = [
          histogram(Histogram_HistogramType.STANDARD, h.standard, m.nanCount),
          histogram(Histogram_HistogramType.QUANTILES, h.quantiles, m.nanCount),
        ];
      }
    } else if (m.nanCount > 0) {
      // Only NaN: TFDV emits both histograms carrying just num_nan.
      num.histograms = [histogram(Histogram_HistogramType.STANDARD, [], m.nanCount), histogram(Histogram_HistogramType.QUANTILES, [], m.nanCount)];
    }
    out.stats = { case: 'numStats', value: num };
  } else if (bytes?.has(f.name) === true) {
    // TFDV's BYTES feature: sizes of the leaf values in bytes, set only when there are values;
    // `unique` stays unset (its top-k generators skip bytes features).
    out.type = FeatureNameStatistics_Type.BYTES;
    const b = create(BytesStatisticsSchema, { commonStats: common });
    if (f.leafValues > 0 && f.minValueBytes !== undefined && f.maxValueBytes !== undefined) {
      b.avgNumBytes = Math.fround(f.stringBytes / f.leafValues);
      b.minNumBytes = f.minValueBytes;
      b.maxNumBytes = f.maxValueBytes;
      b.maxNumBytesInt = BigInt(f.maxValueBytes);
    }
    out.stats = { case: 'bytesStats', value: b };
  } else {
    // STRING, a categorical INT (type INT, string statistics), and a feature never seen with a
    // value type (TFDV has no UNKNOWN type: STRING).
    out.type = asCategorical ? FeatureNameStatistics_Type.INT : FeatureNameStatistics_Type.STRING;
    const str = create(StringStatisticsSchema, { commonStats: common, invalidUtf8Count: u64(f.invalidUtf8) });
    if (f.kind === 'STRING' && f.leafValues > 0) str.avgLength = Math.fround(f.stringBytes / f.leafValues);
    const top = f.histograms.top;
    if (top && top.length > 0) {
      str.unique = u64(f.histograms.unique ?? 0);
      str.topValues = top.slice(0, numTopValues).map((t) => create(StringStatistics_FreqAndValueSchema, { value: t.value, frequency: t.count }));
      str.rankHistogram = create(RankHistogramSchema, {
        buckets: top.slice(0, numRankHistogramBuckets).map((t, i) =>
          create(RankHistogram_BucketSchema, { lowRank: BigInt(i), highRank: BigInt(i), label: t.value, sampleCount: t.count }),
        ),
      });
    }
    out.stats = { case: 'stringStats', value: str };
  }
  out.customStats = levelCustomStats(f);
  return out;
}

export function datasetToProto(stats: NativeDatasetStats, name = '', options: ProtoOptions = {}): DatasetFeatureStatistics {
  return create(DatasetFeatureStatisticsSchema, {
    name,
    numExamples: u64(stats.numExamples),
    features: stats.features.map((f) => featureToProto(f, stats.numExamples, options)),
  });
}
