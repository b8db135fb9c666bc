// Reads a whole file into caller-owned memory with `threads` parallel preads (the page cache
// copies faster on several cores), so a large CSV is in memory sooner before it is parsed.
#pragma once

#include <cstdint>
#include <string>

#include "arrowline/status.h"

namespace al {

// Reads exactly `size` bytes of `path` into `out`; fails if the file is shorter or unreadable.
Status ReadFileParallel(const std::string& path, uint8_t* out, int64_t size, int threads);

}  // namespace al
