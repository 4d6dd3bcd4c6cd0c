# Test files of the stats layer.
set(TEST_SOURCES
  classification_test.cpp
  cox_test.cpp
  distributions_test.cpp
  intervals_test.cpp
  kaplan_meier_test.cpp
  log_rank_test.cpp
  logistic_test.cpp
  propensity_match_test.cpp
  robust_test.cpp
)
