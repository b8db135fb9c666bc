#include "kernels/stats/feature_stats.h"

#include <gtest/gtest.h>

#include <cstring>
#include <optional>
#include <random>

#include "sketches/kmv.h"
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
  EXPECT_EQ(f.min_value_bytes, 1);  // "\xff"
  EXPECT_EQ(f.max_value_bytes, 2);  // "ab", "é"
  ASSERT_TRUE(UpdateFeature("s", Profile(s.Strings(TypeId::kBinary, {"", "abcdefgh"})), &f).ok());
  EXPECT_EQ(f.min_value_bytes, 0);  // the empty string is a value of 0 bytes
  EXPECT_EQ(f.max_value_bytes, 8);
  FeatureState none;
  ASSERT_TRUE(UpdateFeature("n", Profile(s.Strings(TypeId::kUtf8, {std::nullopt})), &none).ok());
  EXPECT_EQ(none.min_value_bytes, -1);
}

TEST(FeatureStats, BytesFeaturesSkipTheTopKAndDistinctSketches) {
  ColumnStore s;
  const ColumnView img = s.Strings(TypeId::kBinary, {"\x89PNG", "\xff\xd8\xff", std::nullopt, "GIF89a"});
  FeatureState plain, bytes, categorical;
  ASSERT_TRUE(FoldColumn("img", img, MomentsOptions(), &plain).ok());
  ASSERT_TRUE(FoldColumn("img", img, MomentsOptions(), &bytes, FeatureRole::kBytes).ok());
  EXPECT_EQ(plain.topk.size(), 2u);  // both invalid UTF-8 values count as __BYTES_VALUE__
  EXPECT_EQ(plain.distinct.size(), 3u);
  EXPECT_EQ(bytes.topk.size(), 0u);
  EXPECT_EQ(bytes.distinct.size(), 0u);
  EXPECT_EQ(bytes.string_bytes, plain.string_bytes);
  EXPECT_EQ(bytes.min_value_bytes, 3);
  EXPECT_EQ(bytes.max_value_bytes, 6);
  // The categorical role is for integers; strings keep their ordinary sketches.
  ASSERT_TRUE(FoldColumn("img", img, MomentsOptions(), &categorical, FeatureRole::kCategorical).ok());
  EXPECT_EQ(categorical.topk.size(), 2u);
}

// The profile pass skips the distinct-count sketch for values the top-k sketch already counts;
// the distinct state must equal a KMV fed every value's fingerprint, through evictions (more
// than 16384 distinct values), repeats, and placeholders (invalid UTF-8, values over 1 KiB),
// which never count as seen.
TEST(FeatureStats, DistinctCountSkipsOnlyWhatItHasSeen) {
  ColumnStore s;
  std::mt19937_64 rng(11);
  std::vector<std::optional<std::string>> values;
  for (int i = 0; i < 60000; ++i) {
    const uint64_t r = rng();
    if (r % 50 == 0) values.push_back(std::string("\xff") + std::to_string(r % 300));        // invalid UTF-8
    else if (r % 77 == 0) values.push_back(std::string(1100, 'a') + std::to_string(r % 40));  // large
    else if (r % 3 == 0) values.push_back("hot" + std::to_string(r % 20));
    else values.push_back("v" + std::to_string(r % 40000));
  }
  FeatureState f;
  ASSERT_TRUE(FoldColumn("s", s.Strings(TypeId::kUtf8, values), MomentsOptions(), &f).ok());
  Kmv expected;
  for (const auto& v : values) expected.AddBytes(*v);
  std::vector<uint8_t> a, b;
  f.distinct.Serialize(&a);
  expected.Serialize(&b);
  EXPECT_EQ(a, b);
  EXPECT_EQ(f.distinct.Estimate(), expected.Estimate());
}

// A v1 state (before the value byte lengths): the v2 bytes of the same state less each
// feature's 17 value-bytes fields, with version 1. It still reads; string features' byte
// lengths are unknown and stay unknown through merges.
TEST(FeatureStats, FormatVersionOneStillReads) {
  ColumnStore s;
  DatasetStatsState state;
  state.num_examples = 3;
  ASSERT_TRUE(UpdateFeature("s", Profile(s.Strings(TypeId::kUtf8, {"ab", "c", std::nullopt})), state.FindOrAdd("s")).ok());
  ASSERT_TRUE(UpdateFeature("x", Profile(s.Numeric<double>(TypeId::kFloat64, {1, 2, 3})), state.FindOrAdd("x")).ok());
  const std::vector<uint8_t> v2 = SerializeDataset(state);
  uint32_t version = 0;
  std::memcpy(&version, v2.data() + 4, 4);
  EXPECT_EQ(version, 2u);
  // Feature layout up to the value-bytes fields: name, kind, depth, 5 x 8 counts, level count,
  // the 96-byte moments, string_bytes, invalid_utf8.
  std::vector<uint8_t> v1(v2.begin(), v2.begin() + 4 + 4 + 8 + 8 + 8 + 4);
  const uint32_t one = 1;
  std::memcpy(v1.data() + 4, &one, 4);
  size_t pos = v1.size();
  for (const std::string name : {"s", "x"}) {
    const size_t fixed = 4 + name.size() + 1 + 4 + 5 * 8 + 4 + 96 + 8 + 8;
    v1.insert(v1.end(), v2.begin() + pos, v2.begin() + pos + fixed);
    pos += fixed + 17;  // skip min/max value bytes and the unknown flag in v2
    // The sketches follow: copy up to the next feature (found by re-serializing alone).
    DatasetStatsState one_feature;
    one_feature.num_examples = state.num_examples;
    *one_feature.FindOrAdd(name) = *state.Find(name);
    const std::vector<uint8_t> alone = SerializeDataset(one_feature);
    const size_t header = 4 + 4 + 8 + 8 + 8 + 4;
    const size_t sketches = alone.size() - header - fixed - 17;
    v1.insert(v1.end(), v2.begin() + pos, v2.begin() + pos + sketches);
    pos += sketches;
  }
  ASSERT_EQ(pos, v2.size());
  DatasetStatsState back;
  ASSERT_TRUE(DeserializeDataset(v1.data(), static_cast<int64_t>(v1.size()), &back).ok());
  EXPECT_TRUE(back.Find("s")->value_bytes_unknown);
  EXPECT_FALSE(back.Find("x")->value_bytes_unknown);
  EXPECT_EQ(back.Find("s")->string_bytes, 3u);
  ASSERT_TRUE(MergeDataset(state, &back).ok());
  EXPECT_TRUE(back.Find("s")->value_bytes_unknown);
  // v2 round trip keeps the lengths; an unknown version is refused by name.
  DatasetStatsState again;
  ASSERT_TRUE(DeserializeDataset(v2.data(), static_cast<int64_t>(v2.size()), &again).ok());
  EXPECT_EQ(again.Find("s")->min_value_bytes, 1);
  EXPECT_EQ(again.Find("s")->max_value_bytes, 2);
  std::vector<uint8_t> v3 = v2;
  const uint32_t three = 3;
  std::memcpy(v3.data() + 4, &three, 4);
  const Status st = DeserializeDataset(v3.data(), static_cast<int64_t>(v3.size()), &again);
  EXPECT_EQ(st.message(), "statistics state version 3 is not supported (this build reads versions 1 to 2)");
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
