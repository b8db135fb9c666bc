// CheckBatchColumn: each RowIssue on hand-built columns (flat ints with nulls, uint64 beyond
// int64, float32 rounding of float bounds, NaN/inf, lists with per-level counts and a shape,
// strings in and out of a set, ints written as strings), and the max_findings cap.
#include <gtest/gtest.h>

#include <limits>

#include "kernels/validate/batch_check.h"
#include "test_columns.h"

namespace al {
namespace {

using Leaf = ColumnConstraints::Leaf;
using test::ColumnStore;

std::vector<std::pair<int64_t, RowIssue>> Issues(const BatchCheckResult& r) {
  std::vector<std::pair<int64_t, RowIssue>> out;
  for (const auto& f : r.findings) out.emplace_back(f.row, f.issue);
  return out;
}

TEST(BatchCheck, IntRangeRequiredAndCounts) {
  ColumnStore store;
  const std::vector<bool> valid{true, false, true, true};
  ColumnView v = store.Numeric<int64_t>(TypeId::kInt64, {5, 0, -1, 200}, &valid);
  ColumnConstraints c;
  c.required = true;
  c.leaf = Leaf::kIntRange;
  c.has_min = c.has_max = true;
  c.int_min = 0;
  c.int_max = 130;
  c.levels = {CountBounds{true, true, 1, 1}};
  BatchCheckResult r;
  ASSERT_TRUE(CheckBatchColumn(v, c, 100, &r).ok());
  EXPECT_EQ(Issues(r), (std::vector<std::pair<int64_t, RowIssue>>{{1, RowIssue::kMissing}, {2, RowIssue::kSmallInt}, {3, RowIssue::kBigInt}}));
  EXPECT_EQ(r.findings[1].leaf, 2);
}

TEST(BatchCheck, Uint64BeyondInt64IsBig) {
  ColumnStore store;
  ColumnView v = store.Numeric<uint64_t>(TypeId::kUInt64, {1, std::numeric_limits<uint64_t>::max()});
  ColumnConstraints c;
  c.leaf = Leaf::kIntRange;
  c.has_max = true;
  c.int_max = 10;
  BatchCheckResult r;
  ASSERT_TRUE(CheckBatchColumn(v, c, 100, &r).ok());
  EXPECT_EQ(Issues(r), (std::vector<std::pair<int64_t, RowIssue>>{{1, RowIssue::kBigInt}}));
}

TEST(BatchCheck, FloatsAsFloat32WithNanAndInf) {
  ColumnStore store;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  // 0.1 as float32 is above 0.1 as double: equal to a float32 bound of 0.1, so not out of range.
  ColumnView v = store.Numeric<double>(TypeId::kFloat64, {0.1, nan, inf, -0.5, 1.5});
  ColumnConstraints c;
  c.leaf = Leaf::kFloatRange;
  c.has_min = c.has_max = true;
  c.float_min = 0.1f;
  c.float_max = 1.0f;
  c.disallow_nan = c.disallow_inf = true;
  BatchCheckResult r;
  ASSERT_TRUE(CheckBatchColumn(v, c, 100, &r).ok());
  EXPECT_EQ(Issues(r), (std::vector<std::pair<int64_t, RowIssue>>{{1, RowIssue::kNaN}, {2, RowIssue::kInf}, {3, RowIssue::kSmallFloat}, {4, RowIssue::kBigFloat}}));
}

TEST(BatchCheck, NestedListsPerLevelAndShape) {
  ColumnStore store;
  ColumnView leaf = store.Numeric<int32_t>(TypeId::kInt32, {1, 2, 3, 4, 5, 6, 7});
  // inner lists: [1,2] [3] [4,5,6] [7]
  ColumnView inner = store.List(TypeId::kList, leaf, {0, 2, 3, 6, 7});
  // rows: [[1,2],[3]]  [[4,5,6]]  [[7]]  []
  ColumnView outer = store.List(TypeId::kList, inner, {0, 2, 3, 4, 4});
  ColumnConstraints c;
  c.levels = {CountBounds{true, false, 1, 0}, CountBounds{false, true, 0, 2}};
  BatchCheckResult r;
  ASSERT_TRUE(CheckBatchColumn(outer, c, 100, &r).ok());
  EXPECT_EQ(Issues(r), (std::vector<std::pair<int64_t, RowIssue>>{{1, RowIssue::kManyValues}, {3, RowIssue::kFewValues}}));
  EXPECT_EQ(r.findings[0].level, 1);
  ColumnConstraints shape;
  shape.fixed_count = 3;
  ASSERT_TRUE(CheckBatchColumn(outer, shape, 100, &r).ok());
  EXPECT_EQ(Issues(r), (std::vector<std::pair<int64_t, RowIssue>>{{2, RowIssue::kShape}, {3, RowIssue::kShape}}));
}

TEST(BatchCheck, StringSetsAndIntStrings) {
  ColumnStore store;
  ColumnView v = store.Strings(TypeId::kUtf8, {std::string("red"), std::nullopt, std::string("blue"), std::string(" 42 "), std::string("x1"), std::string("9223372036854775808")});
  ColumnConstraints set;
  set.leaf = Leaf::kStringSet;
  set.strings = {"red", " 42 "};
  BatchCheckResult r;
  ASSERT_TRUE(CheckBatchColumn(v, set, 100, &r).ok());
  EXPECT_EQ(Issues(r), (std::vector<std::pair<int64_t, RowIssue>>{{2, RowIssue::kOutOfDomain}, {4, RowIssue::kOutOfDomain}, {5, RowIssue::kOutOfDomain}}));
  ColumnConstraints ints;
  ints.leaf = Leaf::kIntString;
  ints.has_min = true;
  ints.int_min = 50;
  ASSERT_TRUE(CheckBatchColumn(v, ints, 100, &r).ok());
  EXPECT_EQ(Issues(r), (std::vector<std::pair<int64_t, RowIssue>>{{0, RowIssue::kNotInt}, {2, RowIssue::kNotInt}, {3, RowIssue::kSmallInt}, {4, RowIssue::kNotInt}, {5, RowIssue::kNotInt}}));
}

TEST(BatchCheck, MaxFindingsTruncates) {
  ColumnStore store;
  ColumnView v = store.Numeric<int32_t>(TypeId::kInt32, std::vector<int32_t>(1000, 7));
  ColumnConstraints c;
  c.leaf = Leaf::kBool;
  BatchCheckResult r;
  ASSERT_TRUE(CheckBatchColumn(v, c, 10, &r).ok());
  EXPECT_EQ(r.findings.size(), 10u);
  EXPECT_TRUE(r.truncated);
}

}  // namespace
}  // namespace al
