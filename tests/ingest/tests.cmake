# Test files of the ingest layer.
set(TEST_SOURCES
  csv_reader_test.cpp
  row_reader_test.cpp
  validator_test.cpp
)
