#include "ticketlens/store/event_backend.hpp"

#include <fmt/format.h>

#include <cstdlib>

#include "ticketlens/common/error.hpp"
#include "ticketlens/store/clickhouse_kernels.hpp"

namespace ticketlens::store {

ClickHouseEventsConfig clickhouse_events_config(const model::EventBackendSettings& settings) {
  ClickHouseEventsConfig c;
  c.endpoint.url = settings.url;
  c.endpoint.user = settings.user;
  if (!settings.password_env.empty())
    if (const char* p = std::getenv(settings.password_env.c_str())) c.endpoint.password = p;
  c.database = settings.database;
  c.cluster = settings.cluster;
  for (const auto& url : settings.shard_urls) {
    net::ClickHouseEndpoint shard = c.endpoint;
    shard.url = url;
    c.shards.push_back(std::move(shard));
  }
  return c;
}

std::shared_ptr<SegmentStorage> event_segment_storage(const model::EventBackendSettings& settings) {
  if (!settings.clickhouse()) return nullptr;
  auto events = std::make_shared<const ClickHouseEvents>(clickhouse_events_config(settings));
  events->create_schema();
  return std::make_shared<ClickHouseSegmentStorage>(std::move(events));
}

std::unique_ptr<model::EventKernels> clickhouse_event_kernels(Store& store,
                                                              const model::EventBackendSettings& settings) {
  std::vector<std::string> in_clickhouse;
  std::size_t files = 0;
  for (const auto& s : store.segments()) {
    if (is_clickhouse_segment(s.file))
      in_clickhouse.push_back(s.file);
    else
      ++files;
  }
  if (in_clickhouse.empty()) return nullptr;
  if (files > 0)
    throw Error(ErrorCode::kConfig,
                fmt::format("the workspace holds events both in segment files ({} segments) and in ClickHouse ({} "
                            "segments); re-ingest the events with one [events] backend",
                            files, in_clickhouse.size()));
  if (!settings.clickhouse())
    throw Error(ErrorCode::kConfig,
                "the workspace's events are in ClickHouse but [events] backend is not \"clickhouse\"; set it back "
                "(with its url) in ticketlens.toml");
  auto events = std::make_shared<const ClickHouseEvents>(clickhouse_events_config(settings));
  return std::make_unique<ClickHouseEventKernels>(std::move(events), std::move(in_clickhouse));
}

}  // namespace ticketlens::store
