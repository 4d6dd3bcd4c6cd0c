#pragma once
// [events] settings of ticketlens.toml: where events live. Read here rather than into Config
// (as [importers], see importer_settings.hpp): only ingest and the event kernels need them.
#include <filesystem>
#include <string>
#include <vector>

namespace ticketlens::model {

struct EventBackendSettings {
  std::string backend = "embedded";  ///< "embedded" (segment files) or "clickhouse"
  std::string url;                   ///< ClickHouse HTTP endpoint, http://host:port
  std::string database;
  std::string cluster;               ///< remote_servers name; empty: one server
  std::vector<std::string> shard_urls;  ///< each shard's HTTP endpoint (DDL); empty: url
  std::string user;
  std::string password_env;          ///< the environment variable holding the password
  [[nodiscard]] bool clickhouse() const noexcept { return backend == "clickhouse"; }
};

/// [events] of the workspace's ticketlens.toml, or the defaults when the file is absent or leaves
/// keys out. The whole file is validated as load_config does (Error kConfig with file:line and key).
EventBackendSettings load_event_backend(const std::filesystem::path& path);

}  // namespace ticketlens::model
