#include "ticketlens/model/schema.hpp"

#include <gtest/gtest.h>

#include <set>

namespace ticketlens::model {
namespace {

TEST(SchemaTest, KindFromExactFileName) {
  EXPECT_EQ(kind_from_file_name("tickets.csv"), Kind::kTickets);
  EXPECT_EQ(kind_from_file_name("accounts.jsonl"), Kind::kAccounts);
  EXPECT_EQ(kind_from_file_name("data/2026/users.csv"), Kind::kUsers);
  EXPECT_EQ(kind_from_file_name("EVENTS.CSV"), Kind::kEvents);
  EXPECT_EQ(kind_from_file_name("assignments.ndjson"), Kind::kAssignments);
}

TEST(SchemaTest, KindFromAStemThatContainsAKindName) {
  EXPECT_EQ(kind_from_file_name("events-2026-11.jsonl"), Kind::kEvents);
  EXPECT_EQ(kind_from_file_name("my_accounts.csv"), Kind::kAccounts);
  EXPECT_EQ(kind_from_file_name("zendesk_tickets_export.csv"), Kind::kTickets);
  EXPECT_EQ(kind_from_file_name("/tmp/x/Subscriptions_Q3.csv"), Kind::kSubscriptions);
  // Only the stem counts: the folder and the extension do not.
  EXPECT_EQ(kind_from_file_name("tickets/accounts.csv"), Kind::kAccounts);
  EXPECT_EQ(kind_from_file_name("accounts.tickets.csv"), Kind::kAccounts);
}

TEST(SchemaTest, LongestKindNameWins) {
  // "users" is inside no other name, but a stem may contain two kinds: the longer is taken.
  EXPECT_EQ(kind_from_file_name("users_and_subscriptions.csv"), Kind::kSubscriptions);
  EXPECT_EQ(kind_from_file_name("tickets_by_accounts.csv"), Kind::kAccounts);
}

TEST(SchemaTest, UnknownFileNameHasNoKind) {
  EXPECT_FALSE(kind_from_file_name("orders.csv"));
  EXPECT_FALSE(kind_from_file_name(""));
  EXPECT_FALSE(kind_from_file_name("ticket.csv"));
  EXPECT_FALSE(kind_from_file_name("data/tickets/"));
}

TEST(SchemaTest, KindFromNameIsCaseInsensitiveAndExact) {
  EXPECT_EQ(kind_from_name("Surveys"), Kind::kSurveys);
  EXPECT_EQ(kind_from_name("releases"), Kind::kReleases);
  EXPECT_FALSE(kind_from_name("release"));
  EXPECT_FALSE(kind_from_name("releasesx"));
}

TEST(SchemaTest, EveryKindIsConsistent) {
  std::set<std::string_view> names;
  ASSERT_EQ(all_schemas().size(), static_cast<std::size_t>(kKindCount));
  for (const auto& s : all_schemas()) {
    SCOPED_TRACE(std::string(s.name));
    EXPECT_TRUE(names.insert(s.name).second);
    EXPECT_EQ(&schema_of(s.kind), &s);
    EXPECT_EQ(kind_from_name(s.name), s.kind);
    EXPECT_FALSE(s.key.empty());
    std::set<std::string_view> columns;
    for (const auto& c : s.columns) {
      EXPECT_TRUE(columns.insert(c.name).second) << c.name;
      if (c.type == ColumnType::kEnum) {
        EXPECT_FALSE(c.vocabulary.empty()) << c.name;
      }
      if (c.type == ColumnType::kInteger || c.type == ColumnType::kReal) {
        EXPECT_LT(c.min, c.max) << c.name;
      }
      if (c.references) {
        EXPECT_EQ(*c.references, Kind::kAccounts) << c.name;
      }
    }
    for (auto k : s.key) EXPECT_GE(column_index(s, k), 0) << k;
    // Key columns are required, but for events: without event_id the whole row is the key.
    if (s.kind != Kind::kEvents) {
      for (auto k : s.key)
        EXPECT_TRUE(s.columns[static_cast<std::size_t>(column_index(s, k))].required) << k;
    }
    for (auto d : s.depends_on) EXPECT_NE(d, s.kind);
  }
  EXPECT_EQ(column_index(schema_of(Kind::kTickets), "csat"), 16);
  EXPECT_EQ(column_index(schema_of(Kind::kTickets), "nope"), -1);
}

}  // namespace
}  // namespace ticketlens::model
