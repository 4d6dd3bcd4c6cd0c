# Test files of the net layer; the receiver in the tests is a cpp-httplib server.
set(TEST_SOURCES webhook_test.cpp)
set(TEST_LIBRARIES httplib::httplib)
