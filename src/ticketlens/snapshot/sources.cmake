# Sources of the snapshot layer, relative to src/ticketlens.
list(APPEND TICKETLENS_SOURCES
  snapshot/history.cpp
  snapshot/impact.cpp
  snapshot/coverage.cpp
  snapshot/linkage.cpp
  snapshot/markdown.cpp
  snapshot/metrics.cpp
  snapshot/proactive.cpp
  snapshot/retention.cpp
  snapshot/rule.cpp
  snapshot/snapshot.cpp
  snapshot/themes.cpp
)
