// Kernel results -> plain JS objects (small: counts and doubles, never column data).
#pragma once

#include "binding/napi_setup.h"
#include "kernels/stats/column_profile.h"
#include "kernels/stats/moments_op.h"

namespace al {
namespace binding {

Napi::Object MomentsToObject(Napi::Env env, const MomentsState& s);
Napi::Object ProfileToObject(Napi::Env env, const ColumnProfile& p);

}  // namespace binding
}  // namespace al
