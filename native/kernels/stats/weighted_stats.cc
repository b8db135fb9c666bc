#include "kernels/stats/weighted_stats.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string_view>

#include "core/byte_io.h"
#include "core/column_access.h"
#include "core/dispatch.h"
#include "kernels/stats/histograms.h"

namespace al {
namespace {

constexpr int64_t kQuantilesPerBucket = 100;  // as Summarize
constexpr int kMaxDepth = 64;

using LoadFn = double (*)(const void*, int64_t, int64_t);

// The innermost non-list view, through lists; the values view of a dictionary leaf.
const ColumnView* Leaf(const ColumnView& v) {
  const ColumnView* p = &v;
  while (IsList(p->type)) p = p->child;
  return p;
}

struct Folder {
  WeightedFeatureState* s;
  const ColumnView* leaf;        // innermost view (maybe a dictionary)
  const ColumnView* values;      // the leaf's value view (the dictionary's values for a dictionary)
  LoadFn load = nullptr;         // numeric leaves
  bool numeric = false;
  bool strings = false;

  void Value(int64_t i, double w) {
    const int64_t k = leaf->type == TypeId::kDictionary ? DictionaryIndexAt(*leaf, i) : i;
    if (numeric) {
      const double x = load(values->values, values->offset, k);
      if (std::isnan(x) || std::isnan(w)) return;
      if (std::isfinite(x)) {
        if (!s->has_finite || x < s->finite_min) s->finite_min = x;
        if (!s->has_finite || x > s->finite_max) s->finite_max = x;
        s->has_finite = true;
        const double total = s->w_sum + w;
        if (total != 0) {
          const double delta = x - s->mean;
          s->mean += (w / total) * delta;
          s->m2 += w * delta * (x - s->mean);
        }
        s->w_sum = total;
      } else if (x > 0) {
        s->pos_inf_weight += w;
      }
      s->values.AddWeighted(x, w);
    } else if (strings) {
      if (!(w > 0) || !std::isfinite(w)) return;
      const int64_t b = OffsetAt(*values, k);
      const int64_t e = OffsetAt(*values, k + 1);
      const std::string_view v(static_cast<const char*>(values->values) + b, static_cast<size_t>(e - b));
      s->topk.AddWeightedString(v, w);
    }
  }

