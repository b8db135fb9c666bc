// Row hashing for deterministic splits (ExampleGen): a 64-bit hash of each row's values over
// one or more columns, independent of how the data is chunked, sliced or dictionary-encoded.
// Integers (any width, bool as 0/1, dates and timestamps as stored) and floats with an
// integral value hash alike, so a column read as int64 from CSV and as float64 from JSON
// splits the same; -0.0 hashes as 0 and every NaN alike; strings and binary hash their bytes
// (FarmHash Fingerprint64); a list hashes its length and its elements in order; a null has a
// hash of its own. Columns combine in the order given.
#pragma once

#include <cstdint>
#include <vector>

#include "arrowline/column_view.h"
#include "arrowline/status.h"

namespace al {

// Folds column `v`'s value hashes into `row_hashes` (v.length entries): h = Mix(h, value hash).
Status CombineRowHashes(const ColumnView& v, uint64_t* row_hashes);

// Value hashes of every row of `v` into `out` (resized to v.length).
Status ValueHashes(const ColumnView& v, std::vector<uint64_t>* out);

// Rows by split: row r goes to the first split s with (hash[r] % total_buckets) < bounds[s],
// where bounds are cumulative bucket counts ending at total_buckets (TFX's hash_buckets).
Status SplitRowsByHash(const uint64_t* hashes, int64_t n, const std::vector<int64_t>& bounds,
                       std::vector<std::vector<int32_t>>* rows_by_split);

uint64_t MixHash(uint64_t a, uint64_t b);

}  // namespace al
