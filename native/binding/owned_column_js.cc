#include "binding/owned_column_js.h"

#include <cstring>

namespace al {
namespace binding {
namespace {

void SetBytes(Napi::Env env, Napi::Object o, const char* key, std::vector<uint8_t>* bytes) {
  // External buffers are off (napi_setup.h: runtimes with a V8 sandbox refuse them): copy, then
  // free the native copy at once so the peak stays near one copy of the column.
  // Buffer::Copy allocates without zero-filling (unlike a new ArrayBuffer) and copies once.
  const size_t n = bytes->size();
  Napi::Buffer<uint8_t> buf = Napi::Buffer<uint8_t>::Copy(env, bytes->data(), n);
  std::vector<uint8_t>().swap(*bytes);
  o.Set(key, buf);
}

}  // namespace

Napi::Object OwnedColumnToJs(Napi::Env env, OwnedColumn* c) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("typeId", Napi::Number::New(env, static_cast<double>(c->type)));
  o.Set("length", Napi::Number::New(env, static_cast<double>(c->length)));
  o.Set("nullCount", Napi::Number::New(env, static_cast<double>(c->null_count)));
  if (!c->validity.empty()) SetBytes(env, o, "validity", &c->validity);
  SetBytes(env, o, "values", &c->values);
  SetBytes(env, o, "offsets", &c->offsets);
  if (c->child) o.Set("child", OwnedColumnToJs(env, c->child.get()));
  return o;
}

}  // namespace binding
}  // namespace al
