#include "kernels/stats/feature_stats.h"

#include <algorithm>

#include "core/byte_io.h"
#include "core/column_access.h"
#include "kernels/stats/leaf_ranges.h"

namespace al {

const char* FeatureKindName(FeatureKind kind) {
  switch (kind) {
    case FeatureKind::kInt: return "INT";
    case FeatureKind::kFloat: return "FLOAT";
    case FeatureKind::kString: return "STRING";
    case FeatureKind::kUnknown: break;
  }
  return "UNKNOWN";
}

FeatureKind KindOf(TypeId t) {
  if (t == TypeId::kBool || IsInteger(t) || IsTemporal(t)) return FeatureKind::kInt;
  if (IsFloating(t)) return FeatureKind::kFloat;
  if (IsBinaryLike(t)) return FeatureKind::kString;
  return FeatureKind::kUnknown;
}

namespace {

void MergeMinMax(uint64_t from_count, int64_t from_min, int64_t from_max, uint64_t into_count, int64_t* into_min,
                 int64_t* into_max) {
  if (from_count == 0) return;
  if (into_count == 0) {
    *into_min = from_min;
    *into_max = from_max;
  } else {
    *into_min = std::min(*into_min, from_min);
    *into_max = std::max(*into_max, from_max);
  }
}

// Type and nest level must agree once both sides have seen typed data; `*into_kind` and
// `*into_depth` take the known values.
Status ReconcileTypes(const std::string& feature, FeatureKind kind, int32_t depth, FeatureKind* into_kind, int32_t* into_depth) {
  if (kind != FeatureKind::kUnknown) {
    if (*into_kind != FeatureKind::kUnknown && *into_kind != kind) {
      return Status::TypeMismatch("Cannot determine the type of feature " + feature + ": it is " +
                                  FeatureKindName(*into_kind) + " in one batch and " + FeatureKindName(kind) +
                                  " in another");
    }
    *into_kind = kind;
  }
  if (depth >= 0) {
    if (*into_depth >= 0 && *into_depth != depth) {
      return Status::TypeMismatch("Unable to merge common stats with different nest levels for feature " + feature +
                                  ": " + std::to_string(*into_depth) + " and " + std::to_string(depth));
    }
    *into_depth = depth;
  }
  return Status::OK();
}

Status Reconcile(const std::string& feature, FeatureKind kind, int32_t depth, FeatureState* into) {
  AL_RETURN_NOT_OK(ReconcileTypes(feature, kind, depth, &into->kind, &into->list_depth));
  if (depth >= 0 && into->levels.size() < static_cast<size_t>(depth)) into->levels.resize(depth);
  return Status::OK();
}

void MergeValueBytes(int64_t from_min, int64_t from_max, FeatureState* into) {
  if (from_min < 0) return;
  into->min_value_bytes = into->min_value_bytes < 0 ? from_min : std::min(into->min_value_bytes, from_min);
  into->max_value_bytes = std::max(into->max_value_bytes, from_max);
}

}  // namespace

Status UpdateFeature(const std::string& feature, const ColumnProfile& chunk, FeatureState* state) {
  const bool typed = chunk.value_type != TypeId::kNull || !chunk.levels.empty();
  const int32_t depth = typed ? static_cast<int32_t>(chunk.levels.size()) : -1;
  AL_RETURN_NOT_OK(Reconcile(feature, KindOf(chunk.value_type), depth, state));
  const uint64_t present = static_cast<uint64_t>(chunk.rows - chunk.nulls);
  // A flat column's present cell is a list of one value; a list column's rows are its level 0.
  const bool flat = chunk.levels.empty();
  MergeMinMax(present, flat ? 1 : chunk.levels[0].min_length, flat ? 1 : chunk.levels[0].max_length,
              state->num_non_missing, &state->min_num_values, &state->max_num_values);
  state->num_non_missing += present;
  state->tot_num_values += flat ? present : static_cast<uint64_t>(chunk.levels[0].total_length);
  state->leaf_values += flat ? present : static_cast<uint64_t>(chunk.leaf_values);
  for (size_t l = 0; l < chunk.levels.size(); ++l) {
    const LevelProfile& p = chunk.levels[l];
    LevelState& s = state->levels[l];
    const uint64_t nnm = static_cast<uint64_t>(p.elements - p.nulls);
    MergeMinMax(nnm, p.min_length, p.max_length, s.non_missing, &s.min_values, &s.max_values);
    s.non_missing += nnm;
    s.missing += static_cast<uint64_t>(p.nulls);
    s.tot_values += static_cast<uint64_t>(p.total_length);
  }
  if (chunk.has_moments) MomentsOp::Merge(state->moments, chunk.moments);
  if (state->num_values.size() < chunk.length_counts.size()) {
    state->num_values.resize(chunk.length_counts.size(), QuantilesSketch(state->values.eps()));
  }
  for (size_t l = 0; l < chunk.length_counts.size(); ++l) {
    for (const auto& [len, count] : chunk.length_counts[l]) {
      state->num_values[l].AddWeighted(static_cast<double>(len), static_cast<double>(count));
    }
  }
  state->string_bytes += static_cast<uint64_t>(chunk.value_bytes);
  state->invalid_utf8 += static_cast<uint64_t>(chunk.invalid_utf8);
  MergeValueBytes(chunk.min_value_bytes, chunk.max_value_bytes, state);
  return Status::OK();
}

namespace {

// Integer value i of an integer (or bool, date, timestamp) leaf, exactly.
int64_t IntegerValue(const ColumnView& v, int64_t i) {
  if (v.type == TypeId::kBool) return GetBit(static_cast<const uint8_t*>(v.values), v.offset + i) ? 1 : 0;
  return IntegerAt(v.type, v.values, i);
}

// A categorical integer feature's values, as decimal strings, into the top-k and distinct sketches.
void FeedCategorical(const ColumnView& view, FeatureState* state) {
  const LeafSelection sel = SelectLeaves(view);
  const ColumnView& leaf = *sel.leaf;
  const ColumnView& values = leaf.type == TypeId::kDictionary ? *leaf.dictionary : leaf;
  for (const RowRange& r : sel.ranges) {
    for (int64_t i = r.begin; i < r.end; i++) {
      if (!IsValid(leaf, i)) continue;
      const int64_t k = leaf.type == TypeId::kDictionary ? DictionaryIndexAt(leaf, i) : i;
      if (!IsValid(values, k)) continue;
      const std::string text = std::to_string(IntegerValue(values, k));
      state->topk.AddItem(text);
      state->distinct.AddBytes(text);
    }
  }
}

}  // namespace

Status CheckFold(const std::string& feature, const ColumnView& view, FeatureKind* kind, int32_t* depth) {
  int32_t levels = 0;
  const ColumnView* v = &view;
  while (IsList(v->type)) {
    ++levels;
    v = v->child;
  }
  const TypeId value_type = v->type == TypeId::kDictionary ? v->dictionary->type : v->type;
  const bool typed = value_type != TypeId::kNull || levels > 0;
  // On copies, so a conflict changes neither.
  FeatureKind k = *kind;
  int32_t d = *depth;
  AL_RETURN_NOT_OK(ReconcileTypes(feature, KindOf(value_type), typed ? levels : -1, &k, &d));
  *kind = k;
  *depth = d;
  return Status::OK();
}

Status FoldColumn(const std::string& feature, const ColumnView& view, const MomentsOptions& options,
                  FeatureState* state, FeatureRole role) {
  // Type and nest level first, on copies of the two fields, so a mismatch changes nothing.
  FeatureKind kind = state->kind;
  int32_t list_depth = state->list_depth;
  AL_RETURN_NOT_OK(CheckFold(feature, view, &kind, &list_depth));
  const ColumnView* v = &view;
  while (IsList(v->type)) v = v->child;
  const TypeId value_type = v->type == TypeId::kDictionary ? v->dictionary->type : v->type;
  ProfileSinks sinks;
  if (IsNumeric(value_type)) sinks.values = &state->values;
  if (IsBinaryLike(value_type) && role != FeatureRole::kBytes) {
    sinks.topk = &state->topk;
    sinks.distinct = &state->distinct;
  }
  ColumnProfile profile;
  AL_RETURN_NOT_OK(ProfileColumn(view, options, &profile, sinks));
  AL_RETURN_NOT_OK(UpdateFeature(feature, profile, state));
  if (role == FeatureRole::kCategorical && (IsInteger(value_type) || value_type == TypeId::kBool || IsTemporal(value_type))) FeedCategorical(view, state);
  return Status::OK();
}

Status MergeFeature(const std::string& feature, const FeatureState& from, FeatureState* into) {
  AL_RETURN_NOT_OK(Reconcile(feature, from.kind, from.list_depth, into));
  MergeMinMax(from.num_non_missing, from.min_num_values, from.max_num_values, into->num_non_missing,
              &into->min_num_values, &into->max_num_values);
  into->num_non_missing += from.num_non_missing;
  into->tot_num_values += from.tot_num_values;
  into->leaf_values += from.leaf_values;
  for (size_t l = 0; l < from.levels.size(); ++l) {
    const LevelState& f = from.levels[l];
    LevelState& s = into->levels[l];
    MergeMinMax(f.non_missing, f.min_values, f.max_values, s.non_missing, &s.min_values, &s.max_values);
    s.non_missing += f.non_missing;
    s.missing += f.missing;
    s.tot_values += f.tot_values;
  }
  MomentsOp::Merge(into->moments, from.moments);
  AL_RETURN_NOT_OK(into->values.Merge(from.values));
  if (into->num_values.size() < from.num_values.size()) {
    into->num_values.resize(from.num_values.size(), QuantilesSketch(into->values.eps()));
  }
  for (size_t l = 0; l < from.num_values.size(); ++l) AL_RETURN_NOT_OK(into->num_values[l].Merge(from.num_values[l]));
  into->string_bytes += from.string_bytes;
  into->invalid_utf8 += from.invalid_utf8;
  MergeValueBytes(from.min_value_bytes, from.max_value_bytes, into);
  into->value_bytes_unknown = into->value_bytes_unknown || from.value_bytes_unknown;
  AL_RETURN_NOT_OK(into->topk.Merge(from.topk));
  AL_RETURN_NOT_OK(into->distinct.Merge(from.distinct));
  return Status::OK();
}

FeatureState* DatasetStatsState::Find(const std::string& name) {
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return &features[i];
  }
  return nullptr;
}

