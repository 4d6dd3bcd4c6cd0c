#pragma once
// The snapshot's emerging themes (signals.themes; docs/snapshot-schema.md), also the JSON of
// `ticketlens themes --format json`.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ticketlens/analysis/text/themes.hpp"
#include "ticketlens/store/store.hpp"

namespace ticketlens::snapshot {

/// `text_available` false (no ticket text was given) says so in the document instead of
/// reporting "no themes".
nlohmann::json themes_json(const analysis::text::ThemesResult& result, bool text_available);

/// The ticket text the themes of `period` read: the subject of its period's and baseline's
/// tickets ("" elsewhere), per row of world.tickets; what build_snapshot takes as `ticket_texts`.
std::vector<std::string> themes_ticket_texts(store::Store& store, const model::World& world,
                                             const model::Config& config, analysis::Period period);

/// Markdown lines of the section (no trailing blank line).
std::vector<std::string> themes_markdown(const nlohmann::json& themes);

}  // namespace ticketlens::snapshot
