# Test files of the analysis layer.
set(TEST_SOURCES kpi_test.cpp cost_test.cpp precursors_test.cpp alerts_test.cpp aftermath_test.cpp funnel_test.cpp planted_effects_test.cpp retention_survival_test.cpp retention_cox_test.cpp retention_planted_test.cpp retention_revenue_test.cpp risk_test.cpp backlog_test.cpp experiment_test.cpp themes_test.cpp categorize_test.cpp)
