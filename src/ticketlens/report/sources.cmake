# Sources of the report layer, relative to src/ticketlens.
list(APPEND TICKETLENS_SOURCES
  report/alerts_json.cpp
  report/html_cause.cpp
  report/html_coverage.cpp
  report/html_decision.cpp
  report/html_format.cpp
  report/html_impact.cpp
  report/html_linkage.cpp
  report/html_proactive.cpp
  report/html_report.cpp
  report/html_retention.cpp
  report/html_signals.cpp
  report/html_themes.cpp
  report/precursors_json.cpp
  report/retention_json.cpp
  report/risk_json.cpp
  report/snapshot_files.cpp
  report/svg_chart.cpp
  report/svg_survival.cpp
  report/table.cpp
)
