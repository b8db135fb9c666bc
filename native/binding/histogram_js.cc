#include "binding/histogram_js.h"

#include <string>

#include "binding/errors.h"

namespace al {
namespace binding {

Napi::Array BucketsToArray(Napi::Env env, const std::vector<HistogramBucket>& buckets) {
  Napi::Array a = Napi::Array::New(env, buckets.size());
  for (size_t i = 0; i < buckets.size(); ++i) {
    Napi::Object b = Napi::Object::New(env);
    b.Set("low", buckets[i].low);
    b.Set("high", buckets[i].high);
    b.Set("count", buckets[i].count);
    a.Set(static_cast<uint32_t>(i), b);
  }
  return a;
}

int64_t PositiveInt(Napi::Env env, Napi::Object o, const char* key, int64_t fallback) {
  Napi::Value v = o.Get(key);
  if (v.IsUndefined()) return fallback;
  const double d = v.IsNumber() ? v.As<Napi::Number>().DoubleValue() : -1;
  if (!(d >= 1 && d <= 1e6) || d != static_cast<double>(static_cast<int64_t>(d))) {
    ThrowInvalid(env, std::string(key) + " must be an integer from 1 to 1000000");
  }
  return static_cast<int64_t>(d);
}

HistogramOptions ParseHistogramOptions(Napi::Env env, Napi::Value value) {
  HistogramOptions h;
  if (value.IsUndefined() || value.IsNull()) return h;
  if (!value.IsObject()) ThrowInvalid(env, "finalize options must be an object");
  Napi::Object o = value.As<Napi::Object>();
  h.num_histogram_buckets = PositiveInt(env, o, "numHistogramBuckets", h.num_histogram_buckets);
  h.num_quantiles_histogram_buckets = PositiveInt(env, o, "numQuantilesHistogramBuckets", h.num_quantiles_histogram_buckets);
  h.num_values_histogram_buckets = PositiveInt(env, o, "numValuesHistogramBuckets", h.num_values_histogram_buckets);
  h.num_top_values = PositiveInt(env, o, "numTopValues", h.num_top_values);
  h.num_rank_histogram_buckets = PositiveInt(env, o, "numRankHistogramBuckets", h.num_rank_histogram_buckets);
  Napi::Value thr = o.Get("frequencyThreshold");
  if (!thr.IsUndefined()) {
    if (!thr.IsNumber()) ThrowInvalid(env, "frequencyThreshold must be a number");
    h.frequency_threshold = thr.As<Napi::Number>().DoubleValue();
  }
  return h;
}

void ParseAccumulatorConfig(Napi::Env env, Napi::Value options, double* epsilon, int64_t* topk_buckets) {
  if (!options.IsObject()) return;
  Napi::Object o = options.As<Napi::Object>();
  if (!o.Get("topKBuckets").IsUndefined()) *topk_buckets = PositiveInt(env, o, "topKBuckets", 1024);
  Napi::Value eps = o.Get("epsilon");
  if (!eps.IsUndefined()) {
    const double e = eps.IsNumber() ? eps.As<Napi::Number>().DoubleValue() : -1;
    if (!(e > 0 && e < 1)) ThrowInvalid(env, "epsilon must be a number between 0 and 1 (exclusive)");
    *epsilon = e;
  }
}

}  // namespace binding
}  // namespace al
