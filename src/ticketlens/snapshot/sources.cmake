# Sources of the snapshot layer, relative to src/ticketlens.
list(APPEND TICKETLENS_SOURCES
)
