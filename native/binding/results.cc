#include "binding/results.h"

namespace al {
namespace binding {

Napi::Object MomentsToObject(Napi::Env env, const MomentsState& s) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("nullCount", static_cast<double>(s.null_count));
  o.Set("nanCount", static_cast<double>(s.nan_count));
  o.Set("count", static_cast<double>(s.count));
  o.Set("zeros", static_cast<double>(s.zeros));
  o.Set("posInf", static_cast<double>(s.pos_inf));
  o.Set("negInf", static_cast<double>(s.neg_inf));
  o.Set("mean", MomentsOp::Mean(s));
  o.Set("m2", s.m2);
  o.Set("variance", MomentsOp::Variance(s));
  o.Set("stdDev", MomentsOp::StdDev(s));
  o.Set("min", s.min);
  o.Set("max", s.max);
  return o;
}

Napi::Object ProfileToObject(Napi::Env env, const ColumnProfile& p) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("valueType", TypeIdName(p.value_type));
  o.Set("rows", static_cast<double>(p.rows));
  o.Set("nulls", static_cast<double>(p.nulls));
  Napi::Array levels = Napi::Array::New(env, p.levels.size());
  for (size_t i = 0; i < p.levels.size(); ++i) {
    const LevelProfile& l = p.levels[i];
    Napi::Object lo = Napi::Object::New(env);
    lo.Set("elements", static_cast<double>(l.elements));
    lo.Set("nulls", static_cast<double>(l.nulls));
    lo.Set("minLength", static_cast<double>(l.min_length));
    lo.Set("maxLength", static_cast<double>(l.max_length));
    lo.Set("totalLength", static_cast<double>(l.total_length));
    levels.Set(static_cast<uint32_t>(i), lo);
  }
  o.Set("levels", levels);
  o.Set("leafValues", static_cast<double>(p.leaf_values));
  o.Set("leafNulls", static_cast<double>(p.leaf_nulls));
  o.Set("valueBytes", static_cast<double>(p.value_bytes));
  if (p.has_moments) o.Set("moments", MomentsToObject(env, p.moments));
  return o;
}

}  // namespace binding
}  // namespace al
