// One CSV cell: which types it can be (a CsvTypeBit mask) and its value as each of them.
// Integers and floats follow Python's int() and float() (surrounding whitespace, a sign, '_'
// between digits; nan/inf/infinity in any case); an integer outside int64 is only a string, as
// in TFDV. Timestamps: YYYY-MM-DD, optionally [T ]HH:MM[:SS[.fraction]] and Z or +HH:MM.
#pragma once

#include <cstdint>

#include "kernels/csv/csv_options.h"

namespace al {

// The types among `wanted` (CsvTypeBit) that the cell can be; kCsvBinary always.
uint32_t ClassifyCell(const uint8_t* s, int64_t n, const CsvOptions& options, uint32_t wanted = kCsvAllTypes);

bool ParseInt64Cell(const uint8_t* s, int64_t n, int64_t* out);
bool ParseFloat64Cell(const uint8_t* s, int64_t n, double* out);
bool ParseBoolCell(const uint8_t* s, int64_t n, bool* out);
// Milliseconds since the epoch, UTC.
bool ParseTimestampCell(const uint8_t* s, int64_t n, int64_t* out);

}  // namespace al
