# Sources of the analysis layer, relative to src/ticketlens.
list(APPEND TICKETLENS_SOURCES
)
