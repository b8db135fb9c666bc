// checkBatchColumn(descriptor, constraints, maxFindings): row-level validation of one column
// (kernels/validate/batch_check.h). Constraints come from src/validate/batchValidator.ts as a
// plain object; findings go back as typed arrays (rows, issues, levels, leaves) plus `truncated`.
#include <cmath>
#include <cstring>
#include <string>
#include <utility>

#include "binding/async_task.h"
#include "binding/column_import.h"
#include "binding/entry_points.h"
#include "binding/errors.h"
#include "kernels/validate/batch_check.h"

namespace al {
namespace binding {
namespace {

bool OptionalInt64(Napi::Env env, Napi::Object o, const char* key, int64_t* out) {
  Napi::Value v = o.Get(key);
  if (v.IsUndefined() || v.IsNull()) return false;
  if (v.IsBigInt()) {
    bool lossless = false;
    *out = v.As<Napi::BigInt>().Int64Value(&lossless);
    if (!lossless) ThrowInvalid(env, std::string("constraints.") + key + " does not fit an int64");
    return true;
  }
  if (!v.IsNumber()) ThrowInvalid(env, std::string("constraints.") + key + " must be a number or bigint");
  const double d = v.As<Napi::Number>().DoubleValue();
  if (!std::isfinite(d)) ThrowInvalid(env, std::string("constraints.") + key + " must be finite");
  *out = static_cast<int64_t>(d);
  return true;
}

bool Flag(Napi::Object o, const char* key) {
  Napi::Value v = o.Get(key);
  return v.IsBoolean() && v.As<Napi::Boolean>().Value();
}

ColumnConstraints ParseConstraints(Napi::Env env, Napi::Value value) {
  if (!value.IsObject()) ThrowInvalid(env, "constraints must be an object");
  Napi::Object o = value.As<Napi::Object>();
  ColumnConstraints c;
  c.required = Flag(o, "required");
  Napi::Value levels = o.Get("levels");
  if (levels.IsArray()) {
    Napi::Array arr = levels.As<Napi::Array>();
    for (uint32_t i = 0; i < arr.Length(); i++) {
      Napi::Value lv = arr.Get(i);
      if (!lv.IsObject()) ThrowInvalid(env, "constraints.levels[] must be objects");
      CountBounds b;
      b.has_min = OptionalInt64(env, lv.As<Napi::Object>(), "min", &b.min);
      b.has_max = OptionalInt64(env, lv.As<Napi::Object>(), "max", &b.max);
      c.levels.push_back(b);
    }
  }
  int64_t fixed = -1;
  if (OptionalInt64(env, o, "fixedCount", &fixed)) c.fixed_count = fixed;
  int64_t leaf = 0;
  OptionalInt64(env, o, "leaf", &leaf);
  if (leaf < 0 || leaf > 5) ThrowInvalid(env, "constraints.leaf must be 0..5");
  c.leaf = static_cast<ColumnConstraints::Leaf>(leaf);
  c.has_min = OptionalInt64(env, o, "intMin", &c.int_min);
  c.has_max = OptionalInt64(env, o, "intMax", &c.int_max);
  Napi::Value fmin = o.Get("floatMin");
  Napi::Value fmax = o.Get("floatMax");
  if (fmin.IsNumber()) {
    c.has_min = true;
    c.float_min = fmin.As<Napi::Number>().FloatValue();
  }
  if (fmax.IsNumber()) {
    c.has_max = true;
    c.float_max = fmax.As<Napi::Number>().FloatValue();
  }
  c.disallow_nan = Flag(o, "disallowNan");
  c.disallow_inf = Flag(o, "disallowInf");
  Napi::Value strings = o.Get("strings");
  if (strings.IsArray()) {
    Napi::Array arr = strings.As<Napi::Array>();
    for (uint32_t i = 0; i < arr.Length(); i++) {
      Napi::Value s = arr.Get(i);
      if (!s.IsString()) ThrowInvalid(env, "constraints.strings[] must be strings");
      c.strings.push_back(s.As<Napi::String>().Utf8Value());
    }
  }
  return c;
}

Napi::Object FindingsToObject(Napi::Env env, const BatchCheckResult& r) {
  const size_t n = r.findings.size();
  Napi::Float64Array rows = Napi::Float64Array::New(env, n);
  Napi::Int32Array issues = Napi::Int32Array::New(env, n);
  Napi::Int32Array levels = Napi::Int32Array::New(env, n);
  Napi::Float64Array leaves = Napi::Float64Array::New(env, n);
  for (size_t i = 0; i < n; i++) {
    rows[i] = static_cast<double>(r.findings[i].row);
    issues[i] = static_cast<int32_t>(r.findings[i].issue);
    levels[i] = r.findings[i].level;
    leaves[i] = static_cast<double>(r.findings[i].leaf);
  }
  Napi::Object o = Napi::Object::New(env);
  o.Set("rows", rows);
  o.Set("issues", issues);
  o.Set("levels", levels);
  o.Set("leaves", leaves);
  o.Set("truncated", Napi::Boolean::New(env, r.truncated));
  return o;
}

int64_t MaxFindings(Napi::Env env, Napi::Value v) {
  if (v.IsUndefined()) return int64_t{1} << 20;
  if (!v.IsNumber() || v.As<Napi::Number>().DoubleValue() < 1) ThrowInvalid(env, "maxFindings must be a positive number");
  return static_cast<int64_t>(v.As<Napi::Number>().DoubleValue());
}

class CheckTask : public StatusTask {
 public:
  CheckTask(Napi::Env env, ImportedColumn column, ColumnConstraints c, int64_t max)
      : StatusTask(env), column_(std::move(column)), constraints_(std::move(c)), max_(max) {}

 protected:
  Status Run() override { return CheckBatchColumn(*column_.root, constraints_, max_, &result_); }
  Napi::Value Resolve(Napi::Env env) override { return FindingsToObject(env, result_); }

 private:
  ImportedColumn column_;
  ColumnConstraints constraints_;
  int64_t max_;
  BatchCheckResult result_;
};

}  // namespace

Napi::Value CheckBatchColumnSync(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ImportedColumn column;
  ImportColumn(env, info[0], &column);
  const ColumnConstraints c = ParseConstraints(env, info[1]);
  BatchCheckResult result;
  ThrowIfError(env, CheckBatchColumn(*column.root, c, MaxFindings(env, info[2]), &result));
  return FindingsToObject(env, result);
}

Napi::Value CheckBatchColumnAsync(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ImportedColumn column;
  ImportColumn(env, info[0], &column);
  ColumnConstraints c = ParseConstraints(env, info[1]);
  const int64_t max = MaxFindings(env, info[2]);
  return (new CheckTask(env, std::move(column), std::move(c), max))->Start();
}

}  // namespace binding
}  // namespace al
