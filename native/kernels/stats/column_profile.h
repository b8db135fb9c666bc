// ColumnProfile: presence and valency per nest level and the leaf counts of one column, in one
// pass per level: what TFDV's common statistics are built from (reference/tfdv.md §2.3), and
// the round-trip check that every Arrow type arrowline maps is read correctly.
#pragma once

#include <cstdint>
#include <vector>

#include "arrowline/column_view.h"
#include "arrowline/status.h"
#include "kernels/stats/moments.h"
#include "sketches/kmv.h"
#include "sketches/misra_gries.h"

namespace al {

struct LevelProfile {
  int64_t elements = 0;      // elements at this level (level 0: rows)
  int64_t nulls = 0;         // null lists among them
  int64_t min_length = 0;    // over non-null lists; 0 when there are none
  int64_t max_length = 0;
  int64_t total_length = 0;  // = elements of the next level
};

struct ColumnProfile {
  TypeId value_type = TypeId::kNull;  // leaf type, through a dictionary
  int64_t rows = 0;
  int64_t nulls = 0;                  // null rows
  std::vector<LevelProfile> levels;   // one per list level, outermost first
  int64_t leaf_values = 0;            // leaf elements (null ones included)
  int64_t leaf_nulls = 0;
  int64_t value_bytes = 0;            // binary-like leaves: bytes of the non-null values
  int64_t min_value_bytes = -1;       // binary-like leaves: shortest / longest non-null value
  int64_t max_value_bytes = -1;       //   (-1 when there is none)
  int64_t invalid_utf8 = 0;           // binary-like leaves: non-null values that are not valid UTF-8
  bool has_moments = false;           // numeric leaves
  MomentsState moments{};
  // Per TFDV nest level (a flat column is one level of one-value lists): each distinct list
  // length of the level's non-null lists with its count, in first-seen order (what TFDV feeds
  // its num_values sketches, grouped as pyarrow's value_counts groups them).
  std::vector<std::vector<std::pair<int64_t, int64_t>>> length_counts;
};

// Sketches a profile pass feeds as it reads the leaves (each may be null): every non-NaN
// numeric value, and every non-null string value (top-k with placeholders; distinct on the raw
// bytes). The caller owns them, so a column's chunks feed one set without merges.
struct ProfileSinks {
  QuantilesSketch* values = nullptr;
  MisraGries* topk = nullptr;
  Kmv* distinct = nullptr;
};

// `view` must have passed ValidateColumn.
Status ProfileColumn(const ColumnView& view, const MomentsOptions& options, ColumnProfile* out,
                     const ProfileSinks& sinks = ProfileSinks());

}  // namespace al
