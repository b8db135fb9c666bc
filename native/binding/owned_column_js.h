// OwnedColumn -> a plain JS object of ArrayBuffers: { typeId, length, nullCount, validity?,
// values?, offsets?, child? } (each buffer a Uint8Array of the raw bytes, which
// src/native/ownedColumn.ts views with the right element type and wraps as an Arrow Data).
#pragma once

#include "binding/napi_setup.h"
#include "core/owned_column.h"

namespace al {
namespace binding {

Napi::Object OwnedColumnToJs(Napi::Env env, const OwnedColumn& c);

}  // namespace binding
}  // namespace al
