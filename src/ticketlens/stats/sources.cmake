# Sources of the stats layer, relative to src/ticketlens.
list(APPEND TICKETLENS_SOURCES
  stats/cholesky.cpp
  stats/distributions.cpp
  stats/kaplan_meier.cpp
  stats/log_rank.cpp
  stats/survival_summary.cpp
)
