#include "ticketlens/stats/propensity_match.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "ticketlens/common/error.hpp"
#include "ticketlens/stats/logistic.hpp"

namespace ticketlens::stats {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// "Next unused slot at or after i" with path compression; slot `size` means none.
class NextFree {
 public:
  explicit NextFree(std::size_t size) : parent_(size + 1) {
    std::iota(parent_.begin(), parent_.end(), std::size_t{0});
  }
  std::size_t find(std::size_t i) {
    std::size_t root = i;
    while (parent_[root] != root) root = parent_[root];
    while (parent_[i] != root) {
      const std::size_t next = parent_[i];
      parent_[i] = root;
      i = next;
    }
    return root;
  }
  void take(std::size_t i) { parent_[i] = i + 1; }

 private:
  std::vector<std::size_t> parent_;
};

struct Moments {
  double mean = 0, variance = 0;
};
Moments moments(std::span<const double> x, std::span<const std::uint8_t> treated, bool group) {
  double sum = 0.0;
  double count = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if ((treated[i] == 1) != group) continue;
    sum += x[i];
    count += 1.0;
  }
  Moments m;
  m.mean = count > 0.0 ? sum / count : std::numeric_limits<double>::quiet_NaN();
  double sq = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if ((treated[i] == 1) != group) continue;
    sq += (x[i] - m.mean) * (x[i] - m.mean);
  }
  m.variance = count > 1.0 ? sq / (count - 1.0) : std::numeric_limits<double>::quiet_NaN();
  return m;
}

}  // namespace

MatchResult propensity_match(std::span<const double> score, std::span<const std::uint8_t> treated,
                             const MatchOptions& options) {
  const std::size_t n = score.size();
  if (treated.size() != n || options.ratio < 1) {
    throw Error(ErrorCode::kInvalidInput, "propensity_match: lengths differ or ratio < 1");
  }
  std::vector<double> logit(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (!(score[i] > 0.0 && score[i] < 1.0) || treated[i] > 1) {
      throw Error(ErrorCode::kInvalidInput,
                  "propensity_match: scores must be inside (0, 1), treated 0 or 1");
    }
    logit[i] = std::log(score[i] / (1.0 - score[i]));
  }
  MatchResult result;
  result.caliper_logit = kInf;
  if (options.caliper > 0.0 && n > 1) {
    const double mean = std::accumulate(logit.begin(), logit.end(), 0.0) / static_cast<double>(n);
    double sq = 0.0;
    for (double v : logit) sq += (v - mean) * (v - mean);
    result.caliper_logit = options.caliper * std::sqrt(sq / static_cast<double>(n - 1));
  }
  std::vector<std::pair<double, std::size_t>> controls;
  std::vector<std::size_t> treated_units;
  for (std::size_t i = 0; i < n; ++i) {
    if (treated[i] == 1) {
      treated_units.push_back(i);
    } else {
      controls.push_back({logit[i], i});
    }
  }
  std::sort(controls.begin(), controls.end());
  std::stable_sort(treated_units.begin(), treated_units.end(),
                   [&](std::size_t a, std::size_t b) { return score[a] > score[b]; });
  const std::size_t m = controls.size();
  // Free slots searched rightwards in `right` and leftwards (mirrored) in `left`.
  NextFree right(m);
  NextFree left(m);
  auto next_right = [&](std::size_t i) { return options.replace ? i : right.find(i); };
  // Returns m when there is none to the left.
  auto next_left = [&](std::size_t i_plus_one) -> std::size_t {
    if (i_plus_one == 0) return m;
    const std::size_t mirrored = options.replace ? m - i_plus_one : left.find(m - i_plus_one);
    return mirrored >= m ? m : m - 1 - mirrored;
  };
  for (std::size_t t : treated_units) {
    const auto pos = static_cast<std::size_t>(
        std::lower_bound(controls.begin(), controls.end(), std::make_pair(logit[t], std::size_t{0})) -
        controls.begin());
    std::size_t r = pos < m ? next_right(pos) : m;
    std::size_t l = next_left(pos);
    int taken = 0;
    for (; taken < options.ratio; ++taken) {
      const double dr = r < m ? std::fabs(controls[r].first - logit[t]) : kInf;
      const double dl = l < m ? std::fabs(controls[l].first - logit[t]) : kInf;
      if (dr == kInf && dl == kInf) break;
      const bool pick_right =
          dr < dl || (dr == dl && r < m && (l >= m || controls[r].second < controls[l].second));
      const std::size_t slot = pick_right ? r : l;
      const double distance = pick_right ? dr : dl;
      if (distance > result.caliper_logit) break;
      result.pairs.push_back({t, controls[slot].second, distance});
      if (!options.replace) {
        right.take(slot);
        left.take(m - 1 - slot);
      }
      if (pick_right) {
        r = r + 1 < m ? next_right(r + 1) : m;
      } else {
        l = next_left(l);
      }
    }
    if (taken == 0) result.unmatched_treated.push_back(t);
  }
  return result;
}

