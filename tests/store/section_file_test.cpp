#include "ticketlens/store/section_file.hpp"

#include <gtest/gtest.h>

#include "store_test_support.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/store/segment.hpp"

namespace ticketlens::store::test {
namespace {

constexpr std::string_view kMagic = "TLTEST01";

void write_sample(const fs::path& path) {
  SectionWriter w(path, kMagic);
  w.put(std::vector<std::uint64_t>{1, 2, 3});
  StringColumn s;
  s.push_back("alpha");
  s.push_back("");
  s.push_back("gamma");
  w.put_strings(s);
  w.put(std::vector<std::int32_t>{});
  Dictionary d;
  d.intern("x");
  d.intern("yz");
  w.put_dictionary(d);
  w.finish();
}

// Reads every section back; throws Error when anything is wrong.
void read_sample(const fs::path& path) {
  SectionReader r(path, kMagic);
  ASSERT_EQ(r.sections(), 6u);
  EXPECT_EQ(r.get<std::uint64_t>(0), (std::vector<std::uint64_t>{1, 2, 3}));
  const StringColumn s = r.get_strings(1);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s.at(0), "alpha");
  EXPECT_EQ(s.at(1), "");
  EXPECT_EQ(s.at(2), "gamma");
  EXPECT_TRUE(r.get<std::int32_t>(3).empty());
  const Dictionary d = r.get_dictionary(4);
  EXPECT_EQ(d.strings(), (std::vector<std::string>{"x", "yz"}));
}

TEST(SectionFileTest, RoundTrips) {
  TempDir dir;
  const auto path = dir.path() / "sample.bin";
  write_sample(path);
  read_sample(path);
  // Only the final file is left: the temporary one was renamed into place.
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) {
    (void)e;
    ++files;
  }
  EXPECT_EQ(files, 1u);
}

TEST(SectionFileTest, WriterWithoutFinishLeavesNothing) {
  TempDir dir;
  {
    SectionWriter w(dir.path() / "never.bin", kMagic);
    w.put(std::vector<std::uint64_t>{1});
  }
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(SectionFileTest, EveryFlippedByteIsDetected) {
  TempDir dir;
  const auto good = dir.path() / "good.bin";
  const auto bad = dir.path() / "bad.bin";
  write_sample(good);
  const std::string bytes = read_file(good);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    std::string damaged = bytes;
    damaged[i] = static_cast<char>(~damaged[i]);
    write_file(bad, damaged);
    try {
      read_sample(bad);
      ADD_FAILURE() << "flipped byte " << i << " of " << bytes.size() << " went unnoticed";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kStore) << i;
      EXPECT_NE(std::string(e.what()).find("bad.bin"), std::string::npos) << e.what();
    }
  }
}

TEST(SectionFileTest, TruncationAndWrongTypeAreDetected) {
  TempDir dir;
  const auto path = dir.path() / "sample.bin";
  write_sample(path);
  EXPECT_THROW(SectionReader(path, "OTHER001"), Error);
  const std::string bytes = read_file(path);
  for (std::size_t keep : {std::size_t{0}, std::size_t{7}, std::size_t{31}, bytes.size() - 1}) {
    write_file(path, bytes.substr(0, keep));
    EXPECT_THROW(read_sample(path), Error) << keep;
  }
  write_file(path, bytes + "x");
  EXPECT_THROW(read_sample(path), Error);
}

TEST(SectionFileTest, MissingFileIsAnIoError) {
  TempDir dir;
  try {
    SectionReader r(dir.path() / "absent.bin", kMagic);
    FAIL() << "expected Error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kIo);
  }
}

TEST(SegmentTest, RoundTripsAnEventBatch) {
  TempDir dir;
  EventBatch b;
  const std::string_view accounts[] = {"a2", "a1", "a2"};
  for (std::uint32_t i = 0; i < 3; ++i) {
    b.ts.push_back(1000 + i);
    b.account.push_back(b.account_ids.intern(accounts[i]));
    b.name.push_back(b.names.intern(i == 1 ? "export" : "login"));
    b.product_area.push_back(b.product_areas.intern(i == 2 ? "" : "auth"));
    b.platform.push_back(b.platforms.intern("web"));
    b.is_error.push_back(i == 0 ? kMissingFlag : static_cast<std::int8_t>(i % 2));
    b.duration_ms.push_back(i == 1 ? kMissingInt : 10 * i);
    b.user_id.push_back(i == 2 ? "" : "u1");
    b.session_id.push_back("s");
    b.event_id.push_back(i == 0 ? "e0" : "");
    b.properties.push_back(i == 1 ? R"({"k":1})" : "");
    b.key_hash.push_back(10 + i);
    b.content_hash.push_back(20 + i);
  }
  const auto path = dir.path() / "ev.seg";
  write_segment(b, path);
  const EventBatch r = read_segment(path);
  EXPECT_EQ(r.ts, b.ts);
  EXPECT_EQ(r.account, b.account);
  EXPECT_EQ(r.account_ids.strings(), b.account_ids.strings());
  EXPECT_EQ(r.name, b.name);
  EXPECT_EQ(r.product_area, b.product_area);
  EXPECT_EQ(r.product_area[2], Dictionary::kMissing);
  EXPECT_EQ(r.is_error, b.is_error);
  EXPECT_EQ(r.duration_ms, b.duration_ms);
  EXPECT_EQ(r.user_id.chars, b.user_id.chars);
  EXPECT_EQ(r.user_id.offsets, b.user_id.offsets);
  EXPECT_EQ(r.properties.at(1), R"({"k":1})");
  EXPECT_EQ(r.event_id.at(0), "e0");
  const SegmentKeys keys = read_segment_keys(path);
  EXPECT_EQ(keys.key_hash, b.key_hash);
  EXPECT_EQ(keys.content_hash, b.content_hash);
  // The (account id, ts) order compares account ids as text.
  EXPECT_EQ(b.order_by_account_time(), (std::vector<std::uint32_t>{1, 0, 2}));
  const EventBatch picked = b.select({2, 1});
  EXPECT_EQ(picked.ts, (std::vector<Timestamp>{1002, 1001}));
  EXPECT_EQ(picked.account_ids.at(picked.account[0]), "a2");
  EXPECT_EQ(picked.event_id.at(0), "");
  EXPECT_EQ(picked.properties.at(1), R"({"k":1})");
}

}  // namespace
}  // namespace ticketlens::store::test
