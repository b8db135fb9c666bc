// The CUDA side as the rest of the addon sees it. Built from the .cu files when CMake finds
// nvcc (AL_WITH_CUDA), and from cuda_unavailable.cc otherwise; callers never #ifdef.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "arrowline/status.h"
#include "kernels/stats/leaf_ranges.h"
#include "kernels/stats/moments_op.h"

namespace al {
namespace cuda {

struct DeviceInfo {
  int index = 0;
  std::string name;
  int64_t memory_bytes = 0;
  int compute_major = 0;
  int compute_minor = 0;
};

// True when the CUDA kernels are linked into this build.
bool Compiled();

// The devices the CUDA runtime sees. Never fails: without a driver or a device it returns an
// empty list and says why in `reason`.
std::vector<DeviceInfo> Devices(std::string* reason);

// Moments of the selected leaf values on GPU `device`. The leaf must be a flat numeric column
// (not a dictionary); per-block states are merged on the host in block order, so the result
// is deterministic for a given input.
Status UpdateMoments(const LeafSelection& sel, int device, MomentsState* state);

}  // namespace cuda
}  // namespace al
