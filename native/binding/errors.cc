#include "binding/errors.h"

#include "binding/addon_data.h"

namespace al {
namespace binding {

Napi::Error MakeError(Napi::Env env, const Status& status) {
  AddonData* data = GetAddonData(env);
  const Napi::String name = Napi::String::New(env, StatusCodeName(status.code()));
  const Napi::String message = Napi::String::New(env, status.message());
  if (data != nullptr && !data->error_factory.IsEmpty()) {
    Napi::Value err = data->error_factory.Call({name, message});
    if (err.IsObject()) return Napi::Error(env, err);
  }
  Napi::Error err = Napi::Error::New(env, status.message());
  err.Set("nativeStatus", name);
  return err;
}

void ThrowIfError(Napi::Env env, const Status& status) {
  if (!status.ok()) throw MakeError(env, status);
}

void ThrowInvalid(Napi::Env env, const std::string& message) { throw MakeError(env, Status::Invalid(message)); }

Napi::Value SetErrorFactory(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsFunction()) ThrowInvalid(env, "setErrorFactory expects a function");
  GetAddonData(env)->error_factory = Napi::Persistent(info[0].As<Napi::Function>());
  return env.Undefined();
}

}  // namespace binding
}  // namespace al
