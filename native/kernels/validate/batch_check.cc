#include "kernels/validate/batch_check.h"

#include <cmath>
#include <limits>
#include <type_traits>

#include "core/column_access.h"
#include "core/dispatch.h"

namespace al {
namespace {

class Checker {
 public:
  Checker(const ColumnConstraints& c, int64_t max_findings, BatchCheckResult* out) : c_(c), max_(max_findings), out_(out) {
    for (const std::string& s : c.strings) set_.insert(std::string_view(s));
  }

  bool Full() const { return static_cast<int64_t>(out_->findings.size()) >= max_; }

  void Add(int64_t row, RowIssue issue, int32_t level, int64_t leaf) {
    if (Full()) {
      out_->truncated = true;
      return;
    }
    out_->findings.push_back({row, issue, level, leaf});
  }

  void CheckCount(int64_t row, int32_t level, int64_t n) {
    if (level >= static_cast<int32_t>(c_.levels.size())) return;
    const CountBounds& b = c_.levels[level];
    if (b.has_min && n < b.min) Add(row, RowIssue::kFewValues, level, -1);
    else if (b.has_max && n > b.max) Add(row, RowIssue::kManyValues, level, -1);
  }

  // Walks row `row`'s values at `view` rows [begin, end) (`level` 0 is the column itself).
  // Returns the number of leaf values.
  Status Walk(const ColumnView& view, int64_t row, int32_t level, int64_t begin, int64_t end, int64_t* leaves) {
    if (IsList(view.type)) {
      for (int64_t i = begin; i < end; i++) {
        if (!IsValid(view, i)) continue;  // a null inner list holds no values
        const int64_t b = ListChildBegin(view, i);
        const int64_t e = view.type == TypeId::kFixedSizeList ? b + view.list_size : OffsetAt(view, i + 1);
        CheckCount(row, level, e - b);
        AL_RETURN_NOT_OK(Walk(*view.child, row, level + 1, b, e, leaves));
      }
      return Status::OK();
    }
    *leaves += end - begin;
    if (level == 0) CheckCount(row, 0, end - begin);
    return Leaves(view, row, begin, end);
  }

 private:
  Status Leaves(const ColumnView& view, int64_t row, int64_t begin, int64_t end) {
    using L = ColumnConstraints::Leaf;
    if (c_.leaf == L::kNone) return Status::OK();
    if (c_.leaf == L::kStringSet || c_.leaf == L::kIntString) return Strings(view, row, begin, end);
    return VisitNumeric(view.type, [&](auto tag) {
      using Tag = decltype(tag);
      for (int64_t i = begin; i < end && !Full(); i++) {
        if (!IsValid(view, i)) continue;
        if (c_.leaf == L::kIntRange) {
          int64_t x;
          if constexpr (std::is_integral_v<typename Tag::Storage> && Tag::kKind == NumericKind::kPlain) {
            const auto raw = static_cast<const typename Tag::Storage*>(view.values)[i];
            if constexpr (std::is_same_v<typename Tag::Storage, uint64_t>) {
              if (raw > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
                if (c_.has_max) Add(row, RowIssue::kBigInt, 0, i);
                continue;
              }
            }
            x = static_cast<int64_t>(raw);
          } else {
            x = static_cast<int64_t>(LoadAsDouble<Tag>(view.values, view.offset, i));
          }
          if (c_.has_min && x < c_.int_min) Add(row, RowIssue::kSmallInt, 0, i);
          else if (c_.has_max && x > c_.int_max) Add(row, RowIssue::kBigInt, 0, i);
        } else {
          const double x = LoadAsDouble<Tag>(view.values, view.offset, i);
          if (c_.leaf == L::kBool) {
            if (x != 0.0 && x != 1.0) Add(row, RowIssue::kNotBool, 0, i);
          } else if (std::isnan(x)) {
            if (c_.disallow_nan) Add(row, RowIssue::kNaN, 0, i);
          } else if (std::isinf(x) && c_.disallow_inf) {
            Add(row, RowIssue::kInf, 0, i);
          } else {
            const float f = static_cast<float>(x);
            if (c_.has_min && f < c_.float_min) Add(row, RowIssue::kSmallFloat, 0, i);
            else if (c_.has_max && f > c_.float_max) Add(row, RowIssue::kBigFloat, 0, i);
          }
        }
      }
      return Status::OK();
    });
  }

