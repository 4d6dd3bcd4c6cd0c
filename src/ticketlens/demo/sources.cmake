# Sources of the demo layer, relative to src/ticketlens.
list(APPEND TICKETLENS_SOURCES
)
