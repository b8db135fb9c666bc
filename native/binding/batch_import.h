// Record batches as the statistics accumulators receive them from src/native/datasetStats.ts:
// { numRows, columns: [{ name, column }] } (column: a descriptor, column_import.h), one batch or
// an array of them, every column checked against the batch's row count.
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "binding/column_import.h"
#include "binding/napi_setup.h"

namespace al {
namespace binding {

struct ImportedBatch {
  int64_t num_rows = 0;
  std::vector<std::string> names;
  std::deque<ImportedColumn> columns;  // a deque: its elements are never moved
};

ImportedBatch ImportBatch(Napi::Env env, Napi::Value value);
std::deque<ImportedBatch> ImportBatches(Napi::Env env, Napi::Value value);

}  // namespace binding
}  // namespace al
