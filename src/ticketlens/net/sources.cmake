# Sources of the net layer (outgoing HTTP: webhooks), relative to src/ticketlens.
list(APPEND TICKETLENS_SOURCES
  net/clickhouse.cpp
  net/webhook.cpp
)
