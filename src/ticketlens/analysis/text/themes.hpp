#pragma once
// Emerging themes (docs/metrics.md "Emerging themes"): the terms (words and bigrams) whose share
// of a period's tickets rises significantly against the trailing weeks before it, grouped into
// themes by the tickets they share.
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "ticketlens/analysis/period.hpp"
#include "ticketlens/model/config.hpp"
#include "ticketlens/model/world.hpp"

namespace ticketlens::analysis::text {

struct ThemeTerm {
  std::string term;
  std::int64_t tickets = 0;           ///< tickets of the period holding the term
  std::int64_t baseline_tickets = 0;  ///< tickets of the baseline holding it
  double share_pct = 0, baseline_share_pct = 0;
  double ratio = 0;  ///< share / baseline share; +inf when the baseline has none
  double p = 1, q = 1;  ///< one-sided exact Poisson (conditional binomial) p; BH-adjusted q
};

struct Theme {
  std::string label;               ///< its strongest terms joined by ", "
  std::vector<ThemeTerm> terms;    ///< strongest (lowest p) first
  std::int64_t tickets = 0;        ///< tickets of the period holding any of the terms
  std::int64_t baseline_tickets = 0;
  double share_pct = 0, baseline_share_pct = 0, ratio = 0;
  double q = 1;                    ///< the lowest q of its terms
  bool is_new = false;             ///< no baseline ticket holds any of its terms
  std::vector<std::pair<std::string, std::int64_t>> product_areas;  ///< most tickets first
  std::vector<std::string> ticket_ids;  ///< examples, earliest first (at most settings.examples)
};

struct ThemesResult {
  Period period, baseline;
  std::int64_t tickets = 0, baseline_tickets = 0;  ///< tickets with text in each window
  std::int64_t tickets_without_text = 0;           ///< of the period (not analysed)
  std::int64_t terms_tested = 0;
  std::vector<Theme> themes;  ///< by the p of their strongest term, lowest first
};

/// The baseline of `period`: settings.trailing_weeks × 7 days (for an ISO week, the trailing
/// weeks) ending where the period starts.
Period theme_baseline(Period period, const model::ThemeSettings& settings);

/// Themes of `period`. `ticket_texts` holds the text per row of world.tickets (the subject, as
/// snapshot::themes_ticket_texts gives it); rows with empty text are left out of both windows.
/// An empty span (no text at all) gives a result without themes.
ThemesResult emerging_themes(const model::World& world, const model::ThemeSettings& settings, Period period,
                             std::span<const std::string> ticket_texts);

}  // namespace ticketlens::analysis::text
