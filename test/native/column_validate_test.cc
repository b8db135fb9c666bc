// Corrupt views are rejected with InvalidArgument and a message saying what is wrong, before
// any kernel reads past a buffer.
#include "core/column_validate.h"

#include <gtest/gtest.h>

#include "test_columns.h"

namespace al {
namespace {

using test::ColumnStore;

void ExpectInvalid(const ColumnView& v, const std::string& fragment) {
  const Status st = ValidateColumn(v);
  ASSERT_FALSE(st.ok()) << "expected an error containing '" << fragment << "'";
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << st.ToString();
  EXPECT_NE(st.message().find(fragment), std::string::npos) << st.message();
}

TEST(ValidateColumn, AcceptsWellFormedColumns) {
  ColumnStore s;
  std::vector<bool> valid{true, false, true};
  EXPECT_TRUE(ValidateColumn(s.Numeric<double>(TypeId::kFloat64, {1, 2, 3}, &valid)).ok());
  EXPECT_TRUE(ValidateColumn(s.Strings(TypeId::kUtf8, {"a", std::nullopt, "ccc"})).ok());
  EXPECT_TRUE(ValidateColumn(s.Strings(TypeId::kLargeBinary, {"", "xy"})).ok());
  ColumnView empty;
  empty.type = TypeId::kUtf8;  // zero rows need no buffers at all
  EXPECT_TRUE(ValidateColumn(empty).ok());
}

TEST(ValidateColumn, ValuesBufferTooShort) {
  ColumnStore s;
  ColumnView v = s.Numeric<int32_t>(TypeId::kInt32, {1, 2, 3});
  v.length = 4;
  ExpectInvalid(v, "values buffer has 12 bytes, the declared length needs 16");
}

TEST(ValidateColumn, MissingValuesBuffer) {
  ColumnView v;
  v.type = TypeId::kFloat64;
  v.length = 2;
  ExpectInvalid(v, "values buffer has 0 bytes, the declared length needs 16");
}

TEST(ValidateColumn, ValidityTooShortForOffset) {
  ColumnStore s;
  ColumnView v = s.Numeric<int8_t>(TypeId::kInt8, std::vector<int8_t>(16, 1));
  std::vector<uint8_t> bits(2, 0xff);
  v.validity = bits.data();
  v.validity_bytes = 2;
  v.offset = 3;  // 3 + 16 bits need 3 bytes
  ExpectInvalid(v, "validity buffer has 2 bytes, the declared length needs 3");
}

TEST(ValidateColumn, BoolValuesAreBits) {
  ColumnStore s;
  ColumnView v = s.Numeric<uint8_t>(TypeId::kBool, {0xff});
  v.length = 9;
  ExpectInvalid(v, "values buffer has 1 bytes, the declared length needs 2");
}

TEST(ValidateColumn, OffsetsDecrease) {
  ColumnStore s;
  ColumnView v = s.Strings(TypeId::kUtf8, {"ab", "c", "d"});
  int32_t* o = const_cast<int32_t*>(static_cast<const int32_t*>(v.offsets));
  o[2] = 1;  // 0, 2, 1, 4
  ExpectInvalid(v, "offsets decrease at row 1 (2 then 1)");
}

TEST(ValidateColumn, LastOffsetPastTheBytes) {
  ColumnStore s;
  ColumnView v = s.Strings(TypeId::kUtf8, {"ab", "c"});
  v.values_bytes = 2;
  ExpectInvalid(v, "last offset 3 is past the end of the value bytes (2)");
}

TEST(ValidateColumn, NegativeFirstOffset) {
  ColumnStore s;
  ColumnView v = s.Strings(TypeId::kLargeUtf8, {"ab"});
  int64_t* o = const_cast<int64_t*>(static_cast<const int64_t*>(v.offsets));
  o[0] = -1;
  ExpectInvalid(v, "first offset is negative (-1)");
}

TEST(ValidateColumn, OffsetsBufferTooShort) {
  ColumnStore s;
  ColumnView v = s.Strings(TypeId::kUtf8, {"ab", "c"});
  v.offsets_bytes = 8;  // 3 offsets needed
  ExpectInvalid(v, "offsets buffer has 8 bytes, the declared length needs 12");
}

TEST(ValidateColumn, ListPastItsChild) {
  ColumnStore s;
  ColumnView child = s.Numeric<int64_t>(TypeId::kInt64, {1, 2, 3});
  ColumnView list = s.List(TypeId::kList, child, {0, 2, 5});
  ExpectInvalid(list, "last offset 5 is past the end of the child column (3)");
}

TEST(ValidateColumn, ErrorInsideAChildNamesThePath) {
  ColumnStore s;
  ColumnView child = s.Numeric<int64_t>(TypeId::kInt64, {1, 2, 3});
  child.length = 5;
  ColumnView list = s.List(TypeId::kLargeList, child, {0, 2, 3});
  ExpectInvalid(list, "(at element)");
}

TEST(ValidateColumn, ListWithoutChild) {
  ColumnStore s;
  ColumnView child = s.Numeric<int64_t>(TypeId::kInt64, {1});
  ColumnView list = s.List(TypeId::kList, child, {0, 1});
  list.child = nullptr;
  ExpectInvalid(list, "list without a child column");
}

TEST(ValidateColumn, FixedSizeListNeedsEnoughChildRows) {
  ColumnStore s;
  ColumnView child = s.Numeric<float>(TypeId::kFloat32, {1, 2, 3, 4, 5});
  ColumnView v;
  v.type = TypeId::kFixedSizeList;
  v.length = 3;
  v.list_size = 2;
  v.child = s.Hold(child);
  ExpectInvalid(v, "fixed-size list of 3 rows of 2 needs more than the child's 5 rows");
}

TEST(ValidateColumn, DictionaryIndexOutOfRange) {
  ColumnStore s;
  ColumnView dict = s.Strings(TypeId::kUtf8, {"x", "y"});
  ColumnView v = s.Numeric<int16_t>(TypeId::kDictionary, {0, 1, 2});
  v.index_type = TypeId::kInt16;
  v.dictionary = s.Hold(dict);
  ExpectInvalid(v, "dictionary index 2 at row 2 is outside the dictionary of 2 values");
}

TEST(ValidateColumn, DictionaryIndexUnderNullIsNotRead) {
  ColumnStore s;
  ColumnView dict = s.Strings(TypeId::kUtf8, {"x"});
  std::vector<bool> valid{true, false};
  ColumnView v = s.Numeric<int32_t>(TypeId::kDictionary, {0, 99}, &valid);
  v.dictionary = s.Hold(dict);
  EXPECT_TRUE(ValidateColumn(v).ok());
}

TEST(ValidateColumn, NegativeLengthAndUnknownType) {
  ColumnView v;
  v.type = TypeId::kInt32;
  v.length = -1;
  ExpectInvalid(v, "negative length or offset");
  ColumnView u;
  u.type = static_cast<TypeId>(99);
  ExpectInvalid(u, "unknown type id 99");
}

}  // namespace
}  // namespace al