  static bool ParseInt64(std::string_view s, int64_t* out) {
    size_t i = 0;
    while (i < s.size() && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))) i++;
    size_t j = s.size();
    while (j > i && (s[j - 1] == ' ' || (s[j - 1] >= '\t' && s[j - 1] <= '\r'))) j--;
    bool neg = false;
    if (i < j && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
    if (i == j) return false;
    unsigned long long v = 0;
    const unsigned long long limit = neg ? 9223372036854775808ULL : 9223372036854775807ULL;
    for (; i < j; i++) {
      if (s[i] < '0' || s[i] > '9') return false;
      const unsigned d = static_cast<unsigned>(s[i] - '0');
      if (v > (limit - d) / 10) return false;
      v = v * 10 + d;
    }
    *out = neg ? static_cast<int64_t>(0 - v) : static_cast<int64_t>(v);
    return true;
  }

  Status Strings(const ColumnView& view, int64_t row, int64_t begin, int64_t end) {
    const ColumnView* bytes_view = view.type == TypeId::kDictionary ? view.dictionary : &view;
    if (!IsBinaryLike(bytes_view->type)) return Status::TypeMismatch(std::string("a string domain on a column of type ") + TypeIdName(view.type));
    const char* data = static_cast<const char*>(bytes_view->values);
    for (int64_t i = begin; i < end && !Full(); i++) {
      if (!IsValid(view, i)) continue;
      const int64_t k = view.type == TypeId::kDictionary ? DictionaryIndexAt(view, i) : i;
      const int64_t b = OffsetAt(*bytes_view, k);
      const std::string_view s(data + b, static_cast<size_t>(OffsetAt(*bytes_view, k + 1) - b));
      if (c_.leaf == ColumnConstraints::Leaf::kStringSet) {
        if (set_.find(s) == set_.end()) Add(row, RowIssue::kOutOfDomain, 0, i);
        continue;
      }
      int64_t x;
      if (!ParseInt64(s, &x)) Add(row, RowIssue::kNotInt, 0, i);
      else if (c_.has_min && x < c_.int_min) Add(row, RowIssue::kSmallInt, 0, i);
      else if (c_.has_max && x > c_.int_max) Add(row, RowIssue::kBigInt, 0, i);
    }
    return Status::OK();
  }

  const ColumnConstraints& c_;
  int64_t max_;
  BatchCheckResult* out_;
  std::unordered_set<std::string_view> set_;
};

}  // namespace

Status CheckBatchColumn(const ColumnView& view, const ColumnConstraints& c, int64_t max_findings, BatchCheckResult* out) {
  out->findings.clear();
  out->truncated = false;
  Checker checker(c, max_findings, out);
  for (int64_t row = 0; row < view.length && !checker.Full(); row++) {
    if (!IsValid(view, row)) {
      if (c.required) checker.Add(row, RowIssue::kMissing, 0, -1);
      continue;
    }
    int64_t leaves = 0;
    if (IsList(view.type)) {
      const int64_t b = ListChildBegin(view, row);
      const int64_t e = view.type == TypeId::kFixedSizeList ? b + view.list_size : OffsetAt(view, row + 1);
      checker.CheckCount(row, 0, e - b);
      AL_RETURN_NOT_OK(checker.Walk(*view.child, row, 1, b, e, &leaves));
    } else {
      AL_RETURN_NOT_OK(checker.Walk(view, row, 0, row, row + 1, &leaves));
    }
    if (c.fixed_count >= 0 && leaves != c.fixed_count) checker.Add(row, RowIssue::kShape, 0, -1);
  }
  if (checker.Full()) out->truncated = true;
  return Status::OK();
}

}  // namespace al
