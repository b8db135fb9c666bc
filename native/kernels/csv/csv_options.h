// Options and column types of the CSV/TSV reader (kernels/csv). Typing follows TFDV's CSV
// decoder (reference/tfdv.md §1, DESIGN.md): a column is int64 if every non-empty cell is an
// int64, else float64 if every one parses as a float (Python's float(): nan, inf, 1e5, _
// between digits), else utf8; only an empty cell is missing. Opt-in: extra null tokens, bool
// and timestamp inference, and declared types that override inference.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace al {

// A cell's possible types as bits; a column's type is the best bit left after AND-ing the
// masks of all its non-empty cells.
enum CsvTypeBit : uint32_t {
  kCsvBool = 1u << 0,
  kCsvInt64 = 1u << 1,
  kCsvFloat64 = 1u << 2,
  kCsvTimestamp = 1u << 3,
  kCsvUtf8 = 1u << 4,
  kCsvBinary = 1u << 5,
  kCsvAllTypes = (1u << 6) - 1,
};

enum class CsvType : int32_t { kNull = 0, kBool = 1, kInt64 = 2, kFloat64 = 3, kTimestamp = 4, kUtf8 = 5, kBinary = 6 };

const char* CsvTypeName(CsvType t);

// The column type a mask allows (kNull for a column whose cells were all missing).
CsvType CsvTypeFromMask(uint32_t mask, bool any_value);

enum class BadRowPolicy : int32_t { kError = 0, kSkip = 1, kNull = 2 };

struct CsvOptions {
  uint8_t delimiter = ',';
  uint8_t quote = '"';
  bool quoting = true;
  uint8_t comment = 0;              // 0: no comment lines
  std::vector<std::string> null_tokens;  // cells equal to one of these are missing too
  bool infer_bool = false;          // true/false (any case) -> bool
  bool infer_timestamp = false;     // ISO 8601 dates and date-times -> timestamp[ms] (UTC)
  bool strict_utf8 = false;         // invalid UTF-8 is an error instead of a binary column
  BadRowPolicy on_bad_row = BadRowPolicy::kError;
  int threads = 1;
};

}  // namespace al
