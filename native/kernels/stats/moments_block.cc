#include "kernels/stats/moments_block.h"

#include <cmath>
#include <initializer_list>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace al {

namespace {

// The first pass (NaN, count, zeros, min, max, sum) and the second (squared deviations from
// the block mean) over values [i, n), shared by the scalar kernel and the AVX2 tails.
// Infinities count for min/max but stay out of the sum and M2 (see moments_op.h).
struct FirstPass {
  uint64_t nans = 0, zeros = 0, pos_inf = 0, neg_inf = 0;
  double sum = 0.0, mn = INFINITY, mx = -INFINITY, fmin = INFINITY, fmax = -INFINITY;
  void Scan(const double* x, int64_t i, int64_t n) {
    for (; i < n; ++i) {
      const double v = x[i];
      if (v != v) {
        ++nans;
        continue;
      }
      zeros += (v == 0.0);
      mn = v < mn ? v : mn;
      mx = v > mx ? v : mx;
      if (v == INFINITY) {
        ++pos_inf;
      } else if (v == -INFINITY) {
        ++neg_inf;
      } else {
        sum += v;
        fmin = v < fmin ? v : fmin;
        fmax = v > fmax ? v : fmax;
      }
    }
  }
  uint64_t Finite(int64_t n) const { return static_cast<uint64_t>(n) - nans - pos_inf - neg_inf; }
};

double SecondPass(const double* x, int64_t i, int64_t n, double mean) {
  double m2 = 0.0;
  for (; i < n; ++i) {
    const double v = x[i];
    if (v != v || v == INFINITY || v == -INFINITY) continue;
    const double d = v - mean;
    m2 += d * d;
  }
  return m2;
}

double BlockMean(const FirstPass& p, int64_t n) {
  const uint64_t finite = p.Finite(n);
  return finite ? p.sum / static_cast<double>(finite) : 0.0;
}

void FinishBlock(const FirstPass& p, int64_t n, double mean, double m2, MomentsState* out) {
  MomentsOp::Init(*out);
  out->nan_count = p.nans;
  out->count = static_cast<uint64_t>(n) - p.nans;
  out->zeros = p.zeros;
  out->pos_inf = p.pos_inf;
  out->neg_inf = p.neg_inf;
  if (out->count > 0) {
    out->min = p.mn;
    out->max = p.mx;
  }
  out->finite_min = p.fmin;
  out->finite_max = p.fmax;
  if (p.Finite(n) > 0) {
    out->mean = mean;
    out->m2 = m2;
  }
}

}  // namespace

void BlockMomentsScalar(const double* x, int64_t n, MomentsState* out) {
  FirstPass p;
  p.Scan(x, 0, n);
  const double mean = BlockMean(p, n);
  FinishBlock(p, n, mean, SecondPass(x, 0, n, mean), out);
}

#if defined(__x86_64__)
namespace {

struct Avx2Lanes {
  __m256d sum, mn, mx;
  __m256i nan, zero, inf;
};

// MINPD/MAXPD return their second operand when either is NaN, so min(v, acc) skips NaN lanes
// without a blend.
__attribute__((target("avx2,fma"))) inline __m256d Avx2Abs(__m256d v) {
  return _mm256_andnot_pd(_mm256_set1_pd(-0.0), v);
}

// All ones where v is finite (not NaN, not ±inf).
__attribute__((target("avx2,fma"))) inline __m256d Avx2Finite(__m256d v) {
  return _mm256_cmp_pd(Avx2Abs(v), _mm256_set1_pd(INFINITY), _CMP_LT_OQ);
}

__attribute__((target("avx2,fma"))) inline void Avx2Step(Avx2Lanes& l, __m256d v) {
  const __m256d unord = _mm256_cmp_pd(v, v, _CMP_UNORD_Q);  // all ones where v is NaN
  l.sum = _mm256_add_pd(l.sum, _mm256_and_pd(Avx2Finite(v), v));
  l.inf = _mm256_sub_epi64(l.inf, _mm256_castpd_si256(_mm256_cmp_pd(Avx2Abs(v), _mm256_set1_pd(INFINITY), _CMP_EQ_OQ)));
  l.mn = _mm256_min_pd(v, l.mn);
  l.mx = _mm256_max_pd(v, l.mx);
  l.nan = _mm256_sub_epi64(l.nan, _mm256_castpd_si256(unord));
  l.zero = _mm256_sub_epi64(l.zero, _mm256_castpd_si256(_mm256_cmp_pd(v, _mm256_setzero_pd(), _CMP_EQ_OQ)));
}

}  // namespace

