// AL_HOST_DEVICE marks math that is compiled for the CPU and, under nvcc, for the GPU too.
#pragma once

#if defined(__CUDACC__)
#define AL_HOST_DEVICE __host__ __device__
#define AL_FORCE_INLINE __forceinline__
#else
#define AL_HOST_DEVICE
#define AL_FORCE_INLINE inline __attribute__((always_inline))
#endif
