#pragma once
// The snapshot's proactive list (decision.proactive) and support-driven backlog (cause.fixes):
// the accounts most worth a call this week by churn risk × ARR with their reasons and plays
// (analysis/risk), and the fixes ranked by retention gained per unit of cost (analysis/backlog).
// Both observe the world as of the period's end. Where the history cannot support them (no
// training rows with both outcomes, no tickets) the section says so instead:
// {"available": false, "reason": "..."}. docs/snapshot-schema.md.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ticketlens/analysis/period.hpp"
#include "ticketlens/analysis/retention/churn_cox.hpp"
#include "ticketlens/model/config.hpp"
#include "ticketlens/model/world.hpp"

namespace ticketlens::snapshot {

inline constexpr std::size_t kProactiveAccounts = 10;
inline constexpr std::size_t kBacklogItems = 10;

nlohmann::json proactive_json(const model::World& world, const model::Config& config, analysis::Period period);
/// `cox`: the Cox model of churn as of the period's end when the caller has it (the snapshot's
/// retention block), so that it is not fitted twice; null fits it.
nlohmann::json backlog_json(const model::World& world, const model::Config& config, analysis::Period period,
                            const analysis::retention::ChurnCox* cox = nullptr);

/// Markdown lines for the two sections (no trailing blank line).
std::vector<std::string> proactive_markdown(const nlohmann::json& proactive, const std::string& currency);
std::vector<std::string> backlog_markdown(const nlohmann::json& backlog, const std::string& currency);

}  // namespace ticketlens::snapshot
