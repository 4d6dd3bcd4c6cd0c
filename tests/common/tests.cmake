# Test files of the common layer.
set(TEST_SOURCES
  dictionary_test.cpp
  redact_test.cpp
  time_test.cpp
)
