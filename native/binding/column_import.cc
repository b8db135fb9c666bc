#include "binding/column_import.h"

#include <string>

#include "binding/errors.h"
#include "core/column_validate.h"

namespace al {
namespace binding {
namespace {

void TakeBuffer(Napi::Env env, Napi::Object desc, const char* key, ImportedColumn* out, const void** ptr,
                int64_t* bytes) {
  Napi::Value v = desc.Get(key);
  *ptr = nullptr;
  *bytes = 0;
  if (v.IsUndefined() || v.IsNull()) return;
  if (!v.IsTypedArray()) ThrowInvalid(env, std::string("column descriptor: '") + key + "' must be a TypedArray");
  Napi::TypedArray arr = v.As<Napi::TypedArray>();
  Napi::ArrayBuffer buf = arr.ArrayBuffer();
  *bytes = static_cast<int64_t>(arr.ByteLength());
  *ptr = *bytes == 0 ? nullptr : static_cast<const uint8_t*>(buf.Data()) + arr.ByteOffset();
  if (*bytes > 0) out->keep_alive.push_back(Napi::Persistent(v.As<Napi::Object>()));
}

int64_t TakeInt(Napi::Env env, Napi::Object desc, const char* key, int64_t fallback) {
  Napi::Value v = desc.Get(key);
  if (v.IsUndefined() || v.IsNull()) return fallback;
  if (!v.IsNumber()) ThrowInvalid(env, std::string("column descriptor: '") + key + "' must be a number");
  const double d = v.As<Napi::Number>().DoubleValue();
  if (d != static_cast<double>(static_cast<int64_t>(d))) {
    ThrowInvalid(env, std::string("column descriptor: '") + key + "' must be an integer");
  }
  return static_cast<int64_t>(d);
}

const ColumnView* Import(Napi::Env env, Napi::Value value, ImportedColumn* out, int depth) {
  if (depth > kMaxNestingDepth) ThrowInvalid(env, "column descriptor nests too deep");
  if (!value.IsObject()) ThrowInvalid(env, "column descriptor must be an object");
  Napi::Object desc = value.As<Napi::Object>();
  out->nodes.emplace_back();
  ColumnView& v = out->nodes.back();
  const int64_t type = TakeInt(env, desc, "typeId", -1);
  if (type < 0 || type >= static_cast<int64_t>(TypeId::kMaxTypeId)) {
    ThrowInvalid(env, "column descriptor: unknown typeId " + std::to_string(type));
  }
  v.type = static_cast<TypeId>(type);
  v.length = TakeInt(env, desc, "length", -1);
  v.offset = TakeInt(env, desc, "offset", 0);
  v.list_size = static_cast<int32_t>(TakeInt(env, desc, "listSize", 0));
  const int64_t index_type = TakeInt(env, desc, "indexType", static_cast<int64_t>(TypeId::kInt32));
  if (index_type < 0 || index_type >= static_cast<int64_t>(TypeId::kMaxTypeId)) {
    ThrowInvalid(env, "column descriptor: unknown indexType " + std::to_string(index_type));
  }
  v.index_type = static_cast<TypeId>(index_type);
  const void* validity = nullptr;
  TakeBuffer(env, desc, "validity", out, &validity, &v.validity_bytes);
  v.validity = static_cast<const uint8_t*>(validity);
  TakeBuffer(env, desc, "values", out, &v.values, &v.values_bytes);
  TakeBuffer(env, desc, "offsets", out, &v.offsets, &v.offsets_bytes);
  ColumnView* self = &v;  // stable: deque
  Napi::Value child = desc.Get("child");
  if (!child.IsUndefined() && !child.IsNull()) self->child = Import(env, child, out, depth + 1);
  Napi::Value dict = desc.Get("dictionary");
  if (!dict.IsUndefined() && !dict.IsNull()) self->dictionary = Import(env, dict, out, depth + 1);
  return self;
}

}  // namespace

void ImportColumn(Napi::Env env, Napi::Value descriptor, ImportedColumn* out) {
  out->root = Import(env, descriptor, out, 0);
  ThrowIfError(env, ValidateColumn(*out->root));
}

}  // namespace binding
}  // namespace al
