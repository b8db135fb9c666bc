// The CSV reader over one buffer: header, type inference and conversion to Arrow buffers, on
// `options.threads` threads. The buffer is cut into blocks; every block after the first starts
// speculatively at a line start, and is parsed again from where its predecessor really ended
// when a quoted field crossed the cut, so the result never depends on the thread count.
// Inference AND-s each column's cell masks (csv_cell.h); conversion builds one OwnedColumn per
// column per block. Errors name the line (counted from `line_base`) and the column.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "arrowline/status.h"
#include "core/owned_column.h"
#include "kernels/csv/csv_options.h"

namespace al {

struct CsvRequest {
  const uint8_t* data = nullptr;
  int64_t size = 0;
  bool final = true;               // the buffer ends the input
  bool header = false;             // the first row names the columns
  int64_t expected_columns = -1;   // -1: the header's or the first row's field count
  int64_t line_base = 1;           // line number of data[0]
  std::vector<std::string> column_names;  // for errors when known
  std::vector<std::pair<std::string, CsvType>> declared_by_name;  // CsvRead: types that override inference
  const CsvOptions* options = nullptr;
};

struct CsvBlock {
  int64_t rows = 0;
  std::vector<OwnedColumn> columns;
};

struct CsvResult {
  std::vector<std::string> header;
  int64_t columns = 0;
  int64_t consumed = 0;   // bytes of complete rows (and the header) read
  int64_t lines = 0;      // line ends within the consumed bytes
  int64_t rows = 0;       // data rows
  int64_t bad_rows = 0;   // ragged rows skipped or turned to nulls
  std::vector<uint32_t> masks;      // inference: per column
  std::vector<uint8_t> any_value;   // inference: a non-missing cell was seen
  std::vector<CsvBlock> blocks;     // conversion
  std::vector<CsvType> types;       // CsvRead: the column types
};

// Types only (the first pass of a streamed read).
Status CsvInfer(const CsvRequest& request, CsvResult* result);
// Types and Arrow buffers in one pass: each block builds its columns with the type inferred so
// far (int64 widens to float64 in place); a block whose column ends up another type is rebuilt
// from its bytes for that column only. `declared` (one per column, or empty) and the request's
// declared_by_name fix types instead of inferring them; a cell that does not fit is an error.
Status CsvRead(const CsvRequest& request, const std::vector<CsvType>& declared, CsvResult* result);
// Conversion with every column's type given (the second pass of a streamed read).
Status CsvConvert(const CsvRequest& request, const std::vector<CsvType>& types, CsvResult* result);

}  // namespace al
