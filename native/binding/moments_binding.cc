#include "binding/moments_binding.h"

#include <utility>

#include "binding/addon_data.h"
#include "binding/async_task.h"
#include "binding/column_import.h"
#include "binding/exec_options.h"
#include "binding/results.h"
#include "kernels/stats/moments.h"

namespace al {
namespace binding {
namespace {

// A unique tag so a foreign object passed to merge() is rejected, not reinterpreted.
constexpr napi_type_tag kMomentsTag = {0x6172726f776c696eULL, 0x4d6f6d656e747301ULL};

Napi::Object WithDevice(Napi::Object result, const char* used) {
  result.Set("device", used);
  return result;
}

// Imports info[0] (column) and info[1] (options) and folds the column into a fresh state on the
// calling thread.
MomentsState MomentsNow(const Napi::CallbackInfo& info, const char** used) {
  Napi::Env env = info.Env();
  ImportedColumn column;
  ImportColumn(env, info[0], &column);
  const ExecOptions options = ParseExecOptions(env, info[1]);
  MomentsState state;
  MomentsOp::Init(state);
  ThrowIfError(env, RunMoments(SelectLeaves(*column.root), options, &state, used));
  return state;
}

class MomentsTask : public StatusTask {
 public:
  MomentsTask(Napi::Env env, ImportedColumn column, ExecOptions options)
      : StatusTask(env), column_(std::move(column)), options_(std::move(options)) {
    MomentsOp::Init(state_);
  }

 protected:
  Status Run() override { return RunMoments(SelectLeaves(*column_.root), options_, &state_, &used_); }
  Napi::Value Resolve(Napi::Env env) override { return WithDevice(MomentsToObject(env, state_), used_); }

  ImportedColumn column_;
  ExecOptions options_;
  MomentsState state_;
  const char* used_ = "cpu";
};

class MomentsAccumulator : public Napi::ObjectWrap<MomentsAccumulator> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "MomentsAccumulator",
                       {InstanceMethod<&MomentsAccumulator::Update>("update"),
                        InstanceMethod<&MomentsAccumulator::UpdateAsync>("updateAsync"),
                        InstanceMethod<&MomentsAccumulator::Merge>("merge"),
                        InstanceMethod<&MomentsAccumulator::Serialize>("serialize"),
                        InstanceMethod<&MomentsAccumulator::Finalize>("finalize"),
                        StaticMethod<&MomentsAccumulator::Deserialize>("deserialize")});
  }

  explicit MomentsAccumulator(const Napi::CallbackInfo& info) : Napi::ObjectWrap<MomentsAccumulator>(info) {
    MomentsOp::Init(state_);
    info.This().As<Napi::Object>().TypeTag(&kMomentsTag);
  }

  MomentsState& state() { return state_; }

 private:
  class UpdateTask : public MomentsTask {
   public:
    UpdateTask(Napi::Env env, ImportedColumn column, ExecOptions options, Napi::Object self)
        : MomentsTask(env, std::move(column), std::move(options)), self_(Napi::Persistent(self)) {}

   protected:
    // Merged on the main thread, after the worker finished: no data race on the accumulator.
    Napi::Value Resolve(Napi::Env env) override {
      MomentsOp::Merge(MomentsAccumulator::Unwrap(self_.Value())->state_, state_);
      return env.Undefined();
    }

   private:
    Napi::ObjectReference self_;
  };

  Napi::Value Update(const Napi::CallbackInfo& info) {
    const char* used = "cpu";
    MomentsOp::Merge(state_, MomentsNow(info, &used));
    return info.Env().Undefined();
  }

  Napi::Value UpdateAsync(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    ImportedColumn column;
    ImportColumn(env, info[0], &column);
    ExecOptions options = ParseExecOptions(env, info[1]);
    auto* task = new UpdateTask(env, std::move(column), std::move(options), info.This().As<Napi::Object>());
    return task->Start();
  }

  Napi::Value Merge(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (info.Length() < 1 || !info[0].IsObject() || !info[0].As<Napi::Object>().CheckTypeTag(&kMomentsTag)) {
      ThrowInvalid(env, "MomentsAccumulator.merge expects another MomentsAccumulator");
    }
    MomentsOp::Merge(state_, Unwrap(info[0].As<Napi::Object>())->state_);
    return env.Undefined();
  }

  Napi::Value Serialize(const Napi::CallbackInfo& info) {
    Napi::Uint8Array out = Napi::Uint8Array::New(info.Env(), kMomentsStateBytes);
    SerializeMoments(state_, out.Data());
    return out;
  }

  Napi::Value Finalize(const Napi::CallbackInfo& info) { return MomentsToObject(info.Env(), state_); }

  static Napi::Value Deserialize(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (info.Length() < 1 || !info[0].IsTypedArray() ||
        info[0].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) {
      ThrowInvalid(env, "MomentsAccumulator.deserialize expects a Uint8Array");
    }
    Napi::Uint8Array bytes = info[0].As<Napi::Uint8Array>();
    MomentsState state;
    ThrowIfError(env, DeserializeMoments(bytes.Data(), static_cast<int64_t>(bytes.ByteLength()), &state));
    Napi::Object obj = GetAddonData(env)->moments_accumulator.New({});
    Unwrap(obj)->state_ = state;
    return obj;
  }

  MomentsState state_;
};

}  // namespace

Napi::Value ComputeMoments(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ImportedColumn column;
  ImportColumn(env, info[0], &column);
  ExecOptions options = ParseExecOptions(env, info[1]);
  auto* task = new MomentsTask(env, std::move(column), std::move(options));
  return task->Start();
}

Napi::Value ComputeMomentsSync(const Napi::CallbackInfo& info) {
  const char* used = "cpu";
  const MomentsState state = MomentsNow(info, &used);
  return WithDevice(MomentsToObject(info.Env(), state), used);
}

Napi::Function DefineMomentsAccumulator(Napi::Env env) { return MomentsAccumulator::Define(env); }

}  // namespace binding
}  // namespace al
