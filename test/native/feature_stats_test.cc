#include "kernels/stats/feature_stats.h"

#include <gtest/gtest.h>

#include "test_columns.h"

namespace al {
namespace {

using test::ColumnStore;

ColumnProfile Profile(const ColumnView& v) {
  ColumnProfile p;
  EXPECT_TRUE(ProfileColumn(v, MomentsOptions(), &p).ok());
  return p;
}

TEST(FeatureStats, FlatColumnCountsEachPresentCellAsOneValue) {
  ColumnStore s;
  std::vector<bool> valid{true, false, true, true};
  FeatureState f;
  ASSERT_TRUE(UpdateFeature("x", Profile(s.Numeric<double>(TypeId::kFloat64, {1, 2, std::nan(""), 4}, &valid)), &f).ok());
  EXPECT_EQ(f.kind, FeatureKind::kFloat);
  EXPECT_EQ(f.list_depth, 0);
  EXPECT_EQ(f.num_non_missing, 3u);
  EXPECT_EQ(f.tot_num_values, 3u);  // NaN counts as a value
  EXPECT_EQ(f.leaf_values, 3u);
  EXPECT_EQ(f.min_num_values, 1);
  EXPECT_EQ(f.max_num_values, 1);
  EXPECT_EQ(f.moments.count, 2u);
  EXPECT_EQ(f.moments.nan_count, 1u);
}

TEST(FeatureStats, NestedListsReportTheOutermostLevelInCommonStats) {
  ColumnStore s;
  // rows: [[1,2],[]], null, [null-inner, [3]]: outer lengths 2 and 2, leaf values 3
  ColumnView leaf = s.Numeric<int64_t>(TypeId::kInt64, {1, 2, 3});
  std::vector<bool> inner_valid{true, true, false, true};
  ColumnView inner = s.List(TypeId::kList, leaf, {0, 2, 2, 2, 3}, &inner_valid);
  std::vector<bool> outer_valid{true, false, true};
  ColumnView outer = s.List(TypeId::kList, inner, {0, 2, 2, 4}, &outer_valid);
  FeatureState f;
  ASSERT_TRUE(UpdateFeature("n", Profile(outer), &f).ok());
  EXPECT_EQ(f.list_depth, 2);
  EXPECT_EQ(f.num_non_missing, 2u);
  EXPECT_EQ(f.min_num_values, 2);  // outer list lengths, as TFDV's CommonStatistics
  EXPECT_EQ(f.max_num_values, 2);
  EXPECT_EQ(f.tot_num_values, 4u);
  EXPECT_EQ(f.leaf_values, 3u);
  ASSERT_EQ(f.levels.size(), 2u);
  EXPECT_EQ(f.levels[0].non_missing, 2u);
  EXPECT_EQ(f.levels[0].tot_values, 4u);
  EXPECT_EQ(f.levels[1].non_missing, 3u);
  EXPECT_EQ(f.levels[1].missing, 1u);
  EXPECT_EQ(f.levels[1].min_values, 0);
  EXPECT_EQ(f.levels[1].max_values, 2);
}

TEST(FeatureStats, StringsCountBytesAndInvalidUtf8) {
  ColumnStore s;
  FeatureState f;
  ASSERT_TRUE(UpdateFeature("s", Profile(s.Strings(TypeId::kBinary, {"ab", "\xff", std::nullopt, "é"})), &f).ok());
  EXPECT_EQ(f.kind, FeatureKind::kString);
  EXPECT_EQ(f.string_bytes, 5u);
  EXPECT_EQ(f.invalid_utf8, 1u);
  EXPECT_EQ(f.tot_num_values, 3u);
}

TEST(FeatureStats, TypeAndNestLevelConflictsAreErrors) {
  ColumnStore s;
  FeatureState f;
  ASSERT_TRUE(UpdateFeature("x", Profile(s.Numeric<int32_t>(TypeId::kInt32, {1})), &f).ok());
  Status st = UpdateFeature("x", Profile(s.Strings(TypeId::kUtf8, {"a"})), &f);
  EXPECT_EQ(st.code(), StatusCode::kTypeMismatch);
  EXPECT_EQ(st.message(), "Cannot determine the type of feature x: it is INT in one batch and STRING in another");
  ColumnView child = s.Numeric<int32_t>(TypeId::kInt32, {1});
  st = UpdateFeature("x", Profile(s.List(TypeId::kList, child, {0, 1})), &f);
  EXPECT_EQ(st.message(), "Unable to merge common stats with different nest levels for feature x: 0 and 1");
  // A null-typed chunk fits anything.
  ColumnView nulls;
  nulls.type = TypeId::kNull;
  nulls.length = 3;
  EXPECT_TRUE(UpdateFeature("x", Profile(nulls), &f).ok());
  EXPECT_EQ(f.num_non_missing, 1u);
}

TEST(FeatureStats, MergeEqualsOnePassAndSerializationRoundTrips) {
  ColumnStore s;
  std::vector<double> x = test::RandomDoubles(5000, 3, 1, 2, 0.05);
  const std::vector<bool> valid = test::RandomValidity(x.size(), 4, 0.1);
  std::vector<double> a(x.begin(), x.begin() + 1234), b(x.begin() + 1234, x.end());
  std::vector<bool> va(valid.begin(), valid.begin() + 1234), vb(valid.begin() + 1234, valid.end());
  DatasetStatsState whole, left, right;
  whole.num_examples = x.size();
  ASSERT_TRUE(UpdateFeature("f", Profile(s.Numeric<double>(TypeId::kFloat64, x, &valid)), whole.FindOrAdd("f")).ok());
  left.num_examples = a.size();
  ASSERT_TRUE(UpdateFeature("f", Profile(s.Numeric<double>(TypeId::kFloat64, a, &va)), left.FindOrAdd("f")).ok());
  right.num_examples = b.size();
  ASSERT_TRUE(UpdateFeature("f", Profile(s.Numeric<double>(TypeId::kFloat64, b, &vb)), right.FindOrAdd("f")).ok());
  right.FindOrAdd("only_right");
  ASSERT_TRUE(MergeDataset(right, &left).ok());
  EXPECT_EQ(left.num_examples, whole.num_examples);
  EXPECT_EQ(left.names, (std::vector<std::string>{"f", "only_right"}));
  const FeatureState& m = left.features[0];
  const FeatureState& w = whole.features[0];
  EXPECT_EQ(m.num_non_missing, w.num_non_missing);
  EXPECT_EQ(m.tot_num_values, w.tot_num_values);
  EXPECT_EQ(m.moments.count, w.moments.count);
  EXPECT_NEAR(m.moments.mean, w.moments.mean, 1e-12);

  const std::vector<uint8_t> bytes = SerializeDataset(left);
  DatasetStatsState back;
  ASSERT_TRUE(DeserializeDataset(bytes.data(), static_cast<int64_t>(bytes.size()), &back).ok());
  EXPECT_EQ(SerializeDataset(back), bytes);
  EXPECT_EQ(std::string(bytes.begin(), bytes.begin() + 4), "ALST");

  for (int64_t cut : {int64_t{3}, int64_t{20}, static_cast<int64_t>(bytes.size()) - 1}) {
    DatasetStatsState bad;
    Status st = DeserializeDataset(bytes.data(), cut, &bad);
    EXPECT_EQ(st.code(), StatusCode::kSerialization) << cut;
  }
}

}  // namespace
}  // namespace al
