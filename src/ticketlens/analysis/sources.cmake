# Sources of the analysis layer, relative to src/ticketlens.
list(APPEND TICKETLENS_SOURCES
  analysis/churn.cpp
  analysis/data_quality.cpp
  analysis/dimension.cpp
  analysis/indicators.cpp
  analysis/cost.cpp
  analysis/kpi.cpp
  analysis/period.cpp
  analysis/summary.cpp
)
