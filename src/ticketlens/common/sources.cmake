# Sources of the common layer, relative to src/ticketlens.
list(APPEND TICKETLENS_SOURCES
  common/dictionary.cpp
  common/error.cpp
  common/hash.cpp
  common/redact.cpp
  common/time.cpp
)
