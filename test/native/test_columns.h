// Owning builders for ColumnViews in C++ tests: vectors hold the buffers, views point into them.
#pragma once

#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "arrowline/column_view.h"

namespace al {
namespace test {

// Bitmap from per-row validity, starting at bit `offset`.
inline std::vector<uint8_t> MakeBitmap(const std::vector<bool>& valid, int64_t offset = 0) {
  std::vector<uint8_t> bits((offset + valid.size() + 7) / 8 + 8, 0);
  for (size_t i = 0; i < valid.size(); ++i) {
    if (valid[i]) bits[(offset + i) / 8] |= static_cast<uint8_t>(1u << ((offset + i) % 8));
  }
  return bits;
}

// Keeps every buffer and child view of the columns a test builds alive.
class ColumnStore {
 public:
  template <typename T>
  ColumnView Numeric(TypeId type, const std::vector<T>& values, const std::vector<bool>* valid = nullptr) {
    ColumnView v;
    v.type = type;
    v.length = static_cast<int64_t>(values.size());
    auto& buf = Keep(std::vector<uint8_t>(values.size() * sizeof(T) + 1));
    std::memcpy(buf.data(), values.data(), values.size() * sizeof(T));
    v.values = buf.data();
    v.values_bytes = static_cast<int64_t>(values.size() * sizeof(T));
    if (valid != nullptr) SetValidity(&v, *valid);
    return v;
  }

  ColumnView Strings(TypeId type, const std::vector<std::optional<std::string>>& values) {
    ColumnView v;
    v.type = type;
    v.length = static_cast<int64_t>(values.size());
    std::vector<bool> valid;
    std::string bytes;
    std::vector<int64_t> offs{0};
    for (const auto& s : values) {
      valid.push_back(s.has_value());
      if (s) bytes += *s;
      offs.push_back(static_cast<int64_t>(bytes.size()));
    }
    auto& b = Keep(std::vector<uint8_t>(bytes.begin(), bytes.end()));
    b.push_back(0);
    v.values = b.data();
    v.values_bytes = static_cast<int64_t>(bytes.size());
    SetOffsets(&v, offs);
    SetValidity(&v, valid);
    return v;
  }

  // A list (or large list) over `child`, with per-row offsets and validity.
  ColumnView List(TypeId type, const ColumnView& child, const std::vector<int64_t>& offsets,
                  const std::vector<bool>* valid = nullptr) {
    ColumnView v;
    v.type = type;
    v.length = static_cast<int64_t>(offsets.size()) - 1;
    SetOffsets(&v, offsets);
    if (valid != nullptr) SetValidity(&v, *valid);
    children_.push_back(child);
    v.child = &children_.back();
    return v;
  }

  const ColumnView* Hold(const ColumnView& v) {
    children_.push_back(v);
    return &children_.back();
  }

  void SetValidity(ColumnView* v, const std::vector<bool>& valid, int64_t offset = 0) {
    auto& bits = Keep(MakeBitmap(valid, offset));
    v->validity = bits.data();
    v->validity_bytes = static_cast<int64_t>(bits.size());
    v->offset = offset;
  }

  void SetOffsets(ColumnView* v, const std::vector<int64_t>& offsets) {
    if (IsLargeOffsets(v->type)) {
      auto& o = Keep(std::vector<uint8_t>(offsets.size() * 8));
      std::memcpy(o.data(), offsets.data(), o.size());
      v->offsets = o.data();
      v->offsets_bytes = static_cast<int64_t>(o.size());
    } else {
      std::vector<int32_t> o32(offsets.begin(), offsets.end());
      auto& o = Keep(std::vector<uint8_t>(o32.size() * 4));
      std::memcpy(o.data(), o32.data(), o.size());
      v->offsets = o.data();
      v->offsets_bytes = static_cast<int64_t>(o.size());
    }
  }

 private:
  std::vector<uint8_t>& Keep(std::vector<uint8_t> b) {
    buffers_.push_back(std::make_unique<std::vector<uint8_t>>(std::move(b)));
    return *buffers_.back();
  }
  std::vector<std::unique_ptr<std::vector<uint8_t>>> buffers_;
  std::deque<ColumnView> children_;
};

// Random doubles with a fixed seed: normal(mean, sd), with `nan_rate` NaNs.
inline std::vector<double> RandomDoubles(size_t n, uint64_t seed, double mean = 0, double sd = 1, double nan_rate = 0) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> dist(mean, sd);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<double> out(n);
  for (auto& x : out) x = u(rng) < nan_rate ? std::nan("") : dist(rng);
  return out;
}

inline std::vector<bool> RandomValidity(size_t n, uint64_t seed, double null_rate) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<bool> out(n);
  for (size_t i = 0; i < n; ++i) out[i] = u(rng) >= null_rate;
  return out;
}

}  // namespace test
}  // namespace al
