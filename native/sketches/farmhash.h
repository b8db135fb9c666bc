// FarmHash Fingerprint64 (farmhashna's Hash64), the hash tfx-bsl's KMV sketch applies to values
// and TensorFlow Transform uses for string hashing. Written from the published algorithm and
// checked against the farmhash-modern package in the tests.
#pragma once

#include <cstddef>
#include <cstdint>

namespace al {

uint64_t Fingerprint64(const void* data, size_t len);

}  // namespace al
