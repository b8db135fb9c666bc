#include "kernels/stats/moments_block.h"

#include <cmath>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace al {

namespace {

void FinishBlock(uint64_t count, uint64_t nans, uint64_t zeros, double mn, double mx, double mean, double m2,
                 MomentsState* out) {
  MomentsOp::Init(*out);
  out->nan_count = nans;
  out->count = count;
  out->zeros = zeros;
  if (count > 0) {
    out->min = mn;
    out->max = mx;
    out->mean = mean;
    out->m2 = m2;
  }
}

}  // namespace

void BlockMomentsScalar(const double* x, int64_t n, MomentsState* out) {
  uint64_t nans = 0, zeros = 0;
  double sum = 0.0, mn = INFINITY, mx = -INFINITY;
  for (int64_t i = 0; i < n; ++i) {
    const double v = x[i];
    if (v != v) {
      ++nans;
      continue;
    }
    sum += v;
    zeros += (v == 0.0);
    mn = v < mn ? v : mn;
    mx = v > mx ? v : mx;
  }
  const uint64_t count = static_cast<uint64_t>(n) - nans;
  const double mean = count ? sum / static_cast<double>(count) : 0.0;
  double m2 = 0.0;
  for (int64_t i = 0; i < n; ++i) {
    const double v = x[i];
    if (v != v) continue;
    const double d = v - mean;
    m2 += d * d;
  }
  FinishBlock(count, nans, zeros, mn, mx, mean, m2, out);
}

#if defined(__x86_64__)
__attribute__((target("avx2,fma"))) void BlockMomentsAvx2(const double* x, int64_t n, MomentsState* out) {
  const __m256d pos_inf = _mm256_set1_pd(INFINITY);
  const __m256d neg_inf = _mm256_set1_pd(-INFINITY);
  const __m256d zero = _mm256_setzero_pd();
  __m256d vsum = zero, vmin = pos_inf, vmax = neg_inf;
  __m256i vnan = _mm256_setzero_si256(), vzero = _mm256_setzero_si256();
  int64_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const __m256d v = _mm256_loadu_pd(x + i);
    const __m256d ord = _mm256_cmp_pd(v, v, _CMP_ORD_Q);  // all ones where v is not NaN
    vsum = _mm256_add_pd(vsum, _mm256_and_pd(v, ord));
    vmin = _mm256_min_pd(vmin, _mm256_blendv_pd(pos_inf, v, ord));
    vmax = _mm256_max_pd(vmax, _mm256_blendv_pd(neg_inf, v, ord));
    vnan = _mm256_sub_epi64(vnan, _mm256_castpd_si256(_mm256_cmp_pd(v, v, _CMP_UNORD_Q)));
    vzero = _mm256_sub_epi64(vzero, _mm256_castpd_si256(_mm256_cmp_pd(v, zero, _CMP_EQ_OQ)));
  }
  alignas(32) double s4[4], mn4[4], mx4[4];
  alignas(32) int64_t nan4[4], zero4[4];
  _mm256_store_pd(s4, vsum);
  _mm256_store_pd(mn4, vmin);
  _mm256_store_pd(mx4, vmax);
  _mm256_store_si256(reinterpret_cast<__m256i*>(nan4), vnan);
  _mm256_store_si256(reinterpret_cast<__m256i*>(zero4), vzero);
  double sum = (s4[0] + s4[1]) + (s4[2] + s4[3]);
  double mn = INFINITY, mx = -INFINITY;
  uint64_t nans = 0, zeros = 0;
  for (int k = 0; k < 4; ++k) {
    mn = mn4[k] < mn ? mn4[k] : mn;
    mx = mx4[k] > mx ? mx4[k] : mx;
    nans += static_cast<uint64_t>(nan4[k]);
    zeros += static_cast<uint64_t>(zero4[k]);
  }
  for (; i < n; ++i) {
    const double v = x[i];
    if (v != v) {
      ++nans;
      continue;
    }
    sum += v;
    zeros += (v == 0.0);
    mn = v < mn ? v : mn;
    mx = v > mx ? v : mx;
  }
  const uint64_t count = static_cast<uint64_t>(n) - nans;
  const double mean = count ? sum / static_cast<double>(count) : 0.0;
  const __m256d vmean = _mm256_set1_pd(mean);
  __m256d vm2 = zero;
  i = 0;
  for (; i + 4 <= n; i += 4) {
    const __m256d v = _mm256_loadu_pd(x + i);
    const __m256d ord = _mm256_cmp_pd(v, v, _CMP_ORD_Q);
    const __m256d d = _mm256_and_pd(_mm256_sub_pd(v, vmean), ord);
    vm2 = _mm256_fmadd_pd(d, d, vm2);
  }
  alignas(32) double m24[4];
  _mm256_store_pd(m24, vm2);
  double m2 = (m24[0] + m24[1]) + (m24[2] + m24[3]);
  for (; i < n; ++i) {
    const double v = x[i];
    if (v != v) continue;
    const double d = v - mean;
    m2 += d * d;
  }
  FinishBlock(count, nans, zeros, mn, mx, mean, m2, out);
}
#endif

BlockMomentsFn BlockMomentsFor(SimdLevel level) {
#if defined(__x86_64__)
  if (level == SimdLevel::kAvx2) return &BlockMomentsAvx2;
#endif
  (void)level;
  return &BlockMomentsScalar;
}

}  // namespace al
