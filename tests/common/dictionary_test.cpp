#include "ticketlens/common/dictionary.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ticketlens {
namespace {

TEST(DictionaryTest, CodesAreDenseInOrderOfFirstSight) {
  Dictionary d;
  EXPECT_EQ(d.intern("b"), 0u);
  EXPECT_EQ(d.intern("a"), 1u);
  EXPECT_EQ(d.intern("b"), 0u);
  EXPECT_EQ(d.intern(""), Dictionary::kMissing);
  EXPECT_EQ(d.size(), 2u);
  EXPECT_EQ(d.at(1), "a");
  EXPECT_EQ(d.at(Dictionary::kMissing), "");
  EXPECT_EQ(d.find("a"), 1u);
  EXPECT_FALSE(d.find("c"));
}

TEST(DictionaryTest, SurvivesGrowthAndCopies) {
  Dictionary d;
  for (int i = 0; i < 10000; ++i) ASSERT_EQ(d.intern("s" + std::to_string(i)), static_cast<std::uint32_t>(i));
  const Dictionary copy = d;
  for (int i = 0; i < 10000; i += 37) EXPECT_EQ(copy.find("s" + std::to_string(i)), static_cast<std::uint32_t>(i));
  EXPECT_FALSE(copy.find("s10000"));
}

TEST(DictionaryTest, AssignedStringsAreIndexedOnFirstLookup) {
  Dictionary d;
  d.assign({"x", "y", "z"});
  EXPECT_EQ(d.size(), 3u);
  EXPECT_EQ(d.find("z"), 2u);
  EXPECT_EQ(d.intern("w"), 3u);
  EXPECT_EQ(d.intern("x"), 0u);
}

}  // namespace
}  // namespace ticketlens
