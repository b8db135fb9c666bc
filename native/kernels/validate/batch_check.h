// Row-level validation of one Arrow column against one schema feature's constraints (the batch
// form of the per-record validator): for every row, presence, value counts per nest level or a
// fixed value count (shape), and for every leaf value the domain: integer range, float range
// (as float32) with NaN/inf rules, 0/1 for bool domains, membership in a string set, integers
// written as strings. Findings name the row, the nest level and the leaf row, so the caller can
// show the offending value; the kernel never copies the column.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "arrowline/column_view.h"
#include "arrowline/status.h"

namespace al {

enum class RowIssue : int32_t {
  kMissing = 1,       // a required feature is null
  kFewValues = 2,     // fewer values than value_count(s).min at `level`
  kManyValues = 3,    // more values than value_count(s).max at `level`
  kShape = 4,         // the row's value count differs from the shape's product
  kSmallInt = 5,
  kBigInt = 6,
  kSmallFloat = 7,
  kBigFloat = 8,
  kNaN = 9,
  kInf = 10,
  kNotBool = 11,      // an integer or float that is not 0 or 1
  kOutOfDomain = 12,  // a string not in the domain (string domains and bool domains of strings)
  kNotInt = 13,       // a string that is not an int64 (int domain on strings)
};

struct CountBounds {
  bool has_min = false;
  bool has_max = false;
  int64_t min = 0;
  int64_t max = 0;
};

struct ColumnConstraints {
  bool required = false;
  std::vector<CountBounds> levels;  // value_count (one level) or value_counts (per level)
  int64_t fixed_count = -1;         // shape: the product of the dims; -1 when no shape
  enum class Leaf : int32_t { kNone = 0, kIntRange = 1, kFloatRange = 2, kBool = 3, kStringSet = 4, kIntString = 5 } leaf = Leaf::kNone;
  bool has_min = false;
  bool has_max = false;
  int64_t int_min = 0;
  int64_t int_max = 0;
  float float_min = 0;
  float float_max = 0;
  bool disallow_nan = false;
  bool disallow_inf = false;
  std::vector<std::string> strings;  // kStringSet: the allowed values
};

struct RowFinding {
  int64_t row;
  RowIssue issue;
  int32_t level;
  int64_t leaf;  // leaf row of the offending value; -1 for row-level issues
};

struct BatchCheckResult {
  std::vector<RowFinding> findings;
  bool truncated = false;  // reached max_findings: later rows were not checked
};

// `view` must have passed ValidateColumn. Stops after `max_findings` findings.
Status CheckBatchColumn(const ColumnView& view, const ColumnConstraints& c, int64_t max_findings, BatchCheckResult* out);

}  // namespace al
