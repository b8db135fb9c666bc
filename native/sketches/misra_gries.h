// Misra-Gries top-k, as tfx-bsl's MisraGriesSketch that TFDV's top-k/uniques sketch generator
// uses (reference/tfdv.md §2.6): k counters; a new item beyond k decrements every counter by
// one (by the smallest weight when weighted) and `delta` records the total decrement, so the
// reported count + delta is an upper bound and is exact while there are at most k distinct
// items. Items that reach exactly zero are kept as "extra" items to fill the output to k.
// Invalid UTF-8 values count as "__BYTES_VALUE__" and, unless disabled, values longer than
// 1024 bytes as "__LARGE_BYTES__", which caps the state at about k * 1 KiB.
//
// Same results as tfx-bsl, with one difference of cost, not of outcome: counters hold a base
// value against a running offset, and a min-heap with lazily refreshed keys finds the counters
// that reach zero, so an increment is O(1) and "decrement all" is O(removed log k) instead of
// O(k); lookups take string views of the input, without copying it. The zero-count items of the
// last decrement are kept as they are (their map nodes, not copies) and the extras are chosen
// from them only when the sketch is read, merged or serialized, so churn does not allocate. Where tfx-bsl's choice among tied zero-weight extras follows hash-set order,
// this keeps the byte-wise smallest ones (which is what its output ordering prefers).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
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
  MisraGries(MisraGries&&) = default;
  MisraGries& operator=(MisraGries&&) = default;

  // A raw string value (placeholders applied here); `valid_utf8` if the caller already knows.
  void AddString(std::string_view value);
  void AddString(std::string_view value, bool valid_utf8);
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
  // The extra items (zero count, byte-wise smallest first), for tests.
  std::set<std::string> Extras() const;

  // Format v1: "ALMG", uint32 version, int64 num_buckets, uint8 replace_large, double delta,
  // uint32 n, n x (uint32 length, bytes, double count), uint32 m, m x (uint32 length, bytes).
  void Serialize(std::vector<uint8_t>* out) const;
  static Status Deserialize(const uint8_t* data, int64_t size, int64_t* consumed, MisraGries* out);

 private:
  struct Entry {
    std::unique_ptr<std::string> item;  // owns the bytes the map key views
    double base;                        // effective count = base - offset_
  };
  using Map = std::unordered_map<std::string_view, Entry>;
  // (base when pushed, entry): a key may be stale (lower than the entry's base) after increments.
  using HeapNode = std::pair<double, Entry*>;
  struct HeapOrder {
    bool operator()(const HeapNode& a, const HeapNode& b) const { return a.first > b.first; }
  };

  void Insert(std::string_view item, double weight, bool weighted);
  void DecrementAll(double value);
  // Refreshes stale keys at the top of the heap; returns the entry with the smallest count.
  Entry* Smallest();
  void Rebuild(const std::vector<std::pair<std::string, double>>& effective);
  // Moves the pending zero-count items into extra_ (the `zero_need_` smallest of them).
  void SettleExtras();
  void CollectExtras(std::set<std::string>* out) const;
  double Effective(const Entry& e) const { return e.base - offset_; }
  Entry* Add(std::string_view item, double base);

  int64_t num_buckets_;
  bool replace_large_;
  double delta_ = 0;
  double offset_ = 0;
  Map items_;
  std::vector<Map::node_type> free_nodes_;  // removed entries, reused so churn does not allocate
  std::vector<HeapNode> heap_;
  std::set<std::string> extra_;             // settled extras
  // The zero-count entries removed by the last decrement (their nodes, still owning their
  // strings) and how many of them are extras; pending until SettleExtras.
  std::vector<Map::node_type> zero_nodes_;
  size_t zero_need_ = 0;
};

}  // namespace al
