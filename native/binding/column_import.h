// JS column descriptor -> ColumnView tree, zero copy. src/native/columnView.ts builds the
// descriptor from an apache-arrow Data: { typeId, length, offset, validity?, values?, offsets?,
// listSize?, indexType?, child?, dictionary? } with TypedArrays straight from the Data. The
// views point into those arrays; the import keeps a reference to each so async work can read
// them after the call returns. Every import is validated (ValidateColumn) before it is used.
#pragma once

#include <deque>
#include <vector>

#include "arrowline/column_view.h"
#include "binding/napi_setup.h"

namespace al {
namespace binding {

struct ImportedColumn {
  ImportedColumn() = default;
  ImportedColumn(ImportedColumn&&) = default;
  ImportedColumn& operator=(ImportedColumn&&) = default;
  ImportedColumn(const ImportedColumn&) = delete;
  ImportedColumn& operator=(const ImportedColumn&) = delete;

  std::deque<ColumnView> nodes;  // a deque keeps node addresses stable as children are added
  const ColumnView* root = nullptr;
  std::vector<Napi::ObjectReference> keep_alive;
};

// Throws an InvalidArgument error (E_INPUT_MALFORMED) for a malformed descriptor or view.
void ImportColumn(Napi::Env env, Napi::Value descriptor, ImportedColumn* out);

}  // namespace binding
}  // namespace al
