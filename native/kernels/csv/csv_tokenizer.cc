#include "kernels/csv/csv_tokenizer.h"

#include <cstring>

namespace al {
namespace {

// Bytes of `x` equal to `b` flagged in their high bit (the lowest flag is exact).
inline uint64_t ByteMatches(uint64_t x, uint8_t b) {
  const uint64_t y = x ^ (0x0101010101010101ULL * b);
  return (y - 0x0101010101010101ULL) & ~y & 0x8080808080808080ULL;
}

// First index >= i holding the delimiter, LF or CR (n if none); 8 bytes at a time.
inline int64_t FindFieldEnd(const uint8_t* d, int64_t n, int64_t i, uint8_t delim) {
  while (i + 8 <= n) {
    uint64_t w;
    std::memcpy(&w, d + i, 8);
    const uint64_t m = ByteMatches(w, delim) | ByteMatches(w, '\n') | ByteMatches(w, '\r');
    if (m != 0) return i + (__builtin_ctzll(m) >> 3);
    i += 8;
  }
  while (i < n) {
    const uint8_t c = d[i];
    if (c == delim || c == '\n' || c == '\r') return i;
    i++;
  }
  return n;
}

}  // namespace

RowScan ScanRow(const uint8_t* d, int64_t n, int64_t pos, bool final, const CsvOptions& o,
                std::vector<FieldSpan>* fields, int64_t* next) {
  fields->clear();
  if (pos >= n) return RowScan::kIncomplete;
  // blank line
  if (d[pos] == '\n') {
    *next = pos + 1;
    return RowScan::kSkip;
  }
  if (d[pos] == '\r') {
    if (pos + 1 < n) {
      *next = d[pos + 1] == '\n' ? pos + 2 : pos + 1;
      return RowScan::kSkip;
    }
    if (!final) return RowScan::kIncomplete;
    *next = n;
    return RowScan::kSkip;
  }
  // comment line: up to the next line end
  if (o.comment != 0 && d[pos] == o.comment) {
    int64_t i = pos;
    while (i < n && d[i] != '\n' && d[i] != '\r') i++;
    if (i >= n) {
      if (!final) return RowScan::kIncomplete;
      *next = n;
      return RowScan::kSkip;
    }
    if (d[i] == '\r' && i + 1 >= n && !final) return RowScan::kIncomplete;
    *next = (d[i] == '\r' && i + 1 < n && d[i + 1] == '\n') ? i + 2 : i + 1;
    return RowScan::kSkip;
  }
  int64_t i = pos;
  for (;;) {
    const int64_t begin = i;
    bool quoted = false;
    if (o.quoting && i < n && d[i] == o.quote) {
      quoted = true;
      i++;
      for (;;) {
        const void* q = i < n ? std::memchr(d + i, o.quote, static_cast<size_t>(n - i)) : nullptr;
        if (q == nullptr) return final ? RowScan::kUnterminatedQuote : RowScan::kIncomplete;
        const int64_t j = static_cast<const uint8_t*>(q) - d;
        if (j + 1 < n && d[j + 1] == o.quote) {
          i = j + 2;
          continue;
        }
        if (j + 1 >= n && !final) return RowScan::kIncomplete;
        i = j + 1;
        break;
      }
    }
    i = FindFieldEnd(d, n, i, o.delimiter);
    fields->push_back(FieldSpan{begin, i, quoted});
    if (i >= n) {
      if (!final) return RowScan::kIncomplete;
      *next = n;
      return RowScan::kRow;
    }
    const uint8_t c = d[i];
    if (c == o.delimiter) {
      i++;
      continue;
    }
    if (c == '\n') {
      *next = i + 1;
      return RowScan::kRow;
    }
    // CR
    if (i + 1 < n) {
      *next = d[i + 1] == '\n' ? i + 2 : i + 1;
      return RowScan::kRow;
    }
    if (!final) return RowScan::kIncomplete;
    *next = n;
    return RowScan::kRow;
  }
}

void FieldContent(const uint8_t* d, const FieldSpan& f, uint8_t quote, std::string* scratch,
                  const uint8_t** out, int64_t* out_len) {
  if (!f.quoted) {
    *out = d + f.begin;
    *out_len = f.end - f.begin;
    return;
  }
  // fast path: "content" with no doubled quotes and nothing after the closing quote
  const int64_t len = f.end - f.begin;
  if (len >= 2 && d[f.end - 1] == quote &&
      std::memchr(d + f.begin + 1, quote, static_cast<size_t>(len - 2)) == nullptr) {
    *out = d + f.begin + 1;
    *out_len = len - 2;
    return;
  }
  scratch->clear();
  bool in_quotes = false;
  for (int64_t i = f.begin; i < f.end; i++) {
    const uint8_t c = d[i];
    if (c == quote) {
      if (in_quotes && i + 1 < f.end && d[i + 1] == quote) {
        scratch->push_back(static_cast<char>(quote));
        i++;
      } else if (i == f.begin) {
        in_quotes = true;
      } else if (in_quotes) {
        in_quotes = false;
      } else {
        scratch->push_back(static_cast<char>(c));  // a quote after the closing one is literal
      }
    } else {
      scratch->push_back(static_cast<char>(c));
    }
  }
  *out = reinterpret_cast<const uint8_t*>(scratch->data());
  *out_len = static_cast<int64_t>(scratch->size());
}

int64_t NextLineStart(const uint8_t* d, int64_t n, int64_t from) {
  int64_t i = from > 0 ? from - 1 : 0;
  if (from == 0) return 0;
  while (i < n && d[i] != '\n' && d[i] != '\r') i++;
  if (i >= n) return n;
  if (d[i] == '\r' && i + 1 < n && d[i + 1] == '\n') return i + 2;
  return i + 1;
}

}  // namespace al
