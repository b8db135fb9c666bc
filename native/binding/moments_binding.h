// computeMoments(column, options) -> Promise, computeMomentsSync, and the MomentsAccumulator
// handle (update / updateAsync / merge / serialize / deserialize / finalize).
#pragma once

#include "binding/napi_setup.h"

namespace al {
namespace binding {

Napi::Value ComputeMoments(const Napi::CallbackInfo& info);
Napi::Value ComputeMomentsSync(const Napi::CallbackInfo& info);
Napi::Function DefineMomentsAccumulator(Napi::Env env);

}  // namespace binding
}  // namespace al
