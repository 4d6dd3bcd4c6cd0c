# Test files of the server layer: a real server on 127.0.0.1 (random port), a real HTTP client.
set(TEST_SOURCES
  analysis_api_test.cpp
  api_test.cpp
  http_test.cpp
  retention_accounts_test.cpp
  risk_api_test.cpp
)
set(TEST_LIBRARIES httplib::httplib)
