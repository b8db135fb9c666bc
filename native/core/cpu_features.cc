#include "core/cpu_features.h"

namespace al {

SimdLevel DetectSimdLevel() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return SimdLevel::kAvx2;
  return SimdLevel::kSse2;  // the x86-64 baseline
#else
  return SimdLevel::kScalar;
#endif
}

const char* SimdLevelName(SimdLevel level) {
  switch (level) {
    case SimdLevel::kAvx2: return "avx2";
    case SimdLevel::kSse2: return "sse2";
    case SimdLevel::kScalar: return "scalar";
  }
  return "scalar";
}

}  // namespace al
