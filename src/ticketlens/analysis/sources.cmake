# Sources of the analysis layer, relative to src/ticketlens.
list(APPEND TICKETLENS_SOURCES
  analysis/aftermath.cpp
  analysis/alerts.cpp
  analysis/churn.cpp
  analysis/data_quality.cpp
  analysis/dimension.cpp
  analysis/funnel.cpp
  analysis/indicators.cpp
  analysis/cost.cpp
  analysis/kpi.cpp
  analysis/period.cpp
  analysis/release_alerts.cpp
  analysis/precursors.cpp
  analysis/summary.cpp
  analysis/window_link.cpp
)
