// The functions addon.cc exports, one family per file.
#pragma once

#include "binding/napi_setup.h"

namespace al {
namespace binding {

Napi::Value Info(const Napi::CallbackInfo& info);                 // info_binding.cc
Napi::Value ProfileColumn(const Napi::CallbackInfo& info);        // profile_binding.cc
Napi::Value ProfileColumnSync(const Napi::CallbackInfo& info);    // profile_binding.cc
Napi::Value ValidateColumnView(const Napi::CallbackInfo& info);   // profile_binding.cc
Napi::Value BandwidthPass(const Napi::CallbackInfo& info);        // bench_binding.cc
Napi::Function DefineStatsAccumulator(Napi::Env env);             // stats_binding.cc
Napi::Function DefineWeightedStatsAccumulator(Napi::Env env);     // weighted_binding.cc
Napi::Value CheckBatchColumnSync(const Napi::CallbackInfo& info);  // validate_binding.cc
Napi::Value CheckBatchColumnAsync(const Napi::CallbackInfo& info); // validate_binding.cc
Napi::Value RowHashes(const Napi::CallbackInfo& info);             // select_binding.cc
Napi::Value HashSplitRows(const Napi::CallbackInfo& info);         // select_binding.cc
Napi::Value TakeColumn(const Napi::CallbackInfo& info);            // select_binding.cc
Napi::Value GroupRowsBinding(const Napi::CallbackInfo& info);      // select_binding.cc
Napi::Value CsvScanSync(const Napi::CallbackInfo& info);           // csv_binding.cc
Napi::Value CsvScanAsync(const Napi::CallbackInfo& info);          // csv_binding.cc
Napi::Value ReadFileInto(const Napi::CallbackInfo& info);          // csv_binding.cc

}  // namespace binding
}  // namespace al
