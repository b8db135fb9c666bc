#include <string>

#include "binding/entry_points.h"
#include "binding/exec_options.h"
#include "core/cpu_features.h"
#include "cuda/cuda_api.h"

#ifndef ARROWLINE_VERSION
#define ARROWLINE_VERSION "0.0.0"
#endif

namespace al {
namespace binding {

// { version, cudaCompiled, simd, cuda: { devices: [{ index, name, memoryBytes, computeCapability }], reason } }
Napi::Value Info(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object o = Napi::Object::New(env);
  o.Set("version", ARROWLINE_VERSION);
  o.Set("napiVersion", NAPI_VERSION);
  o.Set("cudaCompiled", cuda::Compiled());
  o.Set("simd", SimdLevelName(DetectSimdLevel()));
  std::string reason;
  const auto& devices = CachedDevices(env, &reason);
  Napi::Object c = Napi::Object::New(env);
  Napi::Array list = Napi::Array::New(env, devices.size());
  for (size_t i = 0; i < devices.size(); ++i) {
    Napi::Object d = Napi::Object::New(env);
    d.Set("index", devices[i].index);
    d.Set("name", devices[i].name);
    d.Set("memoryBytes", static_cast<double>(devices[i].memory_bytes));
    d.Set("computeCapability", std::to_string(devices[i].compute_major) + "." + std::to_string(devices[i].compute_minor));
    list.Set(static_cast<uint32_t>(i), d);
  }
  c.Set("devices", list);
  if (devices.empty()) c.Set("reason", reason);
  o.Set("cuda", c);
  return o;
}

}  // namespace binding
}  // namespace al
