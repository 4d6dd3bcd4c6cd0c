# Sources of the analysis layer, relative to src/ticketlens.
list(APPEND TICKETLENS_SOURCES
  analysis/aftermath.cpp
  analysis/alerts.cpp
  analysis/account_timeline.cpp
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
  analysis/retention/account_grouping.cpp
  analysis/retention/account_survival.cpp
  analysis/retention/churn_cox.cpp
  analysis/retention/cohorts.cpp
  analysis/retention/churn_intervals.cpp
  analysis/retention/hazard_ratio.cpp
  analysis/retention/influence.cpp
  analysis/retention/revenue.cpp
  analysis/retention/support_contact.cpp
  analysis/retention/survival_by_group.cpp
)
