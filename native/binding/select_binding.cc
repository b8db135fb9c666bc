// Row selection for ExampleGen, slicing and transforms: groupRows(columns); hashSplitRows(columns, bounds) -> Int32Array of
// row indices per split; rowHashes(columns) -> BigUint64Array; takeColumn(column, indices) -> an
// owned column (binding/owned_column_js.h). Columns are descriptors (src/native/columnView.ts).
#include <string>
#include <vector>

#include "binding/column_import.h"
#include "binding/entry_points.h"
#include "binding/errors.h"
#include "binding/owned_column_js.h"
#include "kernels/select/group_rows.h"
#include "kernels/select/row_hash.h"
#include "kernels/select/take.h"

namespace al {
namespace binding {
namespace {

std::vector<uint64_t> HashColumns(Napi::Env env, Napi::Value columns_value) {
  if (!columns_value.IsArray()) ThrowInvalid(env, "columns must be an array of column descriptors");
  Napi::Array columns = columns_value.As<Napi::Array>();
  if (columns.Length() == 0) ThrowInvalid(env, "hashing rows needs at least one column");
  std::vector<uint64_t> hashes;
  int64_t length = -1;
  for (uint32_t c = 0; c < columns.Length(); c++) {
    ImportedColumn col;
    ImportColumn(env, columns.Get(c), &col);
    if (length < 0) {
      length = col.root->length;
      hashes.assign(static_cast<size_t>(length), 0);
    } else if (col.root->length != length) {
      ThrowInvalid(env, "columns to hash have different lengths (" + std::to_string(length) + " and " + std::to_string(col.root->length) + ")");
    }
    ThrowIfError(env, CombineRowHashes(*col.root, hashes.data()));
  }
  return hashes;
}

}  // namespace

Napi::Value RowHashes(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::vector<uint64_t> hashes = HashColumns(env, info[0]);
  Napi::BigUint64Array out = Napi::BigUint64Array::New(env, hashes.size());
  for (size_t i = 0; i < hashes.size(); i++) out[i] = hashes[i];
  return out;
}

Napi::Value HashSplitRows(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::vector<uint64_t> hashes = HashColumns(env, info[0]);
  if (!info[1].IsArray()) ThrowInvalid(env, "bounds must be an array of cumulative hash bucket counts");
  Napi::Array b = info[1].As<Napi::Array>();
  std::vector<int64_t> bounds;
  for (uint32_t i = 0; i < b.Length(); i++) {
    Napi::Value v = b.Get(i);
    if (!v.IsNumber()) ThrowInvalid(env, "bounds[] must be numbers");
    bounds.push_back(static_cast<int64_t>(v.As<Napi::Number>().DoubleValue()));
  }
  std::vector<std::vector<int32_t>> rows;
  ThrowIfError(env, SplitRowsByHash(hashes.data(), static_cast<int64_t>(hashes.size()), bounds, &rows));
  Napi::Array out = Napi::Array::New(env, rows.size());
  for (size_t s = 0; s < rows.size(); s++) {
    Napi::Int32Array a = Napi::Int32Array::New(env, rows[s].size());
    for (size_t i = 0; i < rows[s].size(); i++) a[i] = rows[s][i];
    out.Set(static_cast<uint32_t>(s), a);
  }
  return out;
}

// groupRows(columns) -> { rows: Int32Array per group (rows with a missing key in none), firstRow: Int32Array }
Napi::Value GroupRowsBinding(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!info[0].IsArray()) ThrowInvalid(env, "columns must be an array of column descriptors");
  Napi::Array columns = info[0].As<Napi::Array>();
  std::vector<ImportedColumn> imported(columns.Length());
  std::vector<const ColumnView*> keys;
  for (uint32_t c = 0; c < columns.Length(); c++) {
    ImportColumn(env, columns.Get(c), &imported[c]);
    keys.push_back(imported[c].root);
  }
  RowGroups groups;
  ThrowIfError(env, GroupRows(keys, &groups));
  std::vector<std::vector<int32_t>> members(groups.first_row.size());
  for (size_t r = 0; r < groups.group_of_row.size(); r++) {
    const int32_t g = groups.group_of_row[r];
    if (g >= 0) members[static_cast<size_t>(g)].push_back(static_cast<int32_t>(r));
  }
  Napi::Array rows = Napi::Array::New(env, members.size());
  for (size_t g = 0; g < members.size(); g++) {
    Napi::Int32Array a = Napi::Int32Array::New(env, members[g].size());
    for (size_t i = 0; i < members[g].size(); i++) a[i] = members[g][i];
    rows.Set(static_cast<uint32_t>(g), a);
  }
  Napi::Int32Array first = Napi::Int32Array::New(env, groups.first_row.size());
  for (size_t i = 0; i < groups.first_row.size(); i++) first[i] = groups.first_row[i];
  Napi::Object o = Napi::Object::New(env);
  o.Set("rows", rows);
  o.Set("firstRow", first);
  return o;
}

Napi::Value TakeColumn(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ImportedColumn col;
  ImportColumn(env, info[0], &col);
  if (!info[1].IsTypedArray() || info[1].As<Napi::TypedArray>().TypedArrayType() != napi_int32_array) {
    ThrowInvalid(env, "indices must be an Int32Array");
  }
  Napi::Int32Array idx = info[1].As<Napi::Int32Array>();
  std::vector<int64_t> indices(idx.ElementLength());
  for (size_t i = 0; i < indices.size(); i++) indices[i] = idx[i];
  OwnedColumn out;
  ThrowIfError(env, Take(*col.root, indices.data(), static_cast<int64_t>(indices.size()), &out));
  return OwnedColumnToJs(env, &out);
}

}  // namespace binding
}  // namespace al
