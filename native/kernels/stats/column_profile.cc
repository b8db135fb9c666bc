#include "kernels/stats/column_profile.h"

#include <algorithm>
#include <limits>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "core/bitmap.h"
#include "core/column_access.h"
#include "kernels/stats/utf8.h"
#include "sketches/farmhash.h"

namespace al {
namespace {

int64_t ListLength(const ColumnView& v, int64_t i) {
  return v.type == TypeId::kFixedSizeList ? v.list_size : OffsetAt(v, i + 1) - OffsetAt(v, i);
}

// Counts of each list length, in first-seen order.
class LengthCounter {
 public:
  void Add(int64_t len) {
    auto it = index_.find(len);
    if (it == index_.end()) {
      index_.emplace(len, counts_.size());
      counts_.emplace_back(len, 1);
    } else {
      ++counts_[it->second].second;
    }
  }
  std::vector<std::pair<int64_t, int64_t>> Take() { return std::move(counts_); }

 private:
  std::unordered_map<int64_t, size_t> index_;
  std::vector<std::pair<int64_t, int64_t>> counts_;
};

LevelProfile ProfileLevel(const ColumnView& v, const std::vector<RowRange>& ranges, LengthCounter* lengths) {
  LevelProfile p;
  int64_t mn = std::numeric_limits<int64_t>::max(), mx = 0;
  for (const RowRange& r : ranges) {
    p.elements += r.end - r.begin;
    for (int64_t i = r.begin; i < r.end; ++i) {
      if (!IsValid(v, i)) {
        ++p.nulls;
        continue;
      }
      const int64_t len = ListLength(v, i);
      lengths->Add(len);
      mn = std::min(mn, len);
      mx = std::max(mx, len);
      p.total_length += len;
    }
  }
  if (p.elements > p.nulls) {
    p.min_length = mn;
    p.max_length = mx;
  }
  return p;
}

// One non-null binary value whose UTF-8 validity and fingerprint are known: its size and the
// sketches. A value the top-k sketch already counts was seen before, so its fingerprint already
// went to the distinct count (kept, or above the kept range): adding it again changes nothing.
inline void CountValue(const uint8_t* bytes, int64_t len, bool utf8, uint64_t fp, ColumnProfile* out,
                       const ProfileSinks& sinks) {
  out->value_bytes += len;
  if (out->min_value_bytes < 0 || len < out->min_value_bytes) out->min_value_bytes = len;
  if (len > out->max_value_bytes) out->max_value_bytes = len;
  if (!utf8) ++out->invalid_utf8;
  const std::string_view value(reinterpret_cast<const char*>(bytes), static_cast<size_t>(len));
  const bool seen = sinks.topk != nullptr && sinks.topk->AddString(value, utf8, fp);
  if (sinks.distinct != nullptr && !seen) sinks.distinct->AddHash(fp);
}

// One non-null binary value: UTF-8 validity and (when a sketch needs it) the fingerprint, which
// serves both the top-k and the distinct count (it hashes the raw bytes).
inline void ProfileValue(const uint8_t* bytes, int64_t len, ColumnProfile* out, const ProfileSinks& sinks) {
  const bool utf8 = IsValidUtf8Fast(bytes, len);
  const bool hashed = sinks.topk != nullptr || sinks.distinct != nullptr;
  CountValue(bytes, len, utf8, hashed ? Fingerprint64(reinterpret_cast<const char*>(bytes), static_cast<size_t>(len)) : 0, out, sinks);
}

// Dictionary-encoded binary leaves with more rows than dictionary entries: each entry's
// validity, UTF-8 check and fingerprint once, then per row a lookup.
void ProfileDictionaryStrings(const ColumnView& leaf, const ColumnView& vals, const std::vector<RowRange>& ranges,
                              ColumnProfile* out, const ProfileSinks& sinks) {
  const int64_t entries = vals.length;
  std::vector<uint8_t> state(static_cast<size_t>(entries));  // 0 null, 1 valid UTF-8, 2 not UTF-8
  std::vector<uint64_t> fingerprint(static_cast<size_t>(entries), 0);
  const bool hashed = sinks.topk != nullptr || sinks.distinct != nullptr;
  const uint8_t* data = static_cast<const uint8_t*>(vals.values);
  for (int64_t d = 0; d < entries; ++d) {
    if (!IsValid(vals, d)) continue;
    const int64_t b = OffsetAt(vals, d), len = OffsetAt(vals, d + 1) - b;
    state[d] = IsValidUtf8Fast(data + b, len) ? 1 : 2;
    if (hashed) fingerprint[d] = Fingerprint64(reinterpret_cast<const char*>(data + b), static_cast<size_t>(len));
  }
  for (const RowRange& r : ranges) {
    out->leaf_values += r.end - r.begin;
    for (int64_t i = r.begin; i < r.end; ++i) {
      const int64_t j = IsValid(leaf, i) ? DictionaryIndexAt(leaf, i) : -1;
      if (j < 0 || state[j] == 0) {
        ++out->leaf_nulls;
        continue;
      }
      const int64_t b = OffsetAt(vals, j);
      CountValue(data + b, OffsetAt(vals, j + 1) - b, state[j] == 1, fingerprint[j], out, sinks);
    }
  }
}

// Plain (not dictionary-encoded) binary leaves, the common case: offsets of one width read
// directly, the validity bitmap only when there is one.
template <typename Offset>
void ProfilePlainStrings(const ColumnView& v, const std::vector<RowRange>& ranges, ColumnProfile* out, const ProfileSinks& sinks) {
  const Offset* offsets = static_cast<const Offset*>(v.offsets);
  const uint8_t* data = static_cast<const uint8_t*>(v.values);
  for (const RowRange& r : ranges) {
    out->leaf_values += r.end - r.begin;
    for (int64_t i = r.begin; i < r.end; ++i) {
      if (v.validity != nullptr && !GetBit(v.validity, v.offset + i)) {
        ++out->leaf_nulls;
        continue;
      }
      const int64_t b = offsets[i];
      ProfileValue(data + b, static_cast<int64_t>(offsets[i + 1]) - b, out, sinks);
    }
  }
}

}  // namespace

Status ProfileColumn(const ColumnView& view, const MomentsOptions& options, ColumnProfile* out,
                     const ProfileSinks& sinks) {
  *out = ColumnProfile();
  out->rows = view.length;
  out->nulls = NullCount(view);
  std::vector<RowRange> ranges;
  if (view.length > 0) ranges.push_back({0, view.length});
  const ColumnView* v = &view;
  while (IsList(v->type)) {
    LengthCounter lengths;
    out->levels.push_back(ProfileLevel(*v, ranges, &lengths));
    out->length_counts.push_back(lengths.Take());
    ranges = ChildRanges(*v, ranges);
    v = v->child;
  }
  if (out->levels.empty() && out->rows > out->nulls) out->length_counts.push_back({{1, out->rows - out->nulls}});
  const ColumnView& leaf = *v;
  const bool dict = leaf.type == TypeId::kDictionary;
  const ColumnView& vals = dict ? *leaf.dictionary : leaf;
  out->value_type = vals.type;
  int64_t leaf_rows = 0;
  for (const RowRange& r : ranges) leaf_rows += r.end - r.begin;
  if (!dict && IsBinaryLike(vals.type)) {
    if (IsLargeOffsets(vals.type)) ProfilePlainStrings<int64_t>(vals, ranges, out, sinks);
    else ProfilePlainStrings<int32_t>(vals, ranges, out, sinks);
  } else if (dict && IsBinaryLike(vals.type) && leaf_rows > vals.length) {
    ProfileDictionaryStrings(leaf, vals, ranges, out, sinks);
  } else {
    for (const RowRange& r : ranges) {
      out->leaf_values += r.end - r.begin;
      for (int64_t i = r.begin; i < r.end; ++i) {
        int64_t j = i;
        bool valid = IsValid(leaf, i);
        if (valid && dict) {
          j = DictionaryIndexAt(leaf, i);
          valid = IsValid(vals, j);
        }
        if (!valid) {
          ++out->leaf_nulls;
        } else if (IsBinaryLike(vals.type)) {
          const int64_t b = OffsetAt(vals, j);
          ProfileValue(static_cast<const uint8_t*>(vals.values) + b, OffsetAt(vals, j + 1) - b, out, sinks);
        }
      }
    }
  }
  if (IsNumeric(vals.type)) {
    LeafSelection sel;
    sel.leaf = &leaf;
    sel.ranges = std::move(ranges);
    MomentsOp::Init(out->moments);
    AL_RETURN_NOT_OK(UpdateMomentsLeaves(sel, options, &out->moments, sinks.values));
    out->has_moments = true;
  }
  return Status::OK();
}

}  // namespace al
