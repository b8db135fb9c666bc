// FarmHash Fingerprint64, Misra-Gries and KMV. The fingerprints below come from independent
// implementations, over bytes (i * 7 + 3) & 255: the farmhash-modern package, except at lengths
// that are multiples of 64 from 128 on, where farmhash-modern disagrees with Google's C++
// farmhash (the `farmhash` npm package, which tfx-bsl's behaviour follows); those rows are the
// C++ values.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <iterator>
#include <map>
#include <random>
#include <set>
#include <string>

#include "sketches/farmhash.h"
#include "sketches/kmv.h"
#include "sketches/misra_gries.h"

namespace al {
namespace {

struct FingerprintCase {
  size_t len;
  uint64_t expected;
};

const FingerprintCase kFingerprints[] = {
  {0, 11160318154034397263ULL},
  {1, 13745158429558087051ULL},
  {2, 1655114877597445365ULL},
  {3, 4662423180930907492ULL},
  {4, 17566270577251613586ULL},
  {5, 1540533402979949747ULL},
  {7, 5759834791111993764ULL},
  {8, 907454142650066470ULL},
  {9, 16509338067675758591ULL},
  {15, 3216519055487487771ULL},
  {16, 9140634717936656744ULL},
  {17, 14506534093795057959ULL},
  {31, 13644964512845808587ULL},
  {32, 11907377154618496232ULL},
  {33, 14001582926318596329ULL},
  {63, 10827710408787052188ULL},
  {64, 389040666157116578ULL},
  {65, 8638051931306504420ULL},
  {100, 11391788667801836296ULL},
  {127, 14601120872369961854ULL},
  {128, 7379187116787024497ULL},  // C++ farmhash
  {192, 4590343427702585127ULL},  // C++ farmhash
  {256, 16298571597155337633ULL}, // C++ farmhash
  {129, 10961879714037014659ULL},
  {200, 7886090686657605591ULL},
  {1000, 16150330943325068364ULL},
};

TEST(Fingerprint64, MatchesFarmhashModernAtEveryLengthClass) {
  for (const FingerprintCase& c : kFingerprints) {
    std::vector<uint8_t> bytes(c.len);
    for (size_t i = 0; i < c.len; ++i) bytes[i] = static_cast<uint8_t>((i * 7 + 3) & 255);
    EXPECT_EQ(Fingerprint64(bytes.data(), bytes.size()), c.expected) << "length " << c.len;
  }
  EXPECT_EQ(Fingerprint64("hello", 5), 13009744463427800296ULL);
  EXPECT_EQ(Fingerprint64("-42", 3), 16304005864742066718ULL);
}

TEST(MisraGries, ExactBelowKDistinctWithTfdvOrdering) {
  MisraGries mg(4);
  for (const char* v : {"b", "a", "c", "a", "b", "a", "d"}) mg.AddString(v);
  const auto counts = mg.Counts();
  ASSERT_EQ(counts.size(), 4u);
  EXPECT_EQ(counts[0], (std::pair<std::string, double>{"a", 3}));
  EXPECT_EQ(counts[1], (std::pair<std::string, double>{"b", 2}));
  EXPECT_EQ(counts[2], (std::pair<std::string, double>{"c", 1}));  // ties: item ascending
  EXPECT_EQ(counts[3], (std::pair<std::string, double>{"d", 1}));
  EXPECT_EQ(mg.delta(), 0);
}

TEST(MisraGries, PlaceholdersForInvalidUtf8AndLargeValues) {
  MisraGries mg(8);
  mg.AddString(std::string("\xff\xfe", 2));
  mg.AddString(std::string(2000, 'x'));
  MisraGries keep_large(8, false);
  keep_large.AddString(std::string(2000, 'x'));
  EXPECT_EQ(mg.Counts()[0].first, kNonUtf8Placeholder);  // tied counts: ascending
  EXPECT_EQ(mg.Counts()[1].first, kLargeBytesPlaceholder);
  EXPECT_EQ(keep_large.Counts()[0].first.size(), 2000u);
}

// A plain re-implementation of tfx-bsl's loop (decrement every counter on overflow), to check
// that the offset-based counters give the same counts on a stream with many distinct values.
std::map<std::string, double> NaiveMisraGries(const std::vector<std::string>& items, size_t k, double* delta) {
  std::map<std::string, double> counts;
  *delta = 0;
  for (const std::string& item : items) {
    auto [it, inserted] = counts.emplace(item, 1.0);
    if (!inserted) {
      it->second += 1;
    } else if (counts.size() > k) {
      for (auto c = counts.begin(); c != counts.end();) {
        c->second -= 1;
        c = c->second < 1e-8 ? counts.erase(c) : std::next(c);
      }
      *delta += 1;
    }
  }
  return counts;
}

TEST(MisraGries, SameCountsAsTheNaiveAlgorithmPastK) {
  std::mt19937_64 rng(9);
  std::vector<std::string> items;
  for (int i = 0; i < 20000; ++i) {
    // Zipf-like: a few heavy hitters and a long tail.
    const uint64_t r = rng() % 1000;
    items.push_back(r < 300 ? "hot" + std::to_string(r % 5) : "v" + std::to_string(rng() % 3000));
  }
  MisraGries mg(64);
  for (const auto& s : items) mg.AddItem(s);
  double delta = 0;
  const auto naive = NaiveMisraGries(items, 64, &delta);
  EXPECT_EQ(mg.delta(), delta);
  std::map<std::string, double> ours;
  for (const auto& [item, count] : mg.Counts()) {
    if (count > mg.delta()) ours[item] = count - mg.delta();
  }
  EXPECT_EQ(ours, naive);
  // Heavy hitters are found, with counts within delta above the truth.
  std::map<std::string, int> truth;
  for (const auto& s : items) ++truth[s];
  for (int h = 0; h < 5; ++h) {
    const std::string key = "hot" + std::to_string(h);
    const auto counts = mg.Counts();
    auto it = std::find_if(counts.begin(), counts.end(), [&](const auto& p) { return p.first == key; });
    ASSERT_NE(it, counts.end()) << key;
    EXPECT_GE(it->second, truth[key]);
    EXPECT_LE(it->second, truth[key] + mg.delta());
  }
}

TEST(MisraGries, SameCountsAsTheNaiveAlgorithmOnNearlyUniqueValues) {
  // Mostly values seen once (every decrement empties the table), a few repeated ones.
  std::vector<std::string> items;
  for (int i = 0; i < 30000; ++i) items.push_back(i % 97 == 0 ? "repeat" + std::to_string(i % 3) : "u" + std::to_string(i));
  MisraGries mg(32);
  for (const auto& s : items) mg.AddItem(s);
  double delta = 0;
  const auto naive = NaiveMisraGries(items, 32, &delta);
  EXPECT_EQ(mg.delta(), delta);
  std::map<std::string, double> ours;
  for (const auto& [item, count] : mg.Counts()) {
    if (count > mg.delta()) ours[item] = count - mg.delta();
  }
  EXPECT_EQ(ours, naive);
  EXPECT_LE(mg.size(), 32u);
}

TEST(MisraGries, MillionDistinctValuesStayUnderTheCap) {
  MisraGries mg(1024);
  for (int i = 0; i < 1000000; ++i) mg.AddItem("value-" + std::to_string(i));
  EXPECT_LE(mg.size(), 1024u);
  std::vector<uint8_t> bytes;
  mg.Serialize(&bytes);
  EXPECT_LT(bytes.size(), 1024u * (4 + 1024 + 8) + 64);  // documented cap: k entries of <= 1 KiB
  // Every count is an upper bound: count - delta <= true count (1).
  for (const auto& [item, count] : mg.Counts()) EXPECT_LE(count - mg.delta(), 1.0);
}

TEST(MisraGries, MergeSerializeAndErrors) {
  MisraGries a(16), b(16);
  for (int i = 0; i < 100; ++i) a.AddItem("a" + std::to_string(i % 7));
  for (int i = 0; i < 50; ++i) b.AddItem("a" + std::to_string(i % 11));
  MisraGries whole(16);
  for (int i = 0; i < 100; ++i) whole.AddItem("a" + std::to_string(i % 7));
  for (int i = 0; i < 50; ++i) whole.AddItem("a" + std::to_string(i % 11));
  ASSERT_TRUE(a.Merge(b).ok());
  EXPECT_EQ(a.Counts(), whole.Counts());  // exact: 11 distinct <= 16
  std::vector<uint8_t> bytes;
  a.Serialize(&bytes);
  MisraGries back;
  int64_t used = 0;
  ASSERT_TRUE(MisraGries::Deserialize(bytes.data(), static_cast<int64_t>(bytes.size()), &used, &back).ok());
  EXPECT_EQ(back.Counts(), a.Counts());
  EXPECT_EQ(MisraGries::Deserialize(bytes.data(), 10, &used, &back).code(), StatusCode::kSerialization);
  MisraGries other(8);
  EXPECT_EQ(a.Merge(other).code(), StatusCode::kInvalidArgument);
}

TEST(Kmv, ExactBelowKThenWithinTheBound) {
  Kmv small(16384);
  for (int i = 0; i < 10000; ++i) small.AddBytes("v" + std::to_string(i % 5000));
  EXPECT_EQ(small.Estimate(), 5000u);
  Kmv big(16384);
  for (int i = 0; i < 1000000; ++i) big.AddBytes("value-" + std::to_string(i));
  EXPECT_LE(big.size(), 16384u);
  const double est = static_cast<double>(big.Estimate());
  EXPECT_NEAR(est, 1e6, 1e6 * 0.03);  // 1/sqrt(k) = 0.8%; 3.7 sigma
  std::vector<uint8_t> bytes;
  big.Serialize(&bytes);
  EXPECT_LE(bytes.size(), 16384u * 8 + 32);  // documented cap: 128 KiB
}

// The k smallest distinct hashes, kept in a std::set: what the open-addressing set and heap must
// reproduce through every eviction (backward-shift deletions included) and the hash 0.
TEST(Kmv, SameStateAsAnOrderedSetThroughEvictions) {
  std::mt19937_64 rng(17);
  for (int64_t k : {1, 7, 300}) {
    Kmv kmv(k);
    std::set<uint64_t> ref;
    for (int i = 0; i < 200000; ++i) {
      // Clustered low bits make long probe runs; small values repeat; 0 is a legal hash.
      const uint64_t r = rng();
      const uint64_t h = i % 97 == 0 ? 0 : (i % 5 == 0 ? r % 5000 : (r & ~uint64_t{0xFFFF}) | (i % 16));
      kmv.AddHash(h);
      ref.insert(h);
      if (static_cast<int64_t>(ref.size()) > k) ref.erase(std::prev(ref.end()));
      if (i % 20011 == 0 || i == 199999) {
        ASSERT_EQ(kmv.size(), ref.size()) << "k " << k << " at " << i;
        std::vector<uint8_t> bytes;
        kmv.Serialize(&bytes);
        Kmv back;
        int64_t used = 0;
        ASSERT_TRUE(Kmv::Deserialize(bytes.data(), static_cast<int64_t>(bytes.size()), &used, &back).ok());
        std::vector<uint8_t> again;
        back.Serialize(&again);
        EXPECT_EQ(bytes, again);
        // The serialized hashes are the reference set in order, after a 28-byte header.
        std::vector<uint64_t> kept((bytes.size() - 28) / 8);
        std::memcpy(kept.data(), bytes.data() + 28, kept.size() * 8);
        EXPECT_EQ(kept, std::vector<uint64_t>(ref.begin(), ref.end())) << "k " << k << " at " << i;
      }
    }
  }
}

TEST(Kmv, MergeEqualsOneSketchAndSerializes) {
  Kmv a(256), b(256), whole(256);
  for (int i = 0; i < 5000; ++i) {
    const std::string v = "x" + std::to_string(i);
    whole.AddBytes(v);
    (i % 3 ? a : b).AddBytes(v);
  }
  ASSERT_TRUE(a.Merge(b).ok());
  EXPECT_EQ(a.Estimate(), whole.Estimate());
  std::vector<uint8_t> bytes;
  a.Serialize(&bytes);
  Kmv back;
  int64_t used = 0;
  ASSERT_TRUE(Kmv::Deserialize(bytes.data(), static_cast<int64_t>(bytes.size()), &used, &back).ok());
  EXPECT_EQ(back.Estimate(), a.Estimate());
  Kmv other(128);
  EXPECT_EQ(a.Merge(other).code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace al