const FeatureState* DatasetStatsState::Find(const std::string& name) const {
  return const_cast<DatasetStatsState*>(this)->Find(name);
}

FeatureState* DatasetStatsState::FindOrAdd(const std::string& name) {
  if (FeatureState* f = Find(name)) return f;
  names.push_back(name);
  features.emplace_back(epsilon, topk_buckets);
  return &features.back();
}

Status MergeDataset(const DatasetStatsState& from, DatasetStatsState* into) {
  if (from.epsilon != into->epsilon || from.topk_buckets != into->topk_buckets) {
    return Status::Invalid("cannot merge statistics computed with different options (epsilon " +
                           std::to_string(from.epsilon) + " and " + std::to_string(into->epsilon) + ", top-k buckets " +
                           std::to_string(from.topk_buckets) + " and " + std::to_string(into->topk_buckets) + ")");
  }
  into->num_examples += from.num_examples;
  for (size_t i = 0; i < from.names.size(); ++i) {
    AL_RETURN_NOT_OK(MergeFeature(from.names[i], from.features[i], into->FindOrAdd(from.names[i])));
  }
  return Status::OK();
}

namespace {
constexpr char kMagic[4] = {'A', 'L', 'S', 'T'};
constexpr uint32_t kVersion = 2;
}  // namespace

