#include "kernels/csv/csv_reader.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <thread>

#include "kernels/csv/csv_cell.h"
#include "kernels/csv/csv_tokenizer.h"

namespace al {
namespace {

constexpr int64_t kMinBlockBytes = int64_t{1} << 18;

struct BlockOut {
  int64_t start = 0;
  int64_t end = 0;
  int64_t rows = 0;
  int64_t bad_rows = 0;
  Status status;
  std::vector<uint32_t> masks;
  std::vector<uint8_t> any;
  CsvBlock block;
};

int64_t LineOf(const CsvRequest& r, int64_t offset) {
  return r.line_base + std::count(r.data, r.data + offset, static_cast<uint8_t>('\n'));
}

std::string ColumnLabel(const CsvRequest& r, int64_t c) {
  if (c < static_cast<int64_t>(r.column_names.size())) return "column '" + r.column_names[static_cast<size_t>(c)] + "'";
  return "column " + std::to_string(c + 1);
}

std::string Excerpt(const uint8_t* s, int64_t n) {
  std::string out(reinterpret_cast<const char*>(s), static_cast<size_t>(std::min<int64_t>(n, 40)));
  if (n > 40) out += "...";
  return out;
}

bool IsNullToken(const uint8_t* s, int64_t n, const CsvOptions& o) {
  if (n == 0) return true;
  for (const std::string& t : o.null_tokens) {
    if (static_cast<int64_t>(t.size()) == n && std::memcmp(t.data(), s, static_cast<size_t>(n)) == 0) return true;
  }
  return false;
}

// Parses the rows of one block: those starting before `limit` (all of them when `last`).
// `on_row(fields, row_offset)` returns a Status; `on_bad_null(row_offset)` adds an all-null row.
template <typename OnRow, typename OnNullRow>
void ParseBlock(const CsvRequest& r, int64_t columns, int64_t start, int64_t limit, bool last, BlockOut* out,
                OnRow on_row, OnNullRow on_null_row) {
  const CsvOptions& o = *r.options;
  std::vector<FieldSpan> fields;
  int64_t pos = start;
  out->start = start;
  while (pos < r.size && (last || pos < limit)) {
    int64_t next = pos;
    const RowScan s = ScanRow(r.data, r.size, pos, r.final, o, &fields, &next);
    if (s == RowScan::kIncomplete) break;
    if (s == RowScan::kUnterminatedQuote) {
      out->status = Status::Invalid("line " + std::to_string(LineOf(r, pos)) + ": a quoted field is never closed (unterminated quote)");
      break;
    }
    if (s == RowScan::kRow) {
      if (static_cast<int64_t>(fields.size()) != columns) {
        if (o.on_bad_row == BadRowPolicy::kError) {
          out->status = Status::Invalid("line " + std::to_string(LineOf(r, pos)) + ": expected " + std::to_string(columns) +
                                        " fields, found " + std::to_string(fields.size()) + " (a ragged row; --on-bad-row skip|null to go on)");
          break;
        }
        out->bad_rows++;
        if (o.on_bad_row == BadRowPolicy::kNull) {
          on_null_row();
          out->rows++;
        }
      } else {
        Status st = on_row(fields, pos);
        if (!st.ok()) {
          out->status = st;
          break;
        }
        out->rows++;
      }
    }
    pos = next;
  }
  out->end = pos;
}

// Plans blocks, parses them in parallel, then re-parses (in order) every block whose
// speculative start is not where its predecessor really ended.
template <typename Fn>
Status RunBlocks(const CsvRequest& r, int64_t begin, std::vector<BlockOut>* outs, Fn parse) {
  const int threads = std::max(1, r.options->threads);
  const int64_t total = r.size - begin;
  int64_t nblocks = 1;
  if (threads > 1 && total >= 2 * kMinBlockBytes) nblocks = std::min<int64_t>(threads * 2, total / kMinBlockBytes);
  std::vector<int64_t> nominal(static_cast<size_t>(nblocks + 1));
  for (int64_t k = 0; k <= nblocks; k++) nominal[static_cast<size_t>(k)] = begin + total * k / nblocks;
  outs->clear();
  outs->resize(static_cast<size_t>(nblocks));
  auto run = [&](int64_t k, int64_t start) {
    BlockOut& o = (*outs)[static_cast<size_t>(k)];
    o = BlockOut();
    parse(start, nominal[static_cast<size_t>(k + 1)], k == nblocks - 1, &o);
  };
  if (nblocks == 1) {
    run(0, begin);
  } else {
    std::atomic<int64_t> next{0};
    std::vector<std::thread> pool;
    for (int t = 0; t < std::min<int64_t>(threads, nblocks); t++) {
      pool.emplace_back([&] {
        for (int64_t k = next++; k < nblocks; k = next++) {
          run(k, k == 0 ? begin : NextLineStart(r.data, r.size, nominal[static_cast<size_t>(k)]));
        }
      });
    }
    for (std::thread& th : pool) th.join();
  }
  for (int64_t k = 0; k < nblocks; k++) {
    BlockOut& o = (*outs)[static_cast<size_t>(k)];
    if (k > 0) {
      const int64_t real_start = (*outs)[static_cast<size_t>(k - 1)].end;
      if (o.start != real_start) run(k, real_start);
    }
    if (!o.status.ok()) {
      outs->resize(static_cast<size_t>(k + 1));
      return o.status;
    }
  }
  return Status::OK();
}

// The header (or the first row, to count columns) at the start of the buffer.
Status ReadFirstRow(const CsvRequest& r, bool* found, std::vector<std::string>* names, int64_t* end) {
  const CsvOptions& o = *r.options;
  std::vector<FieldSpan> fields;
  std::string scratch;
  int64_t pos = 0;
  *found = false;
  for (;;) {
    int64_t next = pos;
    const RowScan s = ScanRow(r.data, r.size, pos, r.final, o, &fields, &next);
    if (s == RowScan::kIncomplete) {
      *end = pos;
      return Status::OK();
    }
    if (s == RowScan::kUnterminatedQuote) return Status::Invalid("line " + std::to_string(LineOf(r, pos)) + ": a quoted field is never closed (unterminated quote)");
    if (s == RowScan::kSkip) {
      pos = next;
      continue;
    }
    names->clear();
    for (const FieldSpan& f : fields) {
      const uint8_t* p = nullptr;
      int64_t n = 0;
      FieldContent(r.data, f, o.quote, &scratch, &p, &n);
      names->emplace_back(reinterpret_cast<const char*>(p), static_cast<size_t>(n));
    }
    *found = true;
    *end = next;
    return Status::OK();
  }
}

Status Prepare(const CsvRequest& r, CsvResult* result, int64_t* begin) {
  *begin = 0;
  result->columns = r.expected_columns;
  if (!r.header && r.expected_columns >= 0) return Status::OK();
  bool found = false;
  std::vector<std::string> names;
  int64_t end = 0;
  Status st = ReadFirstRow(r, &found, &names, &end);
  if (!st.ok()) return st;
  if (!found) {
    // no complete first row yet: the caller reads more (or, at the end, the input is empty)
    result->columns = r.final && r.header ? 0 : -1;
    *begin = r.final ? end : 0;
    return Status::OK();
  }
  result->columns = static_cast<int64_t>(names.size());
  if (r.header) {
    result->header = std::move(names);
    *begin = end;
  }
  return Status::OK();
}

void Finish(const CsvRequest& r, const std::vector<BlockOut>& outs, int64_t begin, CsvResult* result) {
  result->consumed = outs.empty() ? begin : outs.back().end;
  result->lines = std::count(r.data, r.data + result->consumed, static_cast<uint8_t>('\n'));
  for (const BlockOut& o : outs) {
    result->rows += o.rows;
    result->bad_rows += o.bad_rows;
  }
}

// ---- conversion ----

class ColumnBuilder {
 public:
  explicit ColumnBuilder(CsvType type) : type_(type) {}

