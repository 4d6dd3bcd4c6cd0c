# Test files of the report layer.
set(TEST_SOURCES
  html_report_test.cpp
  svg_chart_test.cpp
)
