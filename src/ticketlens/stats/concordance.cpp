#include "ticketlens/stats/concordance.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include "ticketlens/common/error.hpp"

namespace ticketlens::stats {
namespace {

// Counts of inserted ranks with "how many below / equal / above rank r" in two prefix sums.
class RankCounter {
 public:
  explicit RankCounter(std::size_t size) : tree_(size + 1, 0.0) {}
  void add(std::size_t rank, double weight) {
    total_ += weight;
    for (std::size_t i = rank + 1; i < tree_.size(); i += i & (~i + 1)) tree_[i] += weight;
  }
  struct Split {
    double below, equal, above;
  };
  [[nodiscard]] Split split(std::size_t rank) const {
    const double below = prefix(rank);
    const double up_to = prefix(rank + 1);
    return {below, up_to - below, total_ - up_to};
  }

 private:
  [[nodiscard]] double prefix(std::size_t rank) const {
    double sum = 0.0;
    for (std::size_t i = rank; i > 0; i -= i & (~i + 1)) sum += tree_[i];
    return sum;
  }
  std::vector<double> tree_;
  double total_ = 0.0;
};

struct PairCounts {
  double concordant = 0, discordant = 0, tied = 0;
};

// One stratum's rows in local, contiguous arrays ordered by stop time descending.
struct Stratum {
  std::vector<double> stop, start;
  std::vector<std::uint8_t> event;
  std::vector<std::size_t> rank, row;
  std::size_t distinct_scores = 0;
};

void count_stratum(const Stratum& s, bool counting, Concordance& totals,
                   std::vector<PairCounts>& influence) {
  const std::size_t m = s.stop.size();
  std::vector<std::size_t> by_start;
  if (counting) {
    std::vector<std::pair<double, std::size_t>> keys(m);
    for (std::size_t l = 0; l < m; ++l) keys[l] = {-s.start[l], l};
    std::sort(keys.begin(), keys.end());
    by_start.resize(m);
    for (std::size_t l = 0; l < m; ++l) by_start[l] = keys[l].second;
  }
  RankCounter at_risk(s.distinct_scores);
  RankCounter past_events(s.distinct_scores);
  std::vector<RankCounter::Split> entry(m);
  std::vector<std::uint8_t> in_risk_set(m, 0);
  auto join = [&](std::size_t l) {
    at_risk.add(s.rank[l], 1.0);
    in_risk_set[l] = 1;
    entry[l] = past_events.split(s.rank[l]);
  };
  // The events that happened while l was at risk: l outlived them.
  auto leave = [&](std::size_t l) {
    at_risk.add(s.rank[l], -1.0);
    in_risk_set[l] = 0;
    const RankCounter::Split now = past_events.split(s.rank[l]);
    PairCounts& c = influence[s.row[l]];
    c.concordant += now.above - entry[l].above;
    c.discordant += now.below - entry[l].below;
    c.tied += now.equal - entry[l].equal;
  };
  std::size_t leaving = 0;
  for (std::size_t k = 0; k < m;) {
    const double t = s.stop[k];
    std::size_t group_end = k;
    while (group_end < m && s.stop[group_end] == t) ++group_end;
    // A row censored at t is at risk for the deaths at t.
    for (std::size_t l = k; l < group_end; ++l) {
      if (s.event[l] == 0) join(l);
    }
    if (counting) {
      for (; leaving < m && s.start[by_start[leaving]] >= t; ++leaving) {
        if (in_risk_set[by_start[leaving]] != 0) leave(by_start[leaving]);
      }
    }
    double deaths = 0.0;
    for (std::size_t l = k; l < group_end; ++l) {
      if (s.event[l] == 0) continue;
      deaths += 1.0;
      // reverse = TRUE: the earlier death should have the higher score.
      const RankCounter::Split c = at_risk.split(s.rank[l]);
      PairCounts& own = influence[s.row[l]];
      own.concordant += c.below;
      own.discordant += c.above;
      own.tied += c.equal;
      totals.concordant += c.below;
      totals.discordant += c.above;
      totals.tied_risk += c.equal;
    }
    totals.tied_time += deaths * (deaths - 1.0) / 2.0;
    for (std::size_t l = k; l < group_end; ++l) {
      if (s.event[l] == 1) past_events.add(s.rank[l], 1.0);
    }
    for (std::size_t l = k; l < group_end; ++l) {
      if (s.event[l] == 1) join(l);
    }
    k = group_end;
  }
  for (std::size_t l = 0; l < m; ++l) {
    if (in_risk_set[l] != 0) leave(l);
  }
}

}  // namespace

Concordance concordance(std::span<const double> start, std::span<const double> stop,
                        std::span<const std::uint8_t> event, std::span<const std::int32_t> strata,
                        std::span<const double> score) {
  const std::size_t n = stop.size();
  const bool counting = !start.empty();
  if (event.size() != n || score.size() != n || (counting && start.size() != n) ||
      (!strata.empty() && strata.size() != n)) {
    throw Error(ErrorCode::kInvalidInput, "concordance: inputs differ in length");
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isnan(stop[i]) || std::isnan(score[i]) || (counting && std::isnan(start[i]))) {
      throw Error(ErrorCode::kInvalidInput, "concordance: NaN input");
    }
  }
  struct Key {
    std::int32_t stratum;
    double negative_stop;
    std::size_t row;
    bool operator<(const Key& other) const {
      if (stratum != other.stratum) return stratum < other.stratum;
      if (negative_stop != other.negative_stop) return negative_stop < other.negative_stop;
      return row < other.row;
    }
  };
  std::vector<Key> keys(n);
  for (std::size_t i = 0; i < n; ++i) keys[i] = {strata.empty() ? 0 : strata[i], -stop[i], i};
  std::sort(keys.begin(), keys.end());

  // Per row: pairs it takes part in, as the earlier event or as the one still at risk.
  std::vector<PairCounts> influence(n);
  Concordance result;
  Stratum s;
  std::vector<std::pair<double, std::size_t>> by_score;
  for (std::size_t begin = 0; begin < n;) {
    std::size_t end = begin;
    while (end < n && keys[end].stratum == keys[begin].stratum) ++end;
    const std::size_t m = end - begin;
    s.stop.resize(m);
    s.event.resize(m);
    s.row.resize(m);
    s.rank.resize(m);
    s.start.resize(counting ? m : 0);
    by_score.resize(m);
    for (std::size_t l = 0; l < m; ++l) {
      const std::size_t i = keys[begin + l].row;
      s.row[l] = i;
      s.stop[l] = stop[i];
      s.event[l] = event[i];
      if (counting) s.start[l] = start[i];
      by_score[l] = {score[i], l};
    }
    std::sort(by_score.begin(), by_score.end());
    std::size_t rank = 0;
    for (std::size_t l = 0; l < m; ++l) {
      if (l > 0 && by_score[l].first != by_score[l - 1].first) ++rank;
      s.rank[by_score[l].second] = rank;
    }
    s.distinct_scores = m == 0 ? 0 : rank + 1;
    count_stratum(s, counting, result, influence);
    begin = end;
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
