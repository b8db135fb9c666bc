#include "sketches/misra_gries.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/byte_io.h"
#include "kernels/stats/utf8.h"

namespace al {
namespace {
constexpr double kEpsilon = 1e-8;  // tfx-bsl's tolerance for "reached zero"
}  // namespace

MisraGries::MisraGries(int64_t num_buckets, bool replace_large) : num_buckets_(num_buckets), replace_large_(replace_large) {}

MisraGries::MisraGries(const MisraGries& other) { *this = other; }

MisraGries& MisraGries::operator=(const MisraGries& other) {
  if (this == &other) return *this;
  num_buckets_ = other.num_buckets_;
  replace_large_ = other.replace_large_;
  delta_ = other.delta_;
  extra_.clear();
  other.CollectExtras(&extra_);
  zero_nodes_.clear();
  zero_need_ = 0;
  std::vector<std::pair<std::string, double>> effective;
  effective.reserve(other.items_.size());
  for (const auto& [item, e] : other.items_) effective.emplace_back(std::string(item), other.Effective(e));
  Rebuild(effective);
  return *this;
}

MisraGries::Entry* MisraGries::Add(std::string_view item, double base) {
  Entry* entry;
  if (!free_nodes_.empty()) {
    // Reuse a removed entry's map node and string capacity: no allocation under churn.
    Map::node_type node = std::move(free_nodes_.back());
    free_nodes_.pop_back();
    node.mapped().item->assign(item.data(), item.size());
    node.mapped().base = base;
    node.key() = std::string_view(*node.mapped().item);
    auto result = items_.insert(std::move(node));
    if (!result.inserted) return nullptr;
    entry = &result.position->second;
  } else {
    auto owned = std::make_unique<std::string>(item);
    const std::string_view key(*owned);
    auto [it, inserted] = items_.emplace(key, Entry{std::move(owned), base});
    if (!inserted) return nullptr;
    entry = &it->second;
  }
  heap_.emplace_back(base, entry);
  std::push_heap(heap_.begin(), heap_.end(), HeapOrder());
  return entry;
}

void MisraGries::Rebuild(const std::vector<std::pair<std::string, double>>& effective) {
  items_.clear();
  free_nodes_.clear();
  heap_.clear();
  offset_ = 0;
  for (const auto& [item, count] : effective) Add(item, count);
}

MisraGries::Entry* MisraGries::Smallest() {
  while (true) {
    const HeapNode top = heap_.front();
    if (top.first == top.second->base) return top.second;
    std::pop_heap(heap_.begin(), heap_.end(), HeapOrder());
    heap_.back().first = top.second->base;  // refresh the stale key and sift it back in
    std::push_heap(heap_.begin(), heap_.end(), HeapOrder());
  }
}

void MisraGries::AddString(std::string_view value) {
  AddString(value, IsValidUtf8(reinterpret_cast<const uint8_t*>(value.data()), static_cast<int64_t>(value.size())));
}

void MisraGries::AddString(std::string_view value, bool valid_utf8) {
  if (!valid_utf8) {
    Insert(kNonUtf8Placeholder, 1.0, false);
  } else if (replace_large_ && static_cast<int64_t>(value.size()) > kLargeStringThreshold) {
    Insert(kLargeBytesPlaceholder, 1.0, false);
  } else {
    Insert(value, 1.0, false);
  }
}

void MisraGries::Insert(std::string_view item, double weight, bool weighted) {
  auto it = items_.find(item);
  if (it != items_.end()) {
    it->second.base += weight;  // the heap key goes stale; Smallest() refreshes it when it matters
    return;
  }
  Add(item, weight + offset_);
  if (static_cast<int64_t>(items_.size()) > num_buckets_) {
    // Unweighted: decrement by one; weighted: by the smallest count (tfx-bsl's two rules).
    const double value = weighted ? Effective(*Smallest()) : 1.0;
    DecrementAll(value);
    delta_ += value;
  }
}

void MisraGries::DecrementAll(double value) {
  offset_ += value;
  extra_.clear();
  // The previous decrement's zero-count entries stop being extras: their nodes are reused.
  for (Map::node_type& node : zero_nodes_) {
    if (free_nodes_.size() <= static_cast<size_t>(num_buckets_)) free_nodes_.push_back(std::move(node));
  }
  zero_nodes_.clear();
  // Pop every counter that reached zero (or below); only the zero ones may become extras.
  std::vector<Entry*> removed;
  std::vector<bool> zero;
  while (!heap_.empty()) {
    Entry* e = Smallest();
    const double effective = Effective(*e);
    if (effective >= kEpsilon) break;
    std::pop_heap(heap_.begin(), heap_.end(), HeapOrder());
    heap_.pop_back();
    removed.push_back(e);
    zero.push_back(std::fabs(effective) < kEpsilon);
  }
  // As many zero-weight extras as fill the counters to num_buckets; which ones is decided when
  // the sketch is read (SettleExtras).
  const int64_t remaining = static_cast<int64_t>(items_.size() - removed.size());
  zero_need_ = static_cast<size_t>(std::max<int64_t>(0, num_buckets_ - remaining));
  for (size_t i = 0; i < removed.size(); ++i) {
    Map::node_type node = items_.extract(std::string_view(*removed[i]->item));
    if (zero[i] && zero_need_ > 0) {
      zero_nodes_.push_back(std::move(node));
    } else if (free_nodes_.size() <= static_cast<size_t>(num_buckets_)) {
      free_nodes_.push_back(std::move(node));
    }
  }
}

void MisraGries::CollectExtras(std::set<std::string>* out) const {
  out->insert(extra_.begin(), extra_.end());
  std::vector<std::string_view> zeros;
  zeros.reserve(zero_nodes_.size());
  for (const Map::node_type& node : zero_nodes_) zeros.emplace_back(*node.mapped().item);
  // The byte-wise smallest zero_need_ of them (the ones the output ordering prefers).
  if (zero_need_ < zeros.size()) {
    std::nth_element(zeros.begin(), zeros.begin() + static_cast<std::ptrdiff_t>(zero_need_), zeros.end());
    zeros.resize(zero_need_);
  }
  for (std::string_view z : zeros) out->emplace(z);
}

void MisraGries::SettleExtras() {
  if (zero_nodes_.empty()) return;
  CollectExtras(&extra_);
  for (Map::node_type& node : zero_nodes_) {
    if (free_nodes_.size() <= static_cast<size_t>(num_buckets_)) free_nodes_.push_back(std::move(node));
  }
  zero_nodes_.clear();
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
  for (const auto& [item, e] : other.items_) {
    const double add = other.Effective(e);
    auto it = items_.find(item);
    if (it == items_.end()) {
      Add(item, add + offset_);
    } else {
      it->second.base += add;
    }
  }
  other.CollectExtras(&extra_);
  delta_ += other.delta_;
  if (static_cast<int64_t>(items_.size()) > num_buckets_) {
    // Compress: subtract the (num_buckets + 1)-th largest count.
    std::vector<double> counts;
    counts.reserve(items_.size());
    for (const auto& [item, e] : items_) counts.push_back(Effective(e));
    std::nth_element(counts.begin(), counts.begin() + num_buckets_, counts.end(), std::greater<double>());
    const double nth = counts[static_cast<size_t>(num_buckets_)];
    DecrementAll(nth);
    delta_ += nth;
  }
  return Status::OK();
}

std::vector<std::pair<std::string, double>> MisraGries::Counts() const {
  std::vector<std::pair<std::string, double>> out;
  out.reserve(items_.size());
  for (const auto& [item, e] : items_) out.emplace_back(std::string(item), Effective(e) + delta_);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  for (const std::string& item : Extras()) {
    if (static_cast<int64_t>(out.size()) >= num_buckets_) break;
    if (items_.count(std::string_view(item)) == 0) out.emplace_back(item, delta_);
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
  std::vector<std::pair<std::string, double>> items;
  for (const auto& [item, e] : items_) items.emplace_back(std::string(item), Effective(e));
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
