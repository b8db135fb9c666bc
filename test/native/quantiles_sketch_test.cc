// The weighted quantiles sketch: tfx-bsl's cases, the exact regime against exact sorts, the
// error bound and memory cap past it, merge and serialization.
#include "sketches/weighted_quantiles.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace al {
namespace {

std::vector<double> Quantiles(const QuantilesSketch& s, int64_t n) {
  std::vector<double> q, w;
  s.QuantilesAndCumulativeWeights(n, &q, &w);
  return q;
}

TEST(QuantileStream, SpecsMatchTensorFlow) {
  int64_t levels = 0, block = 0;
  QuantileStream::Specs(0.01 / 3, int64_t{1} << 32, &levels, &block);
  EXPECT_EQ(block, 5701);
  EXPECT_EQ(levels, 20);
}

TEST(QuantilesSketch, TfxBslCase) {
  QuantilesSketch s(0.01);
  for (int i = 1; i <= 300; ++i) s.Add(i);
  EXPECT_EQ(Quantiles(s, 5), (std::vector<double>{1, 61, 121, 181, 241, 300}));
  std::vector<double> q, w;
  s.QuantilesAndCumulativeWeights(5, &q, &w);
  EXPECT_EQ(w, (std::vector<double>{1, 61, 121, 181, 241, 300}));
}

TEST(QuantilesSketch, WeightsNanAndNonPositiveWeights) {
  QuantilesSketch s(0.01);
  s.Add(std::nan(""));
  s.AddWeighted(1, 0);
  s.AddWeighted(2, -1);
  s.AddWeighted(3, std::nan(""));
  EXPECT_TRUE(s.Empty());
  s.AddWeighted(1, 3);
  s.AddWeighted(2, 1);
  std::vector<double> q, w;
  s.QuantilesAndCumulativeWeights(2, &q, &w);
  EXPECT_EQ(q, (std::vector<double>{1, 1, 2}));
  EXPECT_EQ(w, (std::vector<double>{3, 3, 4}));
}

TEST(QuantilesSketch, ExactRegimeEqualsSortedValues) {
  std::mt19937_64 rng(5);
  std::vector<double> x(11402);
  for (auto& v : x) v = static_cast<double>(rng() % 100000) / 7.0;
  QuantilesSketch s(0.01);
  for (double v : x) s.Add(v);
  std::vector<double> sorted = x;
  std::sort(sorted.begin(), sorted.end());
  const std::vector<double> q = Quantiles(s, 4);
  EXPECT_EQ(q.front(), sorted.front());
  EXPECT_EQ(q.back(), sorted.back());
  // With all values kept, every quantile is a data value whose rank is within one of r * n / 4.
  for (int r = 1; r < 4; ++r) {
    const auto lo = std::lower_bound(sorted.begin(), sorted.end(), q[r]) - sorted.begin();
    const auto hi = std::upper_bound(sorted.begin(), sorted.end(), q[r]) - sorted.begin();
    const double target = r * 11402.0 / 4;
    EXPECT_LE(lo, target + 1) << r;
    EXPECT_GE(hi, target - 1) << r;
  }
}

TEST(QuantilesSketch, MillionDistinctValuesStayWithinBoundAndCap) {
  const int n = 1000000;
  std::vector<double> x(n);
  for (int i = 0; i < n; ++i) x[i] = i;
  std::shuffle(x.begin(), x.end(), std::mt19937_64(11));
  QuantilesSketch s(0.01);
  for (double v : x) s.Add(v);
  const std::vector<double> q = Quantiles(s, 100);
  ASSERT_EQ(q.size(), 101u);
  EXPECT_EQ(q.front(), 0);
  EXPECT_EQ(q.back(), n - 1);
  // Values are 0..n-1, so a quantile's value is its rank: each within eps * n of the target.
  for (int r = 0; r <= 100; ++r) EXPECT_NEAR(q[r], r * (n / 100.0), 0.01 * n) << r;
  std::vector<uint8_t> bytes;
  s.Serialize(&bytes);
  const size_t cap = 40 + 4 * 21 + 32 * (2 * 5701 + 20 * (5701 + 2)) ;
  EXPECT_LT(bytes.size(), cap);
  s.Compact();
  bytes.clear();
  s.Serialize(&bytes);
  EXPECT_LE(bytes.size(), 40u + 8 + 32 * (5701 + 2));  // documented cap after Compact: 182 KiB
  const std::vector<double> qc = Quantiles(s, 100);
  for (int r = 0; r <= 100; ++r) EXPECT_NEAR(qc[r], r * (n / 100.0), 0.01 * n) << r;
}

TEST(QuantilesSketch, MergeOfShardsEqualsOneSketchInTheExactRegime) {
  QuantilesSketch whole(0.01), a(0.01), b(0.01);
  for (int i = 0; i < 5000; ++i) {
    whole.Add(i % 977);
    (i < 1800 ? a : b).Add(i % 977);
  }
  const QuantilesSketch b_before = b;
  ASSERT_TRUE(a.Merge(b).ok());
  std::vector<uint8_t> x, y;
  b.Serialize(&x);
  b_before.Serialize(&y);
  EXPECT_EQ(x, y) << "merge must not modify its argument";
  EXPECT_EQ(Quantiles(a, 1000), Quantiles(whole, 1000));
  QuantilesSketch other_eps(0.05);
  EXPECT_EQ(a.Merge(other_eps).code(), StatusCode::kInvalidArgument);
}

TEST(QuantilesSketch, SerializationRoundTripsAndRejectsGarbage) {
  QuantilesSketch s(0.01);
  for (int i = 0; i < 30000; ++i) s.Add((i * 7919) % 30011);
  std::vector<uint8_t> bytes;
  s.Serialize(&bytes);
  QuantilesSketch back;
  int64_t used = 0;
  ASSERT_TRUE(QuantilesSketch::Deserialize(bytes.data(), static_cast<int64_t>(bytes.size()), &used, &back).ok());
  EXPECT_EQ(used, static_cast<int64_t>(bytes.size()));
  EXPECT_EQ(Quantiles(back, 10), Quantiles(s, 10));
  for (int64_t cut : {int64_t{2}, int64_t{20}, static_cast<int64_t>(bytes.size()) - 3}) {
    EXPECT_EQ(QuantilesSketch::Deserialize(bytes.data(), cut, &used, &back).code(), StatusCode::kSerialization);
  }
}

}  // namespace
}  // namespace al
