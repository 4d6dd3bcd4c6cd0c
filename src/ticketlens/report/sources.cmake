# Sources of the report layer, relative to src/ticketlens.
list(APPEND TICKETLENS_SOURCES
  report/table.cpp
)
