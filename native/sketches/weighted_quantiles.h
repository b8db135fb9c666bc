// TFDV's quantile sketch (tfx-bsl QuantilesSketch over TensorFlow boosted-trees'
// WeightedQuantilesStream; reference/tfdv.md §2.5), re-implemented from the algorithm so that
// medians and histograms come out as TFDV's do:
//  - a buffer of raw (value, weight) entries, 2 * block_size long; when full it is sorted, equal
//    values are merged, and it becomes a summary of (value, weight, min_rank, max_rank) entries;
//  - summaries propagate up a chain of levels: merge with the level, and if the level was
//    occupied and the result exceeds block_size + 1 entries, compress to block_size and go up;
//  - Compress(size_hint, eps) drops entries whose rank gap stays within eps * total weight;
//  - Merge(other) pushes the other's buffer entries, then each of its level summaries.
// With the default eps 0.01 (0.01 / 3 per stream) and 2^32 elements, block_size is 5701 and
// the first 11402 values are kept exactly: quantiles are exact up to there, then within eps.
// Memory: at most 2 * block_size buffer entries plus (block_size + 2) entries per occupied
// level (20 levels at most); Compact() folds everything into one summary of at most
// block_size + 2 entries (32 bytes each: 182 KiB for eps 0.01).
#pragma once

#include <cstdint>
#include <vector>

#include "arrowline/status.h"

namespace al {

struct QuantileEntry {
  double value;
  double weight;
  double min_rank;  // total weight strictly before this value (lower bound)
  double max_rank;  // total weight up to and including this value (upper bound)
  double PrevMaxRank() const { return max_rank - weight; }
  double NextMinRank() const { return min_rank + weight; }
};

struct BufferEntry {
  double value;
  double weight;
};

using QuantileSummary = std::vector<QuantileEntry>;

// Merge two rank-annotated summaries (linear, like a merge sort) keeping the error bound.
QuantileSummary MergeSummaries(const QuantileSummary& a, const QuantileSummary& b);
// The same into `out` (cleared first; its capacity is reused). `out` must be neither input.
void MergeSummariesInto(const QuantileSummary& a, const QuantileSummary& b, QuantileSummary* out);
// Compress in place to about `size_hint` entries, adding at most max(1/size_hint, min_eps) error.
void CompressSummary(QuantileSummary* s, int64_t size_hint, double min_eps);

class QuantileStream {
 public:
  QuantileStream(double eps, int64_t max_elements);

  // Entries with weight <= 0 are ignored (callers skip NaN). Weight-1 entries (every
  // unweighted value) go to a plain array of doubles, which sorts faster than pairs.
  void Push(double value, double weight) {
    if (weight == 1.0) {
      unit_.push_back(value);
    } else if (weight > 0) {
      buffer_.push_back({value, weight});
    } else {
      return;
    }
    if (unit_.size() + buffer_.size() >= buffer_capacity_) FlushBuffer();
  }
  void PushSummary(const QuantileSummary& summary);
  // Pushes `other`'s buffer entries and summaries (tfx-bsl's PushStream).
  void PushStream(const QuantileStream& other);
  // The final merged summary of everything pushed (the stream is unchanged).
  QuantileSummary FinalSummary() const;
  // Folds all state into one compressed summary (tfx-bsl's Compact).
  void Compact();

  double eps() const { return eps_; }
  int64_t max_elements() const { return max_elements_; }
  int64_t block_size() const { return block_size_; }
  // The raw entries not yet summarised (weight-1 entries first).
  std::vector<BufferEntry> buffer() const;
  bool BufferEmpty() const { return unit_.empty() && buffer_.empty(); }
  const std::vector<QuantileSummary>& levels() const { return levels_; }
  // Restores state written by a serializer (levels and buffer as they were).
  Status Restore(std::vector<QuantileSummary> levels, std::vector<BufferEntry> buffer);

  static void Specs(double eps, int64_t max_elements, int64_t* max_levels, int64_t* block_size);

 private:
  void FlushBuffer();
  void Propagate(QuantileSummary local);

  double eps_;
  int64_t max_elements_;
  int64_t max_levels_ = 1;
  int64_t block_size_ = 2;
  size_t buffer_capacity_ = 2;
  std::vector<double> unit_;          // raw entries of weight 1
  std::vector<BufferEntry> buffer_;   // raw entries of other weights
  std::vector<uint64_t> scratch_;     // radix sort keys, reused between flushes
  std::vector<QuantileSummary> levels_;
};

// The tfx-bsl QuantilesSketch TFDV uses: one stream with eps / 3 (the error budget split over
// the three compression stages: streaming, Compact, final).
class QuantilesSketch {
 public:
  static constexpr int64_t kDefaultMaxElements = int64_t{1} << 32;
  explicit QuantilesSketch(double eps = 0.01, int64_t max_elements = kDefaultMaxElements);

  void Add(double value) {
    if (value == value) stream_.Push(value, 1.0);
  }
  void AddWeighted(double value, double weight) {
    if (value == value && weight == weight && weight > 0) stream_.Push(value, weight);
  }
  // Merge does not modify `other`. Sketches must have been made with the same eps.
  Status Merge(const QuantilesSketch& other);
  void Compact() { stream_.Compact(); }
  bool Empty() const { return stream_.BufferEmpty() && stream_.levels().empty(); }

  // n + 1 quantiles (first = min, last = max) and the cumulative weight at each, computed on the
  // final summary as tfx-bsl's GenerateQuantilesAndCumulativeWeights does. Empty if no values.
  void QuantilesAndCumulativeWeights(int64_t n, std::vector<double>* quantiles, std::vector<double>* weights) const;

  double eps() const { return eps_; }
  const QuantileStream& stream() const { return stream_; }

  // Format v1: "ALQS", uint32 version, double eps (user eps), int64 max_elements, uint32 level
  // count, per level uint32 entry count + entries (4 doubles each), uint32 buffer count +
  // entries (2 doubles each). Little-endian.
  void Serialize(std::vector<uint8_t>* out) const;
  static Status Deserialize(const uint8_t* data, int64_t size, int64_t* consumed, QuantilesSketch* out);

 private:
  double eps_;
  QuantileStream stream_;
};

}  // namespace al
