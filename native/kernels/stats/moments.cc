#include "kernels/stats/moments.h"

#include <algorithm>
#include <cstring>
#include <thread>
#include <vector>

#include "core/bitmap.h"
#include "core/column_access.h"
#include "core/dispatch.h"
#include "kernels/stats/moments_block.h"

namespace al {
namespace {

// Values below this run on the calling thread whatever `threads` says.
constexpr int64_t kMinValuesPerThread = 1 << 16;

template <typename Tag>
void FoldRanges(const ColumnView& leaf, const std::vector<RowRange>& ranges, BlockMomentsFn block,
                MomentsState* state, QuantilesSketch* sketch) {
  const bool dict = leaf.type == TypeId::kDictionary;
  const ColumnView& vals = dict ? *leaf.dictionary : leaf;
  double buf[kMomentsBlock];
  MomentsState part;
  for (const RowRange& r : ranges) {
    for (int64_t b = r.begin; b < r.end; b += kMomentsBlock) {
      const int64_t e = std::min(r.end, b + kMomentsBlock);
      const double* x = buf;
      int64_t n = 0;
      uint64_t nulls = 0;
      if constexpr (std::is_same<typename Tag::Storage, double>::value) {
        if (!dict && leaf.validity == nullptr) {
          x = static_cast<const double*>(leaf.values) + b;  // the no-null fast path: no copy
          n = e - b;
        }
      }
      if (x == buf && !dict) {
        // Plain values: without a validity bitmap a straight conversion loop; with one, every
        // value is loaded and kept only if valid (no branch to mispredict on scattered nulls).
        if (leaf.validity == nullptr) {
          for (int64_t i = b; i < e; ++i) buf[n++] = LoadAsDouble<Tag>(vals.values, vals.offset, i);
        } else {
          for (int64_t i = b; i < e; ++i) {
            const bool valid = GetBit(leaf.validity, leaf.offset + i);
            buf[n] = LoadAsDouble<Tag>(vals.values, vals.offset, i);
            n += valid ? 1 : 0;
            nulls += valid ? 0 : 1;
          }
        }
      } else if (x == buf) {
        for (int64_t i = b; i < e; ++i) {
          if (leaf.validity != nullptr && !GetBit(leaf.validity, leaf.offset + i)) {
            ++nulls;
            continue;
          }
          int64_t j = i;
          if (dict) {
            j = DictionaryIndexAt(leaf, i);
            if (vals.validity != nullptr && !GetBit(vals.validity, vals.offset + j)) {
              ++nulls;
              continue;
            }
          }
          buf[n++] = LoadAsDouble<Tag>(vals.values, vals.offset, j);
        }
      }
      block(x, n, &part);
      if (sketch != nullptr) {
        for (int64_t k = 0; k < n; ++k) sketch->Add(x[k]);  // Add skips NaN
      }
      part.null_count = nulls;
      MomentsOp::Merge(*state, part);
    }
  }
}

}  // namespace

Status UpdateMomentsLeaves(const LeafSelection& sel, const MomentsOptions& options, MomentsState* state,
                           QuantilesSketch* sketch) {
  const ColumnView& leaf = *sel.leaf;
  const TypeId value_type = leaf.type == TypeId::kDictionary ? leaf.dictionary->type : leaf.type;
  if (!IsNumeric(value_type)) {
    return Status::NotImplemented(std::string("moments: unsupported type ") + TypeIdName(value_type));
  }
  const SimdLevel cpu = DetectSimdLevel();
  const BlockMomentsFn block = BlockMomentsFor(std::min(cpu, options.simd));
  const int64_t total = sel.Count();
  int threads = std::max(1, options.threads);
  threads = static_cast<int>(std::min<int64_t>(threads, std::max<int64_t>(1, total / kMinValuesPerThread)));
  return VisitNumeric(value_type, [&](auto tag) -> Status {
    using Tag = decltype(tag);
    if (threads == 1) {
      FoldRanges<Tag>(leaf, sel.ranges, block, state, sketch);
      return Status::OK();
    }
    const auto parts = SplitRanges(sel.ranges, threads, kMomentsBlock);
    std::vector<MomentsState> states(parts.size());
    std::vector<QuantilesSketch> sketches;
    if (sketch != nullptr) sketches.assign(parts.size(), QuantilesSketch(sketch->eps()));
    std::vector<std::thread> pool;
    for (size_t k = 0; k < parts.size(); ++k) {
      MomentsOp::Init(states[k]);
      QuantilesSketch* part_sketch = sketch != nullptr ? &sketches[k] : nullptr;
      pool.emplace_back([&, k, part_sketch] { FoldRanges<Tag>(leaf, parts[k], block, &states[k], part_sketch); });
    }
    for (auto& t : pool) t.join();
    // In range order, so the result is deterministic for a given thread count.
    for (const MomentsState& s : states) MomentsOp::Merge(*state, s);
    for (const QuantilesSketch& s : sketches) AL_RETURN_NOT_OK(sketch->Merge(s));
    return Status::OK();
  });
}

Status UpdateMoments(const ColumnView& view, const MomentsOptions& options, MomentsState* state) {
  return UpdateMomentsLeaves(SelectLeaves(view), options, state);
}

namespace {
constexpr char kMagic[4] = {'A', 'L', 'M', 'O'};
constexpr uint32_t kVersion = 1;
}  // namespace

void SerializeMoments(const MomentsState& state, uint8_t out[kMomentsStateBytes]) {
  std::memcpy(out, kMagic, 4);
  std::memcpy(out + 4, &kVersion, 4);
  std::memcpy(out + 8, &state, sizeof(MomentsState));
}

Status DeserializeMoments(const uint8_t* data, int64_t size, MomentsState* state) {
  if (size != kMomentsStateBytes) {
    return Status::Serialization("moments state must be " + std::to_string(kMomentsStateBytes) + " bytes, got " +
                                 std::to_string(size));
  }
  if (std::memcmp(data, kMagic, 4) != 0) return Status::Serialization("not a moments state (bad magic)");
  uint32_t version;
  std::memcpy(&version, data + 4, 4);
  if (version != kVersion) {
    return Status::Serialization("moments state version " + std::to_string(version) + " is not supported (expected " +
                                 std::to_string(kVersion) + ")");
  }
  std::memcpy(state, data + 8, sizeof(MomentsState));
  return Status::OK();
}

}  // namespace al
