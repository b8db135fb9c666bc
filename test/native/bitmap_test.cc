#include "core/bitmap.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace al {
namespace {

TEST(Bitmap, CountSetBitsMatchesNaiveAtEveryOffset) {
  std::mt19937_64 rng(42);
  std::vector<uint8_t> bits(64);
  for (auto& b : bits) b = static_cast<uint8_t>(rng());
  for (int64_t offset = 0; offset < 70; offset += 3) {
    for (int64_t length : {0, 1, 7, 8, 9, 63, 64, 65, 200, 300}) {
      if (offset + length > 64 * 8) continue;
      int64_t naive = 0;
      for (int64_t i = offset; i < offset + length; ++i) naive += GetBit(bits.data(), i);
      EXPECT_EQ(CountSetBits(bits.data(), offset, length), naive) << "offset " << offset << " length " << length;
    }
  }
}

TEST(Bitmap, CountNullsWithoutBitmapIsZero) { EXPECT_EQ(CountNulls(nullptr, 3, 100), 0); }

TEST(Bitmap, BitmapBytesFor) {
  EXPECT_EQ(BitmapBytesFor(0, 0), 0);
  EXPECT_EQ(BitmapBytesFor(0, 1), 1);
  EXPECT_EQ(BitmapBytesFor(7, 2), 2);
  EXPECT_EQ(BitmapBytesFor(3, 13), 2);
}

}  // namespace
}  // namespace al
