# Sources of the ingest layer, relative to src/ticketlens.
list(APPEND TICKETLENS_SOURCES
  ingest/byte_source.cpp
  ingest/csv_reader.cpp
  ingest/row_reader.cpp
  ingest/validator.cpp
  ingest/import/helpdesk_metrics.cpp
  ingest/import/identity.cpp
  ingest/import/importer.cpp
  ingest/import/source_fields.cpp
  ingest/import/source_records.cpp
  ingest/import/zendesk.cpp
)
