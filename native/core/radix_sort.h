// LSD radix sort of doubles (NaN-free), six passes of 11 bits, skipping passes in which every
// key has the same digit, and every pass when the input is already in order. Several times faster than comparison sorts on the 11402-value buffers of the
// quantile sketch, which otherwise dominate the statistics pass.
#pragma once

#include <cstdint>
#include <vector>

namespace al {

// Sorts `values` ascending; `scratch` is reused between calls to avoid allocations.
void RadixSortDoubles(std::vector<double>* values, std::vector<uint64_t>* scratch);

}  // namespace al
