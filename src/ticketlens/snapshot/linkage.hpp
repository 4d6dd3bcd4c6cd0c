#pragma once
// The snapshot's links to behaviour: the period's alerts in the Signals layer (signals.alerts)
// and its top precursor behaviours in the Cause layer (cause.precursors); docs/snapshot-schema.md.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ticketlens/analysis/alerts.hpp"
#include "ticketlens/analysis/precursors.hpp"

namespace ticketlens::snapshot {

inline constexpr std::size_t kSnapshotPrecursors = 10;

nlohmann::json alerts_json(const analysis::AlertReport& report);
/// The first `limit` significant pairs, with the analysis' counts.
nlohmann::json precursors_json(const analysis::PrecursorReport& report, std::size_t limit = kSnapshotPrecursors);

/// Sets doc["signals"]["alerts"] and doc["cause"]["precursors"] for `period`.
void add_linkage(nlohmann::json& doc, const model::World& world, const model::Config& config,
                 analysis::Period period);

/// Markdown lines for the two sections (no trailing blank line).
std::vector<std::string> alerts_markdown(const nlohmann::json& alerts);
std::vector<std::string> precursors_markdown(const nlohmann::json& precursors);

}  // namespace ticketlens::snapshot
