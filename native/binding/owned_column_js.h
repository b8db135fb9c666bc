// OwnedColumn -> a plain JS object of ArrayBuffers: { typeId, length, nullCount, validity?,
// values?, offsets?, child? } (each buffer a Uint8Array of the raw bytes, which
// src/native/ownedColumn.ts views with the right element type and wraps as an Arrow Data).
#pragma once

#include "binding/napi_setup.h"
#include "core/owned_column.h"

namespace al {
namespace binding {

// Copies each buffer of `c` into a new ArrayBuffer and frees it; `c` is left empty.
Napi::Object OwnedColumnToJs(Napi::Env env, OwnedColumn* c);

}  // namespace binding
}  // namespace al
