// Which SIMD variant this CPU runs, decided once at load (Arrow's CpuInfo pattern).
#pragma once

namespace al {

enum class SimdLevel { kScalar, kSse2, kAvx2 };

// The best level both compiled in and supported by this CPU.
SimdLevel DetectSimdLevel();
const char* SimdLevelName(SimdLevel level);

}  // namespace al
