#pragma once
// The period options: --from/--to, --week or --month (kpi, cost, snapshot, alerts), and the open
// --from/--to range of ticket times (precursors, aftermath, funnel).
#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "ticketlens/analysis/period.hpp"

namespace ticketlens::app {

struct PeriodOptions {
  std::optional<std::string> from, to, week, month;
  [[nodiscard]] analysis::Period resolve(const model::World& world) const {
    return analysis::resolve_period(world, from, to, week, month);
  }
  /// The open range of add_open_period_options: all of the data unless --from or --to narrows it.
  [[nodiscard]] analysis::Period resolve_open(const model::World& world) const {
    return analysis::resolve_open_period(world, from, to);
  }
};

inline void add_period_options(CLI::App& sub, PeriodOptions& p) {
  sub.add_option("--from", p.from, "Start of the period (date or date-time, inclusive)");
  sub.add_option("--to", p.to, "End of the period (exclusive)");
  sub.add_option("--week", p.week, "An ISO week, e.g. 2026-W47 (default: the last full week)");
  sub.add_option("--month", p.month, "A calendar month, e.g. 2026-11");
}

/// --from/--to as an open range over the times of `what` (e.g. "Tickets created", "Users entering"):
/// either may be given alone; resolve with PeriodOptions::resolve_open.
inline void add_open_period_options(CLI::App& sub, PeriodOptions& p, const std::string& what) {
  sub.add_option("--from", p.from, what + " from this date (inclusive; default: the data's start)");
  sub.add_option("--to", p.to, what + " before this date (exclusive; default: the data's end)");
}

}  // namespace ticketlens::app
