#include "kernels/stats/histograms.h"

#include <algorithm>
#include <cmath>

namespace al {

std::vector<HistogramBucket> QuantilesHistogram(const std::vector<double>& q, const std::vector<double>& cw) {
  std::vector<HistogramBucket> out;
  if (q.size() < 2 || cw.size() != q.size()) return out;
  const size_t n = q.size() - 1;
  out.resize(n);
  for (size_t i = 0; i < n; ++i) out[i] = {q[i], q[i + 1], cw[i + 1] - cw[i]};
  // Buckets with the same high bound share their total weight evenly.
  for (size_t i = 0; i < n;) {
    size_t j = i + 1;
    while (j < n && out[j].high == out[i].high) ++j;
    if (j > i + 1) {
      double sum = 0;
      for (size_t k = i; k < j; ++k) sum += out[k].count;
      for (size_t k = i; k < j; ++k) out[k].count = sum / static_cast<double>(j - i);
    }
    i = j;
  }
  // The weight at the minimum goes evenly to the leading run of buckets identical to the first.
  size_t run = 0;
  while (run < n && out[run].low == out[0].low && out[run].high == out[0].high) ++run;
  for (size_t k = 0; k < run; ++k) out[k].count += cw[0] / static_cast<double>(run);
  return out;
}

bool RebinQuantiles(const std::vector<double>& q, const std::vector<double>& cw, int64_t factor,
                    std::vector<double>* oq, std::vector<double>* ocw) {
  oq->clear();
  ocw->clear();
  if (q.empty() || factor < 1 || (q.size() - 1) % static_cast<size_t>(factor) != 0) return false;
  oq->push_back(q[0]);
  ocw->push_back(cw[0]);
  for (size_t i = static_cast<size_t>(factor); i < q.size(); i += static_cast<size_t>(factor)) {
    oq->push_back(q[i]);
    ocw->push_back(cw[i]);
  }
  return true;
}

namespace {

struct Overlap {
  double fraction;
  bool precedes;  // the bucket lies wholly before the interval
  bool follows;   // the bucket lies wholly after the interval
};

Overlap BucketOverlap(const HistogramBucket& b, double lo, double hi, bool first_interval) {
  if (b.high == b.low && b.low == lo) return first_interval ? Overlap{1.0, false, false} : Overlap{0.0, true, false};
  if (b.high < lo) return {0.0, true, false};
  if (b.low > hi) return {0.0, false, true};
  if (lo <= b.low && hi >= b.high) return {1.0, false, false};
  if (lo <= b.low) return {(hi - b.low) / (b.high - b.low), false, false};
  if (hi >= b.high) return {(b.high - lo) / (b.high - b.low), false, false};
  return {(hi - lo) / (b.high - b.low), false, false};
}

}  // namespace

std::vector<HistogramBucket> EquiWidthHistogram(std::vector<double> q, std::vector<double> cw, double finite_min,
                                                double finite_max, int64_t num_buckets, double num_pos_inf) {
  std::vector<HistogramBucket> out;
  if (q.empty()) return out;
  if (!std::isfinite(finite_min) && !std::isfinite(finite_max)) {
    out.push_back({finite_min, finite_max, cw.back()});
    return out;
  }
  // Strip -inf: the quantiles are right-hand bounds, so the leading -inf entries carry the
  // -inf mass, which becomes a point bucket.
  const size_t neg = static_cast<size_t>(std::upper_bound(q.begin(), q.end(), -INFINITY) - q.begin());
  double num_neg_inf = 0;
  if (neg > 0) {
    num_neg_inf = cw[neg - 1];
    q.erase(q.begin(), q.begin() + static_cast<std::ptrdiff_t>(neg));
    cw.erase(cw.begin(), cw.begin() + static_cast<std::ptrdiff_t>(neg));
    for (double& w : cw) w -= num_neg_inf;
  }
  // Strip +inf using the exact +inf count; the finite maximum closes the last finite bucket.
  if (num_pos_inf != 0) {
    const size_t pos = static_cast<size_t>(std::lower_bound(q.begin(), q.end(), INFINITY) - q.begin());
    const double finite_max_count = cw.back() - num_pos_inf;
    q.resize(pos);
    cw.resize(pos);
    q.push_back(finite_max);
    cw.push_back(finite_max_count);
  }
  const std::vector<HistogramBucket> qh = QuantilesHistogram(q, cw);
  std::vector<double> bounds;
  if (finite_min == finite_max) {
    bounds = {finite_min, finite_max};
  } else {
    // numpy.linspace: start + i * step, the last bound exactly finite_max.
    const double step = (finite_max - finite_min) / static_cast<double>(num_buckets);
    for (int64_t i = 0; i <= num_buckets; ++i) bounds.push_back(static_cast<double>(i) * step + finite_min);
    bounds.back() = finite_max;
    for (double b : bounds) {
      if (!std::isfinite(b)) return out;  // overflow: TFDV returns an empty histogram
    }
  }
  if (num_neg_inf != 0) out.push_back({-INFINITY, -INFINITY, num_neg_inf});
  size_t start = 0;
  for (size_t i = 0; i + 1 < bounds.size(); ++i) {
    double count = 0;
    for (size_t k = start; k < qh.size(); ++k) {
      const Overlap o = BucketOverlap(qh[k], bounds[i], bounds[i + 1], i == 0);
      if (o.follows) break;
      if (o.precedes) start = k;
      count += o.fraction * qh[k].count;
    }
    out.push_back({bounds[i], bounds[i + 1], count});
  }
  if (num_pos_inf != 0) out.push_back({INFINITY, INFINITY, num_pos_inf});
  return out;
}

double Median(const std::vector<double>& q) {
  if (q.empty()) return NAN;
  const size_t mid = q.size() / 2;
  return q.size() % 2 == 0 ? (q[mid - 1] + q[mid]) / 2.0 : q[mid];
}

}  // namespace al
