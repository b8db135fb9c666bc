// The memory-bandwidth floor: one native pass over a float64 array (a sum, so the loads cannot
// be elided), on `threads` threads. Benchmarks compare every kernel's throughput against it.
#pragma once

#include <cstdint>

namespace al {

double BandwidthPass(const double* x, int64_t n, int threads);

}  // namespace al
