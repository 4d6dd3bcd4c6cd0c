# Test files of the store layer.
set(TEST_SOURCES
  section_file_test.cpp
  ingest_writer_test.cpp
  world_loader_test.cpp
  import_zendesk_test.cpp
  import_stripe_test.cpp
  import_events_test.cpp
  import_helpdesk_test.cpp
  import_kaggle_tickets_test.cpp
  import_ravenstack_test.cpp
  predictions_test.cpp
)
