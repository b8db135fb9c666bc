// LSD radix sort of doubles (NaN-free), 8 bits a pass, skipping passes in which every key has
// the same digit. Several times faster than comparison sorts on the 11402-value buffers of the
// quantile sketch, which otherwise dominate the statistics pass.
#pragma once

#include <cstdint>
#include <vector>

namespace al {

// Sorts `values` ascending; `scratch` is reused between calls to avoid allocations.
void RadixSortDoubles(std::vector<double>* values, std::vector<uint64_t>* scratch);

}  // namespace al
