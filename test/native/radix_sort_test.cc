#include "core/radix_sort.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

namespace al {
namespace {

TEST(RadixSort, MatchesStdSortOnMixedValues) {
  std::mt19937_64 rng(4);
  for (size_t n : {size_t{0}, size_t{1}, size_t{7}, size_t{63}, size_t{64}, size_t{1000}, size_t{11402}}) {
    std::vector<double> v(n);
    for (auto& x : v) {
      const uint64_t r = rng();
      x = r % 5 == 0 ? -static_cast<double>(r % 1000) : r % 7 == 0 ? INFINITY * ((r & 1) ? 1 : -1) : std::ldexp(static_cast<double>(r >> 11), static_cast<int>(r % 40) - 60);
    }
    std::vector<double> expected = v;
    std::sort(expected.begin(), expected.end());
    std::vector<uint64_t> scratch;
    RadixSortDoubles(&v, &scratch);
    EXPECT_EQ(v, expected) << n;
  }
}

TEST(RadixSort, SmallIntegersAndSignedZeros) {
  std::vector<double> v;
  for (int i = 0; i < 5000; ++i) v.push_back(static_cast<double>((i * 37) % 100) - 50);
  v.push_back(-0.0);
  v.push_back(0.0);
  std::vector<uint64_t> scratch;
  RadixSortDoubles(&v, &scratch);
  EXPECT_TRUE(std::is_sorted(v.begin(), v.end()));
}

TEST(RadixSort, SortedInputIsKeptAndSignedZerosStillOrder) {
  std::vector<double> v;
  for (int i = 0; i < 5000; ++i) v.push_back(i * 0.5 - 100);
  const std::vector<double> sorted = v;
  std::vector<uint64_t> scratch;
  RadixSortDoubles(&v, &scratch);
  EXPECT_EQ(v, sorted);
  // Ordered by value but not by key: 0.0 before -0.0 is sorted again, -0.0 first as the passes do.
  std::vector<double> z;
  for (int i = 0; i < 100; ++i) z.push_back(i < 50 ? -1.0 : 1.0);
  z[49] = 0.0;
  z[50] = -0.0;
  RadixSortDoubles(&z, &scratch);
  EXPECT_TRUE(std::signbit(z[49]) && z[49] == 0);
  EXPECT_TRUE(!std::signbit(z[50]) && z[50] == 0);
}

}  // namespace
}  // namespace al
