// StatsAccumulator: the dataset statistics accumulator as a JS handle. update(batch) folds a
// record batch ({ numRows, columns: [{ name, column }] }) in; updateAsync does the column passes
// on a worker thread (columns spread over `threads` native threads) and folds the results in on
// the main thread, in column order; merge / serialize / deserialize / finalize as for every
// accumulator.
#include <algorithm>
#include <atomic>
#include <deque>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "binding/addon_data.h"
#include "binding/async_task.h"
#include "binding/batch_import.h"
#include "binding/column_import.h"
#include "binding/entry_points.h"
#include "binding/exec_options.h"
#include "binding/histogram_js.h"
#include "binding/results.h"
#include "kernels/stats/feature_stats.h"
#include "kernels/stats/feature_summary.h"

namespace al {
namespace binding {
namespace {

constexpr napi_type_tag kStatsTag = {0x6172726f776c696eULL, 0x5374617473000001ULL};

// The work of one update: every column's chunks, across all batches, folded into that column's
// state. Columns are spread over `threads` threads (a shared counter hands them out); one
// column's chunks are folded by one thread in batch order, so results do not depend on timing.
// Every chunk's type and nest level are checked first (CheckPlan), the one way a fold can fail,
// so nothing is folded unless all of it can be. A small update then folds in place on the
// calling thread; a large one folds copies of the touched states on a worker thread, which
// replace the accumulator's states when it is done (so the accumulator stays readable
// meanwhile).
struct FoldPlan {
  std::vector<std::string> names;                       // first-seen order
  std::vector<std::string> categorical;                 // integer features to describe as categorical
  std::vector<std::string> bytes;                       // features with bytes statistics (image_domain)
  std::vector<std::vector<const ColumnView*>> chunks;   // per name, in batch order
  std::vector<FeatureState> states;                     // copies to fold into (not in place)
  std::vector<FeatureState*> targets;                   // per name: where it folds
  uint64_t rows = 0;
  int64_t values = 0;                                   // chunk lengths summed over columns
};

FoldPlan Plan(const std::deque<ImportedBatch>& batches) {
  FoldPlan plan;
  for (const ImportedBatch& b : batches) {
    plan.rows += static_cast<uint64_t>(b.num_rows);
    for (size_t i = 0; i < b.names.size(); ++i) {
      auto it = std::find(plan.names.begin(), plan.names.end(), b.names[i]);
      size_t k = static_cast<size_t>(it - plan.names.begin());
      if (it == plan.names.end()) {
        plan.names.push_back(b.names[i]);
        plan.chunks.emplace_back();
      }
      plan.chunks[k].push_back(b.columns[i].root);
      plan.values += b.columns[i].root->length;
    }
  }
  return plan;
}

// Every chunk's type and nest level against the state so far and the chunks before it.
Status CheckPlan(const FoldPlan& plan, const DatasetStatsState& current) {
  for (size_t i = 0; i < plan.names.size(); ++i) {
    const FeatureState* existing = current.Find(plan.names[i]);
    FeatureKind kind = existing != nullptr ? existing->kind : FeatureKind::kUnknown;
    int32_t depth = existing != nullptr ? existing->list_depth : -1;
    for (const ColumnView* chunk : plan.chunks[i]) AL_RETURN_NOT_OK(CheckFold(plan.names[i], *chunk, &kind, &depth));
  }
  return Status::OK();
}

// Copies of the touched states to fold into (for an update off the calling thread).
void UseCopies(FoldPlan* plan, const DatasetStatsState& current) {
  plan->states.clear();
  plan->states.reserve(plan->names.size());
  for (const std::string& name : plan->names) {
    const FeatureState* existing = current.Find(name);
    plan->states.push_back(existing != nullptr ? *existing : FeatureState(current.epsilon, current.topk_buckets));
  }
  plan->targets.clear();
  for (FeatureState& s : plan->states) plan->targets.push_back(&s);
}

// The accumulator's own states (added where new), to fold in place.
void UseInPlace(FoldPlan* plan, DatasetStatsState* state) {
  for (const std::string& name : plan->names) state->FindOrAdd(name);
  plan->targets.clear();
  for (const std::string& name : plan->names) plan->targets.push_back(state->Find(name));
}

// A rough relative cost of folding a chunk: leaf values times a per-type weight.
double EstimatedFoldCost(const ColumnView& column) {
  const ColumnView* v = &column;
  double lists = 0;
  while (IsList(v->type)) {
    lists += static_cast<double>(v->length);
    v = v->child;
  }
  const TypeId t = v->type == TypeId::kDictionary ? v->dictionary->type : v->type;
  const double per_value = IsBinaryLike(t) ? 4.0 : (IsNumeric(t) ? 2.0 : 1.0);
  return lists + per_value * static_cast<double>(v->length);
}

Status RunPlan(FoldPlan* plan, int threads, const DatasetStatsState& config) {
  const size_t n = plan->names.size();
  std::vector<Status> status(n);
  MomentsOptions opts;
  opts.quantiles_eps = config.epsilon;
  opts.topk_buckets = config.topk_buckets;
  // One column: its moments may use the threads; several columns: one thread each.
  opts.threads = n == 1 ? threads : 1;
  // Longest first (strings feed two hash sketches per value, numbers one sort): the last
  // column a thread picks up is a short one, so the threads finish together.
  std::vector<size_t> order(n);
  std::vector<double> cost(n, 0);
  for (size_t i = 0; i < n; ++i) {
    order[i] = i;
    for (const ColumnView* chunk : plan->chunks[i]) cost[i] += EstimatedFoldCost(*chunk);
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return cost[a] > cost[b]; });
  std::vector<FeatureRole> roles(n, FeatureRole::kPlain);
  for (size_t i = 0; i < n; ++i) {
    const auto named = [&](const std::vector<std::string>& list) { return std::find(list.begin(), list.end(), plan->names[i]) != list.end(); };
    if (named(plan->bytes)) roles[i] = FeatureRole::kBytes;
    else if (named(plan->categorical)) roles[i] = FeatureRole::kCategorical;
  }
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t k = next++; k < n; k = next++) {
      const size_t i = order[k];
      for (const ColumnView* chunk : plan->chunks[i]) {
        status[i] = FoldColumn(plan->names[i], *chunk, opts, plan->targets[i], roles[i]);
        if (!status[i].ok()) break;
      }
    }
  };
  const int pool_size = std::max(1, std::min<int>(threads, static_cast<int>(n)));
  std::vector<std::thread> pool;
  for (int t = 1; t < pool_size; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  for (size_t i = 0; i < n; ++i) {
    if (!status[i].ok()) {
      const bool named = status[i].code() == StatusCode::kTypeMismatch;  // TFDV's messages already name the feature
      return named ? status[i] : Status(status[i].code(), "column '" + plan->names[i] + "': " + status[i].message());
    }
  }
  return Status::OK();
}

void Commit(FoldPlan&& plan, DatasetStatsState* state) {
  state->num_examples += plan.rows;
  if (plan.states.empty()) return;  // folded in place
  for (size_t i = 0; i < plan.names.size(); ++i) *state->FindOrAdd(plan.names[i]) = std::move(plan.states[i]);
}

Napi::Object SummaryToObject(Napi::Env env, const FeatureSummary& s) {
  Napi::Object o = Napi::Object::New(env);
  if (s.has_numeric_histograms) {
    o.Set("median", s.median);
    o.Set("standard", BucketsToArray(env, s.standard));
    o.Set("quantiles", BucketsToArray(env, s.quantiles));
  }
  if (s.has_num_values_histogram) o.Set("numValues", BucketsToArray(env, s.num_values));
  Napi::Array levels = Napi::Array::New(env, s.levels.size());
  for (size_t l = 0; l < s.levels.size(); ++l) {
    Napi::Object lo = Napi::Object::New(env);
    lo.Set("quantiles", BucketsToArray(env, s.levels[l].quantiles));
    lo.Set("standard", BucketsToArray(env, s.levels[l].standard));
    levels.Set(static_cast<uint32_t>(l), lo);
  }
  o.Set("levels", levels);
  if (s.has_top_values) {
    o.Set("unique", static_cast<double>(s.unique));
    Napi::Array top = Napi::Array::New(env, s.top.size());
    for (size_t i = 0; i < s.top.size(); ++i) {
      Napi::Object t = Napi::Object::New(env);
      t.Set("value", s.top[i].value);  // valid UTF-8: invalid values became __BYTES_VALUE__
      t.Set("count", s.top[i].count);
      top.Set(static_cast<uint32_t>(i), t);
    }
    o.Set("top", top);
  }
  return o;
}

Napi::Object FeatureToObject(Napi::Env env, const std::string& name, const FeatureState& f, const HistogramOptions& h) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("name", name);
  o.Set("kind", FeatureKindName(f.kind));
  o.Set("listDepth", f.list_depth);
  o.Set("numNonMissing", static_cast<double>(f.num_non_missing));
  o.Set("minNumValues", static_cast<double>(f.min_num_values));
  o.Set("maxNumValues", static_cast<double>(f.max_num_values));
  o.Set("totNumValues", static_cast<double>(f.tot_num_values));
  o.Set("leafValues", static_cast<double>(f.leaf_values));
  Napi::Array levels = Napi::Array::New(env, f.levels.size());
  for (size_t l = 0; l < f.levels.size(); ++l) {
    Napi::Object lo = Napi::Object::New(env);
    lo.Set("numNonMissing", static_cast<double>(f.levels[l].non_missing));
    lo.Set("numMissing", static_cast<double>(f.levels[l].missing));
    lo.Set("minNumValues", static_cast<double>(f.levels[l].min_values));
    lo.Set("maxNumValues", static_cast<double>(f.levels[l].max_values));
    lo.Set("totNumValues", static_cast<double>(f.levels[l].tot_values));
    levels.Set(static_cast<uint32_t>(l), lo);
  }
  o.Set("levels", levels);
  o.Set("moments", MomentsToObject(env, f.moments));
  o.Set("stringBytes", static_cast<double>(f.string_bytes));
  o.Set("invalidUtf8", static_cast<double>(f.invalid_utf8));
  if (f.min_value_bytes >= 0 && !f.value_bytes_unknown) {
    o.Set("minValueBytes", static_cast<double>(f.min_value_bytes));
    o.Set("maxValueBytes", static_cast<double>(f.max_value_bytes));
  }
  o.Set("histograms", SummaryToObject(env, Summarize(f, h)));
  return o;
}

