#include "core/column_validate.h"

#include <string>

#include "core/bitmap.h"

namespace al {
namespace {

std::string Where(const std::string& path) { return path.empty() ? "" : " (at " + path + ")"; }

Status CheckBytes(const char* what, const void* ptr, int64_t have, int64_t need, const std::string& path) {
  if (need == 0) return Status::OK();
  if (ptr == nullptr || have < need) {
    return Status::Invalid(std::string(what) + " buffer has " + std::to_string(ptr ? have : 0) +
                           " bytes, the declared length needs " + std::to_string(need) + Where(path));
  }
  return Status::OK();
}

Status CheckOffsets(const ColumnView& v, int64_t limit, const char* limit_name, const std::string& path) {
  if (v.length == 0) return Status::OK();
  const int width = IsLargeOffsets(v.type) ? 8 : 4;
  AL_RETURN_NOT_OK(CheckBytes("offsets", v.offsets, v.offsets_bytes, (v.length + 1) * width, path));
  int64_t prev = OffsetAt(v, 0);
  if (prev < 0) return Status::Invalid("first offset is negative (" + std::to_string(prev) + ")" + Where(path));
  for (int64_t i = 1; i <= v.length; ++i) {
    const int64_t cur = OffsetAt(v, i);
    if (cur < prev) {
      return Status::Invalid("offsets decrease at row " + std::to_string(i - 1) + " (" + std::to_string(prev) +
                             " then " + std::to_string(cur) + ")" + Where(path));
    }
    prev = cur;
  }
  if (prev > limit) {
    return Status::Invalid("last offset " + std::to_string(prev) + " is past the end of the " + limit_name + " (" +
                           std::to_string(limit) + ")" + Where(path));
  }
  return Status::OK();
}

Status CheckIndices(const ColumnView& v, int64_t dict_length, const std::string& path) {
  for (int64_t i = 0; i < v.length; ++i) {
    if (v.validity != nullptr && !GetBit(v.validity, v.offset + i)) continue;
    const int64_t k = DictionaryIndexAt(v, i);
    if (k < 0 || k >= dict_length) {
      return Status::Invalid("dictionary index " + std::to_string(k) + " at row " + std::to_string(i) +
                             " is outside the dictionary of " + std::to_string(dict_length) + " values" + Where(path));
    }
  }
  return Status::OK();
}

Status Validate(const ColumnView& v, const std::string& path, int depth) {
  if (depth > kMaxNestingDepth) return Status::Invalid("nesting deeper than " + std::to_string(kMaxNestingDepth));
  if (static_cast<int32_t>(v.type) < 0 || v.type >= TypeId::kMaxTypeId) {
    return Status::Invalid("unknown type id " + std::to_string(static_cast<int32_t>(v.type)) + Where(path));
  }
  if (v.length < 0 || v.offset < 0) {
    return Status::Invalid("negative length or offset (" + std::to_string(v.length) + ", " + std::to_string(v.offset) +
                           ")" + Where(path));
  }
  if (v.validity != nullptr) {
    AL_RETURN_NOT_OK(CheckBytes("validity", v.validity, v.validity_bytes, BitmapBytesFor(v.offset, v.length), path));
  }
  const TypeId t = v.type;
  if (t == TypeId::kNull) return Status::OK();
  if (t == TypeId::kBool) return CheckBytes("values", v.values, v.values_bytes, BitmapBytesFor(v.offset, v.length), path);
  if (const int w = FixedWidthBytes(t); w > 0) return CheckBytes("values", v.values, v.values_bytes, v.length * w, path);
  if (IsBinaryLike(t)) return CheckOffsets(v, v.values_bytes, "value bytes", path);
  const std::string child_path = path.empty() ? "element" : path + ".element";
  if (t == TypeId::kList || t == TypeId::kLargeList) {
    if (v.child == nullptr) return Status::Invalid("list without a child column" + Where(path));
    AL_RETURN_NOT_OK(Validate(*v.child, child_path, depth + 1));
    return CheckOffsets(v, v.child->length, "child column", path);
  }
  if (t == TypeId::kFixedSizeList) {
    if (v.child == nullptr) return Status::Invalid("fixed-size list without a child column" + Where(path));
    if (v.list_size < 0) return Status::Invalid("negative fixed list size" + Where(path));
    int64_t need = 0;
    if (__builtin_mul_overflow(v.length, static_cast<int64_t>(v.list_size), &need) || need > v.child->length) {
      return Status::Invalid("fixed-size list of " + std::to_string(v.length) + " rows of " +
                             std::to_string(v.list_size) + " needs more than the child's " +
                             std::to_string(v.child->length) + " rows" + Where(path));
    }
    return Validate(*v.child, child_path, depth + 1);
  }
  if (t == TypeId::kDictionary) {
    if (!IsInteger(v.index_type)) {
      return Status::Invalid(std::string("dictionary indices must be integers, not ") + TypeIdName(v.index_type) +
                             Where(path));
    }
    if (v.dictionary == nullptr) return Status::Invalid("dictionary column without dictionary values" + Where(path));
    AL_RETURN_NOT_OK(CheckBytes("indices", v.values, v.values_bytes, v.length * FixedWidthBytes(v.index_type), path));
    const std::string dict_path = path.empty() ? "dictionary" : path + ".dictionary";
    AL_RETURN_NOT_OK(Validate(*v.dictionary, dict_path, depth + 1));
    if (v.dictionary->type == TypeId::kDictionary) return Status::NotImplemented("nested dictionaries" + Where(path));
    return CheckIndices(v, v.dictionary->length, path);
  }
  return Status::NotImplemented(std::string("type ") + TypeIdName(t) + Where(path));
}

}  // namespace

Status ValidateColumn(const ColumnView& view) { return Validate(view, "", 0); }

}  // namespace al
