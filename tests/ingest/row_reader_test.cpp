#include "ticketlens/ingest/row_reader.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ticketlens/common/error.hpp"
#include "ticketlens/ingest/byte_source.hpp"

namespace ticketlens::ingest {
namespace {

using model::Kind;
using model::schema_of;

struct Row {
  std::int64_t line = 0;
  std::vector<std::string> values;  // schema order
  std::string error;
};

struct Read {
  std::vector<Row> rows;
  std::vector<std::string> unknown;
};

Read read_rows(const std::string& text, FileFormat format, Kind kind, std::size_t chunk) {
  auto source = memory_source(text, "input");
  auto reader = open_row_reader(*source, format, schema_of(kind), chunk);
  Read out;
  TextRow row;
  while (reader->next(row)) {
    Row r;
    r.line = row.line;
    r.error = row.error;
    for (auto v : row.values) r.values.emplace_back(v);
    out.rows.push_back(std::move(r));
  }
  out.unknown = reader->unknown_columns();
  return out;
}

std::string value(const Row& row, Kind kind, std::string_view column) {
  const int c = model::column_index(schema_of(kind), column);
  EXPECT_GE(c, 0) << column;
  return row.values.at(static_cast<std::size_t>(c));
}

// Error message of opening a reader on `text`, or "" when it opens.
std::string open_error(const std::string& text, Kind kind) {
  auto source = memory_source(text, "accounts.csv");
  try {
    open_row_reader(*source, FileFormat::kCsv, schema_of(kind));
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kDataRejected);
    return e.what();
  }
  return "";
}

class RowReaderTest : public ::testing::TestWithParam<std::size_t> {
 protected:
  Read csv(const std::string& text, Kind kind) const {
    return read_rows(text, FileFormat::kCsv, kind, GetParam());
  }
  Read jsonl(const std::string& text, Kind kind) const {
    return read_rows(text, FileFormat::kJsonLines, kind, GetParam());
  }
};

TEST_P(RowReaderTest, CsvAlignsColumnsToTheSchemaWhateverTheirOrder) {
  const auto r = csv("signup_at,Name, ACCOUNT_ID \n2026-01-05,Acme,a1\n", Kind::kAccounts);
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].line, 2);
  EXPECT_EQ(r.rows[0].values.size(), schema_of(Kind::kAccounts).columns.size());
  EXPECT_EQ(value(r.rows[0], Kind::kAccounts, "account_id"), "a1");
  EXPECT_EQ(value(r.rows[0], Kind::kAccounts, "name"), "Acme");
  EXPECT_EQ(value(r.rows[0], Kind::kAccounts, "signup_at"), "2026-01-05");
  EXPECT_EQ(value(r.rows[0], Kind::kAccounts, "tier"), "");
  EXPECT_TRUE(r.unknown.empty());
}

TEST_P(RowReaderTest, CsvReportsUnknownColumnsAndIgnoresThem) {
  const auto r = csv("account_id,signup_at,owner\na1,2026-01-05,Ann\n", Kind::kAccounts);
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.unknown, (std::vector<std::string>{"owner"}));
  EXPECT_EQ(value(r.rows[0], Kind::kAccounts, "account_id"), "a1");
}

TEST_P(RowReaderTest, CsvHeaderOnlyAndEmptyFileHaveNoRows) {
  EXPECT_TRUE(csv("account_id,signup_at\n", Kind::kAccounts).rows.empty());
  EXPECT_TRUE(csv("account_id,signup_at", Kind::kAccounts).rows.empty());
  EXPECT_TRUE(csv("", Kind::kAccounts).rows.empty());
  EXPECT_TRUE(csv("\xEF\xBB\xBF", Kind::kAccounts).rows.empty());
}

TEST_P(RowReaderTest, CsvWrongFieldCountIsARowError) {
  const auto r =
      csv("account_id,signup_at\na1,2026-01-05,extra\na2\na3,2026-01-06\n", Kind::kAccounts);
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.rows[0].error, "has 3 fields, the header has 2");
  EXPECT_EQ(r.rows[1].error, "has 1 fields, the header has 2");
  EXPECT_EQ(r.rows[2].error, "");
  EXPECT_EQ(r.rows[2].line, 4);
}

