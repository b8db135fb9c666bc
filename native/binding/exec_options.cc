#include "binding/exec_options.h"

#include "binding/addon_data.h"
#include "binding/errors.h"

namespace al {
namespace binding {
namespace {
// Below this many values the transfer to the GPU costs more than the CPU pass.
constexpr int64_t kAutoGpuMinValues = int64_t{1} << 22;
}  // namespace

const std::vector<cuda::DeviceInfo>& CachedDevices(Napi::Env env, std::string* reason) {
  AddonData* data = GetAddonData(env);
  if (!data->devices_queried) {
    data->devices = cuda::Devices(&data->devices_reason);
    data->devices_queried = true;
  }
  if (reason != nullptr) *reason = data->devices_reason;
  return data->devices;
}

ExecOptions ParseExecOptions(Napi::Env env, Napi::Value value) {
  ExecOptions o;
  if (!value.IsUndefined() && !value.IsNull()) {
    if (!value.IsObject()) ThrowInvalid(env, "options must be an object");
    Napi::Object obj = value.As<Napi::Object>();
    Napi::Value device = obj.Get("device");
    if (!device.IsUndefined()) {
      const int d = device.IsNumber() ? device.As<Napi::Number>().Int32Value() : -1;
      if (d < 0 || d > 2) ThrowInvalid(env, "options.device must be 0 (auto), 1 (cpu) or 2 (gpu)");
      o.device = static_cast<Device>(d);
    }
    Napi::Value threads = obj.Get("threads");
    if (!threads.IsUndefined()) {
      const int t = threads.IsNumber() ? threads.As<Napi::Number>().Int32Value() : 0;
      if (t < 1 || t > 1024) ThrowInvalid(env, "options.threads must be an integer from 1 to 1024");
      o.threads = t;
    }
  }
  if (o.device != Device::kCpu) {
    const auto& devices = CachedDevices(env, &o.gpu_reason);
    o.gpu_available = !devices.empty();
  }
  return o;
}

Status RunMoments(const LeafSelection& sel, const ExecOptions& options, MomentsState* state, const char** used) {
  MomentsOptions cpu;
  cpu.threads = options.threads;
  const bool flat_numeric = IsNumeric(sel.leaf->type);
  if (options.device == Device::kGpu) {
    if (!options.gpu_available) {
      return Status::DeviceUnavailable("device 'gpu' was requested but no GPU is usable: " + options.gpu_reason);
    }
    if (!flat_numeric) {
      return Status::NotImplemented(std::string("moments on GPU: unsupported type ") + TypeIdName(sel.leaf->type));
    }
    *used = "gpu";
    return cuda::UpdateMoments(sel, 0, state);
  }
  if (options.device == Device::kAuto && options.gpu_available && flat_numeric && sel.Count() >= kAutoGpuMinValues) {
    *used = "gpu";
    return cuda::UpdateMoments(sel, 0, state);
  }
  *used = "cpu";
  return UpdateMomentsLeaves(sel, cpu, state);
}

}  // namespace binding
}  // namespace al
