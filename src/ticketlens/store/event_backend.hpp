#pragma once
// The workspace's event backend ([events] of ticketlens.toml, model/event_backend_settings.hpp):
// where ingest writes new event segments and which kernels compute the event reductions.
#include <memory>

#include "ticketlens/model/event_kernels.hpp"
#include "ticketlens/model/event_backend_settings.hpp"
#include "ticketlens/store/clickhouse_events.hpp"
#include "ticketlens/store/segment_storage.hpp"
#include "ticketlens/store/store.hpp"

namespace ticketlens::store {

/// The ClickHouse connection of the settings; the password comes from the environment variable
/// settings.password_env (empty when unset).
ClickHouseEventsConfig clickhouse_events_config(const model::EventBackendSettings& settings);

/// Where ingest writes new event segments: null for the embedded backend (segment files); for
/// ClickHouse, its storage after creating the database and tables where missing.
std::shared_ptr<SegmentStorage> event_segment_storage(const model::EventBackendSettings& settings);

/// The ClickHouse kernels over the store's live events when every live segment is in ClickHouse;
/// null when none is (the World holds the events: use analysis::EmbeddedEventKernels).
/// Error(kConfig) when both hold live segments, or when ClickHouse holds them and the settings no
/// longer say clickhouse.
std::unique_ptr<model::EventKernels> clickhouse_event_kernels(Store& store,
                                                              const model::EventBackendSettings& settings);

}  // namespace ticketlens::store
