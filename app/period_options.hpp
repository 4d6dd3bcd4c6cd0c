#pragma once
// The period options shared by kpi, cost and snapshot: --from/--to, --week or --month.
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
};

inline void add_period_options(CLI::App& sub, PeriodOptions& p) {
  sub.add_option("--from", p.from, "Start of the period (date or date-time, inclusive)");
  sub.add_option("--to", p.to, "End of the period (exclusive)");
  sub.add_option("--week", p.week, "An ISO week, e.g. 2026-W47 (default: the last full week)");
  sub.add_option("--month", p.month, "A calendar month, e.g. 2026-11");
}

}  // namespace ticketlens::app
