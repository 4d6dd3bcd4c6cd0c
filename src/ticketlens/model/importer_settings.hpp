#pragma once
// [importers] settings of ticketlens.toml. They live in the same default TOML (the one registry
// of settings, checked against docs/config.md) but are read here rather than into Config: only
// `ingest --source` needs them, and Config is included by nearly every file.
#include <filesystem>
#include <string>
#include <vector>

namespace ticketlens::model {

/// [importers].identity_order of the workspace's ticketlens.toml, or the default when the file
/// is absent or leaves it out. The whole file is validated as load_config does (Error kConfig
/// with file:line and key).
std::vector<std::string> load_identity_order(const std::filesystem::path& path);

}  // namespace ticketlens::model
