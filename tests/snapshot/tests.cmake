# Test files of the snapshot layer.
set(TEST_SOURCES coverage_test.cpp golden_snapshot_test.cpp impact_churn_test.cpp planted_snapshot_test.cpp rule_test.cpp snapshot_test.cpp)
