#include "ticketlens/analysis/risk/risk_report.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "ticketlens/common/error.hpp"

namespace ticketlens::analysis::risk {
namespace {

struct Sample {
  Columns x;
  std::vector<std::uint8_t> y;
  std::vector<Timestamp> cutoffs;  ///< those that contributed rows
};

class SampleBuilder {
 public:
  SampleBuilder(const model::World& world, const model::Config& config, Target target)
      : world_(world), config_(config), target_(target), horizon_(horizon_days(config, target)) {
    if (target == Target::kCostly) costs_ = ticket_costs(world, config);
  }

  [[nodiscard]] int horizon() const { return horizon_; }

  /// Rows of every cut-off at or after the data's start, stacked.
  Sample at(const std::vector<Timestamp>& cutoffs) const {
    Sample s;
    s.x.assign(feature_names(world_).size(), {});
    for (Timestamp t : cutoffs) {
      if (world_.data_start == model::kNoTime || t < world_.data_start) continue;
      const auto m = account_features(world_, config_, t);
      if (m.rows() == 0) continue;
      const auto y = outcomes(m);
      for (std::size_t j = 0; j < s.x.size(); ++j) s.x[j].insert(s.x[j].end(), m.columns[j].begin(), m.columns[j].end());
      s.y.insert(s.y.end(), y.begin(), y.end());
      s.cutoffs.push_back(t);
    }
    return s;
  }

  [[nodiscard]] std::vector<std::uint8_t> outcomes(const FeatureMatrix& m) const {
    return target_ == Target::kChurn
               ? churn_outcomes(world_, m, horizon_)
               : costly_outcomes(world_, costs_, m, horizon_, config_.risk.costly_percentile);
  }

 private:
  const model::World& world_;
  const model::Config& config_;
  Target target_;
  int horizon_;
  std::vector<TicketCost> costs_;
};

std::vector<Timestamp> train_cutoffs(Timestamp last, const model::Config& config) {
  std::vector<Timestamp> out;
  for (int k = 0; k < config.risk.train_snapshots; ++k)
    out.push_back(last - static_cast<Timestamp>(k) * config.risk.snapshot_spacing_days * kSecondsPerDay);
  return out;
}

void require_both_outcomes(const Sample& s, std::string_view what) {
  std::int64_t positives = 0;
  for (auto y : s.y) positives += y;
  if (positives == 0 || positives == static_cast<std::int64_t>(s.y.size()))
    throw Error(ErrorCode::kNotFound,
                fmt::format("risk: the {} rows ({}) do not hold both outcomes; the data needs more history before "
                            "--as-of, or use an earlier [risk] horizon",
                            what, s.y.size()));
}

BoostedTreesParams trees_params(const model::Config& config, int threads) {
  BoostedTreesParams p;
  p.threads = threads;
  p.rounds = config.risk.trees;
  p.max_depth = config.risk.tree_depth;
  p.learning_rate = config.risk.learning_rate;
  p.subsample = config.risk.subsample;
  p.min_child_weight = config.risk.min_child_weight;
  p.seed = config.risk.seed;
  return p;
}

Columns only(const Columns& x, std::size_t column) { return Columns{x[column]}; }

}  // namespace

RiskReport risk_report(const model::World& world, const model::Config& config, const RiskOptions& options) {
  RiskReport r;
  r.target = options.target;
  r.as_of = options.as_of;
  const SampleBuilder builder(world, config, options.target);
  r.horizon_days = builder.horizon();
  const Timestamp horizon = static_cast<Timestamp>(r.horizon_days) * kSecondsPerDay;
  const auto names = feature_names(world);
  const std::size_t baseline_column =
      static_cast<std::size_t>(std::find(names.begin(), names.end(), kBaselineFeature) - names.begin());

  if (options.evaluate) {
    r.evaluation_test_cutoff = options.as_of - horizon;
    const auto train = builder.at(train_cutoffs(r.evaluation_test_cutoff - horizon, config));
    const auto test = builder.at({r.evaluation_test_cutoff});
    r.evaluation_train_cutoffs = train.cutoffs;
    require_both_outcomes(train, "evaluation training");
    require_both_outcomes(test, "evaluation test");
    const auto logistic = fit_logistic_risk(names, train.x, train.y);
    r.evaluations.push_back(evaluate_model(
        "logistic", [&](const Columns& x) { return predict(logistic, x); }, names, test.x, test.y,
        config.risk.bootstrap_resamples, config.risk.seed));
    if (options.boosted_trees) {
      const auto trees = BoostedTrees::fit(train.x, train.y, trees_params(config, options.tree_threads));
      r.evaluations.push_back(evaluate_model(
          "xgboost", [&](const Columns& x) { return trees.predict(x); }, names, test.x, test.y,
          config.risk.bootstrap_resamples, config.risk.seed));
    }
    const auto baseline = fit_logistic_risk({kBaselineFeature}, only(train.x, baseline_column), train.y);
    r.evaluations.push_back(evaluate_model(
        "baseline_ticket_count", [&](const Columns& x) { return predict(baseline, only(x, baseline_column)); },
        names, test.x, test.y, config.risk.bootstrap_resamples, config.risk.seed, false));
  }

  const auto train = builder.at(train_cutoffs(options.as_of - horizon, config));
  r.train_cutoffs = train.cutoffs;
  require_both_outcomes(train, "training");
  r.train_rows = static_cast<std::int64_t>(train.y.size());
  for (auto y : train.y) r.train_positives += y;
  r.model = fit_logistic_risk(names, train.x, train.y);
  if (options.boosted_trees)
    r.trees = std::make_shared<BoostedTrees>(BoostedTrees::fit(train.x, train.y, trees_params(config, options.tree_threads)));

  const auto now = account_features(world, config, options.as_of);
  const auto probability = predict(r.model, now.columns);
  for (std::size_t i = 0; i < now.rows(); ++i) {
    RiskAccount a;
    a.account = now.accounts[i];
    a.account_id = std::string(world.accounts.ids.at(a.account));
    a.probability = probability[i];
    a.arr = now.arr[i];
    a.risk_arr = a.probability * a.arr;
    const auto c = contributions(r.model, now.columns, i);
    std::vector<std::size_t> order(c.size());
    for (std::size_t j = 0; j < order.size(); ++j) order[j] = j;
    std::stable_sort(order.begin(), order.end(), [&](auto x, auto y) { return c[x] > c[y]; });
    for (std::size_t j : order) {
      if (!(c[j] > 0) || a.reasons.size() >= static_cast<std::size_t>(config.risk.top_reasons)) break;
      a.reasons.push_back({names[j], now.columns[j][i], c[j]});
    }
    for (const auto& reason : a.reasons)
      if (auto it = config.risk.plays.find(reason.feature); it != config.risk.plays.end()) {
        a.play = it->second;
        break;
      }
    if (a.play.empty()) a.play = config.risk.default_play;
    r.accounts.push_back(std::move(a));
  }
  std::stable_sort(r.accounts.begin(), r.accounts.end(),
                   [](const auto& x, const auto& y) { return x.risk_arr > y.risk_arr; });
  return r;
}

}  // namespace ticketlens::analysis::risk
