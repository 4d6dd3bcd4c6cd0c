# Test files of the store layer.
set(TEST_SOURCES
)
