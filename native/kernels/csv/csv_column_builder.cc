#include "kernels/csv/csv_column_builder.h"

#include <cstring>

#include "kernels/csv/csv_cell.h"
#include "kernels/stats/utf8.h"

namespace al {
namespace {

template <typename T>
void CopyOut(const std::vector<T>& v, std::vector<uint8_t>* out) {
  out->resize(v.size() * sizeof(T));
  if (!v.empty()) std::memcpy(out->data(), v.data(), out->size());
}

inline void SetBit(std::vector<uint8_t>& bits, int64_t i) {
  bits[static_cast<size_t>(i >> 3)] = static_cast<uint8_t>(bits[static_cast<size_t>(i >> 3)] | (1u << (i & 7)));
}

}  // namespace

void ColumnBuilder::Grow() {
  if ((length_ & 7) == 0) {
    validity_.push_back(0);
    if (type_ == CsvType::kBool) bits_.push_back(0);
  }
}

void ColumnBuilder::Null() {
  Grow();
  nulls_++;
  switch (type_) {
    case CsvType::kInt64:
    case CsvType::kTimestamp: ints_.push_back(0); break;
    case CsvType::kFloat64: doubles_.push_back(0); break;
    case CsvType::kUtf8:
    case CsvType::kBinary: offsets_.push_back(static_cast<int32_t>(bytes_.size())); break;
    default: break;
  }
  length_++;
}

bool ColumnBuilder::Value(const uint8_t* s, int64_t n) {
  switch (type_) {
    case CsvType::kNull:
      return false;
    case CsvType::kBool: {
      bool b = false;
      if (!ParseBoolCell(s, n, &b)) return false;
      Grow();
      if (b) SetBit(bits_, length_);
      break;
    }
    case CsvType::kInt64: {
      int64_t v = 0;
      if (!ParseInt64Cell(s, n, &v)) return false;
      Grow();
      ints_.push_back(v);
      break;
    }
    case CsvType::kTimestamp: {
      int64_t v = 0;
      if (!ParseTimestampCell(s, n, &v)) return false;
      Grow();
      ints_.push_back(v);
      break;
    }
    case CsvType::kFloat64: {
      double v = 0;
      if (!ParseFloat64Cell(s, n, &v)) return false;
      Grow();
      doubles_.push_back(v);
      break;
    }
    case CsvType::kUtf8:
    case CsvType::kBinary:
      if (static_cast<int64_t>(bytes_.size()) + n > INT32_MAX) return false;
      if (type_ == CsvType::kUtf8 && !IsValidUtf8(s, n)) return false;
      Grow();
      bytes_.insert(bytes_.end(), s, s + n);
      offsets_.push_back(static_cast<int32_t>(bytes_.size()));
      break;
  }
  SetBit(validity_, length_);
  length_++;
  return true;
}

void ColumnBuilder::Retype(CsvType type) {
  const int64_t n = length_;
  *this = ColumnBuilder(type);
  for (int64_t i = 0; i < n; i++) Null();
}

void ColumnBuilder::Reserve(int64_t rows, int64_t bytes) {
  const size_t n = static_cast<size_t>(length_ + rows);
  validity_.reserve(n / 8 + 1);
  switch (type_) {
    case CsvType::kBool: bits_.reserve(n / 8 + 1); break;
    case CsvType::kInt64:
    case CsvType::kTimestamp: ints_.reserve(n); break;
    case CsvType::kFloat64: doubles_.reserve(n); break;
    case CsvType::kUtf8:
    case CsvType::kBinary:
      offsets_.reserve(n + 1);
      bytes_.reserve(bytes_.size() + static_cast<size_t>(bytes));
      break;
    default: break;
  }
}

void ColumnBuilder::IntToFloat() {
  doubles_.resize(ints_.size());
  for (size_t i = 0; i < ints_.size(); i++) doubles_[i] = static_cast<double>(ints_[i]);
  ints_.clear();
  ints_.shrink_to_fit();
  type_ = CsvType::kFloat64;
}

OwnedColumn ColumnBuilder::Build() {
  OwnedColumn c;
  c.length = length_;
  c.null_count = nulls_;
  switch (type_) {
    case CsvType::kNull: c.type = TypeId::kNull; c.null_count = length_; return c;
    case CsvType::kBool: c.type = TypeId::kBool; c.values = std::move(bits_); break;
    case CsvType::kInt64: c.type = TypeId::kInt64; CopyOut(ints_, &c.values); break;
    case CsvType::kTimestamp: c.type = TypeId::kTimestamp; CopyOut(ints_, &c.values); break;
    case CsvType::kFloat64: c.type = TypeId::kFloat64; CopyOut(doubles_, &c.values); break;
    case CsvType::kUtf8:
    case CsvType::kBinary:
      c.type = type_ == CsvType::kUtf8 ? TypeId::kUtf8 : TypeId::kBinary;
      CopyOut(offsets_, &c.offsets);
      c.values = std::move(bytes_);
      break;
  }
  if (nulls_ > 0) c.validity = std::move(validity_);
  return c;
}

}  // namespace al
