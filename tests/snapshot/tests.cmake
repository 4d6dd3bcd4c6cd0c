# Test files of the snapshot layer.
set(TEST_SOURCES rule_test.cpp snapshot_test.cpp)