TEST_P(RowReaderTest, CsvQuotingErrorsAreRowErrorsWithTheLine) {
  const auto r = csv("account_id,signup_at\n\"a\"1,2026-01-05\na2,\"x\xFF\"\n", Kind::kAccounts);
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_NE(r.rows[0].error.find("closing quote"), std::string::npos);
  EXPECT_EQ(r.rows[0].line, 2);
  EXPECT_NE(r.rows[1].error.find("UTF-8"), std::string::npos);
  EXPECT_EQ(r.rows[1].line, 3);
}

TEST(RowReaderHeaderTest, WrongHeaderNamesMissingAndUnknownColumns) {
  const std::string msg =
      open_error("acount_id,name,signupat\na1,Acme,2026-01-05\n", Kind::kAccounts);
  EXPECT_NE(msg.find("accounts.csv:1"), std::string::npos) << msg;
  EXPECT_NE(msg.find("missing required column(s) account_id, signup_at"), std::string::npos) << msg;
  EXPECT_NE(msg.find("unknown column(s) acount_id, signupat"), std::string::npos) << msg;
  EXPECT_NE(msg.find("expected columns: account_id,name,"), std::string::npos) << msg;
}

TEST(RowReaderHeaderTest, MissingColumnWithoutUnknownOnes) {
  const std::string msg = open_error("ticket_id,created_at\n", Kind::kTickets);
  EXPECT_NE(msg.find("missing required column(s) account_id for tickets"), std::string::npos)
      << msg;
  EXPECT_EQ(msg.find("unknown"), std::string::npos) << msg;
}

TEST(RowReaderHeaderTest, DuplicateColumnIsRejected) {
  const std::string msg = open_error("account_id,signup_at,Account_ID\n", Kind::kAccounts);
  EXPECT_NE(msg.find("column 'account_id' appears twice"), std::string::npos) << msg;
}

TEST(RowReaderHeaderTest, HeaderWithBadQuotingIsRejected) {
  const std::string msg = open_error("\"account_id\"x,signup_at\n", Kind::kAccounts);
  EXPECT_NE(msg.find("header"), std::string::npos) << msg;
}

TEST_P(RowReaderTest, JsonLinesTypesBecomeText) {
  const auto r = jsonl(
      "{\"ts\":\"2026-01-05T10:00:00Z\",\"account_id\":\"a1\",\"name\":\"login\",\"is_error\":true,"
      "\"duration_ms\":1500,\"user_id\":null,\"properties\":{\"plan\":\"pro\",\"n\":[1,2]}}\n"
      "{\"ts\":1767607200,\"account_id\":\"a1\",\"name\":\"export\",\"is_error\":false,"
      "\"duration_ms\":2.5,\"Platform\":\"web\"}\n",
      Kind::kEvents);
  ASSERT_EQ(r.rows.size(), 2u);
  const Row& a = r.rows[0];
  EXPECT_EQ(a.error, "");
  EXPECT_EQ(a.line, 1);
  EXPECT_EQ(value(a, Kind::kEvents, "ts"), "2026-01-05T10:00:00Z");
  EXPECT_EQ(value(a, Kind::kEvents, "is_error"), "1");
  EXPECT_EQ(value(a, Kind::kEvents, "duration_ms"), "1500");
  EXPECT_EQ(value(a, Kind::kEvents, "user_id"), "");  // null = missing
  EXPECT_EQ(value(a, Kind::kEvents, "properties"), "{\"plan\":\"pro\",\"n\":[1,2]}");
  const Row& b = r.rows[1];
  EXPECT_EQ(b.line, 2);
  EXPECT_EQ(value(b, Kind::kEvents, "ts"), "1767607200");
  EXPECT_EQ(value(b, Kind::kEvents, "is_error"), "0");
  EXPECT_EQ(value(b, Kind::kEvents, "duration_ms"), "2.5");
  EXPECT_EQ(value(b, Kind::kEvents, "platform"), "web");
  EXPECT_EQ(value(b, Kind::kEvents, "properties"), "");  // not carried over from row 1
  EXPECT_EQ(value(b, Kind::kEvents, "user_id"), "");
}

