#include "kernels/stats/leaf_ranges.h"

#include <gtest/gtest.h>

#include "kernels/stats/column_profile.h"
#include "test_columns.h"

namespace al {
namespace {

using test::ColumnStore;

TEST(LeafRanges, NestedListsSkipNullsAtEveryLevel) {
  ColumnStore s;
  // leaf: 8 ints; inner lists: [0,2) [2,2) null[2,5) [5,8); outer: [0,2) null[2,3) [3,4)
  ColumnView leaf = s.Numeric<int32_t>(TypeId::kInt32, {1, 2, 3, 4, 5, 6, 7, 8});
  std::vector<bool> inner_valid{true, true, false, true};
  ColumnView inner = s.List(TypeId::kLargeList, leaf, {0, 2, 2, 5, 8}, &inner_valid);
  std::vector<bool> outer_valid{true, false, true};
  ColumnView outer = s.List(TypeId::kList, inner, {0, 2, 3, 4}, &outer_valid);
  LeafSelection sel = SelectLeaves(outer);
  ASSERT_EQ(sel.ranges.size(), 2u);
  EXPECT_EQ(sel.ranges[0].begin, 0);
  EXPECT_EQ(sel.ranges[0].end, 2);
  EXPECT_EQ(sel.ranges[1].begin, 5);
  EXPECT_EQ(sel.ranges[1].end, 8);

  ColumnProfile p;
  ASSERT_TRUE(ProfileColumn(outer, MomentsOptions(), &p).ok());
  EXPECT_EQ(p.rows, 3);
  EXPECT_EQ(p.nulls, 1);
  ASSERT_EQ(p.levels.size(), 2u);
  EXPECT_EQ(p.levels[0].elements, 3);
  EXPECT_EQ(p.levels[0].nulls, 1);
  EXPECT_EQ(p.levels[0].min_length, 1);
  EXPECT_EQ(p.levels[0].max_length, 2);
  EXPECT_EQ(p.levels[0].total_length, 3);
  EXPECT_EQ(p.levels[1].elements, 3);  // inner rows 0, 1 and 3
  EXPECT_EQ(p.levels[1].nulls, 0);
  EXPECT_EQ(p.levels[1].total_length, 5);
  EXPECT_EQ(p.leaf_values, 5);
  EXPECT_EQ(p.moments.count, 5u);
  EXPECT_DOUBLE_EQ(p.moments.mean, (1 + 2 + 6 + 7 + 8) / 5.0);
}

TEST(LeafRanges, SplitRangesCoversEveryRowOnceInOrder) {
  std::vector<RowRange> ranges{{0, 5000}, {6000, 6003}, {7000, 20000}};
  for (int parts : {1, 2, 3, 8}) {
    const auto split = SplitRanges(ranges, parts, 1024);
    std::vector<RowRange> flat;
    for (const auto& p : split) flat.insert(flat.end(), p.begin(), p.end());
    int64_t next = -1, total = 0;
    for (const RowRange& r : flat) {
      EXPECT_GT(r.end, r.begin);
      EXPECT_GE(r.begin, next);
      next = r.end;
      total += r.end - r.begin;
    }
    EXPECT_EQ(total, 5000 + 3 + 13000) << parts;
  }
}

TEST(ColumnProfile, StringBytesAndDictionaries) {
  ColumnStore s;
  ColumnView v = s.Strings(TypeId::kUtf8, {"é", std::nullopt, "abc", ""});
  ColumnProfile p;
  ASSERT_TRUE(ProfileColumn(v, MomentsOptions(), &p).ok());
  EXPECT_EQ(p.nulls, 1);
  EXPECT_EQ(p.leaf_nulls, 1);
  EXPECT_EQ(p.value_bytes, 5);  // "é" is two bytes
  EXPECT_FALSE(p.has_moments);

  ColumnView dict = s.Strings(TypeId::kUtf8, {"xy", "z"});
  ColumnView d = s.Numeric<int32_t>(TypeId::kDictionary, {1, 0, 0});
  d.dictionary = s.Hold(dict);
  ASSERT_TRUE(ProfileColumn(d, MomentsOptions(), &p).ok());
  EXPECT_EQ(p.value_type, TypeId::kUtf8);
  EXPECT_EQ(p.value_bytes, 5);
}

}  // namespace
}  // namespace al
