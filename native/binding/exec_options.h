// Where and how a kernel runs: device ('auto' | 'cpu' | 'gpu', translated to numbers by
// src/native) and native thread count; and the device decision for the moments kernel.
#pragma once

#include <string>
#include <vector>

#include "arrowline/status.h"
#include "binding/napi_setup.h"
#include "cuda/cuda_api.h"
#include "kernels/stats/moments.h"

namespace al {
namespace binding {

enum class Device { kAuto = 0, kCpu = 1, kGpu = 2 };

struct ExecOptions {
  Device device = Device::kAuto;
  int threads = 1;
  // Filled on the main thread from the per-env device cache, so worker threads never query CUDA
  // state through V8-owned data.
  bool gpu_available = false;
  std::string gpu_reason;
};

// Reads { device?: number, threads?: number }; throws E_OPTION-style InvalidArgument on bad values.
ExecOptions ParseExecOptions(Napi::Env env, Napi::Value options);

// The CUDA devices, queried once per environment (the first query initialises the CUDA runtime).
const std::vector<cuda::DeviceInfo>& CachedDevices(Napi::Env env, std::string* reason);

// Moments of `sel` on the device `options` picks: 'gpu' requires a usable GPU; 'auto' uses one
// for large flat numeric columns and the CPU otherwise. `*used` names the device that ran.
Status RunMoments(const LeafSelection& sel, const ExecOptions& options, MomentsState* state, const char** used);

}  // namespace binding
}  // namespace al
