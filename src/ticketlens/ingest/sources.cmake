# Sources of the ingest layer, relative to src/ticketlens.
list(APPEND TICKETLENS_SOURCES
)
