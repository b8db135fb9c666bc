#include "core/bitmap.h"

#include <cstring>

namespace al {

int64_t CountSetBits(const uint8_t* bits, int64_t bit_offset, int64_t length) {
  int64_t count = 0;
  int64_t i = bit_offset;
  const int64_t end = bit_offset + length;
  // Leading bits up to a byte boundary.
  while (i < end && (i & 7) != 0) count += GetBit(bits, i++);
  // Whole 64-bit words.
  while (i + 64 <= end) {
    uint64_t word;
    std::memcpy(&word, bits + (i >> 3), sizeof(word));
    count += __builtin_popcountll(word);
    i += 64;
  }
  while (i + 8 <= end) {
    count += __builtin_popcount(bits[i >> 3]);
    i += 8;
  }
  while (i < end) count += GetBit(bits, i++);
  return count;
}

}  // namespace al
