// K-minimum-values distinct count, as tfx-bsl's KmvSketch (reference/tfdv.md §2.6): keep the k
// smallest FarmHash Fingerprint64 values of the items; with fewer than k the count is exact,
// otherwise it is round((k - 1) * 2^64 / largest kept hash). TFDV uses k = 16384, so the count
// is exact below 16384 distinct values, with about 1/sqrt(k) (0.8%) relative error above; the
// state is at most k hashes (128 KiB).
#pragma once

#include <cstdint>
#include <limits>
#include <set>
#include <unordered_set>
#include <string_view>
#include <vector>

#include "arrowline/status.h"

namespace al {

class Kmv {
 public:
  explicit Kmv(int64_t num_buckets = 16384) : num_buckets_(num_buckets) {}

  void AddBytes(std::string_view bytes);
  void AddHash(uint64_t hash);
  Status Merge(const Kmv& other);
  uint64_t Estimate() const;
  int64_t num_buckets() const { return num_buckets_; }
  size_t size() const { return hashes_.size(); }

  // Format v1: "ALKM", uint32 version, int64 num_buckets, uint64 max_limit, uint32 n, n x uint64.
  void Serialize(std::vector<uint8_t>* out) const;
  static Status Deserialize(const uint8_t* data, int64_t size, int64_t* consumed, Kmv* out);

 private:
  int64_t num_buckets_;
  uint64_t max_limit_ = std::numeric_limits<uint64_t>::max();
  std::set<uint64_t> hashes_;             // ordered: the largest is evicted
  std::unordered_set<uint64_t> members_;  // the same hashes, for an O(1) duplicate check
};

}  // namespace al
