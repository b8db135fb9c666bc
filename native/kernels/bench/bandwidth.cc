#include "kernels/bench/bandwidth.h"

#include <algorithm>
#include <thread>
#include <vector>

namespace al {
namespace {

double SumRange(const double* x, int64_t n) {
  // Four independent accumulators so the adds pipeline and the loop is load-bound.
  double a = 0, b = 0, c = 0, d = 0;
  int64_t i = 0;
  for (; i + 4 <= n; i += 4) {
    a += x[i];
    b += x[i + 1];
    c += x[i + 2];
    d += x[i + 3];
  }
  for (; i < n; ++i) a += x[i];
  return (a + b) + (c + d);
}

}  // namespace

double BandwidthPass(const double* x, int64_t n, int threads) {
  threads = std::max(1, threads);
  if (threads == 1 || n < threads) return SumRange(x, n);
  std::vector<double> parts(threads, 0.0);
  std::vector<std::thread> pool;
  const int64_t chunk = (n + threads - 1) / threads;
  for (int t = 0; t < threads; ++t) {
    const int64_t b = std::min(n, t * chunk), e = std::min(n, b + chunk);
    pool.emplace_back([&, t, b, e] { parts[t] = SumRange(x + b, e - b); });
  }
  for (auto& th : pool) th.join();
  double s = 0;
  for (double p : parts) s += p;
  return s;
}

}  // namespace al
