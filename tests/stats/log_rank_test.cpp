#include "ticketlens/stats/log_rank.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"
#include "ticketlens/common/error.hpp"

namespace ticketlens::stats {
namespace {

using testing::as_double;
using testing::as_flags;
using testing::as_vector;
using testing::kRTolerance;
using testing::reference;

struct Input {
  std::vector<double> time;
  std::vector<std::uint8_t> event;
  std::vector<std::int32_t> group;
};

Input load(const std::string& file, const std::string& group_column) {
  const auto data = testing::read_csv(file);
  Input in{data.at("time"), as_flags(data.at("event")), {}};
  for (double g : data.at(group_column)) in.group.push_back(static_cast<std::int32_t>(g) - 1);
  return in;
}

void expect_matches(const LogRankTest& test, const nlohmann::json& ref) {
  EXPECT_REL(test.chisq, as_double(ref["chisq"]), kRTolerance);
  EXPECT_EQ(test.df, static_cast<int>(as_double(ref["df"])));
  EXPECT_REL(test.p, as_double(ref["p"]), kRTolerance);
  const auto n = as_vector(ref["n"]);
  const auto observed = as_vector(ref["observed"]);
  const auto expected = as_vector(ref["expected"]);
  ASSERT_EQ(test.groups.size(), n.size());
  for (std::size_t g = 0; g < n.size(); ++g) {
    EXPECT_EQ(static_cast<double>(test.groups[g].n), n[g]);
    EXPECT_REL(test.groups[g].observed, observed[g], 1e-10);
    EXPECT_REL(test.groups[g].expected, expected[g], 1e-10);
  }
  testing::expect_vector_near(test.variance, as_vector(ref["var"]), 1e-10, "var");
}

TEST(LogRankTest, MatchesSurvdiff) {
  const auto& ref = reference()["logrank"];
  const Input lung = load("lung.csv", "sex");
  expect_matches(log_rank_test(lung.time, lung.event, lung.group, 0.0), ref["lung_sex"]);
  expect_matches(log_rank_test(lung.time, lung.event, lung.group, 1.0), ref["lung_sex_peto"]);
  const Input veteran = load("veteran.csv", "celltype");
  expect_matches(log_rank_test(veteran.time, veteran.event, veteran.group, 0.0),
                 ref["veteran_celltype"]);
  expect_matches(log_rank_test(veteran.time, veteran.event, veteran.group, 0.5),
                 ref["veteran_celltype_rho05"]);
  const Input ovarian = load("ovarian.csv", "rx");
  expect_matches(log_rank_test(ovarian.time, ovarian.event, ovarian.group, 0.0),
                 ref["ovarian_rx"]);
}

TEST(LogRankTest, EmptyGroupIsLeftOutOfTheStatistic) {
  Input lung = load("lung.csv", "sex");
  for (auto& g : lung.group) g *= 2;  // codes 0 and 2; group 1 has no one
  const LogRankTest test = log_rank_test(lung.time, lung.event, lung.group, 0.0, 3);
  ASSERT_EQ(test.groups.size(), 3u);
  EXPECT_EQ(test.groups[1].n, 0);
  EXPECT_EQ(test.groups[1].expected, 0.0);
  EXPECT_EQ(test.df, 1);
  EXPECT_REL(test.chisq, as_double(reference()["logrank"]["lung_sex"]["chisq"]), kRTolerance);
}

TEST(LogRankTest, SingleGroupHasNoTest) {
  const std::vector<double> time{1, 2, 3};
  const std::vector<std::uint8_t> event{1, 0, 1};
  const std::vector<std::int32_t> group{0, 0, 0};
  const LogRankTest test = log_rank_test(time, event, group);
  EXPECT_EQ(test.df, 0);
  EXPECT_EQ(test.chisq, 0.0);
  EXPECT_TRUE(std::isnan(test.p));
}

TEST(LogRankTest, AllCensoredHasNoTest) {
  const std::vector<double> time{1, 2, 3, 4};
  const std::vector<std::uint8_t> event{0, 0, 0, 0};
  const std::vector<std::int32_t> group{0, 1, 0, 1};
  const LogRankTest test = log_rank_test(time, event, group);
  EXPECT_EQ(test.df, 0);
  EXPECT_EQ(test.groups[0].observed, 0.0);
}

TEST(LogRankTest, RejectsBadGroupCode) {
  const std::vector<double> time{1, 2};
  const std::vector<std::uint8_t> event{1, 1};
  const std::vector<std::int32_t> group{0, -1};
  EXPECT_THROW(log_rank_test(time, event, group), Error);
}

}  // namespace
}  // namespace ticketlens::stats
