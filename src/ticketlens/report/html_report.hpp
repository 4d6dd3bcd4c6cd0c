#pragma once
// The snapshot as one self-contained HTML page: inline CSS, charts as inline SVG, no script and
// no external resource, so it opens offline and can be mailed as an attachment. Rendered from the
// snapshot JSON document (docs/snapshot-schema.md), section by section (html_sections.hpp).
#include <nlohmann/json.hpp>

#include <string>

namespace ticketlens::report {

/// The whole page. Sections whose part of the document is absent are left out; the sections
/// present appear in the page's table of contents. Never throws on a schema-valid document.
std::string render_html(const nlohmann::json& snapshot);

}  // namespace ticketlens::report
