// CPU/GPU parity of the moments kernel on random data with nulls and NaN. Skips, with the
// reason, when the build has no CUDA kernels or no device is present.
#include <gtest/gtest.h>

#include <cmath>

#include "cuda/cuda_api.h"
#include "kernels/stats/moments.h"
#include "test_columns.h"

namespace al {
namespace {

using test::ColumnStore;

// Empty when a device is usable, else why not.
std::string NoDeviceReason() {
  if (!cuda::Compiled()) return "built without CUDA kernels (no nvcc at build time)";
  std::string reason;
  if (cuda::Devices(&reason).empty()) return "no CUDA device: " + reason;
  return "";
}

// GTEST_SKIP returns from the function it is in, so this must be a macro in the test body.
#define SKIP_WITHOUT_DEVICE()                          \
  do {                                                 \
    const std::string why = NoDeviceReason();          \
    if (!why.empty()) GTEST_SKIP() << why;             \
  } while (false)

void ExpectParity(const ColumnView& v) {
  const LeafSelection sel = SelectLeaves(v);
  MomentsState cpu, gpu;
  MomentsOp::Init(cpu);
  MomentsOp::Init(gpu);
  ASSERT_TRUE(UpdateMomentsLeaves(sel, MomentsOptions(), &cpu).ok());
  const Status st = cuda::UpdateMoments(sel, 0, &gpu);
  ASSERT_TRUE(st.ok()) << st.ToString();
  // Exact statistics match bit for bit; mean and M2 within rounding (different summation order).
  EXPECT_EQ(gpu.null_count, cpu.null_count);
  EXPECT_EQ(gpu.nan_count, cpu.nan_count);
  EXPECT_EQ(gpu.count, cpu.count);
  EXPECT_EQ(gpu.zeros, cpu.zeros);
  EXPECT_EQ(gpu.min, cpu.min);
  EXPECT_EQ(gpu.max, cpu.max);
  EXPECT_NEAR(gpu.mean, cpu.mean, 1e-12 * (1 + std::fabs(cpu.mean)));
  EXPECT_NEAR(gpu.m2, cpu.m2, 1e-11 * (1 + cpu.m2));
  // Deterministic: a second GPU run gives the same bits.
  MomentsState again;
  MomentsOp::Init(again);
  ASSERT_TRUE(cuda::UpdateMoments(sel, 0, &again).ok());
  EXPECT_EQ(std::memcmp(&again, &gpu, sizeof(gpu)), 0);
}

TEST(CudaMoments, Float64WithNullsAndNan) {
  SKIP_WITHOUT_DEVICE();
  ColumnStore s;
  for (size_t n : {size_t{1}, size_t{1000}, size_t{1} << 20, (size_t{1} << 22) + 17}) {
    std::vector<double> x = test::RandomDoubles(n, n, 3, 2, 0.01);
    const std::vector<bool> valid = test::RandomValidity(n, n + 1, 0.1);
    ColumnView v = s.Numeric<double>(TypeId::kFloat64, x);
    s.SetValidity(&v, valid, 5);  // odd bit offset
    ExpectParity(v);
  }
}

TEST(CudaMoments, IntegerFloat32BoolAndLists) {
  SKIP_WITHOUT_DEVICE();
  ColumnStore s;
  std::mt19937_64 rng(1);
  std::vector<int64_t> ints(100000);
  for (auto& i : ints) i = static_cast<int64_t>(rng() % 1000) - 500;
  ExpectParity(s.Numeric<int64_t>(TypeId::kInt64, ints));
  std::vector<float> fl(77777);
  for (auto& f : fl) f = static_cast<float>(rng() % 1000) / 7.0f;
  ExpectParity(s.Numeric<float>(TypeId::kFloat32, fl));
  std::vector<uint8_t> bits(1000);
  for (auto& b : bits) b = static_cast<uint8_t>(rng());
  ColumnView b = s.Numeric<uint8_t>(TypeId::kBool, bits);
  b.offset = 3;
  b.length = 7990;
  ExpectParity(b);
  ColumnView child = s.Numeric<double>(TypeId::kFloat64, test::RandomDoubles(1000, 4));
  std::vector<int64_t> offs;
  for (int i = 0; i <= 100; ++i) offs.push_back(i * 10);
  const std::vector<bool> valid = test::RandomValidity(100, 8, 0.3);
  ExpectParity(s.List(TypeId::kList, child, offs, &valid));
}

TEST(CudaMoments, ReportsDevicesWithoutCrashing) {
  std::string reason;
  const auto devices = cuda::Devices(&reason);
  if (devices.empty()) {
    EXPECT_FALSE(reason.empty());
  } else {
    EXPECT_GT(devices[0].memory_bytes, 0);
  }
}

}  // namespace
}  // namespace al
