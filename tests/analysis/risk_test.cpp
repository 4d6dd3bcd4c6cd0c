// Risk scores on a demo company: the planted churn drivers (a recent recurrent ticket, a long
// unresolved ticket) come out as the top reasons, the model beats the ticket-count baseline, and
// no feature looks past its cut-off. (The planted costly category is not yet the top reason for
// the costly target: docs/metrics.md "Risk scores".)
//
// The planted-driver test uses a demo of kRiskAccounts accounts, not the small demo's 500: there,
// 26 accounts churn within 90 days of the test cut-off and even the planted hazard itself (tier
// baseline × 2 with a recent recurrent ticket × 2.5 with a long-unresolved one, evaluated at the
// cut-off) ranks them at AUC 0.56, so no model could show the drivers. Product events are scaled
// down (they feed only the usage features).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <map>

#include "demo_worlds.hpp"
#include "ticketlens/analysis/risk/risk_report.hpp"
#include "ticketlens/model/config.hpp"

namespace ticketlens::analysis::risk {
namespace {

model::Config default_config() { return model::parse_config(model::default_config_toml(), "default"); }

constexpr int kRiskAccounts = 4000;
constexpr double kRiskEventScale = 0.05;

const test::DemoWorld& risk_demo() {
  static const test::DemoWorld w = test::make_demo_world(true, kRiskAccounts, kRiskEventScale);
  return w;
}

// Changes everything the world says about the time after `t`: events move later and change name and
// error flag; tickets created later change category, handling and CSAT; tickets open at t get a
// different (later) solution, handling and CSAT; subscriptions starting later change MRR.
void rewrite_future(model::World& w, Timestamp t) {
  auto& ev = w.events;
  for (std::size_t i = 0; i < ev.size(); ++i)
    if (ev.ts[i] > t) {
      ev.ts[i] += 3 * kSecondsPerDay;
      ev.name[i] = (ev.name[i] + 1) % static_cast<std::uint32_t>(ev.names.size());
      ev.is_error[i] = static_cast<std::uint8_t>(1 - ev.is_error[i]);
    }
  auto& tk = w.tickets;
  const auto categories = static_cast<std::uint32_t>(tk.categories.size());
  for (std::size_t i = 0; i < tk.size(); ++i) {
    const bool later = tk.created_at[i] > t;
    const bool open_at_t = tk.solved_at[i] == model::kNoTime || tk.solved_at[i] > t;
    if (later) {
      tk.category[i] = (tk.category[i] + 1) % categories;
      tk.created_at[i] = std::max(t + 1, tk.created_at[i] - kSecondsPerDay);
    }
    if (later || open_at_t) {
      tk.solved_at[i] = t + 400 * kSecondsPerDay;
      tk.handle_minutes[i] = 999;
      tk.csat[i] = 1;
      tk.escalated_to[i] = 3;
    }
  }
  for (std::size_t i = 0; i < w.subscriptions.size(); ++i)
    if (w.subscriptions.started_at[i] > t) w.subscriptions.mrr[i] *= 7;
}

TEST(RiskFeaturesTest, NothingAfterTheCutoffChangesAFeature) {
  const auto& demo = test::planted_demo();
  const auto config = default_config();
  const Timestamp t = demo.world.data_end - 200 * kSecondsPerDay;
  const auto before = account_features(demo.world, config, t);
  ASSERT_GT(before.rows(), 100u);
  model::World changed = demo.world;
  rewrite_future(changed, t);
  const auto after = account_features(changed, config, t);
  ASSERT_EQ(after.names, before.names);
  ASSERT_EQ(after.accounts, before.accounts);
  for (std::size_t j = 0; j < before.names.size(); ++j)
    EXPECT_EQ(after.columns[j], before.columns[j]) << before.names[j] << " looks past the cut-off";
  // The same rewrite one day before the cut-off must change the features (the test can fail).
  model::World earlier = demo.world;
  rewrite_future(earlier, t - 30 * kSecondsPerDay);
  const auto moved = account_features(earlier, config, t);
  EXPECT_NE(moved.columns, before.columns);
}

std::map<std::string, int> top_reason_counts(const RiskReport& r, std::size_t accounts) {
  std::map<std::string, int> counts;
  for (std::size_t i = 0; i < accounts && i < r.accounts.size(); ++i)
    if (!r.accounts[i].reasons.empty()) ++counts[r.accounts[i].reasons.front().feature];
  return counts;
}

std::string most_common(const std::map<std::string, int>& counts) {
  return std::max_element(counts.begin(), counts.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
}

void print_report(const RiskReport& r) {
  for (const auto& e : r.evaluations)
    std::printf("%s %s AUC %.3f (%.3f to %.3f), %lld rows, %lld positive\n", std::string(target_name(r.target)).c_str(),
                e.model.c_str(), e.auc, e.auc_lower, e.auc_upper, static_cast<long long>(e.rows),
                static_cast<long long>(e.positives));
  for (std::size_t j = 0; j < r.model.names.size(); ++j)
    std::printf("  %s coef/sd %.3f z %.2f\n", r.model.names[j].c_str(), r.model.coef[j], r.model.z[j]);
  for (const auto& [k, v] : top_reason_counts(r, 20)) std::printf("  first reason %s: %d\n", k.c_str(), v);
}

// Churn on the risk demo with a churn horizon of 30 days, the time over which the planted
// covariates act (each holds for 30 days after a recurrent ticket, or from day 7 of a ticket until
// 30 days after it is solved): over the default 90 days their effect is diluted by the 60 days in
// which the state at the cut-off no longer holds. Measured on a 4,000-account demo (12 training
// cut-offs): at 30 days the two drivers have z 4.5 and 5.5 (next 1.5) and AUC 0.651
// (0.608–0.693) against the baseline's 0.566; at 90 days z 2.2 and 2.5, with early_events_14d at
// 2.3, AUC 0.610 against 0.574.
TEST(RiskReportTest, PlantedChurnDriversAreTheTopReasonsAndTheModelBeatsTheBaseline) {
  const auto& demo = risk_demo();
  auto config = default_config();
  config.risk.churn_horizon_days = 30;
  config.risk.train_snapshots = 12;
  config.risk.bootstrap_resamples = 200;  // the interval is not checked here; the fits dominate under ASan
  RiskOptions options;
  options.as_of = demo.world.data_end;
  options.target = Target::kChurn;
  options.tree_threads = 1;  // two OpenMP threads spent far more CPU waiting than fitting under ASan
  const auto r = risk_report(demo.world, config, options);
  print_report(r);
  ASSERT_EQ(r.evaluations.size(), 3u);  // logistic, xgboost, baseline
  const auto& logistic = r.evaluations[0];
  const auto& baseline = r.evaluations[2];
  EXPECT_GT(logistic.auc, baseline.auc);
  EXPECT_GT(logistic.auc, 0.6);
  // Among the behaviour and ticket features (tier is the demo's baseline churn by plan, not a
  // driver to act on), the two planted drivers carry the largest z-values.
  std::vector<std::size_t> order;
  for (std::size_t j = 0; j < r.model.names.size(); ++j)
    if (!r.model.names[j].starts_with("tier_") && std::isfinite(r.model.z[j])) order.push_back(j);
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return r.model.z[a] > r.model.z[b]; });
  const std::vector<std::string> top2{r.model.names[order[0]], r.model.names[order[1]]};
  EXPECT_TRUE(std::find(top2.begin(), top2.end(), "recurrent_tickets_30d") != top2.end()) << top2[0] << ", " << top2[1];
  EXPECT_TRUE(std::find(top2.begin(), top2.end(), "long_unresolved_tickets") != top2.end()) << top2[0] << ", " << top2[1];
  // Among the accounts with the highest risk, the first reason is most often a planted driver.
  const auto reason = most_common(top_reason_counts(r, 20));
  EXPECT_TRUE(reason == "recurrent_tickets_30d" || reason == "long_unresolved_tickets") << reason;
  ASSERT_FALSE(r.accounts.empty());
  EXPECT_FALSE(r.accounts.front().play.empty());
  for (std::size_t i = 1; i < r.accounts.size(); ++i) ASSERT_GE(r.accounts[i - 1].risk_arr, r.accounts[i].risk_arr);
}

}  // namespace
}  // namespace ticketlens::analysis::risk
