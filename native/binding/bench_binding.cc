#include "binding/entry_points.h"
#include "binding/errors.h"
#include "kernels/bench/bandwidth.h"

namespace al {
namespace binding {

// bandwidthPass(Float64Array, threads) -> sum: the memory-bandwidth floor for bench/.
Napi::Value BandwidthPass(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsTypedArray() ||
      info[0].As<Napi::TypedArray>().TypedArrayType() != napi_float64_array) {
    ThrowInvalid(env, "bandwidthPass expects a Float64Array");
  }
  Napi::Float64Array x = info[0].As<Napi::Float64Array>();
  const int threads = info.Length() > 1 && info[1].IsNumber() ? info[1].As<Napi::Number>().Int32Value() : 1;
  if (threads < 1 || threads > 1024) ThrowInvalid(env, "bandwidthPass: threads must be from 1 to 1024");
  return Napi::Number::New(env, al::BandwidthPass(x.Data(), static_cast<int64_t>(x.ElementLength()), threads));
}

}  // namespace binding
}  // namespace al
