# Sources of the analysis layer, relative to src/ticketlens.
list(APPEND TICKETLENS_SOURCES
  analysis/churn.cpp
  analysis/data_quality.cpp
)
