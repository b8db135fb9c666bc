// CUDA moments kernel: each thread folds a grid-stride share of the selected leaf values with
// MomentsOp::Update, each block reduces its threads' states with MomentsOp::Merge in shared
// memory, and the host merges the block states in block order. The math is moments_op.h's,
// the same header the CPU kernel uses.
#include <algorithm>
#include <vector>

#include "core/dispatch.h"
#include "cuda/cuda_api.h"
#include "cuda/cuda_check.h"

namespace al {
namespace cuda {
namespace {

constexpr int kThreads = 256;
constexpr int kMaxBlocks = 1024;  // fixed, not per device, so results do not depend on the GPU

template <typename Tag>
__global__ void MomentsKernel(const void* values, const uint8_t* validity, int64_t bit_offset,
                              const int64_t* range_begin, const int64_t* range_prefix, int nranges, int64_t total,
                              MomentsState* block_states) {
  MomentsState s;
  MomentsOp::Init(s);
  uint64_t nulls = 0;
  const int64_t stride = static_cast<int64_t>(gridDim.x) * blockDim.x;
  for (int64_t g = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; g < total; g += stride) {
    int lo = 0, hi = nranges - 1;
    while (lo < hi) {  // the range holding flattened index g
      const int mid = (lo + hi + 1) / 2;
      if (range_prefix[mid] <= g) lo = mid; else hi = mid - 1;
    }
    const int64_t i = range_begin[lo] + (g - range_prefix[lo]);
    if (validity != nullptr && !GetBit(validity, bit_offset + i)) {
      ++nulls;
      continue;
    }
    MomentsOp::Update(s, LoadAsDouble<Tag>(values, bit_offset, i));
  }
  s.null_count += nulls;
  __shared__ MomentsState shared[kThreads];
  shared[threadIdx.x] = s;
  __syncthreads();
  for (int half = blockDim.x / 2; half > 0; half /= 2) {
    if (threadIdx.x < half) MomentsOp::Merge(shared[threadIdx.x], shared[threadIdx.x + half]);
    __syncthreads();
  }
  if (threadIdx.x == 0) block_states[blockIdx.x] = shared[0];
}

// Device memory freed on every return path.
struct DeviceBuffer {
  void* ptr = nullptr;
  ~DeviceBuffer() {
    if (ptr != nullptr) cudaFree(ptr);
  }
};

Status Upload(DeviceBuffer* buf, const void* host, size_t bytes) {
  if (bytes == 0) return Status::OK();
  AL_CUDA_TRY(cudaMalloc(&buf->ptr, bytes));
  AL_CUDA_TRY(cudaMemcpy(buf->ptr, host, bytes, cudaMemcpyHostToDevice));
  return Status::OK();
}

}  // namespace

Status UpdateMoments(const LeafSelection& sel, int device, MomentsState* state) {
  const ColumnView& leaf = *sel.leaf;
  if (!IsNumeric(leaf.type)) {
    return Status::NotImplemented(std::string("moments on GPU: unsupported type ") + TypeIdName(leaf.type));
  }
  const int64_t total = sel.Count();
  if (total == 0) return Status::OK();
  AL_CUDA_TRY(cudaSetDevice(device));
  // Upload only the span of rows the ranges cover, re-based to start at row 0.
  const int64_t first = sel.ranges.front().begin, last = sel.ranges.back().end;
  const int64_t span = last - first;
  std::vector<int64_t> begins(sel.ranges.size()), prefix(sel.ranges.size());
  int64_t acc = 0;
  for (size_t r = 0; r < sel.ranges.size(); ++r) {
    begins[r] = sel.ranges[r].begin - first;
    prefix[r] = acc;
    acc += sel.ranges[r].end - sel.ranges[r].begin;
  }
  // Bit-addressed buffers (validity, bool values) keep their bit phase: copy from the byte holding bit (offset + first).
  const int64_t first_bit = leaf.offset + first;
  const int64_t bit_offset = first_bit % 8;
  const size_t bit_bytes = static_cast<size_t>((bit_offset + span + 7) / 8);
  DeviceBuffer d_values, d_validity, d_begins, d_prefix, d_states;
  const int width = FixedWidthBytes(leaf.type);
  if (leaf.type == TypeId::kBool) {
    AL_RETURN_NOT_OK(Upload(&d_values, static_cast<const uint8_t*>(leaf.values) + first_bit / 8, bit_bytes));
  } else {
    AL_RETURN_NOT_OK(Upload(&d_values, static_cast<const uint8_t*>(leaf.values) + first * width,
                            static_cast<size_t>(span) * width));
  }
  if (leaf.validity != nullptr) AL_RETURN_NOT_OK(Upload(&d_validity, leaf.validity + first_bit / 8, bit_bytes));
  AL_RETURN_NOT_OK(Upload(&d_begins, begins.data(), begins.size() * sizeof(int64_t)));
  AL_RETURN_NOT_OK(Upload(&d_prefix, prefix.data(), prefix.size() * sizeof(int64_t)));
  const int blocks = static_cast<int>(std::min<int64_t>(kMaxBlocks, (total + kThreads - 1) / kThreads));
  AL_CUDA_TRY(cudaMalloc(&d_states.ptr, blocks * sizeof(MomentsState)));
  Status launched = VisitNumeric(leaf.type, [&](auto tag) -> Status {
    using Tag = decltype(tag);
    MomentsKernel<Tag><<<blocks, kThreads>>>(d_values.ptr, static_cast<const uint8_t*>(d_validity.ptr), bit_offset,
                                             static_cast<const int64_t*>(d_begins.ptr),
                                             static_cast<const int64_t*>(d_prefix.ptr),
                                             static_cast<int>(sel.ranges.size()), total,
                                             static_cast<MomentsState*>(d_states.ptr));
    AL_CUDA_TRY(cudaGetLastError());
    return Status::OK();
  });
  AL_RETURN_NOT_OK(launched);
  std::vector<MomentsState> states(blocks);
  AL_CUDA_TRY(cudaMemcpy(states.data(), d_states.ptr, blocks * sizeof(MomentsState), cudaMemcpyDeviceToHost));
  for (const MomentsState& s : states) MomentsOp::Merge(*state, s);
  return Status::OK();
}

}  // namespace cuda
}  // namespace al
