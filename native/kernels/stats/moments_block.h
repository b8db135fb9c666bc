// Moments of one block of present float64 values (nulls already removed), computed in two
// passes over the block (sum, then squared deviations from the block mean) and returned as a
// MomentsState that the caller merges with MomentsOp::Merge. The pass is vectorised; the
// variant is picked once per process from the CPU (scalar / SSE2 baseline, AVX2+FMA).
#pragma once

#include <cstdint>

#include "core/cpu_features.h"
#include "kernels/stats/moments_op.h"

namespace al {

// Values per block: small enough that the second pass reads from L1 (8 KiB).
constexpr int64_t kMomentsBlock = 1024;

using BlockMomentsFn = void (*)(const double* x, int64_t n, MomentsState* out);

void BlockMomentsScalar(const double* x, int64_t n, MomentsState* out);
#if defined(__x86_64__)
void BlockMomentsAvx2(const double* x, int64_t n, MomentsState* out);
#endif

// The variant for `level` (kScalar and kSse2 share the portable loop, which the compiler
// vectorises for the SSE2 baseline where it can).
BlockMomentsFn BlockMomentsFor(SimdLevel level);

}  // namespace al
