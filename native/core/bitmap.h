// Arrow validity bitmaps (LSB first): bit i set means row i is valid.
#pragma once

#include <cstdint>

#include "core/host_device.h"

namespace al {

AL_HOST_DEVICE AL_FORCE_INLINE bool GetBit(const uint8_t* bits, int64_t i) {
  return (bits[i >> 3] >> (i & 7)) & 1;
}

inline int64_t BitmapBytesFor(int64_t bit_offset, int64_t length) {
  return length == 0 ? 0 : (bit_offset + length + 7) / 8;
}

// Number of set bits in [bit_offset, bit_offset + length).
int64_t CountSetBits(const uint8_t* bits, int64_t bit_offset, int64_t length);

// Rows in [0, length) whose validity bit is clear; 0 without a bitmap.
inline int64_t CountNulls(const uint8_t* validity, int64_t bit_offset, int64_t length) {
  return validity == nullptr ? 0 : length - CountSetBits(validity, bit_offset, length);
}

}  // namespace al
