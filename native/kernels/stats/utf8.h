// UTF-8 validation (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF), with an
// 8-bytes-at-a-time ASCII fast path. TFDV counts leaf strings that fail it in invalid_utf8_count.
#pragma once

#include <cstdint>
#include <cstring>

namespace al {

bool IsValidUtf8(const uint8_t* s, int64_t n);

// Every byte below 0x80 (then it is valid UTF-8): inline, for the short values of a column loop.
inline bool IsAscii(const uint8_t* s, int64_t n) {
  uint64_t any = 0;
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t word;
    std::memcpy(&word, s + i, 8);
    any |= word;
  }
  for (; i < n; ++i) any |= s[i];
  return (any & 0x8080808080808080ULL) == 0;
}

inline bool IsValidUtf8Fast(const uint8_t* s, int64_t n) { return IsAscii(s, n) || IsValidUtf8(s, n); }

}  // namespace al
