// Take: a new column holding rows `indices` of `v`, in that order (rows may repeat). Every type
// of ColumnView: fixed-width and bool values, binary-like bytes with new offsets, lists with
// their children taken recursively (fixed-size lists too), dictionary indices (the dictionary
// itself is the caller's to keep), null. Indices are checked against v.length first.
#pragma once

#include <cstdint>

#include "arrowline/column_view.h"
#include "arrowline/status.h"
#include "core/owned_column.h"

namespace al {

Status Take(const ColumnView& v, const int64_t* indices, int64_t n, OwnedColumn* out);

}  // namespace al
