// ValidateColumn: checks every buffer length and offset of a view tree against its declared
// length before any kernel reads it, so a malformed view is an InvalidArgument status and
// never an out-of-bounds read. O(rows) for offsets (monotonic, in range) and dictionary indices.
#pragma once

#include "arrowline/column_view.h"
#include "arrowline/status.h"
#include "core/column_access.h"

namespace al {

constexpr int kMaxNestingDepth = 64;

Status ValidateColumn(const ColumnView& view);

}  // namespace al
