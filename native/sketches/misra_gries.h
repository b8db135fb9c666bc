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
// O(k); unweighted new items wait in a "fresh" list (they all start at the lowest possible
// count) and join the heap only if they survive a decrement, so churn through items seen once
// costs no heap operations. Items live in a pool of entries whose strings keep their capacity, found through an
// open-addressing table of (FarmHash Fingerprint64, entry) slots; a caller that has the
// fingerprint already (the distinct-count sketch needs it too) passes it in. The zero-count
// items of the last decrement stay in their entries and the extras are chosen from them only
// when the sketch is read, merged or serialized, so churn neither allocates nor copies. Where
// tfx-bsl's choice among tied zero-weight extras follows hash-set order, this keeps the
// byte-wise smallest ones (which is what its output ordering prefers).
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
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

  // A raw string value (placeholders applied here); `valid_utf8` if the caller already knows,
  // and `fingerprint` = Fingerprint64(value) if it has it. The last form returns true when the
  // value itself (not a placeholder) was already counted: it has been seen before, which lets
  // the caller skip the distinct-count sketch for it.
  void AddString(std::string_view value);
  void AddString(std::string_view value, bool valid_utf8);
  bool AddString(std::string_view value, bool valid_utf8, uint64_t fingerprint);
  // An already encoded item (e.g. the decimal form of a categorical integer).
  void AddItem(std::string_view item);
  // Weighted: a new item beyond k decrements every counter by the smallest count.
  void AddWeightedItem(std::string_view item, double weight);
  // A raw string value, weighted (the same placeholders as AddString).
  void AddWeightedString(std::string_view value, double weight);
  Status Merge(const MisraGries& other);

  // (item, count + delta) sorted by count descending, then item ascending, filled with extra
  // items up to num_buckets.
  std::vector<std::pair<std::string, double>> Counts() const;
  double delta() const { return delta_; }
  int64_t num_buckets() const { return num_buckets_; }
  size_t size() const { return live_; }
  // The extra items (zero count; the byte-wise smallest of the last decrement's).
  std::set<std::string> Extras() const;

  // Format v1: "ALMG", uint32 version, int64 num_buckets, uint8 replace_large, double delta,
  // uint32 n, n x (uint32 length, bytes, double count), uint32 m, m x (uint32 length, bytes).
  void Serialize(std::vector<uint8_t>* out) const;
  static Status Deserialize(const uint8_t* data, int64_t size, int64_t* consumed, MisraGries* out);

 private:
  static constexpr uint32_t kNone = 0xFFFFFFFFu;
  struct Entry {
    std::string item;  // capacity kept when the entry is reused
    uint64_t hash = 0;
    double base = 0;   // effective count = base - offset_
  };
  struct Slot {
    uint64_t hash;
    uint32_t entry;  // kNone: empty
  };
  // (base when pushed, entry): a key may be stale (lower than the entry's base) after
  // increments. Every live entry has exactly one heap node or is in fresh_.
  using HeapNode = std::pair<double, uint32_t>;

  // Returns true if the item was already counted.
  bool Insert(std::string_view item, uint64_t hash, double weight, bool weighted);
  uint32_t Find(std::string_view item, uint64_t hash) const;  // kNone if absent
  uint32_t Add(std::string_view item, uint64_t hash, double base, bool fresh = false);
  void FlushFresh();  // fresh_ into the heap
  void Unlink(uint32_t entry);  // out of the table (not the heap)
  void Grow();
  void DecrementAll(double value);
  uint32_t Smallest();  // refreshes stale keys at the top of the heap
  void Clear();
  void Rebuild(const std::vector<std::pair<std::string, double>>& effective);
  std::vector<std::pair<std::string, double>> Effectives() const;
  // Moves the pending zero-count items into extra_ (the `zero_need_` smallest of them).
  void SettleExtras();
  void CollectExtras(std::set<std::string>* out) const;
  double Effective(uint32_t e) const { return entries_[e].base - offset_; }

  int64_t num_buckets_;
  bool replace_large_;
  double delta_ = 0;
  double offset_ = 0;
  std::vector<Entry> entries_;
  std::vector<uint32_t> free_;      // entries to reuse
  std::vector<Slot> table_;         // power-of-two size, at most half full
  size_t live_ = 0;
  std::vector<HeapNode> heap_;
  std::vector<uint32_t> fresh_;     // live entries added unweighted since the last decrement, not in heap_
  std::set<std::string> extra_;     // settled extras
  // The zero-count entries the last decrement removed (still holding their strings) and how
  // many of them are extras; pending until SettleExtras.
  std::vector<uint32_t> zero_entries_;
  size_t zero_need_ = 0;
};

}  // namespace al
