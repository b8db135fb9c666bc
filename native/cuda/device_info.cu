#include "cuda/cuda_api.h"
#include "cuda/cuda_check.h"

namespace al {
namespace cuda {

bool Compiled() { return true; }

std::vector<DeviceInfo> Devices(std::string* reason) {
  std::vector<DeviceInfo> out;
  int count = 0;
  const cudaError_t err = cudaGetDeviceCount(&count);
  if (err != cudaSuccess) {
    (void)cudaGetLastError();
    if (reason != nullptr) *reason = cudaGetErrorString(err);
    return out;
  }
  for (int i = 0; i < count; ++i) {
    cudaDeviceProp prop;
    if (cudaGetDeviceProperties(&prop, i) != cudaSuccess) {
      (void)cudaGetLastError();
      continue;
    }
    DeviceInfo d;
    d.index = i;
    d.name = prop.name;
    d.memory_bytes = static_cast<int64_t>(prop.totalGlobalMem);
    d.compute_major = prop.major;
    d.compute_minor = prop.minor;
    out.push_back(d);
  }
  if (out.empty() && reason != nullptr) *reason = "no CUDA device found";
  return out;
}

}  // namespace cuda
}  // namespace al
