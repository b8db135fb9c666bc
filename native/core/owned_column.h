// OwnedColumn: a column a kernel built (take, the CSV parser), in Arrow's layout, owning its
// buffers until the binding copies them into JS ArrayBuffers. Offsets are int32 or int64 by
// type (as in ColumnView); validity is empty when there are no nulls; bit offset is always 0.
// A dictionary column holds only its new indices: the caller keeps the dictionary it had.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "arrowline/column_view.h"

namespace al {

struct OwnedColumn {
  TypeId type = TypeId::kNull;
  int64_t length = 0;
  int64_t null_count = 0;
  std::vector<uint8_t> validity;
  std::vector<uint8_t> values;
  std::vector<uint8_t> offsets;
  std::unique_ptr<OwnedColumn> child;
};

}  // namespace al
