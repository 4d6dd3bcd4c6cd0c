# Test files of the analysis layer.
set(TEST_SOURCES kpi_test.cpp cost_test.cpp)
