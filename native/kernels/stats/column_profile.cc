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

// One non-null binary value: its size, UTF-8 validity and the sketches (one fingerprint serves
// the top-k and the distinct count, which hashes the raw bytes).
inline void ProfileValue(const uint8_t* bytes, int64_t len, ColumnProfile* out, const ProfileSinks& sinks) {
  out->value_bytes += len;
  if (out->min_value_bytes < 0 || len < out->min_value_bytes) out->min_value_bytes = len;
  if (len > out->max_value_bytes) out->max_value_bytes = len;
  const bool utf8 = IsValidUtf8Fast(bytes, len);
  if (!utf8) ++out->invalid_utf8;
  if (sinks.topk != nullptr || sinks.distinct != nullptr) {
    const std::string_view value(reinterpret_cast<const char*>(bytes), static_cast<size_t>(len));
    const uint64_t fp = Fingerprint64(value.data(), value.size());
    // A value the top-k sketch already counts was seen before, so its fingerprint already went
    // to the distinct count (kept, or above the kept range): adding it again changes nothing.
    const bool seen = sinks.topk != nullptr && sinks.topk->AddString(value, utf8, fp);
    if (sinks.distinct != nullptr && !seen) sinks.distinct->AddHash(fp);
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
  if (!dict && IsBinaryLike(vals.type)) {
    if (IsLargeOffsets(vals.type)) ProfilePlainStrings<int64_t>(vals, ranges, out, sinks);
    else ProfilePlainStrings<int32_t>(vals, ranges, out, sinks);
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
