// What the finalize step derives from a FeatureState's sketches, exactly as TFDV's
// BasicStatsGenerator does in extract_output: the median and the two numeric histograms from
// 100 * num_quantiles_histogram_buckets quantiles, the num_values histogram, and for nested
// lists the level_N_value_list_length histograms.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kernels/stats/feature_stats.h"
#include "kernels/stats/histograms.h"

namespace al {

struct HistogramOptions {
  int64_t num_histogram_buckets = 10;             // STANDARD
  int64_t num_quantiles_histogram_buckets = 10;   // QUANTILES (and 100x for the quantile resolution)
  int64_t num_values_histogram_buckets = 10;
  int64_t num_top_values = 20;
  int64_t num_rank_histogram_buckets = 1000;
  double frequency_threshold = 1;
};

struct ValueCount {
  std::string value;
  double count;
};

struct LevelHistograms {
  std::vector<HistogramBucket> quantiles;  // level_N_value_list_length_quantiles
  std::vector<HistogramBucket> standard;   // level_N_value_list_length_standard
};

struct FeatureSummary {
  bool has_numeric_histograms = false;  // numeric with at least one non-NaN value
  double median = 0;
  std::vector<HistogramBucket> standard;
  std::vector<HistogramBucket> quantiles;
  bool has_num_values_histogram = false;
  std::vector<HistogramBucket> num_values;
  std::vector<LevelHistograms> levels;  // nest levels 2.. (index 0 is level 2)
  bool has_top_values = false;          // string features with at least one value
  uint64_t unique = 0;
  // By count descending, ties by value descending, cut at the frequency threshold and at
  // max(num_top_values, num_rank_histogram_buckets): top_values take the first num_top_values,
  // the rank histogram the first num_rank_histogram_buckets.
  std::vector<ValueCount> top;
};

FeatureSummary Summarize(const FeatureState& f, const HistogramOptions& options);

// A Misra-Gries sketch's values as TFDV reports them: by count descending, ties by value
// descending, cut at the frequency threshold and at max(num_top_values, num_rank_histogram_buckets).
std::vector<ValueCount> TopValues(const MisraGries& topk, const HistogramOptions& options);

}  // namespace al
