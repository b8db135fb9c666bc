// The CSV kernel: cell typing by Python's int()/float() rules, the row scanner, and the reader's
// result being independent of the thread count (speculative blocks re-parsed across quoted
// newlines), incomplete rows left for the next buffer, and errors with line numbers.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "kernels/csv/csv_cell.h"
#include "kernels/csv/csv_reader.h"
#include "kernels/csv/csv_tokenizer.h"

namespace al {
namespace {

const uint8_t* U(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.data()); }

TEST(CsvCell, IntegersAsPythonInt) {
  int64_t v = 0;
  for (const auto& [text, want] : std::vector<std::pair<std::string, int64_t>>{{"0", 0}, {"-12", -12}, {"+7", 7}, {" 42 ", 42}, {"1_000", 1000}, {"9223372036854775807", INT64_MAX}, {"-9223372036854775808", INT64_MIN}}) {
    ASSERT_TRUE(ParseInt64Cell(U(text), static_cast<int64_t>(text.size()), &v)) << text;
    EXPECT_EQ(v, want) << text;
  }
  for (const std::string text : {"", "-", "1.0", "1e3", "_1", "1_", "1__0", "9223372036854775808", "0x10", "1 2"}) {
    EXPECT_FALSE(ParseInt64Cell(U(text), static_cast<int64_t>(text.size()), &v)) << text;
  }
}

TEST(CsvCell, FloatsAsPythonFloat) {
  double v = 0;
  for (const auto& [text, want] : std::vector<std::pair<std::string, double>>{{"1.5", 1.5}, {"-.5", -0.5}, {"5.", 5.0}, {"1e3", 1000.0}, {"+2.5E-1", 0.25}, {" 3 ", 3.0}, {"1_0.2_5", 10.25}, {"-inf", -INFINITY}, {"Infinity", INFINITY}, {"1e999", INFINITY}, {"1e-999", 0.0}}) {
    ASSERT_TRUE(ParseFloat64Cell(U(text), static_cast<int64_t>(text.size()), &v)) << text;
    EXPECT_EQ(v, want) << text;
  }
  ASSERT_TRUE(ParseFloat64Cell(U(std::string("NaN")), 3, &v));
  EXPECT_TRUE(std::isnan(v));
  for (const std::string text : {"", ".", "e5", "1e", "1.2.3", "0x1p3", "nanx", "1_", "in"}) {
    EXPECT_FALSE(ParseFloat64Cell(U(text), static_cast<int64_t>(text.size()), &v)) << text;
  }
}

TEST(CsvCell, MasksAndTimestamps) {
  CsvOptions o;
  o.infer_bool = true;
  o.infer_timestamp = true;
  EXPECT_EQ(CsvTypeFromMask(ClassifyCell(U(std::string("12")), 2, o), true), CsvType::kInt64);
  EXPECT_EQ(CsvTypeFromMask(ClassifyCell(U(std::string("1.5")), 3, o), true), CsvType::kFloat64);
  EXPECT_EQ(CsvTypeFromMask(ClassifyCell(U(std::string("TRUE")), 4, o), true), CsvType::kBool);
  EXPECT_EQ(CsvTypeFromMask(ClassifyCell(U(std::string("2024-02-29")), 10, o), true), CsvType::kTimestamp);
  EXPECT_EQ(CsvTypeFromMask(ClassifyCell(U(std::string("2023-02-29")), 10, o), true), CsvType::kUtf8);
  EXPECT_EQ(CsvTypeFromMask(ClassifyCell(U(std::string("99999999999999999999")), 20, o), true), CsvType::kUtf8);
  const std::string bad = "a\xff";
  EXPECT_EQ(CsvTypeFromMask(ClassifyCell(U(bad), 2, o), true), CsvType::kBinary);
  int64_t ms = 0;
  const std::string ts = "1970-01-02T00:00:01.250+01:00";
  ASSERT_TRUE(ParseTimestampCell(U(ts), static_cast<int64_t>(ts.size()), &ms));
  EXPECT_EQ(ms, 86400000 + 1250 - 3600000);
}

TEST(CsvScan, QuotesNewlinesAndIncompleteRows) {
  CsvOptions o;
  const std::string d = "a,\"b,\"\"c\"\"\r\nd\",e\r\nx";
  std::vector<FieldSpan> f;
  int64_t next = 0;
  ASSERT_EQ(ScanRow(U(d), static_cast<int64_t>(d.size()), 0, false, o, &f, &next), RowScan::kRow);
  ASSERT_EQ(f.size(), 3u);
  std::string scratch;
  const uint8_t* p = nullptr;
  int64_t n = 0;
  FieldContent(U(d), f[1], '"', &scratch, &p, &n);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(n)), "b,\"c\"\r\nd");
  EXPECT_EQ(ScanRow(U(d), static_cast<int64_t>(d.size()), next, false, o, &f, &next), RowScan::kIncomplete);
  EXPECT_EQ(ScanRow(U(d), static_cast<int64_t>(d.size()), next, true, o, &f, &next), RowScan::kRow);
  const std::string open = "\"never";
  EXPECT_EQ(ScanRow(U(open), 6, 0, true, o, &f, &next), RowScan::kUnterminatedQuote);
}

