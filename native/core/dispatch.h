// The one switch on TypeId for numeric leaf values: VisitNumeric(type, f) calls
// f(NumericTag<StorageType, kind>{}) so a kernel is written once as a template over the
// storage type. Bool is read as bits and float16 through HalfToFloat; both are listed so
// that every numeric TypeId has exactly one arm here.
#pragma once

#include <cstdint>

#include "arrowline/column_view.h"
#include "arrowline/status.h"
#include "core/bitmap.h"
#include "core/half.h"
#include "core/host_device.h"

namespace al {

enum class NumericKind { kPlain, kBool, kHalf };

template <typename T, NumericKind K = NumericKind::kPlain>
struct NumericTag {
  using Storage = T;
  static constexpr NumericKind kKind = K;
};

// Value i (relative to the slice) of a numeric column as double; `bit_offset` is only used for bool.
template <typename Tag>
AL_HOST_DEVICE AL_FORCE_INLINE double LoadAsDouble(const void* values, int64_t bit_offset, int64_t i) {
  if constexpr (Tag::kKind == NumericKind::kBool) {
    return GetBit(static_cast<const uint8_t*>(values), bit_offset + i) ? 1.0 : 0.0;
  } else if constexpr (Tag::kKind == NumericKind::kHalf) {
    return static_cast<double>(HalfToFloat(static_cast<const uint16_t*>(values)[i]));
  } else {
    return static_cast<double>(static_cast<const typename Tag::Storage*>(values)[i]);
  }
}

template <typename F>
Status VisitNumeric(TypeId type, F&& f) {
  switch (type) {
    case TypeId::kBool: return f(NumericTag<uint8_t, NumericKind::kBool>{});
    case TypeId::kInt8: return f(NumericTag<int8_t>{});
    case TypeId::kInt16: return f(NumericTag<int16_t>{});
    case TypeId::kInt32: return f(NumericTag<int32_t>{});
    case TypeId::kDate32: return f(NumericTag<int32_t>{});
    case TypeId::kInt64: return f(NumericTag<int64_t>{});
    case TypeId::kDate64: return f(NumericTag<int64_t>{});
    case TypeId::kTimestamp: return f(NumericTag<int64_t>{});
    case TypeId::kUInt8: return f(NumericTag<uint8_t>{});
    case TypeId::kUInt16: return f(NumericTag<uint16_t>{});
    case TypeId::kUInt32: return f(NumericTag<uint32_t>{});
    case TypeId::kUInt64: return f(NumericTag<uint64_t>{});
    case TypeId::kFloat16: return f(NumericTag<uint16_t, NumericKind::kHalf>{});
    case TypeId::kFloat32: return f(NumericTag<float>{});
    case TypeId::kFloat64: return f(NumericTag<double>{});
    default:
      return Status::NotImplemented(std::string("not a numeric type: ") + TypeIdName(type));
  }
}

}  // namespace al
