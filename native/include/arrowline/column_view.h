// ColumnView: a non-owning view of one Arrow array over buffers someone else owns (Arrow JS
// typed arrays, or test vectors). Kernels read only through it and never see Node-API types.
//
// Buffer conventions (those of apache-arrow JS `Data`, so the binding passes buffers as-is):
//  - `offset` is the slice offset in bits for `validity` and for bool `values`.
//  - fixed-width `values` already start at row 0 of the slice (Arrow JS sub-arrays them).
//  - variable-width `offsets` already start at row 0 (length + 1 entries) and hold absolute
//    positions into the string bytes (`values`) or the child view.
//  - a fixed-size list's row i covers child rows [i * list_size, (i + 1) * list_size).
//  - a dictionary column's `values` are the indices (`index_type`), `dictionary` the values.
// Every `*_bytes` is the byte length of the buffer the pointer points into, from the pointer
// on; ValidateColumn() checks each against what the declared length needs before any read.
#pragma once

#include <cstdint>

namespace al {

enum class TypeId : int32_t {
  kNull = 0,
  kBool = 1,
  kInt8 = 2,
  kInt16 = 3,
  kInt32 = 4,
  kInt64 = 5,
  kUInt8 = 6,
  kUInt16 = 7,
  kUInt32 = 8,
  kUInt64 = 9,
  kFloat16 = 10,
  kFloat32 = 11,
  kFloat64 = 12,
  kUtf8 = 13,
  kLargeUtf8 = 14,
  kBinary = 15,
  kLargeBinary = 16,
  kDate32 = 17,        // int32 days
  kDate64 = 18,        // int64 milliseconds
  kTimestamp = 19,     // int64 in the type's unit
  kDictionary = 20,
  kList = 21,
  kLargeList = 22,
  kFixedSizeList = 23,
  kMaxTypeId = 24,
};

const char* TypeIdName(TypeId id);

struct ColumnView {
  TypeId type = TypeId::kNull;
  int64_t length = 0;
  int64_t offset = 0;                 // bit offset into validity (and bool values)
  const uint8_t* validity = nullptr;  // null: every row is valid
  int64_t validity_bytes = 0;
  const void* values = nullptr;       // fixed-width values, bool bits, string bytes or dictionary indices
  int64_t values_bytes = 0;
  const void* offsets = nullptr;      // int32 (utf8, binary, list) or int64 (large_*) offsets
  int64_t offsets_bytes = 0;
  int32_t list_size = 0;              // fixed-size list
  TypeId index_type = TypeId::kInt32; // dictionary indices
  const ColumnView* child = nullptr;       // list element column
  const ColumnView* dictionary = nullptr;  // dictionary values
};

inline bool IsInteger(TypeId t) { return t >= TypeId::kInt8 && t <= TypeId::kUInt64; }
inline bool IsFloating(TypeId t) { return t >= TypeId::kFloat16 && t <= TypeId::kFloat64; }
inline bool IsTemporal(TypeId t) { return t >= TypeId::kDate32 && t <= TypeId::kTimestamp; }
// Numeric in TFDV's sense: integers, bool (as 0/1), floats, dates and timestamps.
inline bool IsNumeric(TypeId t) { return t == TypeId::kBool || IsInteger(t) || IsFloating(t) || IsTemporal(t); }
inline bool IsBinaryLike(TypeId t) { return t >= TypeId::kUtf8 && t <= TypeId::kLargeBinary; }
inline bool IsLargeOffsets(TypeId t) { return t == TypeId::kLargeUtf8 || t == TypeId::kLargeBinary || t == TypeId::kLargeList; }
inline bool IsList(TypeId t) { return t >= TypeId::kList && t <= TypeId::kFixedSizeList; }

// Byte width of one fixed-width value; 0 for bool (bits) and non-fixed-width types.
int FixedWidthBytes(TypeId t);

}  // namespace al
