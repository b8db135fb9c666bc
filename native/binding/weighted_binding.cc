// WeightedStatsAccumulator: the weighted half of the statistics (StatsOptions.weight_feature) as
// a JS handle: updateAsync(batches, weightFeature, { threads }) folds record batches with each
// row's weight (read from the weight column, which must be present in every row) on a worker
// thread, columns spread over native threads; merge and finalize as for StatsAccumulator.
#include <algorithm>
#include <atomic>
#include <deque>
#include <numeric>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "binding/addon_data.h"
#include "binding/async_task.h"
#include "binding/batch_import.h"
#include "binding/entry_points.h"
#include "binding/errors.h"
#include "binding/exec_options.h"
#include "binding/histogram_js.h"
#include "kernels/stats/weighted_stats.h"

namespace al {
namespace binding {
namespace {

constexpr napi_type_tag kWeightedTag = {0x6172726f776c696eULL, 0x5765696768740001ULL};

// Every batch's weights, read and checked (the weight feature present, numeric, one value per
// row, never missing).
Status ReadAllWeights(const std::deque<ImportedBatch>& batches, const std::string& weight_feature, std::vector<std::vector<double>>* out) {
  out->clear();
  for (const ImportedBatch& b : batches) {
    const auto it = std::find(b.names.begin(), b.names.end(), weight_feature);
    if (it == b.names.end()) return Status::Invalid("the weight feature '" + weight_feature + "' is not a column of the data");
    out->emplace_back();
    Status st = ReadWeights(*b.columns[static_cast<size_t>(it - b.names.begin())].root, &out->back());
    if (!st.ok()) return Status(st.code(), "column '" + weight_feature + "': " + st.message());
  }
  return Status::OK();
}

// Every chunk's nest depth and type against the state so far and the chunks before it: after
// this and ReadAllWeights pass, folding cannot fail.
Status CheckBatches(const std::deque<ImportedBatch>& batches, const WeightedDatasetState& state) {
  std::vector<std::string> names;
  std::vector<FeatureKind> kinds;
  for (const ImportedBatch& b : batches) {
    for (size_t i = 0; i < b.names.size(); ++i) {
      auto it = std::find(names.begin(), names.end(), b.names[i]);
      if (it == names.end()) {
        names.push_back(b.names[i]);
        FeatureKind kind = FeatureKind::kUnknown;
        for (size_t k = 0; k < state.names.size(); ++k) {
          if (state.names[k] == b.names[i]) kind = state.features[k].kind;
        }
        kinds.push_back(kind);
        it = names.end() - 1;
      }
      AL_RETURN_NOT_OK(CheckWeighted(b.names[i], *b.columns[i].root, &kinds[static_cast<size_t>(it - names.begin())]));
    }
  }
  return Status::OK();
}

// Folds every batch into `state` with the weights ReadAllWeights read (a copy of the
// accumulator's state, committed by the caller on success, or the state itself once checked).
Status FoldBatches(const std::deque<ImportedBatch>& batches, const std::vector<std::vector<double>>& all_weights, int threads, WeightedDatasetState* state) {
  size_t batch_index = 0;
  for (const ImportedBatch& b : batches) {
    const std::vector<double>& weights = all_weights[batch_index++];
    state->weighted_num_examples += std::accumulate(weights.begin(), weights.end(), 0.0);
    std::vector<WeightedFeatureState*> targets;
    for (const std::string& name : b.names) targets.push_back(state->FindOrAdd(name));
    // FindOrAdd may have grown the vector: take the pointers again now that every name exists
    for (size_t i = 0; i < b.names.size(); i++) targets[i] = state->FindOrAdd(b.names[i]);
    std::vector<Status> status(b.names.size());
    std::atomic<size_t> next{0};
    auto worker = [&] {
      for (size_t i = next++; i < b.names.size(); i = next++) status[i] = FoldWeighted(b.names[i], *b.columns[i].root, weights, targets[i]);
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < std::min<int>(threads, static_cast<int>(b.names.size())); t++) pool.emplace_back(worker);
    worker();
    for (std::thread& t : pool) t.join();
    for (size_t i = 0; i < status.size(); i++) {
      if (!status[i].ok()) return status[i].code() == StatusCode::kTypeMismatch ? status[i] : Status(status[i].code(), "column '" + b.names[i] + "': " + status[i].message());
    }
  }
  return Status::OK();
}

Napi::Object SummaryToJs(Napi::Env env, const std::string& name, const WeightedSummary& s) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("name", name);
  o.Set("numNonMissing", s.num_non_missing);
  o.Set("numMissing", s.num_missing);
  o.Set("totNumValues", s.tot_num_values);
  o.Set("avgNumValues", s.avg_num_values);
  Napi::Array levels = Napi::Array::New(env, s.levels.size());
  for (size_t l = 0; l < s.levels.size(); l++) {
    Napi::Object lo = Napi::Object::New(env);
    lo.Set("numNonMissing", s.levels[l].non_missing);
    lo.Set("numMissing", s.levels[l].missing);
    lo.Set("totNumValues", s.levels[l].tot_values);
    lo.Set("avgNumValues", s.levels[l].non_missing > 0 ? s.levels[l].tot_values / s.levels[l].non_missing : 0.0);
    levels.Set(static_cast<uint32_t>(l), lo);
  }
  o.Set("levels", levels);
  if (s.has_numeric) {
    Napi::Object n = Napi::Object::New(env);
    n.Set("mean", s.mean);
    n.Set("stdDev", s.std_dev);
    if (s.has_histograms) {
      n.Set("median", s.median);
      n.Set("standard", BucketsToArray(env, s.standard));
      n.Set("quantiles", BucketsToArray(env, s.quantiles));
    }
    o.Set("numeric", n);
  }
  if (s.has_top_values) {
    Napi::Array top = Napi::Array::New(env, s.top.size());
    for (size_t i = 0; i < s.top.size(); i++) {
      Napi::Object t = Napi::Object::New(env);
      t.Set("value", s.top[i].value);
      t.Set("count", s.top[i].count);
      top.Set(static_cast<uint32_t>(i), t);
    }
    o.Set("top", top);
  }
  return o;
}

class WeightedStatsAccumulator : public Napi::ObjectWrap<WeightedStatsAccumulator> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "WeightedStatsAccumulator",
                       {InstanceMethod<&WeightedStatsAccumulator::UpdateAsync>("updateAsync"),
                        InstanceMethod<&WeightedStatsAccumulator::Merge>("merge"),
                        InstanceMethod<&WeightedStatsAccumulator::Finalize>("finalize"),
                        InstanceMethod<&WeightedStatsAccumulator::Serialize>("serialize"),
                        StaticMethod<&WeightedStatsAccumulator::Deserialize>("deserialize")});
  }

  explicit WeightedStatsAccumulator(const Napi::CallbackInfo& info) : Napi::ObjectWrap<WeightedStatsAccumulator>(info) {
    info.This().As<Napi::Object>().TypeTag(&kWeightedTag);
    ParseAccumulatorConfig(info.Env(), info[0], &state_.epsilon, &state_.topk_buckets);
  }

 private:
  class UpdateTask : public StatusTask {
   public:
    UpdateTask(Napi::Env env, std::deque<ImportedBatch> batches, std::vector<std::vector<double>> weights, int threads, Napi::Object self, WeightedDatasetState copy)
        : StatusTask(env), batches_(std::move(batches)), weights_(std::move(weights)), threads_(threads), self_(Napi::Persistent(self)), copy_(std::move(copy)) {}

   protected:
    Status Run() override { return FoldBatches(batches_, weights_, threads_, &copy_); }
    Napi::Value Resolve(Napi::Env env) override {
      WeightedStatsAccumulator* self = Unwrap(self_.Value());
      self->busy_ = false;
      self->state_ = std::move(copy_);
      return env.Undefined();
    }
    void Rejected() override { Unwrap(self_.Value())->busy_ = false; }

   private:
    std::deque<ImportedBatch> batches_;
    std::vector<std::vector<double>> weights_;
    int threads_;
    Napi::ObjectReference self_;
    WeightedDatasetState copy_;
  };

  // Weights read and every chunk checked first (a bad weight or a type conflict throws before
  // anything changes); a small update then folds in place on this thread, a large one folds a
  // copy of the state on a worker thread.
  Napi::Value UpdateAsync(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (busy_) ThrowInvalid(env, "WeightedStatsAccumulator: an asynchronous update is still running; await it before updating or merging again");
    std::deque<ImportedBatch> batches = ImportBatches(env, info[0]);
    if (!info[1].IsString()) ThrowInvalid(env, "updateAsync(batches, weightFeature): weightFeature must be a string");
    const ExecOptions options = ParseExecOptions(env, info[2]);
    std::vector<std::vector<double>> weights;
    ThrowIfError(env, ReadAllWeights(batches, info[1].As<Napi::String>().Utf8Value(), &weights));
    ThrowIfError(env, CheckBatches(batches, state_));
    int64_t values = 0;
    for (const ImportedBatch& b : batches) values += b.num_rows * static_cast<int64_t>(b.names.size());
    if (values <= kInPlaceUpdateValues) {
      ThrowIfError(env, FoldBatches(batches, weights, 1, &state_));
      return ResolvedPromise(env);
    }
    busy_ = true;
    return (new UpdateTask(env, std::move(batches), std::move(weights), options.threads, info.This().As<Napi::Object>(), state_))->Start();
  }

  Napi::Value Merge(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (info.Length() < 1 || !info[0].IsObject() || !info[0].As<Napi::Object>().CheckTypeTag(&kWeightedTag)) {
      ThrowInvalid(env, "WeightedStatsAccumulator.merge expects another WeightedStatsAccumulator");
    }
    if (busy_) ThrowInvalid(env, "WeightedStatsAccumulator: an asynchronous update is still running; await it before updating or merging again");
    WeightedDatasetState next = state_;
    ThrowIfError(env, MergeWeightedDataset(Unwrap(info[0].As<Napi::Object>())->state_, &next));
    state_ = std::move(next);
    return env.Undefined();
  }

  Napi::Value Finalize(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    const HistogramOptions h = ParseHistogramOptions(env, info[0]);
    Napi::Object o = Napi::Object::New(env);
    o.Set("weightedNumExamples", state_.weighted_num_examples);
    Napi::Array features = Napi::Array::New(env, state_.names.size());
    for (size_t i = 0; i < state_.names.size(); i++) {
      features.Set(static_cast<uint32_t>(i), SummaryToJs(env, state_.names[i], SummarizeWeighted(state_.features[i], state_.weighted_num_examples, h)));
    }
    o.Set("features", features);
    return o;
  }

  Napi::Value Serialize(const Napi::CallbackInfo& info) {
    const std::vector<uint8_t> bytes = SerializeWeighted(state_);
    Napi::Uint8Array out = Napi::Uint8Array::New(info.Env(), bytes.size());
    std::copy(bytes.begin(), bytes.end(), out.Data());
    return out;
  }

  static Napi::Value Deserialize(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (info.Length() < 1 || !info[0].IsTypedArray() || info[0].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) {
      ThrowInvalid(env, "WeightedStatsAccumulator.deserialize expects a Uint8Array");
    }
    Napi::Uint8Array bytes = info[0].As<Napi::Uint8Array>();
    WeightedDatasetState state;
    ThrowIfError(env, DeserializeWeighted(bytes.Data(), static_cast<int64_t>(bytes.ByteLength()), &state));
    Napi::Object obj = GetAddonData(env)->weighted_accumulator.New({});
    Unwrap(obj)->state_ = std::move(state);
    return obj;
  }

  WeightedDatasetState state_;
  bool busy_ = false;  // an UpdateTask holds a copy of the state it will commit
};

}  // namespace

Napi::Function DefineWeightedStatsAccumulator(Napi::Env env) { return WeightedStatsAccumulator::Define(env); }

}  // namespace binding
}  // namespace al
