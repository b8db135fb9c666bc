// Shared by the statistics accumulators' bindings: histogram buckets to JS, the finalize
// options (HistogramOptions) from JS, and the positive integer option check.
#pragma once

#include <vector>

#include "binding/napi_setup.h"
#include "kernels/stats/feature_summary.h"

namespace al {
namespace binding {

Napi::Array BucketsToArray(Napi::Env env, const std::vector<HistogramBucket>& buckets);
int64_t PositiveInt(Napi::Env env, Napi::Object o, const char* key, int64_t fallback);
HistogramOptions ParseHistogramOptions(Napi::Env env, Napi::Value value);

// A statistics accumulator's constructor options { epsilon?, topKBuckets? }, into the given fields.
void ParseAccumulatorConfig(Napi::Env env, Napi::Value options, double* epsilon, int64_t* topk_buckets);

}  // namespace binding
}  // namespace al
