#include "kernels/csv/csv_reader.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <thread>

#include "kernels/csv/csv_cell.h"
#include "kernels/csv/csv_column_builder.h"
#include "kernels/csv/csv_tokenizer.h"

namespace al {
namespace {

constexpr int64_t kMinBlockBytes = int64_t{1} << 18;
constexpr int64_t kMaxBlockBytes = int64_t{16} << 20;
constexpr int32_t kInfer = -1;

struct ColumnState {
  ColumnBuilder builder{CsvType::kNull};
  uint32_t mask = kCsvAllTypes;
  bool any = false;
  bool declared = false;
  bool abandoned = false;  // the type widened past what the built values can become: rebuilt from the text
};

struct BlockOut {
  int64_t start = 0;
  int64_t end = 0;
  int64_t rows = 0;
  int64_t bad_rows = 0;
  Status status;
  std::vector<uint32_t> masks;
  std::vector<uint8_t> any;
  CsvBlock block;
  std::vector<ColumnState> cols;
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
  // Blocks of at most kMaxBlockBytes (bounded builders and record batches), at least two per
  // thread when there is enough input to share.
  int64_t nblocks = (total + kMaxBlockBytes - 1) / kMaxBlockBytes;
  if (threads > 1 && total >= 2 * kMinBlockBytes) nblocks = std::max<int64_t>(nblocks, std::min<int64_t>(threads * 2, total / kMinBlockBytes));
  nblocks = std::max<int64_t>(nblocks, 1);
  std::vector<int64_t> nominal(static_cast<size_t>(nblocks + 1));
  for (int64_t k = 0; k <= nblocks; k++) nominal[static_cast<size_t>(k)] = begin + total * k / nblocks;
  outs->clear();
  outs->resize(static_cast<size_t>(nblocks));
  auto run = [&](int64_t k, int64_t start) {
    BlockOut& o = (*outs)[static_cast<size_t>(k)];
    o = BlockOut();
    parse(start, nominal[static_cast<size_t>(k + 1)], k == nblocks - 1, &o);
  };
  if (nblocks == 1 || threads == 1) {
    for (int64_t k = 0; k < nblocks; k++) run(k, k == 0 ? begin : NextLineStart(r.data, r.size, nominal[static_cast<size_t>(k)]));
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

namespace {

Status MisfitError(const CsvRequest& r, int64_t row_offset, int64_t c, const uint8_t* p, int64_t n, CsvType t) {
  return Status::Invalid("line " + std::to_string(LineOf(r, row_offset)) + ": " + ColumnLabel(r, c) + ": '" + Excerpt(p, n) +
                         "' does not fit the column's type " + CsvTypeName(t));
}

// Rebuilds columns `cols` of the block [start, end) with their final types.
Status Rebuild(const CsvRequest& r, int64_t ncols, int64_t start, int64_t end, const std::vector<int64_t>& cols,
               const std::vector<CsvType>& types, std::vector<ColumnBuilder>* out) {
  const CsvOptions& o = *r.options;
  out->clear();
  for (int64_t c : cols) out->emplace_back(types[static_cast<size_t>(c)]);
  std::string scratch;
  BlockOut tmp;
  ParseBlock(r, ncols, start, end, false, &tmp,
             [&](const std::vector<FieldSpan>& fields, int64_t row_offset) -> Status {
               for (size_t k = 0; k < cols.size(); k++) {
                 const uint8_t* p = nullptr;
                 int64_t n = 0;
                 FieldContent(r.data, fields[static_cast<size_t>(cols[k])], o.quote, &scratch, &p, &n);
                 if (IsNullToken(p, n, o)) (*out)[k].Null();
                 else if (!(*out)[k].Value(p, n)) return MisfitError(r, row_offset, cols[k], p, n, types[static_cast<size_t>(cols[k])]);
               }
               return Status::OK();
             },
             [&] {
               for (ColumnBuilder& b : *out) b.Null();
             });
  return tmp.status;
}

}  // namespace

Status CsvRead(const CsvRequest& request, const std::vector<CsvType>& declared, CsvResult* result) {
  *result = CsvResult();
  int64_t begin = 0;
  Status st = Prepare(request, result, &begin);
  if (!st.ok()) return st;
  if (result->columns < 0) {
    result->consumed = 0;
    return Status::OK();
  }
  CsvRequest r = request;
  if (!result->header.empty()) r.column_names = result->header;
  const int64_t ncols = result->columns;
  // declared: one type per column (kInfer for inference), or by name
  std::vector<int32_t> fixed(static_cast<size_t>(ncols), kInfer);
  if (!declared.empty()) {
    if (static_cast<int64_t>(declared.size()) != ncols) {
      return Status::Invalid("the CSV has " + std::to_string(ncols) + " columns but " + std::to_string(declared.size()) + " column types were given");
    }
    for (int64_t c = 0; c < ncols; c++) fixed[static_cast<size_t>(c)] = static_cast<int32_t>(declared[static_cast<size_t>(c)]);
  }
  for (const auto& [name, type] : request.declared_by_name) {
    for (int64_t c = 0; c < ncols && c < static_cast<int64_t>(r.column_names.size()); c++) {
      if (r.column_names[static_cast<size_t>(c)] == name) fixed[static_cast<size_t>(c)] = static_cast<int32_t>(type);
    }
  }
  const CsvOptions& o = *r.options;
  std::vector<BlockOut> outs;
  st = RunBlocks(r, begin, &outs, [&](int64_t start, int64_t limit, bool last, BlockOut* out) {
    std::vector<ColumnState>& cols = out->cols;
    cols.assign(static_cast<size_t>(ncols), ColumnState());
    for (int64_t c = 0; c < ncols; c++) {
      if (fixed[static_cast<size_t>(c)] != kInfer) {
        cols[static_cast<size_t>(c)].builder = ColumnBuilder(static_cast<CsvType>(fixed[static_cast<size_t>(c)]));
        cols[static_cast<size_t>(c)].declared = true;
      }
    }
    std::string scratch;
    int64_t seen = 0;
    const int64_t span = (last ? r.size : std::min(limit, r.size)) - start;
    ParseBlock(r, ncols, start, limit, last, out,
               [&](const std::vector<FieldSpan>& fields, int64_t row_offset) -> Status {
                 if (++seen == 512) {
                   // size the buffers once from the first rows' width: no doubling, fewer page faults
                   const double bytes_per_row = static_cast<double>(row_offset - start) / 511.0;
                   const int64_t rows = bytes_per_row > 0 ? static_cast<int64_t>(static_cast<double>(span) / bytes_per_row * 1.05) : 0;
                   for (ColumnState& cs : cols) cs.builder.Reserve(rows, static_cast<int64_t>(static_cast<double>(cs.builder.value_bytes()) / 511.0 * static_cast<double>(rows)));
                 }
                 for (int64_t c = 0; c < ncols; c++) {
                   const uint8_t* p = nullptr;
                   int64_t n = 0;
                   FieldContent(r.data, fields[static_cast<size_t>(c)], o.quote, &scratch, &p, &n);
                   ColumnState& cs = cols[static_cast<size_t>(c)];
                   if (IsNullToken(p, n, o)) {
                     cs.builder.Null();
                     continue;
                   }
                   cs.any = true;
                   if (!cs.abandoned && cs.builder.type() != CsvType::kNull && cs.builder.Value(p, n)) continue;  // fits: the type stands
                   if (cs.declared) return MisfitError(r, row_offset, c, p, n, cs.builder.type());
                   cs.mask &= ClassifyCell(p, n, o, cs.mask);
                   if (o.strict_utf8 && (cs.mask & kCsvUtf8) == 0) {
                     return Status::Invalid("line " + std::to_string(LineOf(r, row_offset)) + ": " + ColumnLabel(r, c) + ": invalid UTF-8 (--strict)");
                   }
                   if (cs.abandoned) continue;
                   const CsvType t = CsvTypeFromMask(cs.mask, true);
                   if (cs.builder.type() == CsvType::kNull) {
                     cs.builder.Retype(t);
                   } else if (cs.builder.type() == CsvType::kInt64 && t == CsvType::kFloat64) {
                     cs.builder.IntToFloat();
                   } else {
                     cs.abandoned = true;
                     continue;
                   }
                   if (!cs.builder.Value(p, n)) cs.abandoned = true;
                 }
                 return Status::OK();
               },
               [&] {
                 for (ColumnState& cs : cols) cs.builder.Null();
               });
  });
  Finish(r, outs, begin, result);
  if (!st.ok()) return st;
  // the column types over every block
  result->types.assign(static_cast<size_t>(ncols), CsvType::kNull);
  for (int64_t c = 0; c < ncols; c++) {
    if (fixed[static_cast<size_t>(c)] != kInfer) {
      result->types[static_cast<size_t>(c)] = static_cast<CsvType>(fixed[static_cast<size_t>(c)]);
      continue;
    }
    uint32_t mask = kCsvAllTypes;
    bool any = false;
    for (const BlockOut& b : outs) {
      mask &= b.cols[static_cast<size_t>(c)].mask;
      any = any || b.cols[static_cast<size_t>(c)].any;
    }
    result->types[static_cast<size_t>(c)] = CsvTypeFromMask(mask, any);
  }
  // blocks whose built type differs: widen, fill, or rebuild from the text
  for (BlockOut& b : outs) {
    std::vector<int64_t> rebuild;
    for (int64_t c = 0; c < ncols; c++) {
      ColumnState& cs = b.cols[static_cast<size_t>(c)];
      const CsvType g = result->types[static_cast<size_t>(c)];
      if (cs.abandoned) rebuild.push_back(c);
      else if (cs.builder.type() == g) continue;
      else if (cs.builder.type() == CsvType::kNull) cs.builder.Retype(g);
      else if (cs.builder.type() == CsvType::kInt64 && g == CsvType::kFloat64) cs.builder.IntToFloat();
      else rebuild.push_back(c);
    }
    if (!rebuild.empty()) {
      std::vector<ColumnBuilder> rebuilt;
      st = Rebuild(r, ncols, b.start, b.end, rebuild, result->types, &rebuilt);
      if (!st.ok()) return st;
      for (size_t k = 0; k < rebuild.size(); k++) b.cols[static_cast<size_t>(rebuild[k])].builder = std::move(rebuilt[k]);
    }
    if (b.rows == 0 && outs.size() > 1) continue;
    CsvBlock block;
    block.rows = b.rows;
    for (ColumnState& cs : b.cols) block.columns.push_back(cs.builder.Build());
    result->blocks.push_back(std::move(block));
  }
  return Status::OK();
}

Status CsvConvert(const CsvRequest& request, const std::vector<CsvType>& types, CsvResult* result) {
  CsvRequest r = request;
  r.declared_by_name.clear();
  return CsvRead(r, types, result);
}

}  // namespace al
