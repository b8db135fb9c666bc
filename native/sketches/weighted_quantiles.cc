#include "sketches/weighted_quantiles.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "core/byte_io.h"
#include "core/radix_sort.h"

namespace al {

QuantileSummary MergeSummaries(const QuantileSummary& a, const QuantileSummary& b) {
  QuantileSummary out;
  MergeSummariesInto(a, b, &out);
  return out;
}

void MergeSummariesInto(const QuantileSummary& a, const QuantileSummary& b, QuantileSummary* merged) {
  QuantileSummary& out = *merged;
  out.clear();
  if (b.empty()) {
    out.assign(a.begin(), a.end());
    return;
  }
  if (a.empty()) {
    out.assign(b.begin(), b.end());
    return;
  }
  out.reserve(a.size() + b.size());
  size_t i = 0, j = 0;
  // The rank below the next entry of each side, from what was taken of it so far.
  double next_min_a = 0, next_min_b = 0;
  while (i < a.size() && j < b.size()) {
    const QuantileEntry& x = a[i];
    const QuantileEntry& y = b[j];
    if (x.value < y.value) {
      out.push_back({x.value, x.weight, x.min_rank + next_min_b, x.max_rank + y.PrevMaxRank()});
      next_min_a = x.NextMinRank();
      ++i;
    } else if (y.value < x.value) {
      out.push_back({y.value, y.weight, y.min_rank + next_min_a, y.max_rank + x.PrevMaxRank()});
      next_min_b = y.NextMinRank();
      ++j;
    } else {
      out.push_back({x.value, x.weight + y.weight, x.min_rank + y.min_rank, x.max_rank + y.max_rank});
      next_min_a = x.NextMinRank();
      next_min_b = y.NextMinRank();
      ++i;
      ++j;
    }
  }
  for (; i < a.size(); ++i) {
    const QuantileEntry& x = a[i];
    out.push_back({x.value, x.weight, x.min_rank + next_min_b, x.max_rank + b.back().max_rank});
  }
  for (; j < b.size(); ++j) {
    const QuantileEntry& y = b[j];
    out.push_back({y.value, y.weight, y.min_rank + next_min_a, y.max_rank + a.back().max_rank});
  }
}

void CompressSummary(QuantileSummary* s, int64_t size_hint, double min_eps) {
  size_hint = std::max<int64_t>(size_hint, 2);
  const int64_t n = static_cast<int64_t>(s->size());
  if (n <= size_hint) return;
  QuantileSummary& e = *s;
  const double eps_delta = e.back().max_rank * std::max(1.0 / static_cast<double>(size_hint), min_eps);
  // Walk the entries; from each kept entry skip ahead over neighbours whose rank gap stays
  // within eps_delta, but never more than size_hint / n of the way per step on average, so
  // the kept entries stay spread over the whole range.
  int64_t budget = 0;
  const int64_t step = n;
  int64_t write = 1, last = 1;
  for (int64_t read = 0; read + 1 != n;) {
    int64_t next = read + 1;
    while (next != n && budget < step && e[next].PrevMaxRank() - e[read].NextMinRank() <= eps_delta) {
      budget += size_hint;
      ++next;
    }
    read = (read == next - 1) ? read + 1 : next - 1;
    e[write++] = e[read];
    last = read;
    budget -= step;
  }
  if (last + 1 != n) e[write++] = e.back();
  e.resize(write);
}

void QuantileStream::Specs(double eps, int64_t max_elements, int64_t* max_levels, int64_t* block_size) {
  int64_t levels = 1, block = 2;
  if (eps <= std::numeric_limits<double>::epsilon()) {
    block = std::max<int64_t>(max_elements, 2);
  } else {
    // Grow the level count until 2^levels * block covers max_elements; the block for a level
    // count L holds ceil(L / eps) + 1 entries (computed in double exactly as TensorFlow does,
    // which is what makes eps 0.01/3 give 5701).
    while ((int64_t{1} << levels) * block < max_elements) {
      block = static_cast<int64_t>(std::ceil(static_cast<double>(levels) / eps)) + 1;
      ++levels;
    }
  }
  *max_levels = levels;
  *block_size = std::max<int64_t>(block, 2);
}

QuantileStream::QuantileStream(double eps, int64_t max_elements) : eps_(eps), max_elements_(max_elements) {
  Specs(eps, max_elements, &max_levels_, &block_size_);
  buffer_capacity_ = static_cast<size_t>(std::min(block_size_ * 2, max_elements));
}

std::vector<BufferEntry> QuantileStream::buffer() const {
  std::vector<BufferEntry> out;
  out.reserve(unit_.size() + buffer_.size());
  for (double v : unit_) out.push_back({v, 1.0});
  out.insert(out.end(), buffer_.begin(), buffer_.end());
  return out;
}

void QuantileStream::FlushBuffer() {
  if (unit_.empty() && buffer_.empty()) return;
  QuantileSummary local;
  double cumulative = 0;
  if (buffer_.empty()) {
    // Only weight-1 entries: sort the doubles, equal values become one entry of their count.
    RadixSortDoubles(&unit_, &scratch_);
    local.reserve(unit_.size());
    for (size_t i = 0; i < unit_.size();) {
      size_t k = i + 1;
      while (k < unit_.size() && unit_[k] == unit_[i]) ++k;
      const double w = static_cast<double>(k - i);
      local.push_back({unit_[i], w, cumulative, cumulative + w});
      cumulative += w;
      i = k;
    }
    unit_.clear();
  } else {
    std::vector<BufferEntry> entries = buffer();
    unit_.clear();
    buffer_.clear();
    std::sort(entries.begin(), entries.end(), [](const BufferEntry& a, const BufferEntry& b) { return a.value < b.value; });
    local.reserve(entries.size());
    for (size_t i = 0; i < entries.size();) {
      double w = entries[i].weight;
      size_t k = i + 1;
      while (k < entries.size() && entries[k].value == entries[i].value) w += entries[k++].weight;
      local.push_back({entries[i].value, w, cumulative, cumulative + w});
      cumulative += w;
      i = k;
    }
  }
  CompressSummary(&local, block_size_, eps_);
  Propagate(std::move(local));
}

void QuantileStream::PushSummary(const QuantileSummary& summary) {
  QuantileSummary local = summary;
  CompressSummary(&local, block_size_, eps_);
  Propagate(std::move(local));
}

void QuantileStream::Propagate(QuantileSummary local) {
  if (local.empty()) return;
  for (size_t level = 0;; ++level) {
    if (levels_.size() <= level) levels_.emplace_back();
    QuantileSummary& current = levels_[level];
    if (current.empty()) {
      current = std::move(local);  // what merging with nothing would copy
      return;
    }
    // The merge writes into a per-thread buffer that is swapped with `local`: buffers are reused
    // from flush to flush instead of allocated.
    thread_local QuantileSummary merged;
    MergeSummariesInto(local, current, &merged);
    local.swap(merged);
    if (static_cast<int64_t>(local.size()) <= block_size_ + 1) {
      current = std::move(local);
      return;
    }
    CompressSummary(&local, block_size_, eps_);
    current.clear();
  }
}

void QuantileStream::PushStream(const QuantileStream& other) {
  for (double v : other.unit_) Push(v, 1.0);
  for (const BufferEntry& e : other.buffer_) Push(e.value, e.weight);
  for (const QuantileSummary& s : other.levels_) PushSummary(s);
}

QuantileSummary QuantileStream::FinalSummary() const {
  // Finalize on a copy: flush the buffer through the levels, then merge every level in order.
  QuantileStream copy = *this;
  copy.FlushBuffer();
  QuantileSummary final_summary;
  for (const QuantileSummary& s : copy.levels_) final_summary = MergeSummaries(final_summary, s);
  return final_summary;
}

void QuantileStream::Compact() {
  const QuantileSummary final_summary = FinalSummary();
  unit_.clear();
  buffer_.clear();
  levels_.clear();
  PushSummary(final_summary);
}

Status QuantileStream::Restore(std::vector<QuantileSummary> levels, std::vector<BufferEntry> buffer) {
  if (buffer.size() >= buffer_capacity_) {
    return Status::Serialization("quantiles sketch state does not fit its eps and size");
  }
  for (const QuantileSummary& s : levels) {
    for (size_t i = 1; i < s.size(); ++i) {
      if (!(s[i - 1].value < s[i].value)) return Status::Serialization("quantiles sketch summary is not sorted");
    }
  }
  levels_ = std::move(levels);
  unit_.clear();
  buffer_.clear();
  for (const BufferEntry& e : buffer) {
    if (e.weight == 1.0) unit_.push_back(e.value);
    else buffer_.push_back(e);
  }
  return Status::OK();
}

QuantilesSketch::QuantilesSketch(double eps, int64_t max_elements) : eps_(eps), stream_(eps / 3, max_elements) {}

Status QuantilesSketch::Merge(const QuantilesSketch& other) {
  if (other.eps_ != eps_ || other.stream_.max_elements() != stream_.max_elements()) {
    return Status::Invalid("cannot merge quantiles sketches made with different eps or sizes");
  }
  stream_.PushStream(other.stream_);
  return Status::OK();
}

void QuantilesSketch::QuantilesAndCumulativeWeights(int64_t n, std::vector<double>* quantiles,
                                                    std::vector<double>* weights) const {
  quantiles->clear();
  weights->clear();
  const QuantileSummary e = stream_.FinalSummary();
  if (e.empty()) return;
  n = std::max<int64_t>(n, 2);
  const double total = e.back().max_rank;
  size_t cur = 0;
  for (int64_t r = 0; r <= n; ++r) {
    // Twice the target rank, compared with rank midpoints (min_rank + max_rank) to stay exact.
    const double d2 = 2 * (static_cast<double>(r) * total / static_cast<double>(n));
    size_t next = cur + 1;
    while (next < e.size() && d2 >= e[next].min_rank + e[next].max_rank) ++next;
    cur = next - 1;
    const QuantileEntry& pick =
        (next == e.size() || d2 < e[cur].NextMinRank() + e[next].PrevMaxRank()) ? e[cur] : e[next];
    quantiles->push_back(pick.value);
    weights->push_back(pick.max_rank);
  }
}

namespace {
constexpr char kMagic[4] = {'A', 'L', 'Q', 'S'};
constexpr uint32_t kVersion = 1;
constexpr uint32_t kMaxEntries = 1u << 26;  // far above any real state; stops absurd allocations
}  // namespace

void QuantilesSketch::Serialize(std::vector<uint8_t>* out) const {
  ByteWriter w;
  w.PutBytes(kMagic, 4);
  w.Put(kVersion);
  w.Put(eps_);
  w.Put(stream_.max_elements());
  w.Put(static_cast<uint32_t>(stream_.levels().size()));
  for (const QuantileSummary& s : stream_.levels()) {
    w.Put(static_cast<uint32_t>(s.size()));
    if (!s.empty()) w.PutBytes(s.data(), s.size() * sizeof(QuantileEntry));
  }
  const std::vector<BufferEntry> buffer = stream_.buffer();
  w.Put(static_cast<uint32_t>(buffer.size()));
  if (!buffer.empty()) w.PutBytes(buffer.data(), buffer.size() * sizeof(BufferEntry));
  const std::vector<uint8_t>& bytes = w.bytes();
  out->insert(out->end(), bytes.begin(), bytes.end());
}

Status QuantilesSketch::Deserialize(const uint8_t* data, int64_t size, int64_t* consumed, QuantilesSketch* out) {
  ByteReader r(data, size);
  char magic[4];
  uint32_t version = 0, nlevels = 0, nbuffer = 0;
  double eps = 0;
  int64_t max_elements = 0;
  if (!r.Get(&magic) || std::memcmp(magic, kMagic, 4) != 0) return Status::Serialization("not a quantiles sketch (bad magic)");
  if (!r.Get(&version) || version != kVersion) {
    return Status::Serialization("quantiles sketch version " + std::to_string(version) + " is not supported (expected 1)");
  }
  if (!r.Get(&eps) || !r.Get(&max_elements) || !r.Get(&nlevels) || !(eps > 0 && eps < 1) || max_elements < 1 ||
      nlevels > 64) {
    return Status::Serialization("quantiles sketch header is corrupt");
  }
  std::vector<QuantileSummary> levels(nlevels);
  for (QuantileSummary& s : levels) {
    uint32_t n = 0;
    if (!r.Get(&n) || n > kMaxEntries) return Status::Serialization("quantiles sketch is truncated");
    s.resize(n);
    for (QuantileEntry& e : s) {
      if (!r.Get(&e)) return Status::Serialization("quantiles sketch is truncated");
    }
  }
  if (!r.Get(&nbuffer) || nbuffer > kMaxEntries) return Status::Serialization("quantiles sketch is truncated");
  std::vector<BufferEntry> buffer(nbuffer);
  for (BufferEntry& e : buffer) {
    if (!r.Get(&e)) return Status::Serialization("quantiles sketch is truncated");
  }
  QuantilesSketch sketch(eps, max_elements);
  AL_RETURN_NOT_OK(sketch.stream_.Restore(std::move(levels), std::move(buffer)));
  *out = std::move(sketch);
  *consumed = r.pos();
  return Status::OK();
}

}  // namespace al