  // Element i of `v` at nest level `level` (0: the row's own list), present or not.
  void Element(const ColumnView& v, int64_t i, double w, size_t level) {
    if (!IsList(v.type)) {
      if (IsValid(v, i)) Value(i, w);
      return;
    }
    if (s->levels.size() <= level) s->levels.resize(level + 1);
    WeightedLevelState& L = s->levels[level];
    if (!IsValid(v, i)) {
      L.missing += w;
      return;
    }
    const int64_t b = ListChildBegin(v, i);
    const int64_t e = ListChildEnd(v, i);
    L.non_missing += w;
    L.tot_values += w * static_cast<double>(e - b);
    for (int64_t j = b; j < e; j++) Element(*v.child, j, w, level + 1);
  }
};

}  // namespace

WeightedFeatureState* WeightedDatasetState::FindOrAdd(const std::string& name) {
  for (size_t i = 0; i < names.size(); i++) {
    if (names[i] == name) return &features[i];
  }
  names.push_back(name);
  features.emplace_back(epsilon, topk_buckets);
  return &features.back();
}

Status ReadWeights(const ColumnView& weights, std::vector<double>* out) {
  const ColumnView* v = &weights;
  const bool list = IsList(v->type);
  const ColumnView* leaf = list ? v->child : v;
  if (leaf == nullptr || IsList(leaf->type) || !IsNumeric(leaf->type)) {
    return Status::TypeMismatch("the weight feature must be numeric (one number per example)");
  }
  LoadFn load = nullptr;
  AL_RETURN_NOT_OK(VisitNumeric(leaf->type, [&](auto tag) {
    load = &LoadAsDouble<decltype(tag)>;
    return Status::OK();
  }));
  out->assign(static_cast<size_t>(v->length), 0);
  for (int64_t r = 0; r < v->length; r++) {
    int64_t k = r;
    if (list) {
      const int64_t b = ListChildBegin(*v, r);
      const int64_t e = ListChildEnd(*v, r);
      if (IsValid(*v, r) && e - b != 1) return Status::Invalid("row " + std::to_string(r) + ": the weight feature must have exactly one value per example, found " + std::to_string(e - b));
      k = b;
    }
    if (!IsValid(*v, r) || !IsValid(*leaf, k)) return Status::Invalid("row " + std::to_string(r) + ": Weight feature must not be missing.");
    (*out)[static_cast<size_t>(r)] = load(leaf->values, leaf->offset, k);
  }
  return Status::OK();
}

Status CheckWeighted(const std::string& feature, const ColumnView& view, FeatureKind* kind) {
  int depth = 0;
  for (const ColumnView* p = &view; IsList(p->type); p = p->child) {
    if (++depth > kMaxDepth) return Status::NotImplemented("lists nest too deep");
  }
  const ColumnView* leaf = Leaf(view);
  const ColumnView* values = leaf->type == TypeId::kDictionary ? leaf->dictionary : leaf;
  if (values->type == TypeId::kNull) return Status::OK();
  const FeatureKind k = KindOf(values->type);
  if (*kind != FeatureKind::kUnknown && k != FeatureKind::kUnknown && k != *kind) {
    return Status::TypeMismatch("Cannot determine the type of feature " + feature + ": found " + FeatureKindName(k) + " after " + FeatureKindName(*kind));
  }
  if (k != FeatureKind::kUnknown) *kind = k;
  return Status::OK();
}

Status FoldWeighted(const std::string& feature, const ColumnView& view, const std::vector<double>& weights,
                    WeightedFeatureState* state) {
  if (static_cast<int64_t>(weights.size()) != view.length) return Status::Invalid("weights and column lengths differ");
  AL_RETURN_NOT_OK(CheckWeighted(feature, view, &state->kind));
  Folder f{state, Leaf(view), nullptr};
  f.values = f.leaf->type == TypeId::kDictionary ? f.leaf->dictionary : f.leaf;
  if (f.values->type == TypeId::kNull) return Status::OK();
  f.numeric = IsNumeric(f.values->type);
  f.strings = IsBinaryLike(f.values->type);
  if (f.numeric) {
    AL_RETURN_NOT_OK(VisitNumeric(f.values->type, [&](auto tag) {
      f.load = &LoadAsDouble<decltype(tag)>;
      return Status::OK();
    }));
  }
  const bool nested = IsList(view.type);
  for (int64_t r = 0; r < view.length; r++) {
    const double w = weights[static_cast<size_t>(r)];
    if (!IsValid(view, r)) {
      if (nested) f.Element(view, r, w, 0);  // a missing row counts at the outer level
      continue;
    }
    state->num_non_missing += w;
    if (!nested) {
      state->tot_num_values += w;
      f.Value(r, w);
    } else {
      const int64_t b = ListChildBegin(view, r);
      const int64_t e = ListChildEnd(view, r);
      state->tot_num_values += w * static_cast<double>(e - b);
      f.Element(view, r, w, 0);
    }
  }
  return Status::OK();
}

Status MergeWeighted(const WeightedFeatureState& from, WeightedFeatureState* into) {
  if (into->kind != FeatureKind::kUnknown && from.kind != FeatureKind::kUnknown && into->kind != from.kind) {
    return Status::TypeMismatch(std::string("weighted statistics of a ") + FeatureKindName(from.kind) + " and a " + FeatureKindName(into->kind) + " feature");
  }
  if (from.kind != FeatureKind::kUnknown) into->kind = from.kind;
  into->num_non_missing += from.num_non_missing;
  into->tot_num_values += from.tot_num_values;
  if (into->levels.size() < from.levels.size()) into->levels.resize(from.levels.size());
  for (size_t l = 0; l < from.levels.size(); l++) {
    into->levels[l].non_missing += from.levels[l].non_missing;
    into->levels[l].missing += from.levels[l].missing;
    into->levels[l].tot_values += from.levels[l].tot_values;
  }
  // Chan's merge, weighted
  const double total = into->w_sum + from.w_sum;
  if (total != 0) {
    const double delta = from.mean - into->mean;
    into->m2 += from.m2 + delta * delta * into->w_sum * from.w_sum / total;
    into->mean += delta * from.w_sum / total;
  }
  into->w_sum = total;
  if (from.has_finite) {
    into->finite_min = into->has_finite ? std::min(into->finite_min, from.finite_min) : from.finite_min;
    into->finite_max = into->has_finite ? std::max(into->finite_max, from.finite_max) : from.finite_max;
    into->has_finite = true;
  }
  into->pos_inf_weight += from.pos_inf_weight;
  AL_RETURN_NOT_OK(into->values.Merge(from.values));
  return into->topk.Merge(from.topk);
}

Status MergeWeightedDataset(const WeightedDatasetState& from, WeightedDatasetState* into) {
  into->weighted_num_examples += from.weighted_num_examples;
  for (size_t i = 0; i < from.names.size(); i++) {
    Status st = MergeWeighted(from.features[i], into->FindOrAdd(from.names[i]));
    if (!st.ok()) return Status(st.code(), "feature '" + from.names[i] + "': " + st.message());
  }
  return Status::OK();
}

namespace {
constexpr char kWeightedMagic[4] = {'A', 'L', 'W', 'S'};
constexpr uint32_t kWeightedVersion = 1;
}  // namespace

std::vector<uint8_t> SerializeWeighted(const WeightedDatasetState& state) {
  ByteWriter w;
  w.PutBytes(kWeightedMagic, 4);
  w.Put(kWeightedVersion);
  w.Put(state.epsilon);
  w.Put(state.topk_buckets);
  w.Put(state.weighted_num_examples);
  w.Put(static_cast<uint32_t>(state.names.size()));
  for (size_t i = 0; i < state.names.size(); i++) {
    const WeightedFeatureState& f = state.features[i];
    w.PutString(state.names[i]);
    w.Put(static_cast<uint8_t>(f.kind));
    w.Put(f.num_non_missing);
    w.Put(f.tot_num_values);
    w.Put(static_cast<uint32_t>(f.levels.size()));
    for (const WeightedLevelState& l : f.levels) w.Put(l);
    w.Put(f.w_sum);
    w.Put(f.mean);
    w.Put(f.m2);
    w.Put(f.finite_min);
    w.Put(f.finite_max);
    w.Put(static_cast<uint8_t>(f.has_finite ? 1 : 0));
    w.Put(f.pos_inf_weight);
    std::vector<uint8_t> sketches;
    QuantilesSketch compacted = f.values;
    compacted.Compact();
    compacted.Serialize(&sketches);
    f.topk.Serialize(&sketches);
    w.PutBytes(sketches.data(), sketches.size());
  }
  return w.Take();
}

Status DeserializeWeighted(const uint8_t* data, int64_t size, WeightedDatasetState* state) {
  ByteReader r(data, size);
  char magic[4];
  uint32_t version = 0, count = 0;
  if (!r.Get(&magic) || std::memcmp(magic, kWeightedMagic, 4) != 0) return Status::Serialization("not a weighted statistics state (bad magic)");
  if (!r.Get(&version) || version != kWeightedVersion) return Status::Serialization("weighted statistics state version " + std::to_string(version) + " is not supported");
  WeightedDatasetState out;
  if (!r.Get(&out.epsilon) || !(out.epsilon > 0 && out.epsilon < 1) || !r.Get(&out.topk_buckets) || out.topk_buckets < 1 || !r.Get(&out.weighted_num_examples) || !r.Get(&count)) {
    return Status::Serialization("weighted statistics state is truncated");
  }
  for (uint32_t i = 0; i < count; i++) {
    std::string name;
    WeightedFeatureState f(out.epsilon, out.topk_buckets);
    uint8_t kind = 0, has_finite = 0;
    uint32_t levels = 0;
    bool ok = r.GetString(&name) && r.Get(&kind) && r.Get(&f.num_non_missing) && r.Get(&f.tot_num_values) && r.Get(&levels);
    if (!ok || kind > static_cast<uint8_t>(FeatureKind::kString) || levels > 1024) return Status::Serialization("weighted statistics state is corrupt at feature " + std::to_string(i));
    f.kind = static_cast<FeatureKind>(kind);
    f.levels.resize(levels);
    for (WeightedLevelState& l : f.levels) ok = ok && r.Get(&l);
    ok = ok && r.Get(&f.w_sum) && r.Get(&f.mean) && r.Get(&f.m2) && r.Get(&f.finite_min) && r.Get(&f.finite_max) && r.Get(&has_finite) && r.Get(&f.pos_inf_weight);
    if (!ok) return Status::Serialization("weighted statistics state is truncated at feature '" + name + "'");
    f.has_finite = has_finite != 0;
    int64_t used = 0;
    AL_RETURN_NOT_OK(QuantilesSketch::Deserialize(data + r.pos(), size - r.pos(), &used, &f.values));
    r.Skip(used);
    AL_RETURN_NOT_OK(MisraGries::Deserialize(data + r.pos(), size - r.pos(), &used, &f.topk));
    r.Skip(used);
    out.names.push_back(std::move(name));
    out.features.push_back(std::move(f));
  }
  if (!r.AtEnd()) return Status::Serialization("weighted statistics state has trailing bytes");
  *state = std::move(out);
  return Status::OK();
}

WeightedSummary SummarizeWeighted(const WeightedFeatureState& f, double weighted_num_examples, const HistogramOptions& o) {
  WeightedSummary out;
  out.num_non_missing = f.num_non_missing;
  out.num_missing = weighted_num_examples - f.num_non_missing;
  out.tot_num_values = f.tot_num_values;
  out.avg_num_values = f.num_non_missing > 0 ? f.tot_num_values / f.num_non_missing : 0;
  out.levels = f.levels;
  if ((f.kind == FeatureKind::kInt || f.kind == FeatureKind::kFloat) && f.w_sum > 0) {
    out.has_numeric = true;
    out.mean = f.mean;
    out.std_dev = std::sqrt(std::max(0.0, f.m2 / f.w_sum));
    std::vector<double> q, cw;
    f.values.QuantilesAndCumulativeWeights(kQuantilesPerBucket * o.num_quantiles_histogram_buckets, &q, &cw);
    if (!q.empty()) {
      out.has_histograms = true;
      out.median = Median(q);
      const double lo = f.has_finite ? f.finite_min : std::numeric_limits<double>::infinity();
      const double hi = f.has_finite ? f.finite_max : -std::numeric_limits<double>::infinity();
      out.standard = EquiWidthHistogram(q, cw, lo, hi, o.num_histogram_buckets, f.pos_inf_weight);
      std::vector<double> rq, rcw;
      if (RebinQuantiles(q, cw, kQuantilesPerBucket, &rq, &rcw)) out.quantiles = QuantilesHistogram(rq, rcw);
    }
  }
  if (f.kind == FeatureKind::kString && f.topk.size() > 0) {
    out.top = TopValues(f.topk, o);
    out.has_top_values = true;
  }
  return out;
}

}  // namespace al
