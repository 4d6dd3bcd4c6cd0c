# Tests against a real two-shard ClickHouse cluster started by the tests (cluster.hpp); they
# skip with a message where clickhouse-server is not installed.
set(TEST_SOURCES
  clickhouse_client_test.cpp
  parity_test.cpp
)
# One process: the cluster and the demo workspaces are set up once for all tests.
set(TEST_ONE_PROCESS ON)
