#include "sketches/kmv.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <iterator>
#include <string>

#include "core/byte_io.h"
#include "sketches/farmhash.h"

namespace al {
namespace {
// Hashes are uniform already; the low bits index the table.
inline size_t Slot(uint64_t hash, size_t mask) { return static_cast<size_t>(hash ^ (hash >> 29)) & mask; }
}  // namespace

void Kmv::AddBytes(std::string_view bytes) { AddHash(Fingerprint64(bytes.data(), bytes.size())); }

void Kmv::Grow() {
  std::vector<uint64_t> old = std::move(table_);
  table_.assign(std::max<size_t>(64, old.size() * 2), 0);
  const size_t mask = table_.size() - 1;
  for (uint64_t h : old) {
    if (h == 0) continue;
    size_t i = Slot(h, mask);
    while (table_[i] != 0) i = (i + 1) & mask;
    table_[i] = h;
  }
}

bool Kmv::Insert(uint64_t hash) {
  if (hash == 0) {
    if (has_zero_) return false;
    has_zero_ = true;
    return true;
  }
  if ((heap_.size() + 1) * 2 > table_.size()) Grow();
  const size_t mask = table_.size() - 1;
  size_t i = Slot(hash, mask);
  while (table_[i] != 0) {
    if (table_[i] == hash) return false;
    i = (i + 1) & mask;
  }
  table_[i] = hash;
  return true;
}

void Kmv::Erase(uint64_t hash) {
  if (hash == 0) {
    has_zero_ = false;
    return;
  }
  const size_t mask = table_.size() - 1;
  size_t i = Slot(hash, mask);
  while (table_[i] != hash) i = (i + 1) & mask;
  // Backward-shift deletion: move later entries of the probe run into the hole.
  size_t hole = i;
  for (size_t j = (i + 1) & mask; table_[j] != 0; j = (j + 1) & mask) {
    const size_t home = Slot(table_[j], mask);
    // Entry j may fill the hole if its home is not cyclically within (hole, j].
    const bool movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
    if (movable) {
      table_[hole] = table_[j];
      hole = j;
    }
  }
  table_[hole] = 0;
}

void Kmv::AddHash(uint64_t hash) {
  if (hash >= max_limit_ || !Insert(hash)) return;
  heap_.push_back(hash);
  std::push_heap(heap_.begin(), heap_.end());
  if (static_cast<int64_t>(heap_.size()) == num_buckets_) {
    max_limit_ = heap_.front();
  } else if (static_cast<int64_t>(heap_.size()) > num_buckets_) {
    std::pop_heap(heap_.begin(), heap_.end());
    Erase(heap_.back());
    heap_.pop_back();
    max_limit_ = heap_.front();
  }
}

std::vector<uint64_t> Kmv::Sorted() const {
  std::vector<uint64_t> out = heap_;
  std::sort(out.begin(), out.end());
  return out;
}

void Kmv::Assign(const std::vector<uint64_t>& sorted) {
  table_.clear();
  has_zero_ = false;
  heap_.clear();
  for (uint64_t h : sorted) {
    Insert(h);
    heap_.push_back(h);
  }
  std::make_heap(heap_.begin(), heap_.end());
}

Status Kmv::Merge(const Kmv& other) {
  if (other.num_buckets_ != num_buckets_) {
    return Status::Invalid("cannot merge KMV sketches with different sizes (" + std::to_string(num_buckets_) + " and " +
                           std::to_string(other.num_buckets_) + ")");
  }
  std::vector<uint64_t> all = Sorted();
  const std::vector<uint64_t> theirs = other.Sorted();
  std::vector<uint64_t> merged;
  merged.reserve(all.size() + theirs.size());
  std::set_union(all.begin(), all.end(), theirs.begin(), theirs.end(), std::back_inserter(merged));
  if (static_cast<int64_t>(merged.size()) >= num_buckets_) {
    merged.resize(static_cast<size_t>(num_buckets_));
    max_limit_ = merged.back();
  }
  Assign(merged);
  return Status::OK();
}

uint64_t Kmv::Estimate() const {
  if (static_cast<int64_t>(heap_.size()) < num_buckets_) return heap_.size();
  const double space = std::pow(2.0, 64);
  return static_cast<uint64_t>(std::round(static_cast<double>(num_buckets_ - 1) * space / static_cast<double>(max_limit_)));
}

namespace {
constexpr char kMagic[4] = {'A', 'L', 'K', 'M'};
constexpr uint32_t kVersion = 1;
}  // namespace

void Kmv::Serialize(std::vector<uint8_t>* out) const {
  ByteWriter w;
  w.PutBytes(kMagic, 4);
  w.Put(kVersion);
  w.Put(num_buckets_);
  w.Put(max_limit_);
  const std::vector<uint64_t> sorted = Sorted();
  w.Put(static_cast<uint32_t>(sorted.size()));
  for (uint64_t h : sorted) w.Put(h);
  const auto& bytes = w.bytes();
  out->insert(out->end(), bytes.begin(), bytes.end());
}

Status Kmv::Deserialize(const uint8_t* data, int64_t size, int64_t* consumed, Kmv* out) {
  ByteReader r(data, size);
  char magic[4];
  uint32_t version = 0, n = 0;
  int64_t buckets = 0;
  uint64_t max_limit = 0;
  if (!r.Get(&magic) || std::memcmp(magic, kMagic, 4) != 0) return Status::Serialization("not a KMV sketch (bad magic)");
  if (!r.Get(&version) || version != kVersion) {
    return Status::Serialization("KMV sketch version " + std::to_string(version) + " is not supported (expected 1)");
  }
  if (!r.Get(&buckets) || !r.Get(&max_limit) || !r.Get(&n) || buckets < 1 || buckets > (1 << 24) ||
      n > static_cast<uint32_t>(buckets)) {
    return Status::Serialization("KMV sketch header is corrupt");
  }
  Kmv sketch(buckets);
  sketch.max_limit_ = max_limit;
  std::vector<uint64_t> hashes(n);
  for (uint64_t& h : hashes) {
    if (!r.Get(&h)) return Status::Serialization("KMV sketch is truncated");
  }
  std::sort(hashes.begin(), hashes.end());
  hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
  sketch.Assign(hashes);
  *out = std::move(sketch);
  *consumed = r.pos();
  return Status::OK();
}

}  // namespace al
