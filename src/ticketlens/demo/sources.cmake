# Sources of the demo layer, relative to src/ticketlens.
list(APPEND TICKETLENS_SOURCES
  demo/accounts.cpp
  demo/activity.cpp
  demo/csv_out.cpp
  demo/generator.cpp
  demo/planted.cpp
  demo/releases.cpp
  demo/ticket_text.cpp
  demo/tickets.cpp
  demo/timeline.cpp
)
