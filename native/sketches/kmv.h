// K-minimum-values distinct count, as tfx-bsl's KmvSketch (reference/tfdv.md §2.6): keep the k
// smallest FarmHash Fingerprint64 values of the items; with fewer than k the count is exact,
// otherwise it is round((k - 1) * 2^64 / largest kept hash). TFDV uses k = 16384, so the count
// is exact below 16384 distinct values, with about 1/sqrt(k) (0.8%) relative error above; the
// state is at most k hashes (128 KiB).
//
// The kept hashes live in an open-addressing set (duplicate check in one probe, usually in
// cache) and a max-heap (the largest is evicted when a smaller hash arrives); both grow with
// the number kept, up to 2k slots and k entries.
#pragma once

#include <cstdint>
#include <limits>
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
  size_t size() const { return heap_.size(); }

  // Format v1: "ALKM", uint32 version, int64 num_buckets, uint64 max_limit, uint32 n, n x uint64.
  void Serialize(std::vector<uint8_t>* out) const;
  static Status Deserialize(const uint8_t* data, int64_t size, int64_t* consumed, Kmv* out);

 private:
  int64_t num_buckets_;
  uint64_t max_limit_ = std::numeric_limits<uint64_t>::max();
  // Set operations on table_ (linear probing, power-of-two size; slot value 0 is empty, so the
  // hash 0 is tracked by has_zero_). Insert returns false when the hash is already there.
  bool Insert(uint64_t hash);
  void Erase(uint64_t hash);
  void Grow();
  // Replaces the contents with `sorted` (ascending, distinct).
  void Assign(const std::vector<uint64_t>& sorted);
  std::vector<uint64_t> Sorted() const;

  std::vector<uint64_t> table_;
  bool has_zero_ = false;
  std::vector<uint64_t> heap_;  // the kept hashes, max-heap
};

}  // namespace al
