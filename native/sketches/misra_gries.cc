#include "sketches/misra_gries.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/byte_io.h"
#include "kernels/stats/utf8.h"
#include "sketches/farmhash.h"

namespace al {
namespace {
constexpr double kEpsilon = 1e-8;  // tfx-bsl's tolerance for "reached zero"

struct HeapOrder {
  bool operator()(const std::pair<double, uint32_t>& a, const std::pair<double, uint32_t>& b) const {
    return a.first > b.first;
  }
};

// Equal bytes: with equal 64-bit fingerprints this is a confirmation, so short values are
// compared inline (two overlapping words) rather than through a memcmp call.
inline bool SameBytes(const std::string& a, std::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  const char* x = a.data();
  const char* y = b.data();
  if (n >= 8 && n <= 16) {
    uint64_t x0, y0, x1, y1;
    std::memcpy(&x0, x, 8);
    std::memcpy(&y0, y, 8);
    std::memcpy(&x1, x + n - 8, 8);
    std::memcpy(&y1, y + n - 8, 8);
    return ((x0 ^ y0) | (x1 ^ y1)) == 0;
  }
  if (n < 8) {
    for (size_t i = 0; i < n; ++i) {
      if (x[i] != y[i]) return false;
    }
    return true;
  }
  return std::memcmp(x, y, n) == 0;
}

inline uint64_t Hash(std::string_view s) { return Fingerprint64(s.data(), s.size()); }
inline size_t Home(uint64_t hash, size_t mask) { return static_cast<size_t>(hash ^ (hash >> 31)) & mask; }

const uint64_t kNonUtf8Hash = Hash(kNonUtf8Placeholder);
const uint64_t kLargeBytesHash = Hash(kLargeBytesPlaceholder);
}  // namespace

MisraGries::MisraGries(int64_t num_buckets, bool replace_large) : num_buckets_(num_buckets), replace_large_(replace_large) {}

MisraGries::MisraGries(const MisraGries& other) { *this = other; }

MisraGries& MisraGries::operator=(const MisraGries& other) {
  if (this == &other) return *this;
  num_buckets_ = other.num_buckets_;
  replace_large_ = other.replace_large_;
  delta_ = other.delta_;
  std::set<std::string> extras;
  other.CollectExtras(&extras);
  Rebuild(other.Effectives());
  extra_ = std::move(extras);
  return *this;
}

std::vector<std::pair<std::string, double>> MisraGries::Effectives() const {
  std::vector<std::pair<std::string, double>> out;
  out.reserve(live_);
  for (const HeapNode& node : heap_) out.emplace_back(entries_[node.second].item, Effective(node.second));
  for (uint32_t e : fresh_) out.emplace_back(entries_[e].item, Effective(e));
  return out;
}

void MisraGries::Clear() {
  entries_.clear();
  free_.clear();
  table_.clear();
  live_ = 0;
  heap_.clear();
  fresh_.clear();
  extra_.clear();
  zero_entries_.clear();
  zero_need_ = 0;
  offset_ = 0;
}

void MisraGries::Rebuild(const std::vector<std::pair<std::string, double>>& effective) {
  Clear();
  for (const auto& [item, count] : effective) Add(item, Hash(item), count);
}

void MisraGries::Grow() {
  std::vector<Slot> old = std::move(table_);
  table_.assign(std::max<size_t>(64, old.size() * 2), Slot{0, kNone});
  const size_t mask = table_.size() - 1;
  for (const Slot& s : old) {
    if (s.entry == kNone) continue;
    size_t i = Home(s.hash, mask);
    while (table_[i].entry != kNone) i = (i + 1) & mask;
    table_[i] = s;
  }
}

uint32_t MisraGries::Find(std::string_view item, uint64_t hash) const {
  if (table_.empty()) return kNone;
  const size_t mask = table_.size() - 1;
  for (size_t i = Home(hash, mask);; i = (i + 1) & mask) {
    const Slot& s = table_[i];
    if (s.entry == kNone) return kNone;
    if (s.hash == hash && SameBytes(entries_[s.entry].item, item)) return s.entry;
  }
}

uint32_t MisraGries::Add(std::string_view item, uint64_t hash, double base, bool fresh) {
  if ((live_ + 1) * 2 > table_.size()) Grow();
  uint32_t e;
  if (!free_.empty()) {
    e = free_.back();
    free_.pop_back();
  } else {
    e = static_cast<uint32_t>(entries_.size());
    entries_.emplace_back();
  }
  Entry& entry = entries_[e];
  entry.item.assign(item.data(), item.size());
  entry.hash = hash;
  entry.base = base;
  const size_t mask = table_.size() - 1;
  size_t i = Home(hash, mask);
  while (table_[i].entry != kNone) i = (i + 1) & mask;
  table_[i] = Slot{hash, e};
  ++live_;
  if (fresh) {
    fresh_.push_back(e);
  } else {
    heap_.emplace_back(base, e);
    std::push_heap(heap_.begin(), heap_.end(), HeapOrder());
  }
  return e;
}

void MisraGries::FlushFresh() {
  for (uint32_t e : fresh_) {
    heap_.emplace_back(entries_[e].base, e);
    std::push_heap(heap_.begin(), heap_.end(), HeapOrder());
  }
  fresh_.clear();
}

void MisraGries::Unlink(uint32_t e) {
  const size_t mask = table_.size() - 1;
  size_t i = Home(entries_[e].hash, mask);
  while (table_[i].entry != e) i = (i + 1) & mask;
  // Backward-shift deletion: later slots of the probe run move into the hole.
  size_t hole = i;
  for (size_t j = (i + 1) & mask; table_[j].entry != kNone; j = (j + 1) & mask) {
    const size_t home = Home(table_[j].hash, mask);
    const bool movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
    if (movable) {
      table_[hole] = table_[j];
      hole = j;
    }
  }
  table_[hole] = Slot{0, kNone};
  --live_;
}

uint32_t MisraGries::Smallest() {
  if (!fresh_.empty()) FlushFresh();
  const size_t n = heap_.size();
  while (true) {
    const uint32_t e = heap_.front().second;
    const double key = entries_[e].base;
    if (heap_.front().first == key) return e;
    // Refresh the stale key at the top and sift it down in place (one pass, not pop + push).
    size_t i = 0;
    while (true) {
      const size_t l = 2 * i + 1;
      if (l >= n) break;
      const size_t c = (l + 1 < n && heap_[l + 1].first < heap_[l].first) ? l + 1 : l;
      if (!(heap_[c].first < key)) break;
      heap_[i] = heap_[c];
      i = c;
    }
    heap_[i] = HeapNode(key, e);
  }
}

void MisraGries::AddString(std::string_view value) {
  AddString(value, IsValidUtf8(reinterpret_cast<const uint8_t*>(value.data()), static_cast<int64_t>(value.size())));
}

void MisraGries::AddString(std::string_view value, bool valid_utf8) {
  // The fingerprint only when the value itself is the item (placeholders have their own).
  const bool itself = valid_utf8 && !(replace_large_ && static_cast<int64_t>(value.size()) > kLargeStringThreshold);
  AddString(value, valid_utf8, itself ? Hash(value) : 0);
}

bool MisraGries::AddString(std::string_view value, bool valid_utf8, uint64_t fingerprint) {
  if (!valid_utf8) {
    Insert(kNonUtf8Placeholder, kNonUtf8Hash, 1.0, false);
    return false;
  }
  if (replace_large_ && static_cast<int64_t>(value.size()) > kLargeStringThreshold) {
    Insert(kLargeBytesPlaceholder, kLargeBytesHash, 1.0, false);
    return false;
  }
  return Insert(value, fingerprint, 1.0, false);
}

void MisraGries::AddItem(std::string_view item) { Insert(item, Hash(item), 1.0, false); }

void MisraGries::AddWeightedItem(std::string_view item, double weight) { Insert(item, Hash(item), weight, true); }

void MisraGries::AddWeightedString(std::string_view value, double weight) {
  if (!IsValidUtf8(reinterpret_cast<const uint8_t*>(value.data()), static_cast<int64_t>(value.size()))) {
    Insert(kNonUtf8Placeholder, kNonUtf8Hash, weight, true);
  } else if (replace_large_ && static_cast<int64_t>(value.size()) > kLargeStringThreshold) {
    Insert(kLargeBytesPlaceholder, kLargeBytesHash, weight, true);
  } else {
    Insert(value, Hash(value), weight, true);
  }
}

bool MisraGries::Insert(std::string_view item, uint64_t hash, double weight, bool weighted) {
  const uint32_t found = Find(item, hash);
  if (found != kNone) {
    entries_[found].base += weight;  // the heap key goes stale; Smallest() refreshes it when it matters
    return true;
  }
  // Unweighted new items all start at count 1, the lowest: they wait outside the heap.
  Add(item, hash, weight + offset_, !weighted);
  if (static_cast<int64_t>(live_) > num_buckets_) {
    // Unweighted: decrement by one; weighted: by the smallest count (tfx-bsl's two rules).
    const double value = weighted ? Effective(Smallest()) : 1.0;
    DecrementAll(value);
    delta_ += value;
  }
  return false;
}

void MisraGries::DecrementAll(double value) {
  offset_ += value;
  extra_.clear();
  // The previous decrement's zero-count entries stop being extras: they are reused.
  free_.insert(free_.end(), zero_entries_.begin(), zero_entries_.end());
  zero_entries_.clear();
  // Pop every counter that reached zero (or below); only the zero ones may become extras.
  const size_t before = live_;
  size_t removed = 0;
  // Fresh entries: removed if they reached zero, else into the heap with their current count.
  for (uint32_t e : fresh_) {
    const double effective = Effective(e);
    if (effective >= kEpsilon) {
      heap_.emplace_back(entries_[e].base, e);
      std::push_heap(heap_.begin(), heap_.end(), HeapOrder());
      continue;
    }
    ++removed;
    if (std::fabs(effective) < kEpsilon) {
      zero_entries_.push_back(e);
    } else {
      free_.push_back(e);
    }
  }
  fresh_.clear();
  while (!heap_.empty()) {
    const uint32_t e = Smallest();
    const double effective = Effective(e);
    if (effective >= kEpsilon) break;
    std::pop_heap(heap_.begin(), heap_.end(), HeapOrder());
    heap_.pop_back();
    ++removed;
    // Which zeros become extras is decided when the sketch is read (SettleExtras).
    if (std::fabs(effective) < kEpsilon) {
      zero_entries_.push_back(e);
    } else {
      free_.push_back(e);
    }
  }
  // As many zero-weight extras as fill the counters to num_buckets.
  zero_need_ = static_cast<size_t>(std::max<int64_t>(0, num_buckets_ - static_cast<int64_t>(before - removed)));
  if (removed == before) {
    // Every counter went (items seen once each, the churn of near-unique values): empty the
    // table in one sweep instead of deleting its entries one by one.
    std::fill(table_.begin(), table_.end(), Slot{0, kNone});
    live_ = 0;
  } else {
    for (uint32_t e : zero_entries_) Unlink(e);
    for (size_t i = free_.size() - (removed - zero_entries_.size()); i < free_.size(); ++i) Unlink(free_[i]);
  }
  if (zero_need_ == 0) {
    free_.insert(free_.end(), zero_entries_.begin(), zero_entries_.end());
    zero_entries_.clear();
  }
}

void MisraGries::CollectExtras(std::set<std::string>* out) const {
  out->insert(extra_.begin(), extra_.end());
  std::vector<std::string_view> zeros;
  zeros.reserve(zero_entries_.size());
  for (uint32_t e : zero_entries_) zeros.emplace_back(entries_[e].item);
  // The byte-wise smallest zero_need_ of them (the ones the output ordering prefers).
  if (zero_need_ < zeros.size()) {
    std::nth_element(zeros.begin(), zeros.begin() + static_cast<std::ptrdiff_t>(zero_need_), zeros.end());
    zeros.resize(zero_need_);
  }
  for (std::string_view z : zeros) out->emplace(z);
}

void MisraGries::SettleExtras() {
  if (zero_entries_.empty()) return;
  CollectExtras(&extra_);
  free_.insert(free_.end(), zero_entries_.begin(), zero_entries_.end());
  zero_entries_.clear();
  zero_need_ = 0;
}

std::set<std::string> MisraGries::Extras() const {
  std::set<std::string> out;
  CollectExtras(&out);
  return out;
}

Status MisraGries::Merge(const MisraGries& other) {
  if (other.num_buckets_ != num_buckets_ || other.replace_large_ != replace_large_) {
    return Status::Invalid("cannot merge Misra-Gries sketches with different sizes (" + std::to_string(num_buckets_) +
                           " and " + std::to_string(other.num_buckets_) + " buckets) or placeholder rules");
  }
  SettleExtras();
  const auto take = [&](uint32_t e) {
    const Entry& theirs = other.entries_[e];
    const double add = other.Effective(e);
    const uint32_t found = Find(theirs.item, theirs.hash);
    if (found == kNone) {
      Add(theirs.item, theirs.hash, add + offset_);
    } else {
      entries_[found].base += add;
    }
  };
  for (const HeapNode& node : other.heap_) take(node.second);
  for (uint32_t e : other.fresh_) take(e);
  other.CollectExtras(&extra_);
  delta_ += other.delta_;
  if (static_cast<int64_t>(live_) > num_buckets_) {
    // Compress: subtract the (num_buckets + 1)-th largest count.
    std::vector<double> counts;
    counts.reserve(live_);
    for (const HeapNode& node : heap_) counts.push_back(Effective(node.second));
    for (uint32_t e : fresh_) counts.push_back(Effective(e));
    std::nth_element(counts.begin(), counts.begin() + num_buckets_, counts.end(), std::greater<double>());
    const double nth = counts[static_cast<size_t>(num_buckets_)];
    DecrementAll(nth);
    delta_ += nth;
  }
  return Status::OK();
}

std::vector<std::pair<std::string, double>> MisraGries::Counts() const {
  std::vector<std::pair<std::string, double>> out = Effectives();
  for (auto& [item, count] : out) count += delta_;
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  for (const std::string& item : Extras()) {
    if (static_cast<int64_t>(out.size()) >= num_buckets_) break;
    if (Find(item, Hash(item)) == kNone) out.emplace_back(item, delta_);
  }
  return out;
}

namespace {
constexpr char kMagic[4] = {'A', 'L', 'M', 'G'};
constexpr uint32_t kVersion = 1;
}  // namespace

void MisraGries::Serialize(std::vector<uint8_t>* out) const {
  ByteWriter w;
  w.PutBytes(kMagic, 4);
  w.Put(kVersion);
  w.Put(num_buckets_);
  w.Put(static_cast<uint8_t>(replace_large_));
  w.Put(delta_);
  // Items in a canonical order so equal states serialize to equal bytes.
  std::vector<std::pair<std::string, double>> items = Effectives();
  std::sort(items.begin(), items.end());
  w.Put(static_cast<uint32_t>(items.size()));
  for (const auto& [item, count] : items) {
    w.PutString(item);
    w.Put(count);
  }
  const std::set<std::string> extras = Extras();
  w.Put(static_cast<uint32_t>(extras.size()));
  for (const std::string& item : extras) w.PutString(item);
  const auto& bytes = w.bytes();
  out->insert(out->end(), bytes.begin(), bytes.end());
}

Status MisraGries::Deserialize(const uint8_t* data, int64_t size, int64_t* consumed, MisraGries* out) {
  ByteReader r(data, size);
  char magic[4];
  uint32_t version = 0, n = 0, m = 0;
  int64_t buckets = 0;
  uint8_t replace = 0;
  double delta = 0;
  if (!r.Get(&magic) || std::memcmp(magic, kMagic, 4) != 0) return Status::Serialization("not a Misra-Gries sketch (bad magic)");
  if (!r.Get(&version) || version != kVersion) {
    return Status::Serialization("Misra-Gries sketch version " + std::to_string(version) + " is not supported (expected 1)");
  }
  if (!r.Get(&buckets) || !r.Get(&replace) || !r.Get(&delta) || !r.Get(&n) || buckets < 1 || buckets > (1 << 24) ||
      n > static_cast<uint32_t>(buckets)) {
    return Status::Serialization("Misra-Gries sketch header is corrupt");
  }
  MisraGries sketch(buckets, replace != 0);
  sketch.delta_ = delta;
  std::vector<std::pair<std::string, double>> items(n);
  for (auto& [item, count] : items) {
    if (!r.GetString(&item) || !r.Get(&count)) return Status::Serialization("Misra-Gries sketch is truncated");
  }
  sketch.Rebuild(items);
  if (!r.Get(&m) || m > static_cast<uint32_t>(buckets)) return Status::Serialization("Misra-Gries sketch is truncated");
  for (uint32_t i = 0; i < m; ++i) {
    std::string item;
    if (!r.GetString(&item)) return Status::Serialization("Misra-Gries sketch is truncated");
    sketch.extra_.insert(std::move(item));
  }
  *out = sketch;
  *consumed = r.pos();
  return Status::OK();
}

}  // namespace al
