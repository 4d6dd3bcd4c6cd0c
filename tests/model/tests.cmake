# Test files of the model layer.
set(TEST_SOURCES
)
