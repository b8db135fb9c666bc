// Histograms from quantiles, as TFDV builds them (reference/tfdv.md §2.4; tfdv quantiles_util):
//  - QuantilesHistogram: bucket i = [q[i], q[i+1]] with the weight between their cumulative
//    weights; buckets sharing a high bound share their weight evenly, and the weight at the
//    minimum (cw[0]) is spread over the leading run of identical buckets.
//  - EquiWidthHistogram (STANDARD): -inf and +inf are stripped into point buckets, the rest is a
//    quantiles histogram re-binned onto linspace(finite_min, finite_max, n + 1) by overlap
//    (uniform within a bucket; a point bucket on the first interval's left edge counts fully).
//  - RebinQuantiles keeps every factor-th quantile; Median is the middle quantile.
#pragma once

#include <cstdint>
#include <vector>

namespace al {

struct HistogramBucket {
  double low;
  double high;
  double count;
};

std::vector<HistogramBucket> QuantilesHistogram(const std::vector<double>& quantiles,
                                                const std::vector<double>& cumulative_weights);

// Returns false (and leaves the outputs empty) if factor does not divide the quantile count - 1.
bool RebinQuantiles(const std::vector<double>& quantiles, const std::vector<double>& cumulative_weights,
                    int64_t factor, std::vector<double>* out_quantiles, std::vector<double>* out_weights);

std::vector<HistogramBucket> EquiWidthHistogram(std::vector<double> quantiles, std::vector<double> cumulative_weights,
                                                double finite_min, double finite_max, int64_t num_buckets,
                                                double num_pos_inf);

// The middle quantile (mean of the two middle ones for an even count); NaN if empty.
double Median(const std::vector<double>& quantiles);

}  // namespace al
