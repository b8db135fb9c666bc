#include "core/radix_sort.h"

#include <cstring>

namespace al {
namespace {

// Order-preserving map from double to uint64: flip every bit of negatives, the sign of positives.
inline uint64_t Key(double d) {
  uint64_t u;
  std::memcpy(&u, &d, 8);
  return (u & 0x8000000000000000ULL) ? ~u : (u | 0x8000000000000000ULL);
}

inline double Value(uint64_t k) {
  const uint64_t u = (k & 0x8000000000000000ULL) ? (k & 0x7FFFFFFFFFFFFFFFULL) : ~k;
  double d;
  std::memcpy(&d, &u, 8);
  return d;
}

}  // namespace

void RadixSortDoubles(std::vector<double>* values, std::vector<uint64_t>* scratch) {
  const size_t n = values->size();
  if (n < 64) {
    // Insertion sort: cheaper than eight counting passes for a handful of values.
    double* v = values->data();
    for (size_t i = 1; i < n; ++i) {
      const double x = v[i];
      size_t j = i;
      while (j > 0 && v[j - 1] > x) {
        v[j] = v[j - 1];
        --j;
      }
      v[j] = x;
    }
    return;
  }
  // Already in key order (a sorted column: ids, timestamps, a range): nothing to do. On unsorted
  // data this stops within the first few values.
  const double* v = values->data();
  size_t sorted = 1;
  while (sorted < n && Key(v[sorted - 1]) <= Key(v[sorted])) ++sorted;
  if (sorted == n) return;
  scratch->resize(2 * n);
  uint64_t* a = scratch->data();
  uint64_t* b = a + n;
  // Six passes of 11-bit digits (the last one 9 bits): the counts of all six are taken in one
  // read and fit in L1 and L2; a digit every key shares is skipped.
  constexpr int kBits = 11, kPasses = 6;
  constexpr uint64_t kMask = (1u << kBits) - 1;
  static thread_local uint32_t counts[kPasses][1u << kBits];
  std::memset(counts, 0, sizeof(counts));
  for (size_t i = 0; i < n; ++i) {
    const uint64_t k = Key((*values)[i]);
    a[i] = k;
    for (int p = 0; p < kPasses; ++p) ++counts[p][(k >> (kBits * p)) & kMask];
  }
  for (int p = 0; p < kPasses; ++p) {
    uint32_t* c = counts[p];
    const int shift = kBits * p;
    if (c[(a[0] >> shift) & kMask] == n) continue;  // every key has this digit: nothing to do
    uint32_t sum = 0;
    for (size_t d = 0; d <= kMask; ++d) {
      const uint32_t t = c[d];
      c[d] = sum;
      sum += t;
    }
    for (size_t i = 0; i < n; ++i) {
      const uint64_t k = a[i];
      b[c[(k >> shift) & kMask]++] = k;
    }
    uint64_t* t = a;
    a = b;
    b = t;
  }
  for (size_t i = 0; i < n; ++i) (*values)[i] = Value(a[i]);
}

}  // namespace al
