#include "kernels/select/row_hash.h"

#include <cmath>
#include <cstring>
#include <cstdint>
#include <string>
#include <type_traits>

#include "core/column_access.h"
#include "core/half.h"
#include "sketches/farmhash.h"

namespace al {
namespace {

constexpr uint64_t kNullHash = 0x6e756c6c2d726f77ULL;
constexpr uint64_t kIntTag = 1;
constexpr uint64_t kFloatTag = 2;
constexpr uint64_t kBytesTag = 3;
constexpr uint64_t kListTag = 4;

uint64_t HashInt(int64_t v) { return MixHash(kIntTag, Fingerprint64(&v, sizeof v)); }

uint64_t HashDouble(double d) {
  if (std::isnan(d)) return MixHash(kFloatTag, 0x7ff8000000000000ULL);
  if (d == 0) return HashInt(0);
  if (std::trunc(d) == d && std::fabs(d) < 9.2e18) return HashInt(static_cast<int64_t>(d));
  return MixHash(kFloatTag, Fingerprint64(&d, sizeof d));
}

uint64_t HashBytes(const uint8_t* p, int64_t n) { return MixHash(kBytesTag, Fingerprint64(p, static_cast<size_t>(n))); }

template <typename T>
void HashFixed(const ColumnView& v, uint64_t* out) {
  const T* values = static_cast<const T*>(v.values);
  for (int64_t i = 0; i < v.length; i++) {
    if (!IsValid(v, i)) {
      out[i] = kNullHash;
    } else if constexpr (std::is_floating_point_v<T>) {
      out[i] = HashDouble(static_cast<double>(values[i]));
    } else if constexpr (std::is_same_v<T, uint64_t>) {
      const uint64_t x = values[i];
      out[i] = x > static_cast<uint64_t>(INT64_MAX) ? HashDouble(static_cast<double>(x)) : HashInt(static_cast<int64_t>(x));
    } else {
      out[i] = HashInt(static_cast<int64_t>(values[i]));
    }
  }
}

Status Hash(const ColumnView& v, uint64_t* out, int depth) {
  if (depth > 64) return Status::NotImplemented("row hash: lists nest too deep");
  switch (v.type) {
    case TypeId::kNull:
      for (int64_t i = 0; i < v.length; i++) out[i] = kNullHash;
      return Status::OK();
    case TypeId::kBool: {
      const uint8_t* bits = static_cast<const uint8_t*>(v.values);
      for (int64_t i = 0; i < v.length; i++) out[i] = IsValid(v, i) ? HashInt(GetBit(bits, v.offset + i) ? 1 : 0) : kNullHash;
      return Status::OK();
    }
    case TypeId::kInt8: HashFixed<int8_t>(v, out); return Status::OK();
    case TypeId::kInt16: HashFixed<int16_t>(v, out); return Status::OK();
    case TypeId::kInt32:
    case TypeId::kDate32: HashFixed<int32_t>(v, out); return Status::OK();
    case TypeId::kInt64:
    case TypeId::kDate64:
    case TypeId::kTimestamp: HashFixed<int64_t>(v, out); return Status::OK();
    case TypeId::kUInt8: HashFixed<uint8_t>(v, out); return Status::OK();
    case TypeId::kUInt16: HashFixed<uint16_t>(v, out); return Status::OK();
    case TypeId::kUInt32: HashFixed<uint32_t>(v, out); return Status::OK();
    case TypeId::kUInt64: HashFixed<uint64_t>(v, out); return Status::OK();
    case TypeId::kFloat32: HashFixed<float>(v, out); return Status::OK();
    case TypeId::kFloat64: HashFixed<double>(v, out); return Status::OK();
    case TypeId::kFloat16: {
      const uint16_t* values = static_cast<const uint16_t*>(v.values);
      for (int64_t i = 0; i < v.length; i++) out[i] = IsValid(v, i) ? HashDouble(HalfToFloat(values[i])) : kNullHash;
      return Status::OK();
    }
    case TypeId::kUtf8:
    case TypeId::kLargeUtf8:
    case TypeId::kBinary:
    case TypeId::kLargeBinary: {
      const uint8_t* bytes = static_cast<const uint8_t*>(v.values);
      for (int64_t i = 0; i < v.length; i++) {
        const int64_t b = OffsetAt(v, i);
        out[i] = IsValid(v, i) ? HashBytes(bytes + b, OffsetAt(v, i + 1) - b) : kNullHash;
      }
      return Status::OK();
    }
    case TypeId::kDictionary: {
      std::vector<uint64_t> dict(static_cast<size_t>(v.dictionary->length));
      Status st = Hash(*v.dictionary, dict.data(), depth + 1);
      if (!st.ok()) return st;
      for (int64_t i = 0; i < v.length; i++) out[i] = IsValid(v, i) ? dict[static_cast<size_t>(DictionaryIndexAt(v, i))] : kNullHash;
      return Status::OK();
    }
    case TypeId::kList:
    case TypeId::kLargeList:
    case TypeId::kFixedSizeList: {
      std::vector<uint64_t> child(static_cast<size_t>(v.child->length));
      Status st = Hash(*v.child, child.data(), depth + 1);
      if (!st.ok()) return st;
      for (int64_t i = 0; i < v.length; i++) {
        if (!IsValid(v, i)) {
          out[i] = kNullHash;
          continue;
        }
        const int64_t b = ListChildBegin(v, i);
        const int64_t e = ListChildEnd(v, i);
        uint64_t h = MixHash(kListTag, static_cast<uint64_t>(e - b));
        for (int64_t j = b; j < e; j++) h = MixHash(h, child[static_cast<size_t>(j)]);
        out[i] = h;
      }
      return Status::OK();
    }
    default:
      return Status::NotImplemented(std::string("row hash: type ") + TypeIdName(v.type));
  }
}

}  // namespace

uint64_t MixHash(uint64_t a, uint64_t b) {
  constexpr uint64_t kMul = 0x9ddfea08eb382d69ULL;
  uint64_t x = (b ^ a) * kMul;
  x ^= x >> 47;
  uint64_t y = (a ^ x) * kMul;
  y ^= y >> 47;
  return y * kMul;
}

Status ValueHashes(const ColumnView& v, std::vector<uint64_t>* out) {
  out->assign(static_cast<size_t>(v.length), 0);
  return Hash(v, out->data(), 0);
}

Status CombineRowHashes(const ColumnView& v, uint64_t* row_hashes) {
  std::vector<uint64_t> h;
  Status st = ValueHashes(v, &h);
  if (!st.ok()) return st;
  for (int64_t i = 0; i < v.length; i++) row_hashes[i] = MixHash(row_hashes[i], h[static_cast<size_t>(i)]);
  return Status::OK();
}

Status SplitRowsByHash(const uint64_t* hashes, int64_t n, const std::vector<int64_t>& bounds,
                       std::vector<std::vector<int32_t>>* rows_by_split) {
  if (bounds.empty()) return Status::Invalid("split: no splits given");
  int64_t prev = 0;
  for (int64_t b : bounds) {
    if (b <= prev) return Status::Invalid("split: every split needs at least one hash bucket");
    prev = b;
  }
  if (n > INT32_MAX) return Status::Invalid("split: a batch of more than 2^31 - 1 rows");
  const uint64_t total = static_cast<uint64_t>(bounds.back());
  rows_by_split->assign(bounds.size(), {});
  for (int64_t r = 0; r < n; r++) {
    const int64_t bucket = static_cast<int64_t>(hashes[r] % total);
    size_t s = 0;
    while (bucket >= bounds[s]) s++;
    (*rows_by_split)[s].push_back(static_cast<int32_t>(r));
  }
  return Status::OK();
}

}  // namespace al
