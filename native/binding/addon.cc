// The addon's entry point: a context-aware Napi::Addon whose instance data holds every
// per-environment handle, so it loads in the main thread, worker_threads and piscina alike.
#include "binding/addon_data.h"
#include "binding/entry_points.h"
#include "binding/errors.h"
#include "binding/moments_binding.h"

namespace al {
namespace binding {

class ArrowlineAddon : public Napi::Addon<ArrowlineAddon> {
 public:
  ArrowlineAddon(Napi::Env env, Napi::Object exports) {
    Napi::Function moments = DefineMomentsAccumulator(env);
    data_.moments_accumulator = Napi::Persistent(moments);
    Napi::Function stats = DefineStatsAccumulator(env);
    data_.stats_accumulator = Napi::Persistent(stats);
    Napi::Function weighted = DefineWeightedStatsAccumulator(env);
    data_.weighted_accumulator = Napi::Persistent(weighted);
    DefineAddon(exports, {
                             InstanceValue("WeightedStatsAccumulator", weighted, napi_enumerable),
                             InstanceValue("MomentsAccumulator", moments, napi_enumerable),
                             InstanceValue("StatsAccumulator", stats, napi_enumerable),
                             InstanceMethod<&ArrowlineAddon::Call<Info>>("info", napi_enumerable),
                             InstanceMethod<&ArrowlineAddon::Call<SetErrorFactory>>("setErrorFactory", napi_enumerable),
                             InstanceMethod<&ArrowlineAddon::Call<ComputeMoments>>("computeMoments", napi_enumerable),
                             InstanceMethod<&ArrowlineAddon::Call<ComputeMomentsSync>>("computeMomentsSync", napi_enumerable),
                             InstanceMethod<&ArrowlineAddon::Call<ProfileColumn>>("profileColumn", napi_enumerable),
                             InstanceMethod<&ArrowlineAddon::Call<ProfileColumnSync>>("profileColumnSync", napi_enumerable),
                             InstanceMethod<&ArrowlineAddon::Call<ValidateColumnView>>("validateColumn", napi_enumerable),
                             InstanceMethod<&ArrowlineAddon::Call<BandwidthPass>>("bandwidthPass", napi_enumerable),
                             InstanceMethod<&ArrowlineAddon::Call<CheckBatchColumnSync>>("checkBatchColumnSync", napi_enumerable),
                             InstanceMethod<&ArrowlineAddon::Call<CheckBatchColumnAsync>>("checkBatchColumn", napi_enumerable),
                             InstanceMethod<&ArrowlineAddon::Call<RowHashes>>("rowHashes", napi_enumerable),
                             InstanceMethod<&ArrowlineAddon::Call<HashSplitRows>>("hashSplitRows", napi_enumerable),
                             InstanceMethod<&ArrowlineAddon::Call<TakeColumn>>("takeColumn", napi_enumerable),
                             InstanceMethod<&ArrowlineAddon::Call<GroupRowsBinding>>("groupRows", napi_enumerable),
                             InstanceMethod<&ArrowlineAddon::Call<CsvScanSync>>("csvScanSync", napi_enumerable),
                             InstanceMethod<&ArrowlineAddon::Call<CsvScanAsync>>("csvScan", napi_enumerable),
                             InstanceMethod<&ArrowlineAddon::Call<ReadFileInto>>("readFileInto", napi_enumerable),
                         });
  }

  AddonData data_;

 private:
  template <Napi::Value (*F)(const Napi::CallbackInfo&)>
  Napi::Value Call(const Napi::CallbackInfo& info) {
    return F(info);
  }
};

AddonData* GetAddonData(Napi::Env env) {
  ArrowlineAddon* addon = env.GetInstanceData<ArrowlineAddon>();
  return addon == nullptr ? nullptr : &addon->data_;
}

}  // namespace binding
}  // namespace al

using al::binding::ArrowlineAddon;
NODE_API_ADDON(ArrowlineAddon)
