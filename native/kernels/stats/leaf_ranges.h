// Leaf ranges: which rows of the innermost (leaf) column a view's present values occupy.
// Flattening follows pyarrow's ListArray.flatten, as TFDV does: a null list contributes no
// leaf rows even when its offsets span some, so a level's elements are the children of its
// non-null lists only. Adjacent ranges are coalesced, so a list column without nulls is one range.
#pragma once

#include <cstdint>
#include <vector>

#include "arrowline/column_view.h"

namespace al {

struct RowRange {
  int64_t begin;
  int64_t end;
};

struct LeafSelection {
  const ColumnView* leaf = nullptr;  // the innermost non-list view (may be a dictionary)
  std::vector<RowRange> ranges;      // rows of `leaf`, ascending and disjoint
  int64_t Count() const;
};

// `view` must have passed ValidateColumn.
LeafSelection SelectLeaves(const ColumnView& view);

// Rows of `view` in `ranges` mapped to its child's rows, skipping null lists.
std::vector<RowRange> ChildRanges(const ColumnView& view, const std::vector<RowRange>& ranges);

// Cuts `ranges` into at most `parts` contiguous groups of about equal row count, cutting a
// range only at multiples of `align` rows from its start.
std::vector<std::vector<RowRange>> SplitRanges(const std::vector<RowRange>& ranges, int parts, int64_t align);

}  // namespace al
