#include "kernels/stats/feature_summary.h"

#include <algorithm>

namespace al {
namespace {
// TFDV computes this many quantiles per QUANTILES bucket to interpolate the STANDARD histogram.
constexpr int64_t kQuantilesPerBucket = 100;
}  // namespace

std::vector<ValueCount> TopValues(const MisraGries& topk, const HistogramOptions& o) {
  std::vector<std::pair<std::string, double>> counts = topk.Counts();
  // TFDV re-sorts by (count, value) descending: ties go to the larger value (bytewise).
  std::sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first > b.first;
  });
  const size_t keep = static_cast<size_t>(std::max(o.num_top_values, o.num_rank_histogram_buckets));
  std::vector<ValueCount> out;
  for (const auto& [value, count] : counts) {
    if (count < o.frequency_threshold || out.size() >= keep) break;
    out.push_back({value, count});
  }
  return out;
}

FeatureSummary Summarize(const FeatureState& f, const HistogramOptions& o) {
  FeatureSummary out;
  std::vector<double> q, cw;
  if ((f.kind == FeatureKind::kInt || f.kind == FeatureKind::kFloat) && f.moments.count > 0) {
    f.values.QuantilesAndCumulativeWeights(kQuantilesPerBucket * o.num_quantiles_histogram_buckets, &q, &cw);
    if (!q.empty()) {
      out.has_numeric_histograms = true;
      out.median = Median(q);
      out.standard = EquiWidthHistogram(q, cw, f.moments.finite_min, f.moments.finite_max, o.num_histogram_buckets,
                                        static_cast<double>(f.moments.pos_inf));
      std::vector<double> rq, rcw;
      if (RebinQuantiles(q, cw, kQuantilesPerBucket, &rq, &rcw)) out.quantiles = QuantilesHistogram(rq, rcw);
    }
  }
  if (f.num_non_missing > 0 && !f.num_values.empty()) {
    f.num_values[0].QuantilesAndCumulativeWeights(o.num_values_histogram_buckets, &q, &cw);
    out.has_num_values_histogram = !q.empty();
    out.num_values = QuantilesHistogram(q, cw);
  }
  if (f.kind != FeatureKind::kUnknown) {
    for (size_t l = 1; l < f.num_values.size() && l < f.levels.size(); ++l) {
      f.num_values[l].QuantilesAndCumulativeWeights(o.num_values_histogram_buckets, &q, &cw);
      if (q.empty()) continue;
      LevelHistograms h;
      h.quantiles = QuantilesHistogram(q, cw);
      h.standard = EquiWidthHistogram(q, cw, static_cast<double>(f.levels[l].min_values),
                                      static_cast<double>(f.levels[l].max_values), o.num_values_histogram_buckets, 0);
      out.levels.push_back(std::move(h));
    }
  }
  // strings, and integers the schema marks categorical (only those feed the top-k sketch)
  if ((f.kind == FeatureKind::kString || f.kind == FeatureKind::kInt) && f.topk.size() > 0) {
    out.top = TopValues(f.topk, o);
    out.has_top_values = true;
    out.unique = f.distinct.Estimate();
  }
  return out;
}

}  // namespace al
