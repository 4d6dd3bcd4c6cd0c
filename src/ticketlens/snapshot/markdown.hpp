#pragma once
// The snapshot as Markdown that reads well pasted into Slack or an email: the decision first,
// then the four layers, with short tables. Rendered from the JSON document, so a stored snapshot
// renders the same as a fresh one.
#include <string>

#include <nlohmann/json.hpp>

namespace ticketlens::snapshot {

std::string render_markdown(const nlohmann::json& snapshot);

}  // namespace ticketlens::snapshot
