// The CSV row scanner (RFC 4180): quoted fields with embedded delimiters, newlines and doubled
// quotes; LF, CRLF and lone CR line ends; blank lines and comment lines skipped. A quote is
// special only at the start of a field; characters after a closing quote are kept (Python's
// csv does the same). Without `final`, a row that may continue past the buffer is reported
// incomplete so the caller can carry it over to the next buffer.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kernels/csv/csv_options.h"

namespace al {

struct FieldSpan {
  int64_t begin;  // raw bytes, quotes included
  int64_t end;
  bool quoted;
};

enum class RowScan { kRow, kSkip, kIncomplete, kUnterminatedQuote };

// Scans the row at `pos` of data[0, n). On kRow/kSkip *next is the first byte after the row.
RowScan ScanRow(const uint8_t* data, int64_t n, int64_t pos, bool final, const CsvOptions& options,
                std::vector<FieldSpan>* fields, int64_t* next);

// The content of a field: unquoted fields as they are; quoted ones without their quotes and
// with doubled quotes undone (written into *scratch when that changes anything).
void FieldContent(const uint8_t* data, const FieldSpan& f, uint8_t quote, std::string* scratch,
                  const uint8_t** out, int64_t* out_len);

// The first row start at or after `from` when `from` is assumed outside quotes: just past the
// first line end at index >= from - 1 (n when there is none).
int64_t NextLineStart(const uint8_t* data, int64_t n, int64_t from);

}  // namespace al
