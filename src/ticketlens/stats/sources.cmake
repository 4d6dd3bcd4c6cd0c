# Sources of the stats layer, relative to src/ticketlens.
list(APPEND TICKETLENS_SOURCES
  stats/bootstrap.cpp
  stats/cholesky.cpp
  stats/classification.cpp
  stats/concordance.cpp
  stats/cox_baseline.cpp
  stats/cox_ph_test.cpp
  stats/cox_regression.cpp
  stats/cox_risk_set.cpp
  stats/distributions.cpp
  stats/fisher_exact.cpp
  stats/intervals.cpp
  stats/kaplan_meier.cpp
  stats/log_rank.cpp
  stats/logistic.cpp
  stats/multiple_testing.cpp
  stats/propensity_match.cpp
  stats/robust.cpp
  stats/survival_summary.cpp
)
