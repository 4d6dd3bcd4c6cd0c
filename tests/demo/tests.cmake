# Test files of the demo layer.
set(TEST_SOURCES
  generator_test.cpp
)
