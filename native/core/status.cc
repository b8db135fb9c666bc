#include "arrowline/status.h"

namespace al {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "OK";
    case StatusCode::kInvalidArgument: return "InvalidArgument";
    case StatusCode::kTypeMismatch: return "TypeMismatch";
    case StatusCode::kNotImplemented: return "NotImplemented";
    case StatusCode::kOutOfMemory: return "OutOfMemory";
    case StatusCode::kCudaError: return "CudaError";
    case StatusCode::kDeviceUnavailable: return "DeviceUnavailable";
    case StatusCode::kSerialization: return "Serialization";
    case StatusCode::kInternal: return "Internal";
  }
  return "Unknown";
}

}  // namespace al