  void Null() {
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

  // Appends a non-missing cell; false when it does not parse as the column's type.
  bool Value(const uint8_t* s, int64_t n) {
    Grow();
    switch (type_) {
      case CsvType::kNull:
        return false;
      case CsvType::kBool: {
        bool b = false;
        if (!ParseBoolCell(s, n, &b)) return false;
        if (b) bits_[static_cast<size_t>(length_ >> 3)] = static_cast<uint8_t>(bits_[static_cast<size_t>(length_ >> 3)] | (1u << (length_ & 7)));
        break;
      }
      case CsvType::kInt64: {
        int64_t v = 0;
        if (!ParseInt64Cell(s, n, &v)) return false;
        ints_.push_back(v);
        break;
      }
      case CsvType::kTimestamp: {
        int64_t v = 0;
        if (!ParseTimestampCell(s, n, &v)) return false;
        ints_.push_back(v);
        break;
      }
      case CsvType::kFloat64: {
        double v = 0;
        if (!ParseFloat64Cell(s, n, &v)) return false;
        doubles_.push_back(v);
        break;
      }
      case CsvType::kUtf8:
      case CsvType::kBinary:
        if (static_cast<int64_t>(bytes_.size()) + n > INT32_MAX) return false;
        bytes_.insert(bytes_.end(), s, s + n);
        offsets_.push_back(static_cast<int32_t>(bytes_.size()));
        break;
    }
    validity_[static_cast<size_t>(length_ >> 3)] = static_cast<uint8_t>(validity_[static_cast<size_t>(length_ >> 3)] | (1u << (length_ & 7)));
    length_++;
    return true;
  }

  OwnedColumn Build() {
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

  CsvType type() const { return type_; }

 private:
  template <typename T>
  static void CopyOut(const std::vector<T>& v, std::vector<uint8_t>* out) {
    out->resize(v.size() * sizeof(T));
    if (!v.empty()) std::memcpy(out->data(), v.data(), out->size());
  }

  void Grow() {
    if ((length_ & 7) == 0) {
      validity_.push_back(0);
      if (type_ == CsvType::kBool) bits_.push_back(0);
    }
  }

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

}  // namespace

Status CsvInfer(const CsvRequest& request, CsvResult* result) {
  *result = CsvResult();
  int64_t begin = 0;
  Status st = Prepare(request, result, &begin);
  CsvRequest r = request;
  if (!result->header.empty()) r.column_names = result->header;
  if (!st.ok() || result->columns < 0) {
    if (st.ok()) result->consumed = 0;
    return st;
  }
  const int64_t ncols = result->columns;
  const CsvOptions& o = *r.options;
  std::vector<BlockOut> outs;
  st = RunBlocks(r, begin, &outs, [&](int64_t start, int64_t limit, bool last, BlockOut* out) {
    out->masks.assign(static_cast<size_t>(ncols), kCsvAllTypes);
    out->any.assign(static_cast<size_t>(ncols), 0);
    std::string scratch;
    ParseBlock(r, ncols, start, limit, last, out,
               [&](const std::vector<FieldSpan>& fields, int64_t row_offset) -> Status {
                 for (int64_t c = 0; c < ncols; c++) {
                   const uint8_t* p = nullptr;
                   int64_t n = 0;
                   FieldContent(r.data, fields[static_cast<size_t>(c)], o.quote, &scratch, &p, &n);
                   if (IsNullToken(p, n, o)) continue;
                   uint32_t& mask = out->masks[static_cast<size_t>(c)];
                   mask &= ClassifyCell(p, n, o, mask);
                   out->any[static_cast<size_t>(c)] = 1;
                   if (o.strict_utf8 && (mask & kCsvUtf8) == 0) {
                     return Status::Invalid("line " + std::to_string(LineOf(r, row_offset)) + ": " + ColumnLabel(r, c) + ": invalid UTF-8 (--strict)");
                   }
                 }
                 return Status::OK();
               },
               [] {});
  });
  Finish(r, outs, begin, result);
  result->masks.assign(static_cast<size_t>(ncols), kCsvAllTypes);
  result->any_value.assign(static_cast<size_t>(ncols), 0);
  for (const BlockOut& b : outs) {
    for (int64_t c = 0; c < ncols && !b.masks.empty(); c++) {
      result->masks[static_cast<size_t>(c)] &= b.masks[static_cast<size_t>(c)];
      result->any_value[static_cast<size_t>(c)] |= b.any[static_cast<size_t>(c)];
    }
  }
  return st;
}

Status CsvConvert(const CsvRequest& request, const std::vector<CsvType>& types, CsvResult* result) {
  *result = CsvResult();
  int64_t begin = 0;
  Status st = Prepare(request, result, &begin);
  CsvRequest r = request;
  if (!result->header.empty()) r.column_names = result->header;
  if (!st.ok()) return st;
  if (result->columns < 0) {
    result->consumed = 0;
    return Status::OK();
  }
  const int64_t ncols = result->columns;
  if (ncols != static_cast<int64_t>(types.size())) {
    return Status::Invalid("the CSV has " + std::to_string(ncols) + " columns but " + std::to_string(types.size()) + " column types were given");
  }
  const CsvOptions& o = *r.options;
  std::vector<BlockOut> outs;
  st = RunBlocks(r, begin, &outs, [&](int64_t start, int64_t limit, bool last, BlockOut* out) {
    std::vector<ColumnBuilder> builders;
    for (CsvType t : types) builders.emplace_back(t);
    std::string scratch;
    ParseBlock(r, ncols, start, limit, last, out,
               [&](const std::vector<FieldSpan>& fields, int64_t row_offset) -> Status {
                 for (int64_t c = 0; c < ncols; c++) {
                   const uint8_t* p = nullptr;
                   int64_t n = 0;
                   FieldContent(r.data, fields[static_cast<size_t>(c)], o.quote, &scratch, &p, &n);
                   ColumnBuilder& b = builders[static_cast<size_t>(c)];
                   if (IsNullToken(p, n, o)) {
                     b.Null();
                   } else if (!b.Value(p, n)) {
                     return Status::Invalid("line " + std::to_string(LineOf(r, row_offset)) + ": " + ColumnLabel(r, c) + ": '" + Excerpt(p, n) +
                                            "' does not fit the column's type " + CsvTypeName(b.type()));
                   }
                 }
                 return Status::OK();
               },
               [&] {
                 for (ColumnBuilder& b : builders) b.Null();
               });
    out->block.rows = out->rows;
    for (ColumnBuilder& b : builders) out->block.columns.push_back(b.Build());
  });
  Finish(r, outs, begin, result);
  for (BlockOut& b : outs) {
    if (b.rows > 0 || outs.size() == 1) result->blocks.push_back(std::move(b.block));
  }
  return st;
}

}  // namespace al
