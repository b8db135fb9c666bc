// Misra-Gries top-k, as tfx-bsl's MisraGriesSketch that TFDV's top-k/uniques sketch generator
// uses (reference/tfdv.md §2.6): k counters; a new item beyond k decrements every counter by
// one (by the smallest weight when weighted) and `delta` records the total decrement, so the
// reported count + delta is an upper bound and is exact while there are at most k distinct
// items. Items that reach exactly zero are kept as "extra" items to fill the output to k.
// Invalid UTF-8 values count as "__BYTES_VALUE__" and, unless disabled, values longer than
// 1024 bytes as "__LARGE_BYTES__", which caps the state at about k * 1 KiB.
//
// Same results as tfx-bsl, with one difference of cost, not of outcome: counters hold a base
// value against a running offset and sit in an ordered index, so "decrement all" is O(removed)
// instead of O(k). Where tfx-bsl's choice among tied zero-weight extras follows hash-set order,
// this keeps the byte-wise smallest ones (which is what its output ordering prefers).
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "arrowline/status.h"

namespace al {

constexpr char kNonUtf8Placeholder[] = "__BYTES_VALUE__";
constexpr char kLargeBytesPlaceholder[] = "__LARGE_BYTES__";
constexpr int64_t kLargeStringThreshold = 1024;

class MisraGries {
 public:
  explicit MisraGries(int64_t num_buckets = 1024, bool replace_large = true);
  MisraGries(const MisraGries& other);
  MisraGries& operator=(const MisraGries& other);

  // A raw string value (placeholders applied here).
  void AddString(std::string_view value);
  // An already encoded item (e.g. the decimal form of a categorical integer).
  void AddItem(std::string_view item) { Insert(item, 1.0, false); }
  // Weighted: a new item beyond k decrements every counter by the smallest count.
  void AddWeightedItem(std::string_view item, double weight) { Insert(item, weight, true); }
  Status Merge(const MisraGries& other);

  // (item, count + delta) sorted by count descending, then item ascending, filled with extra
  // items up to num_buckets.
  std::vector<std::pair<std::string, double>> Counts() const;
  double delta() const { return delta_; }
  int64_t num_buckets() const { return num_buckets_; }
  size_t size() const { return items_.size(); }

  // Format v1: "ALMG", uint32 version, int64 num_buckets, uint8 replace_large, double delta,
  // uint32 n, n x (uint32 length, bytes, double count), uint32 m, m x (uint32 length, bytes).
  void Serialize(std::vector<uint8_t>* out) const;
  static Status Deserialize(const uint8_t* data, int64_t size, int64_t* consumed, MisraGries* out);

 private:
  using Index = std::multimap<double, const std::string*>;
  struct Entry {
    double base;  // effective count = base - offset_
    Index::iterator pos;
  };

  void Insert(std::string_view item, double weight, bool weighted);
  void DecrementAll(double value);
  void Rebuild(const std::vector<std::pair<std::string, double>>& effective);
  double Effective(const Entry& e) const { return e.base - offset_; }

  int64_t num_buckets_;
  bool replace_large_;
  double delta_ = 0;
  double offset_ = 0;
  std::unordered_map<std::string, Entry> items_;
  Index by_count_;
  std::set<std::string> extra_;
};

}  // namespace al
