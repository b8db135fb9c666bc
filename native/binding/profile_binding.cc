#include <utility>

#include "binding/async_task.h"
#include "binding/column_import.h"
#include "binding/entry_points.h"
#include "binding/exec_options.h"
#include "binding/results.h"
#include "kernels/stats/column_profile.h"

namespace al {
namespace binding {
namespace {

class ProfileTask : public StatusTask {
 public:
  ProfileTask(Napi::Env env, ImportedColumn column, int threads) : StatusTask(env), column_(std::move(column)) {
    options_.threads = threads;
  }

 protected:
  Status Run() override { return al::ProfileColumn(*column_.root, options_, &profile_); }
  Napi::Value Resolve(Napi::Env env) override { return ProfileToObject(env, profile_); }

 private:
  ImportedColumn column_;
  MomentsOptions options_;
  ColumnProfile profile_;
};

}  // namespace

Napi::Value ProfileColumn(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ImportedColumn column;
  ImportColumn(env, info[0], &column);
  const ExecOptions options = ParseExecOptions(env, info[1]);
  return (new ProfileTask(env, std::move(column), options.threads))->Start();
}

Napi::Value ProfileColumnSync(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ImportedColumn column;
  ImportColumn(env, info[0], &column);
  MomentsOptions options;
  options.threads = ParseExecOptions(env, info[1]).threads;
  ColumnProfile profile;
  ThrowIfError(env, al::ProfileColumn(*column.root, options, &profile));
  return ProfileToObject(env, profile);
}

// Imports and validates a descriptor without running a kernel: true, or the import's error.
Napi::Value ValidateColumnView(const Napi::CallbackInfo& info) {
  ImportedColumn column;
  ImportColumn(info.Env(), info[0], &column);
  return Napi::Boolean::New(info.Env(), true);
}

}  // namespace binding
}  // namespace al
