#include "kernels/stats/leaf_ranges.h"

#include <algorithm>

#include "core/bitmap.h"
#include "core/column_access.h"

namespace al {

int64_t LeafSelection::Count() const {
  int64_t n = 0;
  for (const RowRange& r : ranges) n += r.end - r.begin;
  return n;
}

namespace {

void Append(std::vector<RowRange>* out, int64_t b, int64_t e) {
  if (b >= e) return;
  if (!out->empty() && out->back().end == b) {
    out->back().end = e;
  } else {
    out->push_back({b, e});
  }
}

}  // namespace

std::vector<RowRange> ChildRanges(const ColumnView& v, const std::vector<RowRange>& ranges) {
  std::vector<RowRange> out;
  for (const RowRange& r : ranges) {
    if (v.validity == nullptr) {
      Append(&out, ListChildBegin(v, r.begin), ListChildBegin(v, r.end));
      continue;
    }
    for (int64_t i = r.begin; i < r.end; ++i) {
      if (GetBit(v.validity, v.offset + i)) Append(&out, ListChildBegin(v, i), ListChildBegin(v, i + 1));
    }
  }
  return out;
}

LeafSelection SelectLeaves(const ColumnView& view) {
  LeafSelection sel;
  const ColumnView* v = &view;
  if (v->length > 0) sel.ranges.push_back({0, v->length});
  while (IsList(v->type)) {
    sel.ranges = ChildRanges(*v, sel.ranges);
    v = v->child;
  }
  sel.leaf = v;
  return sel;
}

std::vector<std::vector<RowRange>> SplitRanges(const std::vector<RowRange>& ranges, int parts, int64_t align) {
  std::vector<std::vector<RowRange>> out;
  int64_t total = 0;
  for (const RowRange& r : ranges) total += r.end - r.begin;
  if (parts < 1) parts = 1;
  const int64_t target = std::max<int64_t>(align, (total + parts - 1) / parts);
  std::vector<RowRange> cur;
  int64_t cur_rows = 0;
  for (RowRange r : ranges) {
    while (r.begin < r.end) {
      int64_t take = std::min(r.end - r.begin, target - cur_rows);
      if (take < r.end - r.begin && take % align != 0) {
        // Keep cuts block-aligned inside a range; the remainder starts the next part.
        take = (take / align) * align;
      }
      if (take > 0) {
        cur.push_back({r.begin, r.begin + take});
        cur_rows += take;
        r.begin += take;
      }
      if (cur_rows >= target || (take == 0 && !cur.empty())) {
        out.push_back(std::move(cur));
        cur.clear();
        cur_rows = 0;
      } else if (take == 0) {
        // A part with no rows yet and a target below one block: take a whole block.
        const int64_t t = std::min(r.end - r.begin, align);
        cur.push_back({r.begin, r.begin + t});
        cur_rows += t;
        r.begin += t;
      }
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

}  // namespace al
