# Sources of the store layer, relative to src/ticketlens.
list(APPEND TICKETLENS_SOURCES
)
