#include "kernels/select/group_rows.h"

#include <cstring>
#include <string>
#include <unordered_map>

#include "core/column_access.h"
#include "kernels/select/row_hash.h"

namespace al {
namespace {

// Whether rows i and j of `v` hold the same value (both valid).
bool SameValue(const ColumnView& v, int64_t i, int64_t j) {
  switch (v.type) {
    case TypeId::kBool: {
      const uint8_t* bits = static_cast<const uint8_t*>(v.values);
      return GetBit(bits, v.offset + i) == GetBit(bits, v.offset + j);
    }
    case TypeId::kUtf8:
    case TypeId::kLargeUtf8:
    case TypeId::kBinary:
    case TypeId::kLargeBinary: {
      const int64_t bi = OffsetAt(v, i), ei = OffsetAt(v, i + 1), bj = OffsetAt(v, j), ej = OffsetAt(v, j + 1);
      const uint8_t* d = static_cast<const uint8_t*>(v.values);
      return ei - bi == ej - bj && (ei == bi || std::memcmp(d + bi, d + bj, static_cast<size_t>(ei - bi)) == 0);
    }
    case TypeId::kDictionary:
      return SameValue(*v.dictionary, DictionaryIndexAt(v, i), DictionaryIndexAt(v, j));
    default: {
      const int w = FixedWidthBytes(v.type);
      const uint8_t* d = static_cast<const uint8_t*>(v.values);
      return std::memcmp(d + w * i, d + w * j, static_cast<size_t>(w)) == 0;
    }
  }
}

}  // namespace

Status GroupRows(const std::vector<const ColumnView*>& keys, RowGroups* out) {
  if (keys.empty()) return Status::Invalid("group rows: no key column");
  const int64_t n = keys[0]->length;
  for (const ColumnView* k : keys) {
    if (k->length != n) return Status::Invalid("group rows: key columns of different lengths");
    if (IsList(k->type) || k->type == TypeId::kNull) return Status::NotImplemented(std::string("slicing on a ") + TypeIdName(k->type) + " column is not supported (slice on scalar columns)");
  }
  if (n > INT32_MAX) return Status::Invalid("group rows: more than 2^31 - 1 rows in one batch");
  std::vector<uint64_t> hashes(static_cast<size_t>(n), 0);
  for (const ColumnView* k : keys) {
    Status st = CombineRowHashes(*k, hashes.data());
    if (!st.ok()) return st;
  }
  out->group_of_row.assign(static_cast<size_t>(n), -1);
  out->first_row.clear();
  std::unordered_multimap<uint64_t, int32_t> groups;  // hash -> group id
  for (int64_t r = 0; r < n; r++) {
    bool present = true;
    for (const ColumnView* k : keys) present = present && IsValid(*k, r);
    if (!present) continue;
    int32_t g = -1;
    auto range = groups.equal_range(hashes[static_cast<size_t>(r)]);
    for (auto it = range.first; it != range.second && g < 0; ++it) {
      const int64_t first = out->first_row[static_cast<size_t>(it->second)];
      bool same = true;
      for (const ColumnView* k : keys) same = same && SameValue(*k, first, r);
      if (same) g = it->second;
    }
    if (g < 0) {
      g = static_cast<int32_t>(out->first_row.size());
      out->first_row.push_back(static_cast<int32_t>(r));
      groups.emplace(hashes[static_cast<size_t>(r)], g);
    }
    out->group_of_row[static_cast<size_t>(r)] = g;
  }
  return Status::OK();
}

}  // namespace al
