#include "binding/owned_column_js.h"

#include <cstring>

namespace al {
namespace binding {
namespace {

void SetBytes(Napi::Env env, Napi::Object o, const char* key, const std::vector<uint8_t>& bytes) {
  Napi::ArrayBuffer buf = Napi::ArrayBuffer::New(env, bytes.size());
  if (!bytes.empty()) std::memcpy(buf.Data(), bytes.data(), bytes.size());
  o.Set(key, Napi::Uint8Array::New(env, bytes.size(), buf, 0));
}

}  // namespace

Napi::Object OwnedColumnToJs(Napi::Env env, const OwnedColumn& c) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("typeId", Napi::Number::New(env, static_cast<double>(c.type)));
  o.Set("length", Napi::Number::New(env, static_cast<double>(c.length)));
  o.Set("nullCount", Napi::Number::New(env, static_cast<double>(c.null_count)));
  if (!c.validity.empty()) SetBytes(env, o, "validity", c.validity);
  SetBytes(env, o, "values", c.values);
  SetBytes(env, o, "offsets", c.offsets);
  if (c.child) o.Set("child", OwnedColumnToJs(env, *c.child));
  return o;
}

}  // namespace binding
}  // namespace al
