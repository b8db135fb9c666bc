// UTF-8 validation: RFC 3629 cases, and the inline ASCII check the column loops use first must
// agree with the full validator on random bytes of every length (both sides of the 8-byte word
// boundary, high bits in any position).
#include "kernels/stats/utf8.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace al {
namespace {

bool Valid(const std::string& s) { return IsValidUtf8(reinterpret_cast<const uint8_t*>(s.data()), static_cast<int64_t>(s.size())); }

TEST(Utf8, Rfc3629Cases) {
  EXPECT_TRUE(Valid(""));
  EXPECT_TRUE(Valid("plain ascii, longer than one word"));
  EXPECT_TRUE(Valid("\xC3\xA9"));              // é
  EXPECT_TRUE(Valid("\xE2\x82\xAC"));          // €
  EXPECT_TRUE(Valid("\xF0\x9F\x98\x80"));      // U+1F600
  EXPECT_FALSE(Valid("\xC0\xAF"));             // overlong '/'
  EXPECT_FALSE(Valid("\xED\xA0\x80"));         // surrogate U+D800
  EXPECT_FALSE(Valid("\xF4\x90\x80\x80"));     // above U+10FFFF
  EXPECT_FALSE(Valid("\xE2\x82"));             // truncated
  EXPECT_FALSE(Valid("abc\xFF"));
}

TEST(Utf8, FastPathAgreesWithTheValidator) {
  std::mt19937_64 rng(5);
  for (int n = 0; n < 40; ++n) {
    for (int trial = 0; trial < 300; ++trial) {
      std::string s(static_cast<size_t>(n), 'a');
      for (char& c : s) c = static_cast<char>(rng() % 4 == 0 ? rng() % 256 : 'a' + rng() % 26);
      const auto* p = reinterpret_cast<const uint8_t*>(s.data());
      EXPECT_EQ(IsValidUtf8Fast(p, n), IsValidUtf8(p, n)) << n;
      bool ascii = true;
      for (char c : s) ascii = ascii && static_cast<uint8_t>(c) < 0x80;
      EXPECT_EQ(IsAscii(p, n), ascii) << n;
    }
  }
}

}  // namespace
}  // namespace al
