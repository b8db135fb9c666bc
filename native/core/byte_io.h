// Little-endian byte writer and bounds-checked reader for versioned serialized states.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

namespace al {

class ByteWriter {
 public:
  template <typename T>
  void Put(const T& v) {
    static_assert(std::is_trivially_copyable<T>::value, "POD only");
    const auto* p = reinterpret_cast<const uint8_t*>(&v);
    bytes_.insert(bytes_.end(), p, p + sizeof(T));
  }
  void PutString(const std::string& s) {
    Put<uint32_t>(static_cast<uint32_t>(s.size()));
    bytes_.insert(bytes_.end(), s.begin(), s.end());
  }
  void PutBytes(const void* p, size_t n) {
    const auto* b = static_cast<const uint8_t*>(p);
    bytes_.insert(bytes_.end(), b, b + n);
  }
  const std::vector<uint8_t>& bytes() const { return bytes_; }
  std::vector<uint8_t> Take() { return std::move(bytes_); }

 private:
  std::vector<uint8_t> bytes_;
};

// Every Get returns false instead of reading past the end.
class ByteReader {
 public:
  ByteReader(const uint8_t* data, int64_t size) : data_(data), size_(size) {}
  template <typename T>
  bool Get(T* v) {
    static_assert(std::is_trivially_copyable<T>::value, "POD only");
    if (pos_ + static_cast<int64_t>(sizeof(T)) > size_) return false;
    std::memcpy(v, data_ + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  bool GetString(std::string* s) {
    uint32_t n;
    if (!Get(&n) || pos_ + n > size_) return false;
    s->assign(reinterpret_cast<const char*>(data_ + pos_), n);
    pos_ += n;
    return true;
  }
  bool AtEnd() const { return pos_ == size_; }
  // Advances past `n` bytes another reader consumed (n <= remaining).
  void Skip(int64_t n) { pos_ = std::min(size_, pos_ + n); }
  int64_t pos() const { return pos_; }

 private:
  const uint8_t* data_;
  int64_t size_;
  int64_t pos_ = 0;
};

}  // namespace al