std::vector<uint8_t> SerializeDataset(const DatasetStatsState& state) {
  ByteWriter w;
  w.PutBytes(kMagic, 4);
  w.Put(kVersion);
  w.Put(state.epsilon);
  w.Put(state.topk_buckets);
  w.Put(state.num_examples);
  w.Put(static_cast<uint32_t>(state.names.size()));
  for (size_t i = 0; i < state.names.size(); ++i) {
    const FeatureState& f = state.features[i];
    w.PutString(state.names[i]);
    w.Put(static_cast<uint8_t>(f.kind));
    w.Put(f.list_depth);
    w.Put(f.num_non_missing);
    w.Put(f.min_num_values);
    w.Put(f.max_num_values);
    w.Put(f.tot_num_values);
    w.Put(f.leaf_values);
    w.Put(static_cast<uint32_t>(f.levels.size()));
    for (const LevelState& l : f.levels) w.Put(l);
    w.Put(f.moments);
    w.Put(f.string_bytes);
    w.Put(f.invalid_utf8);
    w.Put(f.min_value_bytes);
    w.Put(f.max_value_bytes);
    w.Put(static_cast<uint8_t>(f.value_bytes_unknown));
    std::vector<uint8_t> sketch_bytes;
    QuantilesSketch compacted = f.values;
    compacted.Compact();
    compacted.Serialize(&sketch_bytes);
    w.Put(static_cast<uint32_t>(f.num_values.size()));
    for (QuantilesSketch nv : f.num_values) {
      nv.Compact();
      nv.Serialize(&sketch_bytes);
    }
    f.topk.Serialize(&sketch_bytes);
    f.distinct.Serialize(&sketch_bytes);
    w.PutBytes(sketch_bytes.data(), sketch_bytes.size());
  }
  return w.Take();
}

