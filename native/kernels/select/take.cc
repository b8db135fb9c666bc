#include "kernels/select/take.h"

#include <cstring>
#include <string>
#include <vector>

#include "core/bitmap.h"
#include "core/column_access.h"

namespace al {
namespace {

inline void SetBitTo(uint8_t* bits, int64_t i, bool on) {
  if (on) bits[i >> 3] = static_cast<uint8_t>(bits[i >> 3] | (1u << (i & 7)));
}

void TakeValidity(const ColumnView& v, const int64_t* idx, int64_t n, OwnedColumn* out) {
  out->null_count = 0;
  if (v.type == TypeId::kNull) {
    out->null_count = n;
    return;
  }
  if (v.validity == nullptr) return;
  std::vector<uint8_t> bits(static_cast<size_t>((n + 7) / 8), 0);
  for (int64_t i = 0; i < n; i++) {
    const bool valid = GetBit(v.validity, v.offset + idx[i]);
    SetBitTo(bits.data(), i, valid);
    out->null_count += valid ? 0 : 1;
  }
  if (out->null_count > 0) out->validity = std::move(bits);
}

template <typename OffsetT>
Status TakeBinary(const ColumnView& v, const int64_t* idx, int64_t n, OwnedColumn* out) {
  const uint8_t* bytes = static_cast<const uint8_t*>(v.values);
  int64_t total = 0;
  for (int64_t i = 0; i < n; i++) total += OffsetAt(v, idx[i] + 1) - OffsetAt(v, idx[i]);
  if (sizeof(OffsetT) == 4 && total > INT32_MAX) return Status::Invalid("take: the result needs more than 2 GiB of string bytes in one column");
  out->offsets.resize(static_cast<size_t>(n + 1) * sizeof(OffsetT));
  out->values.resize(static_cast<size_t>(total));
  OffsetT* offsets = reinterpret_cast<OffsetT*>(out->offsets.data());
  int64_t pos = 0;
  offsets[0] = 0;
  for (int64_t i = 0; i < n; i++) {
    const int64_t b = OffsetAt(v, idx[i]);
    const int64_t len = OffsetAt(v, idx[i] + 1) - b;
    if (len > 0) std::memcpy(out->values.data() + pos, bytes + b, static_cast<size_t>(len));
    pos += len;
    offsets[i + 1] = static_cast<OffsetT>(pos);
  }
  return Status::OK();
}

template <typename OffsetT>
Status TakeList(const ColumnView& v, const int64_t* idx, int64_t n, OwnedColumn* out, int depth);

Status TakeImpl(const ColumnView& v, const int64_t* idx, int64_t n, OwnedColumn* out, int depth) {
  if (depth > 64) return Status::NotImplemented("take: lists nest too deep");
  out->type = v.type;
  out->length = n;
  TakeValidity(v, idx, n, out);
  switch (v.type) {
    case TypeId::kNull:
      return Status::OK();
    case TypeId::kBool: {
      const uint8_t* bits = static_cast<const uint8_t*>(v.values);
      out->values.assign(static_cast<size_t>((n + 7) / 8), 0);
      for (int64_t i = 0; i < n; i++) SetBitTo(out->values.data(), i, GetBit(bits, v.offset + idx[i]));
      return Status::OK();
    }
    case TypeId::kUtf8:
    case TypeId::kBinary:
      return TakeBinary<int32_t>(v, idx, n, out);
    case TypeId::kLargeUtf8:
    case TypeId::kLargeBinary:
      return TakeBinary<int64_t>(v, idx, n, out);
    case TypeId::kList:
      return TakeList<int32_t>(v, idx, n, out, depth);
    case TypeId::kLargeList:
      return TakeList<int64_t>(v, idx, n, out, depth);
    case TypeId::kFixedSizeList: {
      std::vector<int64_t> child_idx;
      child_idx.reserve(static_cast<size_t>(n) * static_cast<size_t>(v.list_size));
      for (int64_t i = 0; i < n; i++) {
        for (int32_t j = 0; j < v.list_size; j++) child_idx.push_back(idx[i] * v.list_size + j);
      }
      out->child = std::make_unique<OwnedColumn>();
      return TakeImpl(*v.child, child_idx.data(), static_cast<int64_t>(child_idx.size()), out->child.get(), depth + 1);
    }
    default: {
      const int width = v.type == TypeId::kDictionary ? FixedWidthBytes(v.index_type) : FixedWidthBytes(v.type);
      if (width <= 0) return Status::NotImplemented(std::string("take: type ") + TypeIdName(v.type));
      const uint8_t* src = static_cast<const uint8_t*>(v.values);
      out->values.resize(static_cast<size_t>(n) * static_cast<size_t>(width));
      uint8_t* dst = out->values.data();
      switch (width) {
        case 1: for (int64_t i = 0; i < n; i++) dst[i] = src[idx[i]]; break;
        case 2: for (int64_t i = 0; i < n; i++) std::memcpy(dst + 2 * i, src + 2 * idx[i], 2); break;
        case 4: for (int64_t i = 0; i < n; i++) std::memcpy(dst + 4 * i, src + 4 * idx[i], 4); break;
        default: for (int64_t i = 0; i < n; i++) std::memcpy(dst + 8 * i, src + 8 * idx[i], 8); break;
      }
      return Status::OK();
    }
  }
}

template <typename OffsetT>
Status TakeList(const ColumnView& v, const int64_t* idx, int64_t n, OwnedColumn* out, int depth) {
  out->offsets.resize(static_cast<size_t>(n + 1) * sizeof(OffsetT));
  OffsetT* offsets = reinterpret_cast<OffsetT*>(out->offsets.data());
  std::vector<int64_t> child_idx;
  offsets[0] = 0;
  for (int64_t i = 0; i < n; i++) {
    const int64_t b = OffsetAt(v, idx[i]);
    const int64_t e = OffsetAt(v, idx[i] + 1);
    for (int64_t j = b; j < e; j++) child_idx.push_back(j);
    if (sizeof(OffsetT) == 4 && child_idx.size() > static_cast<size_t>(INT32_MAX)) return Status::Invalid("take: a list result over 2^31 - 1 elements");
    offsets[i + 1] = static_cast<OffsetT>(child_idx.size());
  }
  out->child = std::make_unique<OwnedColumn>();
  return TakeImpl(*v.child, child_idx.data(), static_cast<int64_t>(child_idx.size()), out->child.get(), depth + 1);
}

}  // namespace

Status Take(const ColumnView& v, const int64_t* indices, int64_t n, OwnedColumn* out) {
  for (int64_t i = 0; i < n; i++) {
    if (indices[i] < 0 || indices[i] >= v.length) {
      return Status::Invalid("take: row index " + std::to_string(indices[i]) + " is outside 0.." + std::to_string(v.length - 1));
    }
  }
  return TakeImpl(v, indices, n, out, 0);
}

}  // namespace al