std::vector<double> propensity_scores(const std::vector<std::span<const double>>& covariates,
                                      std::span<const std::uint8_t> treated) {
  std::vector<double> outcome(treated.begin(), treated.end());
  LogisticData data;
  data.outcome = outcome;
  data.covariates = covariates;
  return logistic_regression(data).fitted;
}

std::vector<Balance> balance_table(const std::vector<std::span<const double>>& covariates,
                                   const std::vector<std::string>& names,
                                   std::span<const std::uint8_t> treated,
                                   const MatchResult& matches) {
  const std::size_t n = treated.size();
  if (!names.empty() && names.size() != covariates.size()) {
    throw Error(ErrorCode::kInvalidInput, "balance_table: one name per covariate expected");
  }
  // Matched weights: 1 per matched treated unit, 1/k per control of a unit with k controls.
  std::vector<double> weight(n, 0.0);
  for (std::size_t begin = 0; begin < matches.pairs.size();) {
    std::size_t end = begin;
    while (end < matches.pairs.size() && matches.pairs[end].treated == matches.pairs[begin].treated) {
      ++end;
    }
    weight[matches.pairs[begin].treated] = 1.0;
    for (std::size_t k = begin; k < end; ++k) {
      weight[matches.pairs[k].control] += 1.0 / static_cast<double>(end - begin);
    }
    begin = end;
  }
  std::vector<Balance> table;
  for (std::size_t j = 0; j < covariates.size(); ++j) {
    const auto x = covariates[j];
    if (x.size() != n) throw Error(ErrorCode::kInvalidInput, "balance_table: length differs");
    const Moments t = moments(x, treated, true);
    const Moments c = moments(x, treated, false);
    const double pooled = std::sqrt((t.variance + c.variance) / 2.0);
    double sums[2] = {0.0, 0.0};
    double weights[2] = {0.0, 0.0};
    for (std::size_t i = 0; i < n; ++i) {
      const int group = treated[i] == 1 ? 0 : 1;
      sums[group] += weight[i] * x[i];
      weights[group] += weight[i];
    }
    Balance b;
    b.name = names.empty() ? "x" + std::to_string(j + 1) : names[j];
    b.mean_treated_before = t.mean;
    b.mean_control_before = c.mean;
    b.mean_treated_after = weights[0] > 0.0 ? sums[0] / weights[0] : std::nan("");
    b.mean_control_after = weights[1] > 0.0 ? sums[1] / weights[1] : std::nan("");
    const bool usable = pooled > 0.0;
    b.smd_before = usable ? (t.mean - c.mean) / pooled : std::nan("");
    b.smd_after = usable ? (b.mean_treated_after - b.mean_control_after) / pooled : std::nan("");
    table.push_back(b);
  }
  return table;
}

}  // namespace ticketlens::stats
