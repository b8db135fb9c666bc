// The numeric moments accumulator: the math, written once for the CPU kernel (moments.cc) and
// the CUDA kernel (cuda/moments.cu). TFDV semantics (reference/tfdv.md §2.4, §2.9): nulls are
// skipped and counted; NaN is counted and excluded from everything else; ±inf take part in
// min/max and the mean (+inf, -inf, or NaN when both occur) and make the variance NaN, which
// reads as 0. Infinities are counted apart so that the result does not depend on how the data
// was split. The finite mean and M2 follow Welford within a run and Chan et al.'s pairwise
// formula across runs, so merging partial states equals one pass up to rounding.
#pragma once

#include <cmath>
#include <cstdint>
#include <type_traits>

#include "core/host_device.h"

namespace al {

struct MomentsState {
  uint64_t null_count;  // null leaf values
  uint64_t nan_count;   // NaN values (present but excluded from the moments)
  uint64_t count;       // non-null, non-NaN values (infinities included)
  uint64_t zeros;       // values == 0
  uint64_t pos_inf;     // +inf values
  uint64_t neg_inf;     // -inf values
  double mean;          // of the finite values
  double m2;            // sum of squared deviations of the finite values from their mean
  double min;           // +inf while count == 0
  double max;           // -inf while count == 0
  double finite_min;    // over finite values; +inf while there are none
  double finite_max;    // -inf while there are none
};
static_assert(std::is_trivially_copyable<MomentsState>::value, "MomentsState is serialized by memcpy");
static_assert(sizeof(MomentsState) == 96, "MomentsState layout is part of serialized format v1");

struct MomentsOp {
  AL_HOST_DEVICE static void Init(MomentsState& s) {
    s.null_count = 0;
    s.nan_count = 0;
    s.count = 0;
    s.zeros = 0;
    s.pos_inf = 0;
    s.neg_inf = 0;
    s.mean = 0.0;
    s.m2 = 0.0;
    s.min = INFINITY;
    s.max = -INFINITY;
    s.finite_min = INFINITY;
    s.finite_max = -INFINITY;
  }

  // One present value (Welford).
  AL_HOST_DEVICE static void Update(MomentsState& s, double v) {
    if (v != v) {
      ++s.nan_count;
      return;
    }
    ++s.count;
    if (v == 0.0) ++s.zeros;
    if (v < s.min) s.min = v;
    if (v > s.max) s.max = v;
    if (v == INFINITY || v == -INFINITY) {
      ++(v > 0 ? s.pos_inf : s.neg_inf);
      return;
    }
    const double delta = v - s.mean;
    s.mean += delta / static_cast<double>(Finite(s));
    s.m2 += delta * (v - s.mean);
  }

  // Values in the finite mean and M2.
  AL_HOST_DEVICE static uint64_t Finite(const MomentsState& s) { return s.count - s.pos_inf - s.neg_inf; }

  // Chan et al.: combine `from` into `into`; `from` is not modified.
  AL_HOST_DEVICE static void Merge(MomentsState& into, const MomentsState& from) {
    const uint64_t fa = Finite(into), fb = Finite(from);
    into.null_count += from.null_count;
    into.nan_count += from.nan_count;
    into.zeros += from.zeros;
    into.pos_inf += from.pos_inf;
    into.neg_inf += from.neg_inf;
    into.count += from.count;
    if (from.min < into.min) into.min = from.min;
    if (from.max > into.max) into.max = from.max;
    if (from.finite_min < into.finite_min) into.finite_min = from.finite_min;
    if (from.finite_max > into.finite_max) into.finite_max = from.finite_max;
    if (fb == 0) return;
    if (fa == 0) {
      into.mean = from.mean;
      into.m2 = from.m2;
      return;
    }
    const double na = static_cast<double>(fa);
    const double nb = static_cast<double>(fb);
    const double n = na + nb;
    const double delta = from.mean - into.mean;
    into.mean += delta * (nb / n);
    into.m2 += from.m2 + delta * delta * (na * nb / n);
  }

  // The mean TFDV reports: +inf or -inf when infinities of one sign occur, NaN for both.
  AL_HOST_DEVICE static double Mean(const MomentsState& s) {
    if (s.pos_inf > 0 && s.neg_inf > 0) return NAN;
    if (s.pos_inf > 0) return INFINITY;
    if (s.neg_inf > 0) return -INFINITY;
    return s.mean;
  }

  // Population variance (ddof = 0), as TFDV; NaN variance (from inf) reads as 0.
  AL_HOST_DEVICE static double Variance(const MomentsState& s) {
    if (s.count == 0 || s.pos_inf + s.neg_inf > 0) return 0.0;
    const double var = s.m2 / static_cast<double>(Finite(s));
    return var > 0.0 ? var : 0.0;
  }
  AL_HOST_DEVICE static double StdDev(const MomentsState& s) { return sqrt(Variance(s)); }
};

}  // namespace al
