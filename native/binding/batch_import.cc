#include "binding/batch_import.h"

#include <string>

#include "binding/errors.h"

namespace al {
namespace binding {

ImportedBatch ImportBatch(Napi::Env env, Napi::Value value) {
  if (!value.IsObject()) ThrowInvalid(env, "update expects batches { numRows, columns: [{ name, column }] }");
  Napi::Object batch = value.As<Napi::Object>();
  ImportedBatch out;
  Napi::Value rows = batch.Get("numRows");
  if (!rows.IsNumber() || rows.As<Napi::Number>().DoubleValue() < 0) ThrowInvalid(env, "batch.numRows must be a number >= 0");
  out.num_rows = rows.As<Napi::Number>().Int64Value();
  Napi::Value cols = batch.Get("columns");
  if (!cols.IsArray()) ThrowInvalid(env, "batch.columns must be an array");
  Napi::Array arr = cols.As<Napi::Array>();
  out.columns.resize(arr.Length());
  for (uint32_t i = 0; i < arr.Length(); ++i) {
    Napi::Value entry = arr.Get(i);
    if (!entry.IsObject() || !entry.As<Napi::Object>().Get("name").IsString()) {
      ThrowInvalid(env, "batch.columns[" + std::to_string(i) + "] must be { name: string, column }");
    }
    Napi::Object e = entry.As<Napi::Object>();
    const std::string name = e.Get("name").As<Napi::String>().Utf8Value();
    try {
      ImportColumn(env, e.Get("column"), &out.columns[i]);
    } catch (const Napi::Error& err) {
      // Name the column, as the TypeScript layer does for single-column calls.
      Napi::Value msg = err.Value().As<Napi::Object>().Get("message");
      ThrowInvalid(env, "column '" + name + "': " + (msg.IsString() ? msg.As<Napi::String>().Utf8Value() : "invalid"));
    }
    if (out.columns[i].root->length != out.num_rows) {
      ThrowInvalid(env, "column '" + name + "': has " + std::to_string(out.columns[i].root->length) +
                            " rows, the batch has " + std::to_string(out.num_rows));
    }
    out.names.push_back(name);
  }
  return out;
}

// update(batch | batch[]): record batches of one table, folded in order.
std::deque<ImportedBatch> ImportBatches(Napi::Env env, Napi::Value value) {
  std::deque<ImportedBatch> out;
  if (value.IsArray()) {
    Napi::Array arr = value.As<Napi::Array>();
    for (uint32_t i = 0; i < arr.Length(); ++i) out.push_back(ImportBatch(env, arr.Get(i)));
  } else {
    out.push_back(ImportBatch(env, value));
  }
  return out;
}

}  // namespace binding
}  // namespace al
