// Status -> JS error. One place builds every error the addon throws or rejects with: through the
// factory src/native registers (so JS sees ArrowlineError subclasses with stable codes), or a
// plain Error carrying `nativeStatus` when none is registered.
#pragma once

#include <string>

#include "arrowline/status.h"
#include "binding/napi_setup.h"

namespace al {
namespace binding {

Napi::Error MakeError(Napi::Env env, const Status& status);

// Throws (as a C++ exception that node-addon-api turns into a JS exception) unless ok.
void ThrowIfError(Napi::Env env, const Status& status);

// Shorthand for argument errors found by the binding itself.
[[noreturn]] void ThrowInvalid(Napi::Env env, const std::string& message);

Napi::Value SetErrorFactory(const Napi::CallbackInfo& info);

}  // namespace binding
}  // namespace al
