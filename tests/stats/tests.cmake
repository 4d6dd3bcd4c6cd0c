# Test files of the stats layer.
set(TEST_SOURCES
)