// options[key]: an optional array of feature names. `categorical`: integer features to describe
// as categorical (string statistics); `bytes`: features with bytes statistics (no top-k).
std::vector<std::string> FeatureNames(Napi::Env env, Napi::Value options, const char* key) {
  std::vector<std::string> out;
  if (!options.IsObject()) return out;
  Napi::Value v = options.As<Napi::Object>().Get(key);
  if (v.IsUndefined() || v.IsNull()) return out;
  if (!v.IsArray()) ThrowInvalid(env, std::string("options.") + key + " must be an array of feature names");
  Napi::Array a = v.As<Napi::Array>();
  for (uint32_t i = 0; i < a.Length(); i++) {
    if (!a.Get(i).IsString()) ThrowInvalid(env, std::string("options.") + key + "[] must be strings");
    out.push_back(a.Get(i).As<Napi::String>().Utf8Value());
  }
  return out;
}

class StatsAccumulator : public Napi::ObjectWrap<StatsAccumulator> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "StatsAccumulator",
                       {InstanceMethod<&StatsAccumulator::Update>("update"),
                        InstanceMethod<&StatsAccumulator::UpdateAsync>("updateAsync"),
                        InstanceMethod<&StatsAccumulator::Merge>("merge"),
                        InstanceMethod<&StatsAccumulator::Serialize>("serialize"),
                        InstanceMethod<&StatsAccumulator::Finalize>("finalize"),
                        StaticMethod<&StatsAccumulator::Deserialize>("deserialize")});
  }

  // new StatsAccumulator({ epsilon? })
  explicit StatsAccumulator(const Napi::CallbackInfo& info) : Napi::ObjectWrap<StatsAccumulator>(info) {
    info.This().As<Napi::Object>().TypeTag(&kStatsTag);
    ParseAccumulatorConfig(info.Env(), info[0], &state_.epsilon, &state_.topk_buckets);
  }

 private:
  // A large update: the plan and copies of the touched states are made on the main thread, the
  // folding runs on a worker, the commit happens on the main thread. Meanwhile busy_ refuses
  // other changes (the commit would overwrite them).
  class UpdateTask : public StatusTask {
   public:
    UpdateTask(Napi::Env env, std::deque<ImportedBatch> batches, int threads, Napi::Object self, FoldPlan plan,
               DatasetStatsState config)
        : StatusTask(env), batches_(std::move(batches)), threads_(threads), self_(Napi::Persistent(self)),
          plan_(std::move(plan)), config_(std::move(config)) {}

   protected:
    Status Run() override { return RunPlan(&plan_, threads_, config_); }
    Napi::Value Resolve(Napi::Env env) override {
      StatsAccumulator* self = Unwrap(self_.Value());
      self->busy_ = false;
      Commit(std::move(plan_), &self->state_);
      return env.Undefined();
    }
    void Rejected() override { Unwrap(self_.Value())->busy_ = false; }

   private:
    std::deque<ImportedBatch> batches_;  // keeps the column buffers referenced while folding
    int threads_;
    Napi::ObjectReference self_;
    FoldPlan plan_;
    DatasetStatsState config_;  // options only (epsilon, top-k buckets)
  };

  DatasetStatsState Config() const {
    DatasetStatsState c;
    c.epsilon = state_.epsilon;
    c.topk_buckets = state_.topk_buckets;
    return c;
  }

  // The plan of an update, checked: a type or nest-level conflict throws before anything changes.
  FoldPlan CheckedPlan(Napi::Env env, const std::deque<ImportedBatch>& batches, Napi::Value options) {
    if (busy_) ThrowInvalid(env, "StatsAccumulator: an asynchronous update is still running; await it before updating or merging again");
    FoldPlan plan = Plan(batches);
    plan.categorical = FeatureNames(env, options, "categorical");
    plan.bytes = FeatureNames(env, options, "bytes");
    ThrowIfError(env, CheckPlan(plan, state_));
    return plan;
  }

  // In place on this thread (checked already, so it cannot fail half way).
  void FoldHere(Napi::Env env, FoldPlan plan, int threads) {
    UseInPlace(&plan, &state_);
    ThrowIfError(env, RunPlan(&plan, threads, state_));
    Commit(std::move(plan), &state_);
  }

  Napi::Value Update(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    const std::deque<ImportedBatch> batches = ImportBatches(env, info[0]);
    const ExecOptions options = ParseExecOptions(env, info[1]);
    FoldHere(env, CheckedPlan(env, batches, info[1]), options.threads);
    return env.Undefined();
  }

  Napi::Value UpdateAsync(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    std::deque<ImportedBatch> batches = ImportBatches(env, info[0]);
    const ExecOptions options = ParseExecOptions(env, info[1]);
    FoldPlan plan = CheckedPlan(env, batches, info[1]);
    if (plan.values <= kInPlaceUpdateValues) {
      FoldHere(env, std::move(plan), 1);
      return ResolvedPromise(env);
    }
    UseCopies(&plan, state_);
    busy_ = true;
    return (new UpdateTask(env, std::move(batches), options.threads, info.This().As<Napi::Object>(), std::move(plan),
                           Config()))
        ->Start();
  }

  Napi::Value Merge(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (info.Length() < 1 || !info[0].IsObject() || !info[0].As<Napi::Object>().CheckTypeTag(&kStatsTag)) {
      ThrowInvalid(env, "StatsAccumulator.merge expects another StatsAccumulator");
    }
    if (busy_) ThrowInvalid(env, "StatsAccumulator: an asynchronous update is still running; await it before updating or merging again");
    DatasetStatsState next = state_;
    ThrowIfError(env, MergeDataset(Unwrap(info[0].As<Napi::Object>())->state_, &next));
    state_ = std::move(next);
    return env.Undefined();
  }

  Napi::Value Serialize(const Napi::CallbackInfo& info) {
    const std::vector<uint8_t> bytes = SerializeDataset(state_);
    Napi::Uint8Array out = Napi::Uint8Array::New(info.Env(), bytes.size());
    std::copy(bytes.begin(), bytes.end(), out.Data());
    return out;
  }

  Napi::Value Finalize(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    const HistogramOptions h = ParseHistogramOptions(env, info[0]);
    Napi::Object o = Napi::Object::New(env);
    o.Set("epsilon", state_.epsilon);
    o.Set("numExamples", static_cast<double>(state_.num_examples));
    Napi::Array features = Napi::Array::New(env, state_.names.size());
    for (size_t i = 0; i < state_.names.size(); ++i) {
      features.Set(static_cast<uint32_t>(i), FeatureToObject(env, state_.names[i], state_.features[i], h));
    }
    o.Set("features", features);
    return o;
  }

  static Napi::Value Deserialize(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (info.Length() < 1 || !info[0].IsTypedArray() ||
        info[0].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) {
      ThrowInvalid(env, "StatsAccumulator.deserialize expects a Uint8Array");
    }
    Napi::Uint8Array bytes = info[0].As<Napi::Uint8Array>();
    DatasetStatsState state;
    ThrowIfError(env, DeserializeDataset(bytes.Data(), static_cast<int64_t>(bytes.ByteLength()), &state));
    Napi::Object obj = GetAddonData(env)->stats_accumulator.New({});
    Unwrap(obj)->state_ = std::move(state);
    return obj;
  }

  DatasetStatsState state_;
  bool busy_ = false;  // an UpdateTask holds copies of states it will commit
};

}  // namespace

Napi::Function DefineStatsAccumulator(Napi::Env env) { return StatsAccumulator::Define(env); }

}  // namespace binding
}  // namespace al
