#include "ticketlens/snapshot/coverage.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <cmath>
#include <functional>

namespace ticketlens::snapshot {
namespace {

using nlohmann::json;
using model::TicketTable;

// A ticket field, how to tell it is there, and what its absence does to the report. A sparse
// field is normally missing on many tickets (CSAT is asked of few; open tickets have no solve
// time), so only its total absence is a gap.
struct TicketField {
  std::string_view name;
  bool sparse;
  std::function<bool(const TicketTable&, std::size_t)> present;
  std::string_view without;
  std::string_view without_any = {};  ///< when no ticket has it, if that reads differently
};

const std::array<TicketField, 12>& ticket_fields() {
  static const std::array<TicketField, 12> fields{{
      {"handle_minutes", false, [](const TicketTable& t, std::size_t r) { return !std::isnan(t.handle_minutes[r]); },
       "agent cost is estimated (the median of similar tickets, else [costs].default_handle_minutes per channel, "
       "else [costs].fallback_handle_minutes)"},
      {"first_response_at", false, [](const TicketTable& t, std::size_t r) { return t.first_response_at[r] != model::kNoTime; },
       "first response times are over the tickets that have one", "first response times are n/a"},
      {"solved_at", true, [](const TicketTable& t, std::size_t r) { return t.solved_at[r] != model::kNoTime; },
       "resolution times are n/a"},
      {"channel", false, [](const TicketTable& t, std::size_t r) { return t.channel[r] != model::kNoCode; },
       "costs and KPIs by channel show (missing), and missing handle time falls back to "
       "[costs].fallback_handle_minutes"},
      {"priority", false, [](const TicketTable& t, std::size_t r) { return t.priority[r] != model::kNoCode; },
       "no priority multiplier is applied to their cost"},
      {"category", false, [](const TicketTable& t, std::size_t r) { return t.category[r] != model::kNone; },
       "the cost Pareto, precursors, alerts and fixes by category show (missing)"},
      {"product_area", false, [](const TicketTable& t, std::size_t r) { return t.product_area[r] != model::kNone; },
       "release alerts and costs by product area cannot name an area"},
      {"root_cause", false, [](const TicketTable& t, std::size_t r) { return t.root_cause[r] != model::kNoCode; },
       "the Cause layer's root causes show (missing)"},
      {"requester_id", false, [](const TicketTable& t, std::size_t r) { return t.requester[r] != model::kNone; },
       "they are linked to their account only, not to a user's events"},
      {"csat", true, [](const TicketTable& t, std::size_t r) { return t.csat[r] >= 0; }, "CSAT figures are n/a"},
      {"reopens", true, [](const TicketTable& t, std::size_t r) { return t.reopens[r] >= 0; },
       "reopen rates are n/a and re-handling costs nothing"},
      {"replies", true, [](const TicketTable& t, std::size_t r) { return t.replies[r] >= 0; },
       "replies per ticket and one-touch resolution are n/a"},
  }};
  return fields;
}

struct TableCount {
  std::string_view name;
  std::size_t rows;
  std::string_view without;
};

double pct(std::int64_t part, std::int64_t whole) {
  return whole > 0 ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : std::nan("");
}

}  // namespace

json data_coverage(const model::World& world, analysis::Period period, const analysis::CostReport& costs,
                   std::span<const std::string> subjects) {
  const auto& t = world.tickets;
  std::vector<std::size_t> rows;
  for (std::size_t r = 0; r < t.size(); ++r)
    if (period.contains(t.created_at[r])) rows.push_back(r);
  std::string scope = "period";
  if (rows.empty()) {
    scope = "before_end";
    for (std::size_t r = 0; r < t.size(); ++r)
      if (t.created_at[r] < period.to) rows.push_back(r);
  }
  const auto total = static_cast<std::int64_t>(rows.size());
  // How the missing handle times were filled (the period's tickets; costs covers exactly those).
  json estimated = json::object();
  for (const auto& c : costs.tickets)
    if (c.estimated()) {
      const std::string key(analysis::handle_source_name(c.handle_source));
      estimated[key] = estimated.value(key, 0) + 1;
    }
  json fields = json::array(), gaps = json::array();
  auto count_field = [&](const TicketField& f) {
    std::int64_t present = 0;
    for (std::size_t r : rows) present += f.present(t, r);
    const bool gap = total > 0 && (f.sparse ? present == 0 : present < total);
    json entry = {{"field", f.name}, {"present", present}, {"tickets", total}, {"gap", gap}};
    if (std::isfinite(pct(present, total))) entry["present_pct"] = pct(present, total);
    else entry["present_pct"] = nullptr;
    fields.push_back(entry);
    if (!gap) return;
    const std::int64_t missing = total - present;
    std::string text = missing == total
                           ? fmt::format("No ticket has {}: {}.", f.name, f.without_any.empty() ? f.without : f.without_any)
                           : fmt::format("{} of {} tickets ({:.1f}%) have no {}: {}.", missing, total,
                                         pct(missing, total), f.name, f.without);
    if (f.name == "handle_minutes" && !estimated.empty()) {
      std::vector<std::string> how;
      for (const auto& [source, n] : estimated.items())
        how.push_back(fmt::format("{} {}", n.get<std::int64_t>(),
                                  source == "similar_median"    ? "from similar tickets"
                                  : source == "channel_default" ? "from the channel default"
                                                                : "from the fallback"));
      text.pop_back();
      text += fmt::format(" — estimated here: {}.", fmt::join(how, ", "));
    }
    gaps.push_back({{"about", fmt::format("tickets.{}", f.name)}, {"missing", missing}, {"of", total}, {"text", text}});
  };
  for (const auto& f : ticket_fields()) count_field(f);
  // Ticket text lives in the store, not the World: counted when the snapshot loaded it, and only
  // over the period's own tickets (the text is loaded for the period and its themes baseline).
  if (subjects.size() == t.size() && scope == "period")
    count_field({"subject", false, [&](const TicketTable&, std::size_t r) { return !subjects[r].empty(); },
                 "emerging themes read only the tickets that have one",
                 "there are no emerging themes (they read ticket subjects)"});
  const std::array<TableCount, 5> tables{{
      {"events", world.events.size(),
       "error rates, error alerts, precursor behaviours, activity and the risk model's usage features are empty"},
      {"subscriptions", world.subscriptions.size(),
       "ARR, exposed ARR, NRR, churn and retention are n/a"},
      {"releases", world.releases.size(), "alerts cannot be tied to a release"},
      {"surveys", world.surveys.size(), "NPS is n/a"},
      {"issues", world.issues.size(), "issue resolution times are n/a"},
  }};
  json table_rows = json::object();
  for (const auto& tc : tables) {
    table_rows[std::string(tc.name)] = tc.rows;
    if (tc.rows == 0)
      gaps.push_back({{"about", tc.name}, {"missing", 0}, {"of", 0},
                      {"text", fmt::format("No {}: {}.", tc.name, tc.without)}});
  }
  if (total == 0)
    gaps.push_back({{"about", "tickets"}, {"missing", 0}, {"of", 0},
                    {"text", "No tickets before the period's end: every ticket figure is n/a."}});
  return {{"scope", scope}, {"tickets", total}, {"ticket_fields", fields}, {"handle_estimated", estimated},
          {"tables", table_rows}, {"gaps", gaps}};
}

std::vector<std::string> coverage_markdown(const json& coverage) {
  std::vector<std::string> out;
  out.emplace_back("## Data coverage");
  out.emplace_back();
  const auto& gaps = coverage["gaps"];
  if (gaps.empty()) {
    out.push_back(fmt::format("Every ticket field the report reads is present on the {} tickets, and every table has rows.",
                              coverage.value("tickets", 0)));
    return out;
  }
  for (const auto& g : gaps) out.push_back("- " + g.value("text", ""));
  return out;
}

}  // namespace ticketlens::snapshot