__attribute__((target("avx2,fma"))) void BlockMomentsAvx2(const double* x, int64_t n, MomentsState* out) {
  // Two independent lane sets (8 values per step) hide the add latency.
  Avx2Lanes a, b;
  for (Avx2Lanes* l : {&a, &b}) {
    l->sum = _mm256_setzero_pd();
    l->mn = _mm256_set1_pd(INFINITY);
    l->mx = _mm256_set1_pd(-INFINITY);
    l->nan = _mm256_setzero_si256();
    l->zero = _mm256_setzero_si256();
    l->inf = _mm256_setzero_si256();
  }
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    Avx2Step(a, _mm256_loadu_pd(x + i));
    Avx2Step(b, _mm256_loadu_pd(x + i + 4));
  }
  for (; i + 4 <= n; i += 4) Avx2Step(a, _mm256_loadu_pd(x + i));
  alignas(32) double s4[4], mn4[4], mx4[4];
  alignas(32) int64_t nan4[4], zero4[4], inf4[4];
  _mm256_store_pd(s4, _mm256_add_pd(a.sum, b.sum));
  _mm256_store_pd(mn4, _mm256_min_pd(a.mn, b.mn));
  _mm256_store_pd(mx4, _mm256_max_pd(a.mx, b.mx));
  _mm256_store_si256(reinterpret_cast<__m256i*>(nan4), _mm256_add_epi64(a.nan, b.nan));
  _mm256_store_si256(reinterpret_cast<__m256i*>(zero4), _mm256_add_epi64(a.zero, b.zero));
  _mm256_store_si256(reinterpret_cast<__m256i*>(inf4), _mm256_add_epi64(a.inf, b.inf));
  FirstPass p;
  uint64_t infs = 0;
  p.sum = (s4[0] + s4[1]) + (s4[2] + s4[3]);
  for (int k = 0; k < 4; ++k) {
    p.mn = mn4[k] < p.mn ? mn4[k] : p.mn;
    p.mx = mx4[k] > p.mx ? mx4[k] : p.mx;
    p.nans += static_cast<uint64_t>(nan4[k]);
    p.zeros += static_cast<uint64_t>(zero4[k]);
    infs += static_cast<uint64_t>(inf4[k]);
  }
  p.Scan(x, i, n);  // the tail; fmin/fmax below cover the whole block
  if (infs == 0 && p.pos_inf == 0 && p.neg_inf == 0) {
    p.fmin = p.mn;
    p.fmax = p.mx;
  } else {
    // Rare: infinities in the vector part. Recount the block's signs and finite range exactly.
    FirstPass exact;
    exact.Scan(x, 0, n);
    p.pos_inf = exact.pos_inf;
    p.neg_inf = exact.neg_inf;
    p.fmin = exact.fmin;
    p.fmax = exact.fmax;
  }
  const double mean = BlockMean(p, n);
  const __m256d vmean = _mm256_set1_pd(mean);
  __m256d m2a = _mm256_setzero_pd(), m2b = _mm256_setzero_pd();
  i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m256d v0 = _mm256_loadu_pd(x + i), v1 = _mm256_loadu_pd(x + i + 4);
    const __m256d d0 = _mm256_and_pd(Avx2Finite(v0), _mm256_sub_pd(v0, vmean));
    const __m256d d1 = _mm256_and_pd(Avx2Finite(v1), _mm256_sub_pd(v1, vmean));
    m2a = _mm256_fmadd_pd(d0, d0, m2a);
    m2b = _mm256_fmadd_pd(d1, d1, m2b);
  }
  for (; i + 4 <= n; i += 4) {
    const __m256d v = _mm256_loadu_pd(x + i);
    const __m256d d = _mm256_and_pd(Avx2Finite(v), _mm256_sub_pd(v, vmean));
    m2a = _mm256_fmadd_pd(d, d, m2a);
  }
  alignas(32) double m24[4];
  _mm256_store_pd(m24, _mm256_add_pd(m2a, m2b));
  const double m2 = (m24[0] + m24[1]) + (m24[2] + m24[3]) + SecondPass(x, i, n, mean);
  FinishBlock(p, n, mean, m2, out);
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
