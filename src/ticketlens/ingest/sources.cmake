# Sources of the ingest layer, relative to src/ticketlens.
list(APPEND TICKETLENS_SOURCES
  ingest/byte_source.cpp
  ingest/csv_reader.cpp
  ingest/row_reader.cpp
  ingest/validator.cpp
)
