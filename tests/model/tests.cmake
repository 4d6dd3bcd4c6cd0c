# Test files of the model layer.
set(TEST_SOURCES
  config_test.cpp
  config_doc_test.cpp
  schema_test.cpp
)
