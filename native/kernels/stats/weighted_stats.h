// Weighted statistics (reference/tfdv.md §2.3-2.6, StatsOptions.weight_feature): every row
// carries its example's weight, propagated to the values of its lists. Per feature:
// weighted_common_stats (num_non_missing = sum of the weights of the rows where the feature is
// present, num_missing = weighted_num_examples minus that, tot_num_values = sum of weight x
// values per row, avg = tot / num_non_missing), weighted presence per nest level, and for numeric
// leaves the weighted mean and population std dev (West's incremental update; NaN skipped) and a
// second quantiles sketch fed with (value, weight) for the median and histograms; for string
// leaves a weighted Misra-Gries sketch. Weights <= 0 or NaN are ignored by the sketches, as in
// TFDV. The weight column must be numeric with one value in every row: a missing weight is an
// error naming the row ("Weight feature must not be missing.").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "arrowline/column_view.h"
#include "arrowline/status.h"
#include "kernels/stats/feature_stats.h"
#include "kernels/stats/feature_summary.h"
#include "sketches/misra_gries.h"
#include "sketches/weighted_quantiles.h"

namespace al {

struct WeightedLevelState {
  double non_missing = 0;
  double missing = 0;
  double tot_values = 0;
};

struct WeightedFeatureState {
  FeatureKind kind = FeatureKind::kUnknown;
  double num_non_missing = 0;
  double tot_num_values = 0;
  std::vector<WeightedLevelState> levels;  // nested features: one per list level, outermost first
  double w_sum = 0;   // numeric leaves (NaN skipped)
  double mean = 0;
  double m2 = 0;
  double finite_min = 0;  // for the STANDARD histogram's range
  double finite_max = 0;
  bool has_finite = false;
  double pos_inf_weight = 0;
  QuantilesSketch values;
  MisraGries topk;

  explicit WeightedFeatureState(double eps = 0.01, int64_t topk_buckets = 1024) : values(eps), topk(topk_buckets) {}
};

struct WeightedDatasetState {
  double epsilon = 0.01;
  int64_t topk_buckets = 1024;
  double weighted_num_examples = 0;
  std::vector<std::string> names;
  std::vector<WeightedFeatureState> features;

  WeightedFeatureState* FindOrAdd(const std::string& name);
};

// The weight of every row: a numeric column, flat or a list of exactly one value per row.
Status ReadWeights(const ColumnView& weights, std::vector<double>* out);

// What FoldWeighted checks before changing anything, against `*kind` (the feature's kind so far,
// updated): nest depth and type agreement. An update whose every chunk passes cannot fail half
// way, so it may fold in place.
Status CheckWeighted(const std::string& feature, const ColumnView& view, FeatureKind* kind);

// Folds one chunk of a feature with its rows' weights (weights.size() == view.length).
Status FoldWeighted(const std::string& feature, const ColumnView& view, const std::vector<double>& weights,
                    WeightedFeatureState* state);

Status MergeWeighted(const WeightedFeatureState& from, WeightedFeatureState* into);
Status MergeWeightedDataset(const WeightedDatasetState& from, WeightedDatasetState* into);

// Format v1: "ALWS", uint32 version, double epsilon, int64 topk_buckets, double
// weighted_num_examples, uint32 feature count, then per feature: name, uint8 kind, doubles
// num_non_missing and tot_num_values, uint32 level count and 3 doubles per level, doubles w_sum,
// mean, m2, finite_min, finite_max, uint8 has_finite, double pos_inf_weight, the compacted values
// sketch (QuantilesSketch format) and the Misra-Gries sketch. Little-endian.
std::vector<uint8_t> SerializeWeighted(const WeightedDatasetState& state);
Status DeserializeWeighted(const uint8_t* data, int64_t size, WeightedDatasetState* state);

struct WeightedSummary {
  double num_non_missing = 0;
  double num_missing = 0;
  double tot_num_values = 0;
  double avg_num_values = 0;
  std::vector<WeightedLevelState> levels;
  bool has_numeric = false;
  double mean = 0;
  double std_dev = 0;
  bool has_histograms = false;
  double median = 0;
  std::vector<HistogramBucket> standard;
  std::vector<HistogramBucket> quantiles;
  bool has_top_values = false;
  std::vector<ValueCount> top;
};

WeightedSummary SummarizeWeighted(const WeightedFeatureState& f, double weighted_num_examples, const HistogramOptions& options);

}  // namespace al
