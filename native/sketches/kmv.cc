#include "sketches/kmv.h"

#include <cmath>
#include <cstring>
#include <iterator>
#include <string>

#include "core/byte_io.h"
#include "sketches/farmhash.h"

namespace al {

void Kmv::AddBytes(std::string_view bytes) { AddHash(Fingerprint64(bytes.data(), bytes.size())); }

void Kmv::AddHash(uint64_t hash) {
  if (hash >= max_limit_ || !members_.insert(hash).second) return;
  hashes_.insert(hash);
  if (static_cast<int64_t>(hashes_.size()) == num_buckets_) {
    max_limit_ = *hashes_.rbegin();
  } else if (static_cast<int64_t>(hashes_.size()) > num_buckets_) {
    members_.erase(max_limit_);
    hashes_.erase(max_limit_);
    max_limit_ = *hashes_.rbegin();
  }
}

Status Kmv::Merge(const Kmv& other) {
  if (other.num_buckets_ != num_buckets_) {
    return Status::Invalid("cannot merge KMV sketches with different sizes (" + std::to_string(num_buckets_) + " and " +
                           std::to_string(other.num_buckets_) + ")");
  }
  hashes_.insert(other.hashes_.begin(), other.hashes_.end());
  if (static_cast<int64_t>(hashes_.size()) >= num_buckets_) {
    auto first_removed = hashes_.begin();
    std::advance(first_removed, num_buckets_);
    hashes_.erase(first_removed, hashes_.end());
    max_limit_ = *hashes_.rbegin();
  }
  members_ = std::unordered_set<uint64_t>(hashes_.begin(), hashes_.end());
  return Status::OK();
}

uint64_t Kmv::Estimate() const {
  if (static_cast<int64_t>(hashes_.size()) < num_buckets_) return hashes_.size();
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
  w.Put(static_cast<uint32_t>(hashes_.size()));
  for (uint64_t h : hashes_) w.Put(h);
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
  for (uint32_t i = 0; i < n; ++i) {
    uint64_t h;
    if (!r.Get(&h)) return Status::Serialization("KMV sketch is truncated");
    sketch.hashes_.insert(h);
    sketch.members_.insert(h);
  }
  *out = std::move(sketch);
  *consumed = r.pos();
  return Status::OK();
}

}  // namespace al
