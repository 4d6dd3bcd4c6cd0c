#include "ticketlens/analysis/text/themes.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_map>

#include "ticketlens/analysis/dimension.hpp"
#include "ticketlens/analysis/text/terms.hpp"
#include "ticketlens/stats/distributions.hpp"
#include "ticketlens/stats/multiple_testing.hpp"

namespace ticketlens::analysis::text {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// One window's tickets: the row and the sorted term ids of each.
struct Window {
  std::vector<std::size_t> rows;
  std::vector<std::vector<std::uint32_t>> terms;
};

class TermIds {
 public:
  std::uint32_t id(const std::string& term) {
    auto [it, added] = ids_.try_emplace(term, static_cast<std::uint32_t>(names_.size()));
    if (added) names_.push_back(term);
    return it->second;
  }
  [[nodiscard]] const std::string& name(std::uint32_t id) const { return names_[id]; }
  [[nodiscard]] std::size_t size() const { return names_.size(); }

 private:
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<std::string> names_;
};

void add_ticket(Window& w, TermIds& ids, std::size_t row, const std::string& text) {
  std::vector<std::uint32_t> t;
  for (const auto& term : distinct_terms(text)) t.push_back(ids.id(term));
  std::sort(t.begin(), t.end());
  w.rows.push_back(row);
  w.terms.push_back(std::move(t));
}

// P(X >= k) for X ~ Binomial(m, pi): the one-sided exact test of a Poisson rate ratio, given
// the term's k + K tickets in both windows (m) and the period's share of all tickets (pi).
double upper_binomial_p(std::int64_t k, std::int64_t m, double pi) {
  if (k <= 0) return 1;
  if (pi >= 1) return 1;
  return stats::beta_cdf(pi, static_cast<double>(k), static_cast<double>(m - k + 1));
}

double share(std::int64_t count, std::int64_t total) {
  return total > 0 ? 100.0 * static_cast<double>(count) / static_cast<double>(total) : 0;
}

double ratio_of(double share_pct, double baseline_share_pct) {
  return baseline_share_pct > 0 ? share_pct / baseline_share_pct : kInf;
}

}  // namespace

Period theme_baseline(Period period, const model::ThemeSettings& settings) {
  return {period.from - static_cast<Timestamp>(settings.trailing_weeks) * 7 * 86400, period.from};
}

