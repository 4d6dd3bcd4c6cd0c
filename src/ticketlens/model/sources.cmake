# Sources of the model layer, relative to src/ticketlens.
list(APPEND TICKETLENS_SOURCES
  model/config.cpp
  model/schema.cpp
  model/world.cpp
)
