#pragma once
// The snapshot's output files: snapshot-<period>.json, .md and .html in one folder. Shared by
// `ticketlens snapshot` and `ticketlens demo`.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace ticketlens::report {

struct SnapshotFormats {
  bool json = false, markdown = false, html = false;
};
/// "json,md,html" (any subset, comma-separated); Error(kUsage) naming an unknown item.
SnapshotFormats parse_snapshot_formats(std::string_view list);

/// One output of a snapshot in a format: "json", "md" or "html".
std::string render_snapshot(const nlohmann::json& snapshot, std::string_view format);

/// Writes the chosen formats of the snapshot into `dir` (created if needed) as
/// snapshot-<period.label>.<ext>; returns the paths written. Error(kIo) when a file cannot be
/// written.
std::vector<std::filesystem::path> write_snapshot_files(const nlohmann::json& snapshot,
                                                         const std::filesystem::path& dir,
                                                         SnapshotFormats formats);

}  // namespace ticketlens::report
