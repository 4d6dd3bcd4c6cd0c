// `experiment` on the small demo's guided-onboarding experiment: the planted effect (treatment
// files 0.7x the how_to and data_import tickets in its first 30 days) is inside the rate ratio's
// interval; without the plant the interval holds 1; an unknown experiment is a clear error.
#include <gtest/gtest.h>

#include "demo_worlds.hpp"
#include "ticketlens/analysis/experiment.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/model/config.hpp"

namespace ticketlens::analysis {
namespace {

ExperimentOptions onboarding_options(const model::World& world) {
  ExperimentOptions o;
  o.as_of = world.data_end;
  o.window_days = 30;
  o.categories = {"how_to", "data_import"};
  return o;
}

TEST(ExperimentTest, PlantedOnboardingEffectIsInsideTheRateRatioInterval) {
  const auto& demo = test::planted_demo();
  const auto config = model::parse_config(model::default_config_toml(), "default");
  const auto r = experiment_report(demo.world, config, "guided_onboarding", onboarding_options(demo.world));
  ASSERT_EQ(r.arms.size(), 2u);
  EXPECT_EQ(r.control, "control");
  EXPECT_EQ(r.arms[0].arm, "control");
  ASSERT_EQ(r.comparisons.size(), 1u);
  const auto& rr = r.comparisons[0].ticket_rate;
  EXPECT_LT(rr.estimate, 1.0);
  EXPECT_LE(rr.lower, 0.7);
  EXPECT_GE(rr.upper, 0.7);
  ASSERT_EQ(r.comparisons[0].verdict.size(), 4u);
  EXPECT_EQ(r.comparisons[0].verdict[0].rfind("tickets: ", 0), 0u);
}

TEST(ExperimentTest, WithoutThePlantTheIntervalHoldsOneAndSmallSamplesSaySo) {
  const auto& demo = test::plain_demo();
  auto config = model::parse_config(model::default_config_toml(), "default");
  const auto r = experiment_report(demo.world, config, "guided_onboarding", onboarding_options(demo.world));
  const auto& rr = r.comparisons[0].ticket_rate;
  EXPECT_LE(rr.lower, 1.0);
  EXPECT_GE(rr.upper, 1.0);
  config.experiments.min_accounts_per_arm = 100000;
  const auto tiny = experiment_report(demo.world, config, "guided_onboarding", onboarding_options(demo.world));
  for (const auto& v : tiny.comparisons[0].verdict) EXPECT_NE(v.find("too small to tell"), std::string::npos) << v;
  EXPECT_THROW(experiment_report(demo.world, config, "no_such_test", onboarding_options(demo.world)), Error);
}

}  // namespace
}  // namespace ticketlens::analysis
