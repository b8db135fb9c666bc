// One column of one parse block, built as cells arrive: Arrow buffers (validity bits, int64 /
// float64 / timestamp values, bool bits, utf8/binary offsets and bytes) of the column's current
// type. A column still all missing has type kNull and only counts; IntToFloat() widens int64
// values in place (exactly what float(text) gives, since both round to the nearest double).
#pragma once

#include <cstdint>
#include <vector>

#include "core/owned_column.h"
#include "kernels/csv/csv_options.h"

namespace al {

class ColumnBuilder {
 public:
  explicit ColumnBuilder(CsvType type) : type_(type) {}

  void Null();
  // Appends a non-missing cell; false (and nothing appended) when it is not of the column's type.
  bool Value(const uint8_t* s, int64_t n);
  // A kNull builder (all missing so far) becomes `type`, keeping its nulls.
  void Retype(CsvType type);
  void IntToFloat();
  // Room for `rows` more rows (and `bytes` more string bytes), so the buffers grow once.
  void Reserve(int64_t rows, int64_t bytes);
  OwnedColumn Build();
  int64_t value_bytes() const { return static_cast<int64_t>(bytes_.size()); }

  CsvType type() const { return type_; }
  int64_t length() const { return length_; }

 private:
  void Grow();

  CsvType type_;
  int64_t length_ = 0;
  int64_t nulls_ = 0;
  std::vector<uint8_t> validity_;
  std::vector<uint8_t> bits_;
  std::vector<int64_t> ints_;
  std::vector<double> doubles_;
  std::vector<int32_t> offsets_{0};
  std::vector<uint8_t> bytes_;
};

}  // namespace al