Status DeserializeDataset(const uint8_t* data, int64_t size, DatasetStatsState* state) {
  ByteReader r(data, size);
  char magic[4];
  uint32_t version = 0, count = 0;
  if (!r.Get(&magic) || std::memcmp(magic, kMagic, 4) != 0) return Status::Serialization("not a statistics state (bad magic)");
  if (!r.Get(&version) || version < 1 || version > kVersion) {
    return Status::Serialization("statistics state version " + std::to_string(version) +
                                 " is not supported (this build reads versions 1 to " + std::to_string(kVersion) + ")");
  }
  DatasetStatsState out;
  if (!r.Get(&out.epsilon) || !(out.epsilon > 0 && out.epsilon < 1) || !r.Get(&out.topk_buckets) ||
      out.topk_buckets < 1 || !r.Get(&out.num_examples) || !r.Get(&count)) {
    return Status::Serialization("statistics state is truncated");
  }
  for (uint32_t i = 0; i < count; ++i) {
    std::string name;
    FeatureState f;
    uint8_t kind = 0;
    uint32_t levels = 0;
    bool ok = r.GetString(&name) && r.Get(&kind) && r.Get(&f.list_depth) && r.Get(&f.num_non_missing) &&
              r.Get(&f.min_num_values) && r.Get(&f.max_num_values) && r.Get(&f.tot_num_values) && r.Get(&f.leaf_values) && r.Get(&levels);
    if (!ok || kind > static_cast<uint8_t>(FeatureKind::kString) || levels > 1024 ||
        f.list_depth != (f.list_depth < 0 ? -1 : static_cast<int32_t>(levels))) {
      return Status::Serialization("statistics state is corrupt at feature " + std::to_string(i));
    }
    f.kind = static_cast<FeatureKind>(kind);
    f.levels.resize(levels);
    for (LevelState& l : f.levels) ok = ok && r.Get(&l);
    uint32_t sketches = 0;
    ok = ok && r.Get(&f.moments) && r.Get(&f.string_bytes) && r.Get(&f.invalid_utf8);
    if (version >= 2) {
      uint8_t unknown = 0;
      ok = ok && r.Get(&f.min_value_bytes) && r.Get(&f.max_value_bytes) && r.Get(&unknown) && unknown <= 1 &&
           f.min_value_bytes >= -1 && f.max_value_bytes >= f.min_value_bytes;
      f.value_bytes_unknown = unknown != 0;
    } else {
      f.value_bytes_unknown = f.string_bytes > 0 || f.kind == FeatureKind::kString;
    }
    ok = ok && r.Get(&sketches);
    if (!ok || sketches > 1025) return Status::Serialization("statistics state is truncated at feature '" + name + "'");
    int64_t used = 0;
    AL_RETURN_NOT_OK(QuantilesSketch::Deserialize(data + r.pos(), size - r.pos(), &used, &f.values));
    r.Skip(used);
    f.num_values.resize(sketches);
    for (QuantilesSketch& nv : f.num_values) {
      AL_RETURN_NOT_OK(QuantilesSketch::Deserialize(data + r.pos(), size - r.pos(), &used, &nv));
      r.Skip(used);
    }
    AL_RETURN_NOT_OK(MisraGries::Deserialize(data + r.pos(), size - r.pos(), &used, &f.topk));
    r.Skip(used);
    AL_RETURN_NOT_OK(Kmv::Deserialize(data + r.pos(), size - r.pos(), &used, &f.distinct));
    r.Skip(used);
    out.names.push_back(std::move(name));
    out.features.push_back(std::move(f));
  }
  if (!r.AtEnd()) return Status::Serialization("statistics state has trailing bytes");
  *state = std::move(out);
  return Status::OK();
}

}  // namespace al