ThemesResult emerging_themes(const model::World& world, const model::ThemeSettings& settings, Period period,
                             std::span<const std::string> ticket_texts) {
  ThemesResult out;
  out.period = period;
  out.baseline = theme_baseline(period, settings);
  const auto& t = world.tickets;
  if (ticket_texts.empty()) {
    for (Timestamp c : t.created_at) out.tickets_without_text += period.contains(c);
    return out;
  }
  TermIds ids;
  Window now, before;
  for (std::size_t r = 0; r < t.size() && r < ticket_texts.size(); ++r) {
    const bool in_now = period.contains(t.created_at[r]);
    if (!in_now && !out.baseline.contains(t.created_at[r])) continue;
    if (ticket_texts[r].empty()) {
      out.tickets_without_text += in_now;
      continue;
    }
    add_ticket(in_now ? now : before, ids, r, ticket_texts[r]);
  }
  out.tickets = static_cast<std::int64_t>(now.rows.size());
  out.baseline_tickets = static_cast<std::int64_t>(before.rows.size());
  if (now.rows.empty()) return out;

  // Tickets per term in each window; the period's tickets of each term.
  std::vector<std::int64_t> k(ids.size(), 0), baseline_k(ids.size(), 0);
  std::vector<std::vector<std::uint32_t>> holders(ids.size());  // indices into now.rows
  for (std::size_t i = 0; i < now.terms.size(); ++i)
    for (auto id : now.terms[i]) {
      ++k[id];
      holders[id].push_back(static_cast<std::uint32_t>(i));
    }
  for (const auto& terms : before.terms)
    for (auto id : terms) ++baseline_k[id];

  // Test every term held by at least min_tickets of the period's tickets.
  const double pi = static_cast<double>(out.tickets) / static_cast<double>(out.tickets + out.baseline_tickets);
  std::vector<std::uint32_t> tested;
  std::vector<double> p;
  for (std::uint32_t id = 0; id < ids.size(); ++id) {
    if (k[id] < settings.min_tickets) continue;
    tested.push_back(id);
    p.push_back(upper_binomial_p(k[id], k[id] + baseline_k[id], pi));
  }
  out.terms_tested = static_cast<std::int64_t>(tested.size());
  const auto q = stats::benjamini_hochberg(p);
  std::vector<ThemeTerm> significant;
  std::vector<std::uint32_t> significant_ids;
  for (std::size_t i = 0; i < tested.size(); ++i) {
    const auto id = tested[i];
    ThemeTerm term{ids.name(id), k[id], baseline_k[id], share(k[id], out.tickets),
                   share(baseline_k[id], out.baseline_tickets), 0, p[i], q[i]};
    term.ratio = ratio_of(term.share_pct, term.baseline_share_pct);
    if (term.q < settings.fdr && term.ratio >= settings.min_ratio) {
      significant.push_back(std::move(term));
      significant_ids.push_back(id);
    }
  }
  std::vector<std::size_t> order(significant.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto& x = significant[a];
    const auto& y = significant[b];
    if (x.p != y.p) return x.p < y.p;
    if (x.tickets != y.tickets) return x.tickets > y.tickets;
    return x.term < y.term;
  });

  // Group: each theme starts at its strongest term and takes the later terms whose tickets
  // overlap the seed's (|A ∩ B| / min(|A|, |B|) at least settings.overlap).
  auto overlap = [&](std::uint32_t a, std::uint32_t b) {
    const auto& x = holders[a];
    const auto& y = holders[b];
    std::size_t both = 0;
    for (std::size_t i = 0, j = 0; i < x.size() && j < y.size();) {
      if (x[i] == y[j]) ++both, ++i, ++j;
      else if (x[i] < y[j]) ++i;
      else ++j;
    }
    return static_cast<double>(both) / static_cast<double>(std::min(x.size(), y.size()));
  };
  std::vector<bool> used(significant.size(), false);
  for (std::size_t oi = 0; oi < order.size(); ++oi) {
    const std::size_t seed = order[oi];
    if (used[seed]) continue;
    used[seed] = true;
    std::vector<std::size_t> members{seed};
    for (std::size_t oj = oi + 1; oj < order.size(); ++oj) {
      const std::size_t other = order[oj];
      if (!used[other] && overlap(significant_ids[seed], significant_ids[other]) >= settings.overlap) {
        used[other] = true;
        members.push_back(other);
      }
    }
    Theme theme;
    std::vector<std::uint32_t> member_ids;
    for (std::size_t m : members) {
      theme.terms.push_back(significant[m]);
      member_ids.push_back(significant_ids[m]);
      if (theme.terms.size() <= 3) theme.label += (theme.label.empty() ? "" : ", ") + significant[m].term;
    }
    theme.q = significant[seed].q;
    auto holds_any = [&](const std::vector<std::uint32_t>& terms) {
      for (auto id : member_ids)
        if (std::binary_search(terms.begin(), terms.end(), id)) return true;
      return false;
    };
    std::map<std::string, std::int64_t> areas;
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < now.terms.size(); ++i)
      if (holds_any(now.terms[i])) {
        ++theme.tickets;
        ++areas[dimension_value(world, Dimension::kProductArea, now.rows[i])];
        rows.push_back(now.rows[i]);
      }
    for (const auto& terms : before.terms) theme.baseline_tickets += holds_any(terms);
    theme.share_pct = share(theme.tickets, out.tickets);
    theme.baseline_share_pct = share(theme.baseline_tickets, out.baseline_tickets);
    theme.ratio = ratio_of(theme.share_pct, theme.baseline_share_pct);
    theme.is_new = theme.baseline_tickets == 0;
    theme.product_areas.assign(areas.begin(), areas.end());
    std::stable_sort(theme.product_areas.begin(), theme.product_areas.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
      return t.created_at[a] != t.created_at[b] ? t.created_at[a] < t.created_at[b]
                                                : t.ids.at(t.id[a]) < t.ids.at(t.id[b]);
    });
    for (std::size_t i = 0; i < rows.size() && static_cast<int>(i) < settings.examples; ++i)
      theme.ticket_ids.emplace_back(t.ids.at(t.id[rows[i]]));
    out.themes.push_back(std::move(theme));
  }
  if (out.themes.size() > static_cast<std::size_t>(settings.max_themes))
    out.themes.resize(static_cast<std::size_t>(settings.max_themes));
  return out;
}

}  // namespace ticketlens::analysis::text
