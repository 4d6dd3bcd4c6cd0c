# Sources of the server layer (`ticketlens serve`), relative to src/ticketlens.
list(APPEND TICKETLENS_SOURCES
  server/api_analysis.cpp
  server/api_entities.cpp
  server/api_ingest.cpp
  server/api_link.cpp
  server/api_retention.cpp
  server/api_retention_accounts.cpp
  server/api_risk.cpp
  server/dashboard.cpp
  server/http.cpp
  server/params.cpp
  server/static_files.cpp
  server/workspace.cpp
)
