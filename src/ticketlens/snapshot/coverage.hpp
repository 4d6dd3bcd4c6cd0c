#pragma once
// What the data behind a snapshot lacks (data_coverage in docs/snapshot-schema.md): for the
// period's tickets, how many carry each field, and for the other tables whether there are any;
// each gap with what it does to the report (no handle time → estimated cost, no subscriptions →
// no ARR...). Imported sources lack different fields (docs/importers.md): this is where the
// report says so, whatever the source.
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "ticketlens/analysis/cost.hpp"
#include "ticketlens/analysis/period.hpp"
#include "ticketlens/model/world.hpp"

namespace ticketlens::snapshot {

/// data_coverage for `period`; `costs` is compute_costs of the same period (its handle sources).
/// When the period has no tickets, ticket fields are counted over every ticket created before
/// the period's end (scope "before_end"). `subjects`, when given (one per row of world.tickets,
/// as snapshot::themes_ticket_texts loads them), adds the field `subject` when the period has
/// tickets: without it there are no emerging themes.
nlohmann::json data_coverage(const model::World& world, analysis::Period period, const analysis::CostReport& costs,
                             std::span<const std::string> subjects = {});

/// Markdown lines for the section: one per gap, or one saying nothing is missing.
std::vector<std::string> coverage_markdown(const nlohmann::json& coverage);

}  // namespace ticketlens::snapshot
