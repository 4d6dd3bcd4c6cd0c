// The ClickHouse HTTP client against a real server of the test cluster.
#include <gtest/gtest.h>

#include "cluster.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/net/clickhouse.hpp"

namespace ticketlens {
namespace {

net::ClickHouseClient shard(std::size_t i) {
  net::ClickHouseEndpoint e;
  e.url = test::ClickHouseCluster::instance().http_urls().at(i);
  return net::ClickHouseClient(e);
}

TEST(TsvTest, EscapesAndParsesBack) {
  const std::string weird = "a\tb\nc\\d'e";
  const auto rows = net::parse_tsv(net::tsv_escape(weird) + "\t\t2\n");
  ASSERT_EQ(rows.size(), 1u);
  ASSERT_EQ(rows[0].size(), 3u);
  EXPECT_EQ(rows[0][0], weird);
  EXPECT_EQ(rows[0][1], "");
  EXPECT_EQ(rows[0][2], "2");
  EXPECT_EQ(net::sql_quote("it's \\"), "'it\\'s \\\\'");
}

TEST(ClickHouseClientTest, QueriesInsertsAndExternalTables) {
  REQUIRE_CLICKHOUSE_CLUSTER();
  const auto c = shard(0);
  EXPECT_FALSE(c.version().empty());
  c.execute("CREATE DATABASE IF NOT EXISTS tl_client_test");
  c.execute("DROP TABLE IF EXISTS tl_client_test.t");
  c.execute("CREATE TABLE tl_client_test.t (k String, v Int64) ENGINE = MergeTree() ORDER BY k");
  c.insert_tsv("tl_client_test.t", "a\t1\nb\\tx\t2\nc\t3\n");
  // A string literal with a quote, sent in the query text.
  const auto rows = c.query("SELECT k, v FROM tl_client_test.t WHERE k != " + net::sql_quote("it's") + " ORDER BY k");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][0], "b\tx");
  EXPECT_EQ(rows[2][1], "3");
  // An external table joined to the stored one.
  const auto joined = c.query(
      "SELECT k, v * w FROM tl_client_test.t ALL INNER JOIN (SELECT kk AS k, w FROM weights) USING k ORDER BY k",
      {{"weights", "kk String, w Int64", "a\t10\nc\t100\nz\t7\n"}});
  ASSERT_EQ(joined.size(), 2u);
  EXPECT_EQ(joined[0][1], "10");
  EXPECT_EQ(joined[1][1], "300");
  c.execute("DROP TABLE tl_client_test.t");
}

TEST(ClickHouseClientTest, ServerErrorsAndDeadServersSayWhat) {
  REQUIRE_CLICKHOUSE_CLUSTER();
  try {
    shard(0).query("SELECT * FROM tl_client_test.no_such_table");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kIo);
    EXPECT_NE(std::string(e.what()).find("no_such_table"), std::string::npos) << e.what();
  }
  net::ClickHouseEndpoint dead;
  dead.url = "http://127.0.0.1:1";
  try {
    net::ClickHouseClient(dead).version();
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("is the server running"), std::string::npos) << e.what();
  }
  dead.url = "127.0.0.1:8123";
  EXPECT_THROW(net::ClickHouseClient{dead}, Error);
}

}  // namespace
}  // namespace ticketlens
