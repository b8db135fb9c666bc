// UTF-8 validation (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF), with an
// 8-bytes-at-a-time ASCII fast path. TFDV counts leaf strings that fail it in invalid_utf8_count.
#pragma once

#include <cstdint>

namespace al {

bool IsValidUtf8(const uint8_t* s, int64_t n);

}  // namespace al
