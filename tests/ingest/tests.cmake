# Test files of the ingest layer.
set(TEST_SOURCES
)
