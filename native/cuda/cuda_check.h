// AL_CUDA_TRY: turns a failed CUDA runtime call into an al::Status (cudf's CUDF_CUDA_TRY).
#pragma once

#include <cuda_runtime.h>

#include <string>

#include "arrowline/status.h"

#define AL_CUDA_TRY(call)                                                                          \
  do {                                                                                             \
    cudaError_t _al_err = (call);                                                                  \
    if (_al_err != cudaSuccess) {                                                                  \
      (void)cudaGetLastError();                                                                    \
      return ::al::Status::CudaError(std::string(#call) + ": " + cudaGetErrorString(_al_err));     \
    }                                                                                              \
  } while (false)
