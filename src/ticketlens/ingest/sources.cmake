# Sources of the ingest layer, relative to src/ticketlens.
list(APPEND TICKETLENS_SOURCES
  ingest/byte_source.cpp
  ingest/csv_reader.cpp
  ingest/labelled_csv.cpp
  ingest/row_reader.cpp
  ingest/validator.cpp
  ingest/import/event_log.cpp
  ingest/import/event_sources.cpp
  ingest/import/freshdesk.cpp
  ingest/import/helpdesk_metrics.cpp
  ingest/import/identity.cpp
  ingest/import/importer.cpp
  ingest/import/intercom.cpp
  ingest/import/kaggle_tickets.cpp
  ingest/import/ravenstack.cpp
  ingest/import/source_fields.cpp
  ingest/import/source_records.cpp
  ingest/import/stripe.cpp
  ingest/import/subscription_mrr.cpp
  ingest/import/zendesk.cpp
)
