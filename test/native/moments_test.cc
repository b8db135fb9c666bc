// The moments accumulator against an independent reference (two-pass in long double), over every
// numeric storage type, with nulls, NaN, ±inf, sliced bitmaps, SIMD variants, threads, the
// split-merge property, catastrophic cancellation and the serialized format.
#include "kernels/stats/moments.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "kernels/stats/moments_block.h"
#include "test_columns.h"

namespace al {
namespace {

using test::ColumnStore;

struct Reference {
  uint64_t nulls = 0, nans = 0, count = 0, zeros = 0;
  long double mean = 0, m2 = 0;
  double min = INFINITY, max = -INFINITY;
};

Reference Ref(const std::vector<double>& x, const std::vector<bool>* valid = nullptr) {
  Reference r;
  long double sum = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    if (valid && !(*valid)[i]) {
      ++r.nulls;
      continue;
    }
    if (std::isnan(x[i])) {
      ++r.nans;
      continue;
    }
    ++r.count;
    sum += x[i];
    r.zeros += x[i] == 0;
    r.min = std::min(r.min, x[i]);
    r.max = std::max(r.max, x[i]);
  }
  r.mean = r.count ? sum / r.count : 0;
  for (size_t i = 0; i < x.size(); ++i) {
    if ((valid && !(*valid)[i]) || std::isnan(x[i])) continue;
    r.m2 += (x[i] - r.mean) * (x[i] - r.mean);
  }
  return r;
}

void ExpectMatches(const MomentsState& s, const Reference& r, double rel = 1e-12) {
  EXPECT_EQ(s.null_count, r.nulls);
  EXPECT_EQ(s.nan_count, r.nans);
  EXPECT_EQ(s.count, r.count);
  EXPECT_EQ(s.zeros, r.zeros);
  EXPECT_EQ(s.min, r.min);
  EXPECT_EQ(s.max, r.max);
  EXPECT_NEAR(s.mean, static_cast<double>(r.mean), rel * (1 + std::fabs(static_cast<double>(r.mean))));
  EXPECT_NEAR(s.m2, static_cast<double>(r.m2), rel * (1 + static_cast<double>(r.m2)));
}

MomentsState RunMoments(const ColumnView& v, int threads = 1, SimdLevel simd = SimdLevel::kAvx2) {
  MomentsState s;
  MomentsOp::Init(s);
  MomentsOptions o;
  o.threads = threads;
  o.simd = simd;
  const Status st = UpdateMoments(v, o, &s);
  EXPECT_TRUE(st.ok()) << st.ToString();
  return s;
}

template <typename T>
class MomentsTyped : public ::testing::Test {};
using StorageTypes = ::testing::Types<int8_t, int16_t, int32_t, int64_t, uint8_t, uint16_t, uint32_t, uint64_t, float, double>;
TYPED_TEST_SUITE(MomentsTyped, StorageTypes);

template <typename T> TypeId TypeFor();
template <> TypeId TypeFor<int8_t>() { return TypeId::kInt8; }
template <> TypeId TypeFor<int16_t>() { return TypeId::kInt16; }
template <> TypeId TypeFor<int32_t>() { return TypeId::kInt32; }
template <> TypeId TypeFor<int64_t>() { return TypeId::kInt64; }
template <> TypeId TypeFor<uint8_t>() { return TypeId::kUInt8; }
template <> TypeId TypeFor<uint16_t>() { return TypeId::kUInt16; }
template <> TypeId TypeFor<uint32_t>() { return TypeId::kUInt32; }
template <> TypeId TypeFor<uint64_t>() { return TypeId::kUInt64; }
template <> TypeId TypeFor<float>() { return TypeId::kFloat32; }
template <> TypeId TypeFor<double>() { return TypeId::kFloat64; }

TYPED_TEST(MomentsTyped, MatchesReferenceWithNulls) {
  using T = TypeParam;
  std::mt19937_64 rng(7);
  std::vector<T> values(5000);
  std::vector<double> as_double(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    values[i] = static_cast<T>(rng() % 100);
    as_double[i] = static_cast<double>(values[i]);
  }
  const std::vector<bool> valid = test::RandomValidity(values.size(), 11, 0.2);
  ColumnStore s;
  ExpectMatches(RunMoments(s.Numeric<T>(TypeFor<T>(), values, &valid)), Ref(as_double, &valid));
  ExpectMatches(RunMoments(s.Numeric<T>(TypeFor<T>(), values)), Ref(as_double));
}

TEST(Moments, NanAndInfinityFollowTfdv) {
  ColumnStore s;
  std::vector<double> x{1, std::nan(""), 3, 0, std::nan("")};
  MomentsState st = RunMoments(s.Numeric<double>(TypeId::kFloat64, x));
  EXPECT_EQ(st.nan_count, 2u);
  EXPECT_EQ(st.count, 3u);
  EXPECT_EQ(st.zeros, 1u);
  EXPECT_DOUBLE_EQ(st.mean, 4.0 / 3);
  EXPECT_EQ(st.min, 0);
  EXPECT_EQ(st.max, 3);
  std::vector<double> inf{1, INFINITY, 2};
  MomentsState si = RunMoments(s.Numeric<double>(TypeId::kFloat64, inf));
  EXPECT_EQ(si.max, INFINITY);
  EXPECT_EQ(si.count, 3u);
  EXPECT_EQ(si.pos_inf, 1u);
  EXPECT_EQ(MomentsOp::Mean(si), INFINITY);
  EXPECT_EQ(MomentsOp::StdDev(si), 0.0);  // NaN variance reads 0
  std::vector<double> both{-INFINITY, 1, INFINITY};
  MomentsState sb = RunMoments(s.Numeric<double>(TypeId::kFloat64, both));
  EXPECT_TRUE(std::isnan(MomentsOp::Mean(sb)));
  EXPECT_EQ(sb.min, -INFINITY);
  EXPECT_EQ(sb.count, 3u);
}

TEST(Moments, OnlyNanAndEmpty) {
  ColumnStore s;
  MomentsState st = RunMoments(s.Numeric<double>(TypeId::kFloat64, {std::nan(""), std::nan("")}));
  EXPECT_EQ(st.count, 0u);
  EXPECT_EQ(st.nan_count, 2u);
  EXPECT_EQ(st.min, INFINITY);
  EXPECT_EQ(MomentsOp::Variance(st), 0.0);
  MomentsState e = RunMoments(s.Numeric<double>(TypeId::kFloat64, {}));
  EXPECT_EQ(e.count, 0u);
}

TEST(Moments, SlicedValidityBitmap) {
  ColumnStore s;
  std::vector<double> x = test::RandomDoubles(3001, 3);
  const std::vector<bool> valid = test::RandomValidity(x.size(), 5, 0.3);
  for (int64_t offset : {1, 3, 7, 13}) {
    ColumnView v = s.Numeric<double>(TypeId::kFloat64, x);
    s.SetValidity(&v, valid, offset);
    ExpectMatches(RunMoments(v), Ref(x, &valid));
  }
}

TEST(Moments, BoolAndHalf) {
  ColumnStore s;
  // bools 1,0,1,1 at bit offset 2
  ColumnView b = s.Numeric<uint8_t>(TypeId::kBool, {static_cast<uint8_t>(0b110100), 0});
  b.offset = 2;
  b.length = 4;
  MomentsState sb = RunMoments(b);
  EXPECT_EQ(sb.count, 4u);
  EXPECT_EQ(sb.zeros, 1u);
  EXPECT_DOUBLE_EQ(sb.mean, 0.75);
  // float16: 1.0 = 0x3C00, -2.0 = 0xC000, 0.5 = 0x3800, NaN = 0x7E00, +inf = 0x7C00
  ColumnView h = s.Numeric<uint16_t>(TypeId::kFloat16, {0x3C00, 0xC000, 0x3800, 0x7E00});
  MomentsState sh = RunMoments(h);
  EXPECT_EQ(sh.count, 3u);
  EXPECT_EQ(sh.nan_count, 1u);
  EXPECT_DOUBLE_EQ(sh.mean, -0.5 / 3);
  EXPECT_EQ(sh.min, -2.0);
}

TEST(Moments, ScalarAndAvx2AgreeAndThreadsAgree) {
  ColumnStore s;
  std::vector<double> x = test::RandomDoubles(300001, 9, 5, 3, 0.01);
  ColumnView v = s.Numeric<double>(TypeId::kFloat64, x);
  const Reference r = Ref(x);
  ExpectMatches(RunMoments(v, 1, SimdLevel::kScalar), r);
  ExpectMatches(RunMoments(v, 1, SimdLevel::kAvx2), r);
  ExpectMatches(RunMoments(v, 2), r);
  ExpectMatches(RunMoments(v, 7), r);
  // Deterministic: the same thread count gives the same bits.
  EXPECT_EQ(RunMoments(v, 4).m2, RunMoments(v, 4).m2);
}

TEST(Moments, SplitMergeProperty) {
  std::vector<double> x = test::RandomDoubles(10007, 21, -3, 10, 0.05);
  const std::vector<bool> valid = test::RandomValidity(x.size(), 22, 0.1);
  ColumnStore s;
  const MomentsState whole = RunMoments(s.Numeric<double>(TypeId::kFloat64, x, &valid));
  std::mt19937_64 rng(23);
  for (int trial = 0; trial < 20; ++trial) {
    const size_t cut = rng() % x.size();
    std::vector<double> a(x.begin(), x.begin() + cut), b(x.begin() + cut, x.end());
    std::vector<bool> va(valid.begin(), valid.begin() + cut), vb(valid.begin() + cut, valid.end());
    MomentsState sa = RunMoments(s.Numeric<double>(TypeId::kFloat64, a, &va));
    const MomentsState sb = RunMoments(s.Numeric<double>(TypeId::kFloat64, b, &vb));
    const MomentsState sb_copy = sb;
    MomentsOp::Merge(sa, sb);
    EXPECT_EQ(std::memcmp(&sb, &sb_copy, sizeof(sb)), 0) << "merge must not modify its argument";
    EXPECT_EQ(sa.count, whole.count);
    EXPECT_EQ(sa.null_count, whole.null_count);
    EXPECT_EQ(sa.nan_count, whole.nan_count);
    EXPECT_EQ(sa.min, whole.min);
    EXPECT_EQ(sa.max, whole.max);
    EXPECT_NEAR(sa.mean, whole.mean, 1e-12 * std::fabs(whole.mean));
    EXPECT_NEAR(sa.m2, whole.m2, 1e-11 * whole.m2);
  }
}

TEST(Moments, MergeWithEmptySides) {
  MomentsState a, b;
  MomentsOp::Init(a);
  MomentsOp::Init(b);
  MomentsOp::Update(b, 2.0);
  MomentsOp::Update(b, 4.0);
  MomentsOp::Merge(a, b);
  EXPECT_EQ(a.count, 2u);
  EXPECT_DOUBLE_EQ(a.mean, 3.0);
  EXPECT_DOUBLE_EQ(a.m2, 2.0);
  MomentsState empty;
  MomentsOp::Init(empty);
  MomentsOp::Merge(a, empty);
  EXPECT_DOUBLE_EQ(a.mean, 3.0);
  EXPECT_DOUBLE_EQ(a.m2, 2.0);
}

TEST(Moments, InfinitiesDoNotDependOnHowTheDataIsSplit) {
  std::vector<double> x = test::RandomDoubles(5000, 31);
  x[10] = INFINITY;
  x[4000] = INFINITY;
  ColumnStore s;
  for (int threads : {1, 2, 3}) {
    const MomentsState st = RunMoments(s.Numeric<double>(TypeId::kFloat64, x), threads);
    EXPECT_EQ(MomentsOp::Mean(st), INFINITY);
    EXPECT_EQ(st.pos_inf, 2u);
    EXPECT_EQ(st.max, INFINITY);
    EXPECT_EQ(MomentsOp::Variance(st), 0.0);
  }
  // The scalar kernel and the AVX2 kernel count infinities alike.
  const MomentsState a = RunMoments(s.Numeric<double>(TypeId::kFloat64, x), 1, SimdLevel::kScalar);
  const MomentsState b = RunMoments(s.Numeric<double>(TypeId::kFloat64, x), 1, SimdLevel::kAvx2);
  EXPECT_EQ(a.pos_inf, b.pos_inf);
  EXPECT_NEAR(a.mean, b.mean, 1e-12);
}

TEST(Moments, CatastrophicCancellation) {
  // Large offset, tiny spread: a sum-of-squares variance loses every digit here.
  std::vector<double> x;
  for (int i = 0; i < 100000; ++i) x.push_back(1e9 + (i % 7) * 1e-3);
  ColumnStore s;
  const MomentsState st = RunMoments(s.Numeric<double>(TypeId::kFloat64, x), 3);
  const Reference r = Ref(x);
  EXPECT_NEAR(MomentsOp::Variance(st), static_cast<double>(r.m2 / r.count), 1e-6 * static_cast<double>(r.m2 / r.count));
}

TEST(Moments, ListLeavesSkipNullListsEvenWithNonEmptyRanges) {
  ColumnStore s;
  ColumnView child = s.Numeric<double>(TypeId::kFloat64, {1, 2, 100, 200, 3});
  std::vector<bool> valid{true, false, true};
  // row 1 is null but its offsets span [2, 4): those values are not part of the column.
  ColumnView list = s.List(TypeId::kList, child, {0, 2, 4, 5}, &valid);
  const MomentsState st = RunMoments(list);
  EXPECT_EQ(st.count, 3u);
  EXPECT_DOUBLE_EQ(st.mean, 2.0);
  EXPECT_EQ(st.max, 3.0);
}

TEST(Moments, DictionaryOfNumbers) {
  ColumnStore s;
  ColumnView dict = s.Numeric<int32_t>(TypeId::kInt32, {10, 20});
  std::vector<bool> valid{true, true, false, true};
  ColumnView v = s.Numeric<uint8_t>(TypeId::kDictionary, {0, 1, 1, 1}, &valid);
  v.index_type = TypeId::kUInt8;
  v.dictionary = s.Hold(dict);
  const MomentsState st = RunMoments(v);
  EXPECT_EQ(st.count, 3u);
  EXPECT_EQ(st.null_count, 1u);
  EXPECT_DOUBLE_EQ(st.mean, 50.0 / 3);
}

TEST(Moments, StringsAreNotImplemented) {
  ColumnStore s;
  MomentsState st;
  MomentsOp::Init(st);
  const Status status = UpdateMoments(s.Strings(TypeId::kUtf8, {"a"}), MomentsOptions(), &st);
  EXPECT_EQ(status.code(), StatusCode::kNotImplemented);
  EXPECT_EQ(status.message(), "moments: unsupported type utf8");
}

TEST(MomentsState, SerializeRoundTripAndGoldenHeader) {
  MomentsState st;
  MomentsOp::Init(st);
  MomentsOp::Update(st, 1.5);
  MomentsOp::Update(st, std::nan(""));
  uint8_t bytes[kMomentsStateBytes];
  SerializeMoments(st, bytes);
  // "ALMO", version 1 little-endian, then null_count = 0, nan_count = 1, count = 1.
  const uint8_t header[] = {'A', 'L', 'M', 'O', 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0};
  EXPECT_EQ(std::memcmp(bytes, header, sizeof(header)), 0);
  MomentsState back;
  ASSERT_TRUE(DeserializeMoments(bytes, kMomentsStateBytes, &back).ok());
  EXPECT_EQ(std::memcmp(&back, &st, sizeof(st)), 0);
}

TEST(MomentsState, RejectsForeignBytes) {
  uint8_t bytes[kMomentsStateBytes] = {};
  MomentsState st;
  Status a = DeserializeMoments(bytes, 10, &st);
  EXPECT_EQ(a.code(), StatusCode::kSerialization);
  EXPECT_EQ(a.message(), "moments state must be 104 bytes, got 10");
  Status b = DeserializeMoments(bytes, kMomentsStateBytes, &st);
  EXPECT_EQ(b.message(), "not a moments state (bad magic)");
  MomentsState ok;
  MomentsOp::Init(ok);
  SerializeMoments(ok, bytes);
  bytes[4] = 9;
  Status c = DeserializeMoments(bytes, kMomentsStateBytes, &st);
  EXPECT_EQ(c.message(), "moments state version 9 is not supported (expected 1)");
}

}  // namespace
}  // namespace al

namespace al {
namespace {

TEST(Moments, FiniteRangeExcludesInfinitiesInEveryKernel) {
  test::ColumnStore s;
  std::vector<double> x = test::RandomDoubles(4099, 77);
  x[5] = INFINITY;      // in the vector part
  x[4098] = -INFINITY;  // in the scalar tail
  for (SimdLevel level : {SimdLevel::kScalar, SimdLevel::kAvx2}) {
    MomentsState st;
    MomentsOp::Init(st);
    MomentsOptions o;
    o.simd = level;
    ASSERT_TRUE(UpdateMoments(s.Numeric<double>(TypeId::kFloat64, x), o, &st).ok());
    double fmin = INFINITY, fmax = -INFINITY;
    for (double v : x) {
      if (std::isfinite(v)) {
        fmin = std::min(fmin, v);
        fmax = std::max(fmax, v);
      }
    }
    EXPECT_EQ(st.finite_min, fmin);
    EXPECT_EQ(st.finite_max, fmax);
    EXPECT_EQ(st.min, -INFINITY);
    EXPECT_EQ(st.max, INFINITY);
    EXPECT_EQ(st.pos_inf, 1u);
    EXPECT_EQ(st.neg_inf, 1u);
  }
}

}  // namespace
}  // namespace al
