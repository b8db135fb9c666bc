// What the finalize step derives from a FeatureState's sketches, exactly as TFDV's
// BasicStatsGenerator does in extract_output: the median and the two numeric histograms from
// 100 * num_quantiles_histogram_buckets quantiles, the num_values histogram, and for nested
// lists the level_N_value_list_length histograms.
#pragma once

#include <cstdint>
#include <vector>

#include "kernels/stats/feature_stats.h"
#include "kernels/stats/histograms.h"

namespace al {

struct HistogramOptions {
  int64_t num_histogram_buckets = 10;             // STANDARD
  int64_t num_quantiles_histogram_buckets = 10;   // QUANTILES (and 100x for the quantile resolution)
  int64_t num_values_histogram_buckets = 10;
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
};

FeatureSummary Summarize(const FeatureState& f, const HistogramOptions& options);

}  // namespace al
