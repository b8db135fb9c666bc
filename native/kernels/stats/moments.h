// CPU moments kernel: folds the present leaf values of a numeric column (any list nesting,
// dictionary-encoded or not, nulls skipped and counted) into a MomentsState.
#pragma once

#include <cstdint>
#include <string>

#include "arrowline/column_view.h"
#include "arrowline/status.h"
#include "core/cpu_features.h"
#include "kernels/stats/leaf_ranges.h"
#include "kernels/stats/moments_op.h"
#include "sketches/weighted_quantiles.h"

namespace al {

struct MomentsOptions {
  int threads = 1;                     // native threads; states are merged in range order
  SimdLevel simd = SimdLevel::kAvx2;   // clamped to what the CPU supports
  double quantiles_eps = 0.01;         // error bound of the quantile sketches (StatsOptions.epsilon)
  int64_t topk_buckets = 1024;         // Misra-Gries counters: max(1024, num_top_values, num_rank_histogram_buckets)
};

// `view` must have passed ValidateColumn; its leaf type must be numeric.
Status UpdateMoments(const ColumnView& view, const MomentsOptions& options, MomentsState* state);

// Same, over an explicit leaf selection (used by the CUDA path and by tests). With a sketch,
// every non-NaN value is also added to it (per-thread sketches merged in range order).
Status UpdateMomentsLeaves(const LeafSelection& sel, const MomentsOptions& options, MomentsState* state,
                           QuantilesSketch* sketch = nullptr);

// Serialized state, format v1: "ALMO" magic, uint32 version = 1, then the 96-byte MomentsState
// (little-endian, field order as declared). 104 bytes.
constexpr int kMomentsStateBytes = 104;
void SerializeMoments(const MomentsState& state, uint8_t out[kMomentsStateBytes]);
Status DeserializeMoments(const uint8_t* data, int64_t size, MomentsState* state);

}  // namespace al
