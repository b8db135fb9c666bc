#include "kernels/csv/csv_cell.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "kernels/stats/utf8.h"

namespace al {
namespace {

inline bool IsSpace(uint8_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
inline bool IsDigit(uint8_t c) { return c >= '0' && c <= '9'; }

void Trim(const uint8_t*& s, int64_t& n) {
  while (n > 0 && IsSpace(s[0])) s++, n--;
  while (n > 0 && IsSpace(s[n - 1])) n--;
}

inline uint8_t Lower(uint8_t c) { return (c >= 'A' && c <= 'Z') ? static_cast<uint8_t>(c + 32) : c; }

bool EqualsNoCase(const uint8_t* s, int64_t n, const char* word) {
  const int64_t m = static_cast<int64_t>(std::strlen(word));
  if (n != m) return false;
  for (int64_t i = 0; i < n; i++) {
    if (Lower(s[i]) != static_cast<uint8_t>(word[i])) return false;
  }
  return true;
}

// Digits with single '_' between digits (Python's rule); returns the count of digits, -1 if malformed.
int64_t ScanDigits(const uint8_t* s, int64_t n, int64_t* pos) {
  int64_t digits = 0;
  int64_t i = *pos;
  while (i < n) {
    if (IsDigit(s[i])) {
      digits++;
      i++;
    } else if (s[i] == '_' && digits > 0 && i + 1 < n && IsDigit(s[i + 1])) {
      i++;
    } else {
      break;
    }
  }
  *pos = i;
  return digits;
}

// Python float() grammar, after trimming. *plain: the text is also what from_chars reads
// (no '_' and no leading '+'); otherwise the caller strips those.
bool FloatGrammar(const uint8_t* s, int64_t n, bool* plain, bool* special, double* special_value) {
  *special = false;
  int64_t i = 0;
  bool negative = false;
  *plain = true;
  if (i < n && (s[i] == '+' || s[i] == '-')) {
    negative = s[i] == '-';
    if (s[i] == '+') *plain = false;
    i++;
  }
  const uint8_t* rest = s + i;
  const int64_t rn = n - i;
  if (rn <= 8 && rn >= 3 && !IsDigit(rest[0]) && rest[0] != '.') {
    if (EqualsNoCase(rest, rn, "nan")) {
      *special = true;
      *special_value = std::numeric_limits<double>::quiet_NaN();
      return true;
    }
    if (EqualsNoCase(rest, rn, "inf") || EqualsNoCase(rest, rn, "infinity")) {
      *special = true;
      *special_value = negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
      return true;
    }
    return false;
  }
  int64_t p = i;
  const int64_t int_digits = ScanDigits(s, n, &p);
  int64_t frac_digits = 0;
  if (p < n && s[p] == '.') {
    p++;
    if (p < n && s[p] == '_') return false;
    frac_digits = ScanDigits(s, n, &p);
  }
  if (int_digits + frac_digits == 0) return false;
  if (p < n && (s[p] == 'e' || s[p] == 'E')) {
    p++;
    if (p < n && (s[p] == '+' || s[p] == '-')) p++;
    if (ScanDigits(s, n, &p) == 0) return false;
  }
  if (p != n) return false;
  if (*plain && std::memchr(s, '_', static_cast<size_t>(n)) != nullptr) *plain = false;
  return true;
}

// Days from 1970-01-01 to y-m-d (proleptic Gregorian).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool Fixed(const uint8_t* s, int64_t n, int64_t at, int width, int* out) {
  if (at + width > n) return false;
  int v = 0;
  for (int k = 0; k < width; k++) {
    if (!IsDigit(s[at + k])) return false;
    v = v * 10 + (s[at + k] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

bool ParseInt64Cell(const uint8_t* s, int64_t n, int64_t* out) {
  Trim(s, n);
  int64_t i = 0;
  bool negative = false;
  if (i < n && (s[i] == '+' || s[i] == '-')) {
    negative = s[i] == '-';
    i++;
  }
  if (i >= n || !IsDigit(s[i])) return false;
  uint64_t v = 0;
  const uint64_t limit = negative ? static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) + 1 : static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  bool prev_digit = false;
  for (; i < n; i++) {
    const uint8_t c = s[i];
    if (IsDigit(c)) {
      const uint64_t d = static_cast<uint64_t>(c - '0');
      if (v > (limit - d) / 10) return false;  // out of int64: a string, as in TFDV
      v = v * 10 + d;
      prev_digit = true;
    } else if (c == '_' && prev_digit && i + 1 < n && IsDigit(s[i + 1])) {
      prev_digit = false;
    } else {
      return false;
    }
  }
  *out = negative ? static_cast<int64_t>(0 - v) : static_cast<int64_t>(v);
  return true;
}

bool ParseFloat64Cell(const uint8_t* s, int64_t n, double* out) {
  Trim(s, n);
  bool plain = true;
  bool special = false;
  double special_value = 0;
  if (!FloatGrammar(s, n, &plain, &special, &special_value)) return false;
  if (special) {
    *out = special_value;
    return true;
  }
  char buf[128];
  const char* b = reinterpret_cast<const char*>(s);
  const char* e = b + n;
  std::string heap;
  if (!plain) {
    char* w = buf;
    if (n >= static_cast<int64_t>(sizeof buf)) {
      heap.resize(static_cast<size_t>(n));
      w = heap.data();
    }
    char* start = w;
    for (int64_t k = 0; k < n; k++) {
      if (s[k] != '_' && !(k == 0 && s[k] == '+')) *w++ = static_cast<char>(s[k]);
    }
    b = start;
    e = w;
  }
  auto r = std::from_chars(b, e, *out);
  if (r.ec == std::errc::result_out_of_range) {
    // Python float() gives +-inf on overflow and +-0.0 on underflow
    const bool neg = *b == '-';
    const char* exp = std::find_if(b, e, [](char c) { return c == 'e' || c == 'E'; });
    const bool underflow = exp != e && exp + 1 < e && exp[1] == '-';
    *out = underflow ? (neg ? -0.0 : 0.0) : (neg ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity());
    return true;
  }
  return r.ec == std::errc() && r.ptr == e;
}

bool ParseBoolCell(const uint8_t* s, int64_t n, bool* out) {
  Trim(s, n);
  if (EqualsNoCase(s, n, "true")) {
    *out = true;
    return true;
  }
  if (EqualsNoCase(s, n, "false")) {
    *out = false;
    return true;
  }
  return false;
}

bool ParseTimestampCell(const uint8_t* s, int64_t n, int64_t* out) {
  Trim(s, n);
  int y = 0, mo = 0, d = 0;
  if (!Fixed(s, n, 0, 4, &y) || n < 10 || s[4] != '-' || !Fixed(s, n, 5, 2, &mo) || s[7] != '-' || !Fixed(s, n, 8, 2, &d)) return false;
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return false;
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > kDays[mo - 1] || (mo == 2 && d == 29 && !leap)) return false;
  int64_t ms = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400000;
  int64_t p = 10;
  if (p < n) {
    if (s[p] != 'T' && s[p] != ' ') return false;
    int h = 0, mi = 0, sec = 0;
    if (!Fixed(s, n, p + 1, 2, &h) || p + 3 >= n || s[p + 3] != ':' || !Fixed(s, n, p + 4, 2, &mi)) return false;
    if (h > 23 || mi > 59) return false;
    p += 6;
    if (p < n && s[p] == ':') {
      if (!Fixed(s, n, p + 1, 2, &sec) || sec > 60) return false;
      p += 3;
      if (p < n && s[p] == '.') {
        p++;
        int64_t frac = 0, scale = 1000, digits = 0;
        while (p < n && IsDigit(s[p])) {
          if (digits < 3) {
            scale /= 10;
            frac += (s[p] - '0') * scale;
          }
          digits++;
          p++;
        }
        if (digits == 0) return false;
        ms += frac;
      }
    }
    ms += (static_cast<int64_t>(h) * 3600 + mi * 60 + sec) * 1000;
    if (p < n) {
      if (s[p] == 'Z' && p + 1 == n) {
        p++;
      } else if (s[p] == '+' || s[p] == '-') {
        int oh = 0, om = 0;
        const int sign = s[p] == '+' ? 1 : -1;
        if (!Fixed(s, n, p + 1, 2, &oh)) return false;
        int64_t q = p + 3;
        if (q < n && s[q] == ':') q++;
        if (!Fixed(s, n, q, 2, &om) || q + 2 != n) return false;
        ms -= sign * (static_cast<int64_t>(oh) * 3600 + om * 60) * 1000;
        p = n;
      } else {
        return false;
      }
    }
  }
  *out = ms;
  return p == n;
}

uint32_t ClassifyCell(const uint8_t* s, int64_t n, const CsvOptions& options, uint32_t wanted) {
  uint32_t mask = kCsvBinary;
  if ((wanted & kCsvUtf8) && IsValidUtf8(s, n)) mask |= kCsvUtf8;
  if (wanted & (kCsvInt64 | kCsvFloat64)) {
    int64_t i64 = 0;
    double f64 = 0;
    if (ParseInt64Cell(s, n, &i64)) {
      mask |= kCsvInt64 | kCsvFloat64;
    } else if (wanted & kCsvFloat64) {
      // an integer literal outside int64 is a string only (TFDV), not a float
      const uint8_t* t = s;
      int64_t tn = n;
      Trim(t, tn);
      int64_t k = (tn > 0 && (t[0] == '+' || t[0] == '-')) ? 1 : 0;
      bool all_digits = k < tn;
      for (; k < tn && all_digits; k++) all_digits = IsDigit(t[k]) || t[k] == '_';
      if (!all_digits && ParseFloat64Cell(s, n, &f64)) mask |= kCsvFloat64;
    }
  }
  if (options.infer_bool && (wanted & kCsvBool)) {
    bool b = false;
    if (ParseBoolCell(s, n, &b)) mask |= kCsvBool;
  }
  if (options.infer_timestamp && (wanted & kCsvTimestamp) && (mask & (kCsvInt64 | kCsvFloat64)) == 0) {
    int64_t ts = 0;
    if (ParseTimestampCell(s, n, &ts)) mask |= kCsvTimestamp;
  }
  return mask & wanted;
}

const char* CsvTypeName(CsvType t) {
  switch (t) {
    case CsvType::kNull: return "null";
    case CsvType::kBool: return "bool";
    case CsvType::kInt64: return "int64";
    case CsvType::kFloat64: return "float64";
    case CsvType::kTimestamp: return "timestamp";
    case CsvType::kUtf8: return "utf8";
    case CsvType::kBinary: return "binary";
  }
  return "?";
}

CsvType CsvTypeFromMask(uint32_t mask, bool any_value) {
  if (!any_value) return CsvType::kNull;
  if (mask & kCsvBool) return CsvType::kBool;
  if (mask & kCsvInt64) return CsvType::kInt64;
  if (mask & kCsvFloat64) return CsvType::kFloat64;
  if (mask & kCsvTimestamp) return CsvType::kTimestamp;
  if (mask & kCsvUtf8) return CsvType::kUtf8;
  return CsvType::kBinary;
}

}  // namespace al
