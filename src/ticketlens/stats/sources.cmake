# Sources of the stats layer, relative to src/ticketlens.
list(APPEND TICKETLENS_SOURCES
)
