#include "binding/owned_column_js.h"

#include <cstring>

namespace al {
namespace binding {
namespace {

void SetBytes(Napi::Env env, Napi::Object o, const char* key, std::vector<uint8_t>* bytes) {
  // External buffers are off (napi_setup.h: runtimes with a V8 sandbox refuse them): copy, then
  // free the native copy at once so the peak stays near one copy of the column.
  const size_t n = bytes->size();
  Napi::ArrayBuffer buf = Napi::ArrayBuffer::New(env, n);
  if (n > 0) std::memcpy(buf.Data(), bytes->data(), n);
  std::vector<uint8_t>().swap(*bytes);
  o.Set(key, Napi::Uint8Array::New(env, n, buf, 0));
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
