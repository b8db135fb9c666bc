// The CUDA API of a CPU-only build (no nvcc at build time): nothing compiled, no device.
#include "cuda/cuda_api.h"

namespace al {
namespace cuda {

bool Compiled() { return false; }

std::vector<DeviceInfo> Devices(std::string* reason) {
  if (reason != nullptr) *reason = "this build of arrowline has no CUDA kernels (nvcc was not found when it was built)";
  return {};
}

Status UpdateMoments(const LeafSelection&, int, MomentsState*) {
  return Status::DeviceUnavailable("this build of arrowline has no CUDA kernels (nvcc was not found when it was built)");
}

}  // namespace cuda
}  // namespace al
