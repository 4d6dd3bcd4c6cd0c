# Sources of the store layer, relative to src/ticketlens.
list(APPEND TICKETLENS_SOURCES
  store/clickhouse_events.cpp
  store/clickhouse_kernels.cpp
  store/event_backend.cpp
  store/event_batch.cpp
  store/ingest_writer.cpp
  store/section_file.cpp
  store/predictions.cpp
  store/segment.cpp
  store/segment_storage.cpp
  store/sqlite.cpp
  store/store.cpp
  store/ticket_text.cpp
  store/tokens.cpp
  store/world_loader.cpp
)
