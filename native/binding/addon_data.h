// Per-environment state of the addon (one per main thread or worker thread): no mutable globals,
// so the addon loads in worker_threads and piscina workers.
#pragma once

#include <string>
#include <vector>

#include "binding/napi_setup.h"
#include "cuda/cuda_api.h"

namespace al {
namespace binding {

struct AddonData {
  Napi::FunctionReference error_factory;  // (nativeStatus, message) => ArrowlineError, set by src/native
  Napi::FunctionReference moments_accumulator;
  Napi::FunctionReference stats_accumulator;
  Napi::FunctionReference weighted_accumulator;
  bool devices_queried = false;  // CUDA devices, queried on first use
  std::vector<cuda::DeviceInfo> devices;
  std::string devices_reason;
};

AddonData* GetAddonData(Napi::Env env);

}  // namespace binding
}  // namespace al
