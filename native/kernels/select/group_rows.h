// Rows grouped by the values of one or more key columns (slicing, as TFDV's feature value
// slicer does): every row whose keys are all present gets the id of its group; a row with a
// missing key belongs to no group (-1). Groups are numbered in order of first appearance and
// each remembers its first row, whose values name the group. Scalar key columns of any
// primitive type (dictionary included); values compare exactly (hash, then bytes).
#pragma once

#include <cstdint>
#include <vector>

#include "arrowline/column_view.h"
#include "arrowline/status.h"

namespace al {

struct RowGroups {
  std::vector<int32_t> group_of_row;  // -1: a key is missing in that row
  std::vector<int32_t> first_row;     // per group
};

Status GroupRows(const std::vector<const ColumnView*>& keys, RowGroups* out);

}  // namespace al
