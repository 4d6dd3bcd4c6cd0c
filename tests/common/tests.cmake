# Test files of the common layer.
set(TEST_SOURCES
  time_test.cpp
)
