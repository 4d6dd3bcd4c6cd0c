#include "ticketlens/report/snapshot_files.hpp"

#include <fmt/format.h>

#include <fstream>

#include "ticketlens/common/error.hpp"
#include "ticketlens/report/html_report.hpp"
#include "ticketlens/snapshot/markdown.hpp"

namespace ticketlens::report {

SnapshotFormats parse_snapshot_formats(std::string_view list) {
  SnapshotFormats f;
  while (!list.empty()) {
    const auto comma = list.find(',');
    const auto item = list.substr(0, comma);
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    if (item == "json") f.json = true;
    else if (item == "md") f.markdown = true;
    else if (item == "html") f.html = true;
    else throw Error(ErrorCode::kUsage, fmt::format("unknown snapshot format '{}': use json, md and/or html", item));
  }
  if (!f.json && !f.markdown && !f.html) throw Error(ErrorCode::kUsage, "--format names no format: use json, md and/or html");
  return f;
}

std::string render_snapshot(const nlohmann::json& snapshot, std::string_view format) {
  if (format == "json") return snapshot.dump(2) + "\n";
  if (format == "md") return snapshot::render_markdown(snapshot);
  if (format == "html") return render_html(snapshot);
  throw Error(ErrorCode::kUsage, fmt::format("unknown snapshot format '{}'", format));
}

std::vector<std::filesystem::path> write_snapshot_files(const nlohmann::json& snapshot,
                                                         const std::filesystem::path& dir, SnapshotFormats formats) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw Error(ErrorCode::kIo, fmt::format("cannot create {}: {}", dir.string(), ec.message()));
  const std::string stem = "snapshot-" + snapshot["period"]["label"].get<std::string>();
  std::vector<std::filesystem::path> written;
  for (const auto& [on, ext] : {std::pair{formats.json, "json"}, {formats.markdown, "md"}, {formats.html, "html"}}) {
    if (!on) continue;
    const auto path = dir / (stem + "." + ext);
    std::ofstream out(path, std::ios::binary);
    out << render_snapshot(snapshot, ext);
    if (!out.flush()) throw Error(ErrorCode::kIo, fmt::format("cannot write {}", path.string()));
    written.push_back(path);
  }
  return written;
}

}  // namespace ticketlens::report
