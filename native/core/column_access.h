// Small readers over a validated ColumnView: validity, offsets and dictionary indices.
#pragma once

#include <cstdint>

#include "arrowline/column_view.h"
#include "core/bitmap.h"

namespace al {

// A null-typed column has no bitmap: every row is null.
inline bool IsValid(const ColumnView& v, int64_t i) {
  return v.type != TypeId::kNull && (v.validity == nullptr || GetBit(v.validity, v.offset + i));
}

inline int64_t NullCount(const ColumnView& v) {
  return v.type == TypeId::kNull ? v.length : CountNulls(v.validity, v.offset, v.length);
}

// Offset i of a binary-like or list view, whatever the offset width.
inline int64_t OffsetAt(const ColumnView& v, int64_t i) {
  return IsLargeOffsets(v.type) ? static_cast<const int64_t*>(v.offsets)[i]
                                : static_cast<const int32_t*>(v.offsets)[i];
}

// Value i of an integer buffer of type `type` (int8..uint64, date32; anything else reads int64),
// as int64 (uint64 beyond int64 reads negative).
inline int64_t IntegerAt(TypeId type, const void* values, int64_t i) {
  switch (type) {
    case TypeId::kInt8: return static_cast<const int8_t*>(values)[i];
    case TypeId::kInt16: return static_cast<const int16_t*>(values)[i];
    case TypeId::kInt32:
    case TypeId::kDate32: return static_cast<const int32_t*>(values)[i];
    case TypeId::kUInt8: return static_cast<const uint8_t*>(values)[i];
    case TypeId::kUInt16: return static_cast<const uint16_t*>(values)[i];
    case TypeId::kUInt32: return static_cast<const uint32_t*>(values)[i];
    case TypeId::kUInt64: return static_cast<int64_t>(static_cast<const uint64_t*>(values)[i]);
    default: return static_cast<const int64_t*>(values)[i];
  }
}

// Index i of a dictionary view, whatever the index type.
inline int64_t DictionaryIndexAt(const ColumnView& v, int64_t i) { return IntegerAt(v.index_type, v.values, i); }

// Row i of a list view starts at this child row.
inline int64_t ListChildBegin(const ColumnView& v, int64_t i) {
  return v.type == TypeId::kFixedSizeList ? i * v.list_size : OffsetAt(v, i);
}

// Row i of a list view ends before this child row.
inline int64_t ListChildEnd(const ColumnView& v, int64_t i) { return ListChildBegin(v, i + 1); }

}  // namespace al