TEST_P(RowReaderTest, JsonLinesArraysForListsAndUnknownKeys) {
  const auto r = jsonl(
      "{\"ticket_id\":\"t1\",\"account_id\":\"a1\",\"created_at\":\"2026-01-05\","
      "\"tags\":[\"vip\",\"billing\"],\"mood\":\"grumpy\"}\n"
      "{\"ticket_id\":\"t2\",\"account_id\":\"a1\",\"created_at\":\"2026-01-05\",\"tags\":[]}\n"
      "{\"ticket_id\":\"t3\",\"account_id\":\"a1\",\"created_at\":\"2026-01-05\",\"tags\":[1]}\n",
      Kind::kTickets);
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(value(r.rows[0], Kind::kTickets, "tags"), "vip;billing");
  EXPECT_EQ(value(r.rows[1], Kind::kTickets, "tags"), "");
  EXPECT_EQ(r.rows[2].error, "tags: list items must be strings");
  EXPECT_EQ(r.unknown, (std::vector<std::string>{"mood"}));
}

TEST_P(RowReaderTest, JsonLinesBadLinesAreRowErrorsWithTheLine) {
  const auto r = jsonl(
      "{\"account_id\":\"a1\",\"signup_at\":\"2026-01-05\"}\r\n"
      "\n"
      "{\"account_id\":\"a2\",\n"
      "[1,2,3]\n"
      "\"text\"\n"
      "{\"account_id\":\"a\xFF\"}\n"
      "   \n"
      "{\"account_id\":\"a3\",\"signup_at\":\"2026-01-06\"}",
      Kind::kAccounts);
  ASSERT_EQ(r.rows.size(), 6u);
  EXPECT_EQ(r.rows[0].error, "");
  EXPECT_EQ(r.rows[0].line, 1);
  EXPECT_EQ(value(r.rows[0], Kind::kAccounts, "signup_at"), "2026-01-05");
  EXPECT_NE(r.rows[1].error.find("invalid JSON"), std::string::npos);
  EXPECT_EQ(r.rows[1].line, 3);
  EXPECT_EQ(r.rows[2].error, "a JSON lines row must be a JSON object");
  EXPECT_EQ(r.rows[2].line, 4);
  EXPECT_EQ(r.rows[3].error, "a JSON lines row must be a JSON object");
  EXPECT_EQ(r.rows[3].line, 5);
  EXPECT_NE(r.rows[4].error.find("UTF-8"), std::string::npos);
  EXPECT_EQ(r.rows[4].line, 6);
  EXPECT_EQ(r.rows[5].error, "");
  EXPECT_EQ(r.rows[5].line, 8);
  EXPECT_EQ(value(r.rows[5], Kind::kAccounts, "account_id"), "a3");
}

TEST_P(RowReaderTest, JsonLinesSkipsByteOrderMarkAndHandlesEmptyInput) {
  const auto r = jsonl("\xEF\xBB\xBF{\"account_id\":\"a1\",\"signup_at\":1}\n", Kind::kAccounts);
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].error, "");
  EXPECT_TRUE(jsonl("", Kind::kAccounts).rows.empty());
  EXPECT_TRUE(jsonl("\n\n", Kind::kAccounts).rows.empty());
}

TEST_P(RowReaderTest, JsonLinesLongLineGrowsTheBuffer) {
  const std::string name(5000, 'n');
  const auto r =
      jsonl("{\"account_id\":\"a1\",\"name\":\"" + name + "\",\"signup_at\":1}\n", Kind::kAccounts);
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(value(r.rows[0], Kind::kAccounts, "name"), name);
}

INSTANTIATE_TEST_SUITE_P(ChunkSizes, RowReaderTest,
                         ::testing::Values(std::size_t{1}, std::size_t{7}, kDefaultChunkSize));

TEST(FormatTest, FromPath) {
  EXPECT_EQ(format_from_path("data/tickets.csv"), FileFormat::kCsv);
  EXPECT_EQ(format_from_path("EVENTS.CSV"), FileFormat::kCsv);
  EXPECT_EQ(format_from_path("events.jsonl"), FileFormat::kJsonLines);
  EXPECT_EQ(format_from_path("events.ndjson"), FileFormat::kJsonLines);
  EXPECT_EQ(format_from_path("events.json"), FileFormat::kJsonLines);
  EXPECT_THROW(format_from_path("events.parquet"), Error);
}

}  // namespace
}  // namespace ticketlens::ingest
