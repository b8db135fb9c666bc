// OwnedColumn -> a plain JS object of Node Buffers: { typeId, length, nullCount, validity?,
// values?, offsets?, child? } (each buffer the raw bytes, which src/native/select.ts views with
// the right element type and wraps as an Arrow Data). The buffers are allocated first (without
// zero-filling) and filled afterwards, so many columns can be copied on several threads.
#pragma once

#include <vector>

#include "binding/napi_setup.h"
#include "core/owned_column.h"

namespace al {
namespace binding {

// A pending copy of a native buffer into a JS buffer that already exists.
struct BufferCopy {
  uint8_t* dst;
  std::vector<uint8_t>* src;
};

// The JS object for `c`, its buffers allocated but not filled: the copies go to `copies`.
Napi::Object OwnedColumnShell(Napi::Env env, OwnedColumn* c, std::vector<BufferCopy>* copies);

// Runs the copies on `threads` threads (by bytes) and frees each native buffer after it.
void RunCopies(std::vector<BufferCopy>* copies, int threads);

// Both at once, on the calling thread.
Napi::Object OwnedColumnToJs(Napi::Env env, OwnedColumn* c);

}  // namespace binding
}  // namespace al
