#include "ticketlens/stats/concordance.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include "ticketlens/common/error.hpp"

namespace ticketlens::stats {
namespace {

// Counts of inserted ranks, with "how many below / equal / above rank r" queries.
class RankCounter {
 public:
  explicit RankCounter(std::size_t size) : tree_(size + 1, 0.0) {}
  void add(std::size_t rank, double weight) {
    total_ += weight;
    for (std::size_t i = rank + 1; i < tree_.size(); i += i & (~i + 1)) tree_[i] += weight;
  }
  // Sum over ranks < rank.
  double below(std::size_t rank) const {
    double sum = 0.0;
    for (std::size_t i = rank; i > 0; i -= i & (~i + 1)) sum += tree_[i];
    return sum;
  }
  double equal(std::size_t rank) const { return below(rank + 1) - below(rank); }
  double above(std::size_t rank) const { return total_ - below(rank + 1); }

 private:
  std::vector<double> tree_;
  double total_ = 0.0;
};

struct PairCounts {
  double concordant = 0, discordant = 0, tied = 0;
};

}  // namespace

Concordance concordance(std::span<const double> start, std::span<const double> stop,
                        std::span<const std::uint8_t> event, std::span<const std::int32_t> strata,
                        std::span<const double> score) {
  const std::size_t n = stop.size();
  if (event.size() != n || score.size() != n || (!start.empty() && start.size() != n) ||
      (!strata.empty() && strata.size() != n)) {
    throw Error(ErrorCode::kInvalidInput, "concordance: inputs differ in length");
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isnan(stop[i]) || std::isnan(score[i]) || (!start.empty() && std::isnan(start[i]))) {
      throw Error(ErrorCode::kInvalidInput, "concordance: NaN input");
    }
  }
  auto stratum_of = [&](std::size_t i) { return strata.empty() ? 0 : strata[i]; };
  std::vector<std::size_t> rows(n);
  std::iota(rows.begin(), rows.end(), std::size_t{0});
  std::stable_sort(rows.begin(), rows.end(),
                   [&](std::size_t a, std::size_t b) { return stratum_of(a) < stratum_of(b); });

  // Per row: pairs it takes part in, as the earlier event or as the one still at risk.
  std::vector<PairCounts> influence(n);
  Concordance result;
  std::vector<std::size_t> rank(n);
  std::vector<PairCounts> entry(n);  // past-event counts when a row joined the risk set
  std::vector<bool> in_risk_set(n, false);
  for (std::size_t begin = 0; begin < n;) {
    std::size_t end = begin;
    while (end < n && stratum_of(rows[end]) == stratum_of(rows[begin])) ++end;
    std::vector<std::size_t> members(rows.begin() + static_cast<std::ptrdiff_t>(begin),
                                     rows.begin() + static_cast<std::ptrdiff_t>(end));
    begin = end;
    std::vector<double> values;
    for (std::size_t i : members) values.push_back(score[i]);
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    for (std::size_t i : members) {
      rank[i] = static_cast<std::size_t>(std::lower_bound(values.begin(), values.end(), score[i]) -
                                         values.begin());
    }
    std::vector<std::size_t> by_stop = members;
    std::sort(by_stop.begin(), by_stop.end(),
              [&](std::size_t a, std::size_t b) { return stop[a] > stop[b]; });
    std::vector<std::size_t> by_start = members;
    if (!start.empty()) {
      std::sort(by_start.begin(), by_start.end(),
                [&](std::size_t a, std::size_t b) { return start[a] > start[b]; });
    }
    RankCounter at_risk(values.size());
    RankCounter past_events(values.size());
    auto join = [&](std::size_t j) {
      at_risk.add(rank[j], 1.0);
      in_risk_set[j] = true;
      entry[j] = {past_events.above(rank[j]), past_events.below(rank[j]),
                  past_events.equal(rank[j])};
    };
    // Events that happened while j was at risk, earlier than j's own time: j outlived them.
    auto leave = [&](std::size_t j) {
      at_risk.add(rank[j], -1.0);
      in_risk_set[j] = false;
      influence[j].concordant += past_events.above(rank[j]) - entry[j].concordant;
      influence[j].discordant += past_events.below(rank[j]) - entry[j].discordant;
      influence[j].tied += past_events.equal(rank[j]) - entry[j].tied;
    };
    std::size_t leaving = 0;
    for (std::size_t k = 0; k < by_stop.size();) {
      const double t = stop[by_stop[k]];
      std::size_t group_end = k;
      while (group_end < by_stop.size() && stop[by_stop[group_end]] == t) ++group_end;
      // A row censored at t is at risk for the deaths at t.
      for (std::size_t g = k; g < group_end; ++g) {
        if (event[by_stop[g]] == 0) join(by_stop[g]);
      }
      if (!start.empty()) {
        for (; leaving < by_start.size() && start[by_start[leaving]] >= t; ++leaving) {
          if (in_risk_set[by_start[leaving]]) leave(by_start[leaving]);
        }
      }
      double deaths = 0.0;
      for (std::size_t g = k; g < group_end; ++g) {
        const std::size_t i = by_stop[g];
        if (event[i] == 0) continue;
        deaths += 1.0;
        // reverse = TRUE: the earlier death should have the higher score.
        const PairCounts c{at_risk.below(rank[i]), at_risk.above(rank[i]),
                           at_risk.equal(rank[i])};
        influence[i].concordant += c.concordant;
        influence[i].discordant += c.discordant;
        influence[i].tied += c.tied;
        result.concordant += c.concordant;
        result.discordant += c.discordant;
        result.tied_risk += c.tied;
      }
      result.tied_time += deaths * (deaths - 1.0) / 2.0;
      for (std::size_t g = k; g < group_end; ++g) {
        if (event[by_stop[g]] == 1) past_events.add(rank[by_stop[g]], 1.0);
      }
      for (std::size_t g = k; g < group_end; ++g) {
        if (event[by_stop[g]] == 1) join(by_stop[g]);
      }
      k = group_end;
    }
    for (std::size_t j : members) {
      if (in_risk_set[j]) leave(j);
    }
  }

  const double pairs = result.concordant + result.discordant + result.tied_risk;
  if (pairs == 0.0) {
    result.value = std::numeric_limits<double>::quiet_NaN();
    result.std_err = std::numeric_limits<double>::quiet_NaN();
    return result;
  }
  const double somers_d = (result.concordant - result.discordant) / pairs;
  double variance = 0.0;
  for (const PairCounts& c : influence) {
    const double dfbeta = (c.concordant - c.discordant) / pairs -
                          (somers_d / pairs) * (c.concordant + c.discordant + c.tied);
    variance += dfbeta * dfbeta;
  }
  result.value = (somers_d + 1.0) / 2.0;
  result.std_err = std::sqrt(variance) / 2.0;
  return result;
}

}  // namespace ticketlens::stats
