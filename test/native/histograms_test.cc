// Histograms from quantiles against the cases of TFDV's quantiles_util_test.py.
#include "kernels/stats/histograms.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace al {
namespace {

void ExpectBuckets(const std::vector<HistogramBucket>& actual, const std::vector<HistogramBucket>& expected) {
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < actual.size(); ++i) {
    const auto near = [](double a, double b) {
      return (std::isinf(b) && a == b) || std::fabs(a - b) <= 1e-7 * (1 + std::fabs(b));
    };
    EXPECT_TRUE(near(actual[i].low, expected[i].low)) << i << ": low " << actual[i].low << " vs " << expected[i].low;
    EXPECT_TRUE(near(actual[i].high, expected[i].high)) << i << ": high " << actual[i].high << " vs " << expected[i].high;
    EXPECT_TRUE(near(actual[i].count, expected[i].count)) << i << ": count " << actual[i].count << " vs " << expected[i].count;
  }
}

TEST(QuantilesHistogram, EvenBuckets) {
  ExpectBuckets(QuantilesHistogram({1, 60, 120, 180, 240, 300}, {1, 60, 120, 180, 240, 300}),
                {{1, 60, 60}, {60, 120, 60}, {120, 180, 60}, {180, 240, 60}, {240, 300, 60}});
}

TEST(QuantilesHistogram, AllDuplicates) {
  ExpectBuckets(QuantilesHistogram({1, 1, 1}, {2, 2, 2}), {{1, 1, 1}, {1, 1, 1}});
}

TEST(QuantilesHistogram, LowBucketPartialDuplicate) {
  ExpectBuckets(QuantilesHistogram({1, 2, 2}, {1, 2, 2}), {{1, 2, 1.5}, {2, 2, 0.5}});
}

TEST(QuantilesHistogram, DuplicateBuckets) {
  ExpectBuckets(QuantilesHistogram({1, 2, 2, 2, 3, 3, 4}, {1, 34, 34, 34, 51, 51, 60}),
                {{1, 2, 12}, {2, 2, 11}, {2, 2, 11}, {2, 3, 8.5}, {3, 3, 8.5}, {3, 4, 9}});
}

TEST(EquiWidthHistogram, FromDuplicateQuantiles) {
  ExpectBuckets(EquiWidthHistogram({1, 2, 2, 2, 3, 3, 4}, {1, 34, 34, 34, 51, 51, 60}, 1, 4, 2, 0),
                {{1, 2.5, 38.25}, {2.5, 4, 21.75}});
}

struct EquiWidthCase {
  const char* name;
  std::vector<double> q, cw;
  double finite_min, finite_max;
  int64_t buckets;
  double pos_inf;
  std::vector<HistogramBucket> expected;
};

TEST(EquiWidthHistogram, TfdvCases) {
  const double inf = INFINITY;
  const std::vector<EquiWidthCase> cases = {
      {"integer boundaries", {1, 2, 3, 4, 5, 7}, {2, 5, 7, 10, 12, 15}, 1, 7, 2, 0, {{1, 4, 10}, {4, 7, 5}}},
      {"fractional boundaries", {1, 2, 3, 4, 5, 7}, {2, 5, 7, 10, 12, 15}, 1, 7, 4, 0,
       {{1, 2.5, 6}, {2.5, 4, 4}, {4, 5.5, 2.75}, {5.5, 7, 2.25}}},
      {"one bucket", {1, 2, 3, 4, 5, 7}, {2, 5, 7, 10, 12, 15}, 1, 7, 1, 0, {{1, 7, 15}}},
      {"single finite value", {5, 5, 5, 5, 5}, {3, 3, 3, 3, 3}, 5, 5, 1, 0, {{5, 5, 3}}},
      {"leading -inf", {-inf, -inf, 1, 2, 3}, {5, 7, 10, 12, 15}, 1, 3, 4, 0,
       {{-inf, -inf, 7}, {1, 1.5, 2.5}, {1.5, 2, 2.5}, {2, 2.5, 1.5}, {2.5, 3, 1.5}}},
      {"trailing inf", {1, 2, 3, inf, inf}, {3, 5, 6, 7, 8}, 1, 4, 2, 0.5, {{1, 2.5, 5.5}, {2.5, 4, 2}, {inf, inf, 0.5}}},
      {"single finite between inf", {-inf, 1, inf}, {3, 5, 9}, 1, 1, 99, 4, {{-inf, -inf, 3}, {1, 1, 2}, {inf, inf, 4}}},
      {"leading and trailing inf", {-inf, 1, 2, 3, inf}, {3, 5, 6, 7, 8}, 1, 4, 2, 0.5,
       {{-inf, -inf, 3}, {1, 2.5, 3.5}, {2.5, 4, 1}, {inf, inf, 0.5}}},
      {"all inf", {-inf, inf}, {1, 5}, -inf, inf, 99, 0.5, {{-inf, inf, 5}}},
      {"float32 overflow", {-3.4e+38, 1, 3.4e+38}, {1, 3, 5}, -3.4e+38, 3.4e+38, 3, 0,
       {{-3.4e+38, -1.1333333333333332e+38, 2},
        {-1.1333333333333332e+38, 1.1333333333333336e+38, 1.666666666666667},
        {1.1333333333333336e+38, 3.4e+38, 1.3333333333333333}}},
      {"float64 overflow", {-1.7976931348623157e+308, 0, 1.7976931348623157e+308}, {1, 3, 5}, -1.7976931348623157e+308,
       1.7976931348623157e+308, 3, 0, {}},
  };
  for (const EquiWidthCase& c : cases) {
    SCOPED_TRACE(c.name);
    ExpectBuckets(EquiWidthHistogram(c.q, c.cw, c.finite_min, c.finite_max, c.buckets, c.pos_inf), c.expected);
  }
}

TEST(EquiWidthHistogram, TotalWeightIsPreserved) {
  std::mt19937_64 rng(3);
  for (int size = 1; size < 20; ++size) {
    std::vector<double> q(size + 1), cw(size + 1);
    double b = 0, c = 0;
    for (int i = 0; i <= size; ++i) {
      b += static_cast<double>(rng() % 2);
      c += static_cast<double>(rng() % 1000) / 1000.0;
      q[i] = b;
      cw[i] = c;
    }
    for (int bins = 1; bins < 40; ++bins) {
      double total = 0;
      for (const auto& bucket : EquiWidthHistogram(q, cw, q.front(), q.back(), bins, 0)) total += bucket.count;
      EXPECT_NEAR(total, cw.back(), 1e-9) << size << " " << bins;
    }
  }
}

TEST(Histograms, RebinAndMedian) {
  std::vector<double> q, cw;
  ASSERT_TRUE(RebinQuantiles({0, 1, 2, 3, 4}, {0, 1, 2, 3, 4}, 2, &q, &cw));
  EXPECT_EQ(q, (std::vector<double>{0, 2, 4}));
  EXPECT_EQ(cw, (std::vector<double>{0, 2, 4}));
  EXPECT_FALSE(RebinQuantiles({0, 1, 2, 3, 4}, {0, 1, 2, 3, 4}, 3, &q, &cw));
  EXPECT_EQ(Median({5}), 5);
  EXPECT_EQ(Median({3, 5}), 4);
  EXPECT_EQ(Median({3, 4, 5}), 4);
  EXPECT_EQ(Median({3, 4, 5, 6}), 4.5);
}

}  // namespace
}  // namespace al
