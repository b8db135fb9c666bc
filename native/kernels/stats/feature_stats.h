// The per-feature statistics accumulator of BasicStats (reference/tfdv.md §2.3, §2.4, §2.6):
// presence and valency per nest level, num_values per example, numeric moments, string lengths
// and invalid UTF-8, folded from column chunks (ColumnProfile) and merged across chunks,
// threads, workers and machines. Exact: counts add, min/max, Chan's merge for the moments.
// DatasetStatsState holds one FeatureState per column name in first-seen order.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "arrowline/column_view.h"
#include "arrowline/status.h"
#include "kernels/stats/column_profile.h"
#include "kernels/stats/moments_op.h"
#include "sketches/kmv.h"
#include "sketches/misra_gries.h"
#include "sketches/weighted_quantiles.h"

namespace al {

// TFDV's statistics type of a feature's values (FeatureNameStatistics.Type, plus unknown for
// columns seen only as null-typed so far).
enum class FeatureKind : uint8_t { kUnknown = 0, kInt = 1, kFloat = 2, kString = 3 };
const char* FeatureKindName(FeatureKind kind);
FeatureKind KindOf(TypeId value_type);

struct LevelState {
  uint64_t non_missing = 0;
  uint64_t missing = 0;
  int64_t min_values = 0;  // over non-missing lists; meaningful when non_missing > 0
  int64_t max_values = 0;
  uint64_t tot_values = 0;
};

struct FeatureState {
  FeatureKind kind = FeatureKind::kUnknown;
  int32_t list_depth = -1;            // -1 until a typed chunk is seen; 0 = flat column
  // TFDV's CommonStatistics: the outermost level's list lengths (a flat column's present cell is
  // a list of one value, as TFDV sees CSV and DataFrame columns).
  uint64_t num_non_missing = 0;       // non-null rows
  int64_t min_num_values = 0;         // meaningful when num_non_missing > 0
  int64_t max_num_values = 0;
  uint64_t tot_num_values = 0;
  uint64_t leaf_values = 0;           // values at the innermost level (NaN and inner nulls included)
  std::vector<LevelState> levels;     // one per list level (empty for flat columns)
  MomentsState moments;               // numeric leaves
  QuantilesSketch values;             // numeric leaves: median and histograms
  // Per TFDV nest level (at least one): the list lengths, for num_values_histogram (level 0)
  // and the level_N_value_list_length histograms (deeper levels).
  std::vector<QuantilesSketch> num_values;
  uint64_t string_bytes = 0;          // string leaves
  uint64_t invalid_utf8 = 0;
  // String leaves: the shortest and longest non-null value in bytes (-1 when none), for TFDV's
  // bytes_stats. Unknown for states read from format v1, which did not keep them.
  int64_t min_value_bytes = -1;
  int64_t max_value_bytes = -1;
  bool value_bytes_unknown = false;
  MisraGries topk;                    // string leaves: top_values, rank_histogram
  Kmv distinct;                       // string leaves: unique

  explicit FeatureState(double eps = 0.01, int64_t topk_buckets = 1024) : values(eps), topk(topk_buckets) {
    MomentsOp::Init(moments);
  }
};

// What the schema makes of a feature (TFDV's schema-driven behaviour):
// kCategorical: an integer feature marked categorical (int_domain.is_categorical or a
//   bool_domain); its values also feed the top-k and distinct sketches as decimal strings, so
//   it gets string statistics.
// kBytes: a feature with an image_domain (TFDV's BYTES type): bytes_stats only, so its values
//   feed neither the top-k nor the distinct sketch (TFDV's top-k generators skip them).
enum class FeatureRole : uint8_t { kPlain = 0, kCategorical = 1, kBytes = 2 };

// The type and nest level a chunk gives a feature whose statistics so far have `*kind` and
// `*depth` (FeatureState.kind / list_depth), updated in place; a conflict is the TypeMismatch
// FoldColumn would return. Nothing else can make FoldColumn fail, so an update whose every
// chunk passes can be folded in place without a copy to fall back on.
Status CheckFold(const std::string& feature, const ColumnView& view, FeatureKind* kind, int32_t* depth);

// Folds one chunk of a column into `state`: a profile pass that feeds the state's sketches
// directly, then the counts. `feature` names the column in errors. A type or nest level
// different from earlier chunks is a TypeMismatch (as in TFDV), found before anything changes.
Status FoldColumn(const std::string& feature, const ColumnView& view, const MomentsOptions& options,
                  FeatureState* state, FeatureRole role = FeatureRole::kPlain);

// The counts part of FoldColumn, for a profile computed elsewhere (its sketches not included).
Status UpdateFeature(const std::string& feature, const ColumnProfile& chunk, FeatureState* state);

// Merges `from` into `into` (same rules); `from` is unchanged.
Status MergeFeature(const std::string& feature, const FeatureState& from, FeatureState* into);

struct DatasetStatsState {
  double epsilon = 0.01;              // of every quantile sketch (StatsOptions.epsilon)
  int64_t topk_buckets = 1024;        // Misra-Gries counters per feature
  uint64_t num_examples = 0;
  std::vector<std::string> names;     // first-seen order
  std::vector<FeatureState> features; // parallel to names

  FeatureState* Find(const std::string& name);
  const FeatureState* Find(const std::string& name) const;
  FeatureState* FindOrAdd(const std::string& name);
};

Status MergeDataset(const DatasetStatsState& from, DatasetStatsState* into);

// Serialized format v2: "ALST", uint32 version, double epsilon, int64 topk_buckets, uint64
// num_examples, uint32 feature count, then per feature: name (uint32 length + bytes), kind
// (uint8), list depth (int32), num_non_missing, min/max/tot_num_values, leaf_values, uint32
// level count and the levels, the 96-byte MomentsState, string_bytes, invalid_utf8, int64
// min_value_bytes, int64 max_value_bytes, uint8 value_bytes_unknown, the values sketch, uint32
// count and the num_values sketches (compacted, QuantilesSketch format v1), the Misra-Gries and
// the KMV sketch (their formats v1). Little-endian. Version 1 (the same without the three
// value-bytes fields) is still read; its features' value byte lengths are unknown.
std::vector<uint8_t> SerializeDataset(const DatasetStatsState& state);
Status DeserializeDataset(const uint8_t* data, int64_t size, DatasetStatsState* state);

}  // namespace al
