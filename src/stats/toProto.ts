/**
 * Finalized native accumulator -> tensorflow_metadata DatasetFeatureStatistics, field by field
 * as TFDV's BasicStatsGenerator fills it (reference/tfdv.md §2.3, §2.4, §2.6, §2.10): counts
 * as uint64, avg_num_values and avg_length as float32, population std_dev, nothing set that TFDV
 * leaves unset (min/max/avg num_values without present rows, moments without non-NaN values).
 */
import { create } from '@bufbuild/protobuf';

import type { NativeDatasetStats, NativeFeatureStats } from '../native/index.js';
import {
  type CommonStatistics,
  CommonStatisticsSchema,
  type DatasetFeatureStatistics,
  DatasetFeatureStatisticsSchema,
  type FeatureNameStatistics,
  FeatureNameStatisticsSchema,
  FeatureNameStatistics_Type,
  HistogramSchema,
  Histogram_HistogramType,
  NumericStatisticsSchema,
  PresenceAndValencyStatisticsSchema,
  StringStatisticsSchema,
} from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { PathSchema } from '../proto/gen/tensorflow_metadata/proto/v0/path_pb.js';

const u64 = (n: number) => BigInt(Math.round(n));

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

export function featureToProto(f: NativeFeatureStats, numExamples: number): FeatureNameStatistics {
  const out = create(FeatureNameStatisticsSchema, { fieldId: { case: 'path', value: create(PathSchema, { step: [f.name] }) } });
  const common = commonStats(f, numExamples);
  if (f.kind === 'INT' || f.kind === 'FLOAT') {
    out.type = f.kind === 'INT' ? FeatureNameStatistics_Type.INT : FeatureNameStatistics_Type.FLOAT;
    const m = f.moments;
    const num = create(NumericStatisticsSchema, { commonStats: common });
    if (m.count > 0) {
      num.mean = m.mean;
      num.stdDev = m.stdDev;
      num.numZeros = u64(m.zeros);
      num.min = m.min;
      num.max = m.max;
    } else if (m.nanCount > 0) {
      // Only NaN: TFDV emits both histograms carrying just num_nan.
      num.histograms = [Histogram_HistogramType.STANDARD, Histogram_HistogramType.QUANTILES].map((type) =>
        create(HistogramSchema, { numNan: u64(m.nanCount), type }),
      );
    }
    out.stats = { case: 'numStats', value: num };
  } else {
    // STRING, and a feature never seen with a value type (TFDV has no UNKNOWN type: STRING).
    out.type = FeatureNameStatistics_Type.STRING;
    const str = create(StringStatisticsSchema, { commonStats: common, invalidUtf8Count: u64(f.invalidUtf8) });
    if (f.kind === 'STRING' && f.leafValues > 0) str.avgLength = Math.fround(f.stringBytes / f.leafValues);
    out.stats = { case: 'stringStats', value: str };
  }
  return out;
}

export function datasetToProto(stats: NativeDatasetStats, name = ''): DatasetFeatureStatistics {
  return create(DatasetFeatureStatisticsSchema, {
    name,
    numExamples: u64(stats.numExamples),
    features: stats.features.map((f) => featureToProto(f, stats.numExamples)),
  });
}