std::string RandomCsv(int rows, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string s = "i,f,s\n";
  for (int r = 0; r < rows; r++) {
    s += std::to_string(static_cast<int>(rng() % 100000)) + ",";
    s += (rng() % 10 == 0) ? "" : std::to_string((rng() % 10000) / 7.0);
    s += ",";
    if (rng() % 4 == 0) s += "\"q,\n\"\"" + std::to_string(r) + "\"";
    else s += "w" + std::to_string(rng() % 50);
    s += (rng() % 3 == 0) ? "\r\n" : "\n";
  }
  return s;
}

CsvResult Read(const std::string& data, int threads, Status* st) {
  CsvOptions o;
  o.threads = threads;
  CsvRequest r;
  r.data = U(data);
  r.size = static_cast<int64_t>(data.size());
  r.header = true;
  r.options = &o;
  CsvResult result;
  *st = CsvRead(r, {}, &result);
  return result;
}

TEST(CsvReader, SameResultOnAnyThreadCount) {
  const std::string data = RandomCsv(40000, 9);
  Status st;
  const CsvResult one = Read(data, 1, &st);
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_EQ(one.rows, 40000);
  ASSERT_EQ(one.types, (std::vector<CsvType>{CsvType::kInt64, CsvType::kFloat64, CsvType::kUtf8}));
  for (int threads : {2, 3, 7}) {
    const CsvResult many = Read(data, threads, &st);
    ASSERT_TRUE(st.ok()) << st.ToString();
    EXPECT_EQ(many.rows, one.rows);
    EXPECT_EQ(many.types, one.types);
    EXPECT_GT(many.blocks.size(), 1u);
    // concatenated string bytes and null counts are the same
    std::string a, b;
    int64_t nulls_a = 0, nulls_b = 0;
    for (const CsvBlock& blk : one.blocks) {
      a.append(blk.columns[2].values.begin(), blk.columns[2].values.end());
      nulls_a += blk.columns[1].null_count;
    }
    for (const CsvBlock& blk : many.blocks) {
      b.append(blk.columns[2].values.begin(), blk.columns[2].values.end());
      nulls_b += blk.columns[1].null_count;
    }
    EXPECT_EQ(a, b) << threads << " threads";
    EXPECT_EQ(nulls_a, nulls_b);
  }
}

TEST(CsvReader, LateTypeChangesAreRebuilt) {
  std::string data = "a,b\n";
  for (int i = 0; i < 50000; i++) data += std::to_string(i) + "," + std::to_string(i) + "\n";
  data += "0.5,x\n";
  Status st;
  const CsvResult r = Read(data, 2, &st);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(r.types, (std::vector<CsvType>{CsvType::kFloat64, CsvType::kUtf8}));
  const CsvBlock& first = r.blocks.front();
  double v = 0;
  std::memcpy(&v, first.columns[0].values.data() + 8 * 3, 8);
  EXPECT_EQ(v, 3.0);
  EXPECT_EQ(first.columns[1].type, TypeId::kUtf8);
  EXPECT_EQ(std::string(first.columns[1].values.begin(), first.columns[1].values.begin() + 4), "0123");
}

TEST(CsvReader, RaggedRowsNameTheLine) {
  Status st;
  Read("a,b\n1,2\n\n3\n", 1, &st);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("line 4: expected 2 fields, found 1"), std::string::npos) << st.message();
}

}  // namespace
}  // namespace al
