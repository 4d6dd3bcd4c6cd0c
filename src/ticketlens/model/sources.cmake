# Sources of the model layer, relative to src/ticketlens.
list(APPEND TICKETLENS_SOURCES
  model/schema.cpp
)
