#include "ticketlens/ingest/validator.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "ticketlens/common/time.hpp"

namespace ticketlens::ingest {
namespace {

using model::Kind;
using model::schema_of;

// A row of `kind` with the given columns set (others missing), in schema order.
std::vector<std::string_view> row_of(Kind kind, const std::map<std::string, std::string>& set,
                                     std::vector<std::string>& storage) {
  const auto& schema = schema_of(kind);
  storage.assign(schema.columns.size(), "");
  for (const auto& [k, v] : set) {
    const int c = model::column_index(schema, k);
    EXPECT_GE(c, 0) << k;
    storage[static_cast<std::size_t>(c)] = v;
  }
  return {storage.begin(), storage.end()};
}

class ValidatorTest : public ::testing::Test {
 protected:
  // Validates a row; returns "" when valid, else "field: reason".
  std::string check(Kind kind, const std::map<std::string, std::string>& set) {
    validators_.try_emplace(kind, schema_of(kind));
    Validator& v = validators_.at(kind);
    auto problem = v.validate(row_of(kind, set, storage_), values_);
    return problem ? problem->first + ": " + problem->second : "";
  }
  const Value& value(Kind kind, std::string_view column) const {
    return values_.at(static_cast<std::size_t>(model::column_index(schema_of(kind), column)));
  }
  std::map<std::string, std::string> ticket(std::map<std::string, std::string> extra = {}) const {
    std::map<std::string, std::string> row = {
        {"ticket_id", "t1"}, {"account_id", "a1"}, {"created_at", "2026-01-05T10:00:00Z"}};
    for (auto& [k, v] : extra) row[k] = v;
    return row;
  }

  std::map<Kind, Validator> validators_;
  std::vector<std::string> storage_;
  std::vector<Value> values_;
};

constexpr Timestamp kJan5 = 1767571200;  // 2026-01-05T00:00:00Z

TEST_F(ValidatorTest, AcceptsAMinimalRowAndLeavesTheRestNull) {
  EXPECT_EQ(check(Kind::kTickets, ticket()), "");
  EXPECT_EQ(value(Kind::kTickets, "ticket_id").type, Value::Type::kText);
  EXPECT_EQ(value(Kind::kTickets, "ticket_id").text, "t1");
  EXPECT_EQ(value(Kind::kTickets, "created_at").i, kJan5 + 10 * 3600);
  EXPECT_EQ(value(Kind::kTickets, "csat").type, Value::Type::kNull);
  EXPECT_EQ(value(Kind::kTickets, "subject").type, Value::Type::kNull);
}

TEST_F(ValidatorTest, RequiredValuesMustBePresent) {
  auto row = ticket();
  row.erase("account_id");
  EXPECT_EQ(check(Kind::kTickets, row), "account_id: required value is missing");
  EXPECT_EQ(check(Kind::kTickets, ticket({{"created_at", "   "}})),
            "created_at: required value is missing");
}

TEST_F(ValidatorTest, IdsAreTrimmedFreeTextIsNot) {
  EXPECT_EQ(check(Kind::kTickets, ticket({{"ticket_id", "  t9 "}, {"subject", "  Hello "}})), "");
  EXPECT_EQ(value(Kind::kTickets, "ticket_id").text, "t9");
  EXPECT_EQ(value(Kind::kTickets, "subject").text, "  Hello ");
}

TEST_F(ValidatorTest, TimestampsWithOffsetsDatesAndEpochs) {
  EXPECT_EQ(check(Kind::kTickets, ticket({{"created_at", "2026-01-05T12:00:00+02:00"}})), "");
  EXPECT_EQ(value(Kind::kTickets, "created_at").i, kJan5 + 10 * 3600);
  EXPECT_EQ(check(Kind::kTickets, ticket({{"created_at", "2026-01-05T05:00:00-05:00"}})), "");
  EXPECT_EQ(value(Kind::kTickets, "created_at").i, kJan5 + 10 * 3600);
  EXPECT_EQ(check(Kind::kTickets, ticket({{"created_at", "2026-01-05"}})), "");
  EXPECT_EQ(value(Kind::kTickets, "created_at").i, kJan5);
  EXPECT_EQ(check(Kind::kTickets, ticket({{"created_at", " 1767571200 "}})), "");
  EXPECT_EQ(value(Kind::kTickets, "created_at").i, kJan5);
  const std::string bad = check(Kind::kTickets, ticket({{"solved_at", "05/01/2026"}}));
  EXPECT_EQ(bad.rfind("solved_at: '05/01/2026' is not a timestamp", 0), 0u) << bad;
  EXPECT_NE(check(Kind::kTickets, ticket({{"created_at", "2026-02-30"}})), "");
}

TEST_F(ValidatorTest, IntegersWithBounds) {
  EXPECT_EQ(check(Kind::kTickets, ticket({{"reopens", "3"}, {"csat", "5"}})), "");
  EXPECT_EQ(value(Kind::kTickets, "reopens").type, Value::Type::kInt);
  EXPECT_EQ(value(Kind::kTickets, "reopens").i, 3);
  EXPECT_EQ(check(Kind::kTickets, ticket({{"replies", "4.0"}})), "");  // a whole number as a real
  EXPECT_EQ(value(Kind::kTickets, "replies").i, 4);
  EXPECT_EQ(check(Kind::kTickets, ticket({{"replies", "4.5"}})),
            "replies: '4.5' is not a whole number");
  EXPECT_EQ(check(Kind::kTickets, ticket({{"replies", "four"}})),
            "replies: 'four' is not a whole number");
  EXPECT_EQ(check(Kind::kTickets, ticket({{"replies", "nan"}})),
            "replies: 'nan' is not a whole number");
  EXPECT_EQ(check(Kind::kTickets, ticket({{"reopens", "-1"}})),
            "reopens: -1 is out of range [0, 1000000000]");
  EXPECT_EQ(check(Kind::kTickets, ticket({{"csat", "6"}})), "csat: 6 is out of range [1, 5]");
  EXPECT_EQ(check(Kind::kTickets, ticket({{"csat", "0"}})), "csat: 0 is out of range [1, 5]");
  EXPECT_EQ(check(Kind::kTickets, ticket({{"replies", "99999999999999999999"}})),
            "replies: '99999999999999999999' is not a whole number");
}

TEST_F(ValidatorTest, RealsWithBounds) {
  EXPECT_EQ(check(Kind::kTickets, ticket({{"handle_minutes", "12.5"}})), "");
  EXPECT_EQ(value(Kind::kTickets, "handle_minutes").type, Value::Type::kReal);
  EXPECT_DOUBLE_EQ(value(Kind::kTickets, "handle_minutes").d, 12.5);
  EXPECT_EQ(check(Kind::kTickets, ticket({{"handle_minutes", "1e2"}})), "");
  EXPECT_DOUBLE_EQ(value(Kind::kTickets, "handle_minutes").d, 100);
  EXPECT_EQ(check(Kind::kTickets, ticket({{"handle_minutes", "-0.5"}})),
            "handle_minutes: -0.5 is out of range [0, 1000000000000000]");
  EXPECT_EQ(check(Kind::kTickets, ticket({{"handle_minutes", "inf"}})),
            "handle_minutes: 'inf' is not a number");
  EXPECT_EQ(check(Kind::kTickets, ticket({{"handle_minutes", "12 min"}})),
            "handle_minutes: '12 min' is not a number");
}

TEST_F(ValidatorTest, BooleansAcceptZeroOneTrueFalse) {
  const std::map<std::string, std::string> event = {
      {"ts", "2026-01-05T10:00:00Z"}, {"account_id", "a1"}, {"name", "login"}};
  for (const auto& [text, expected] : std::vector<std::pair<std::string, std::int64_t>>{
           {"1", 1}, {"0", 0}, {"TRUE", 1}, {"false", 0}, {" True ", 1}}) {
    auto row = event;
    row["is_error"] = text;
    EXPECT_EQ(check(Kind::kEvents, row), "") << text;
    EXPECT_EQ(value(Kind::kEvents, "is_error").i, expected) << text;
  }
  auto row = event;
  row["is_error"] = "yes";
  EXPECT_EQ(check(Kind::kEvents, row), "is_error: 'yes' is not 0 or 1 (true/false also accepted)");
}

TEST_F(ValidatorTest, EnumsAreCaseInsensitiveAndStoredLowercase) {
  EXPECT_EQ(check(Kind::kTickets, ticket({{"channel", "EMail"}, {"priority", " URGENT "}})), "");
  EXPECT_EQ(value(Kind::kTickets, "channel").text, "email");
  EXPECT_EQ(value(Kind::kTickets, "priority").text, "urgent");
  EXPECT_EQ(check(Kind::kTickets, ticket({{"channel", "fax"}})),
            "channel: 'fax' is not one of email, chat, phone, web, social");
  EXPECT_EQ(check(Kind::kTickets, ticket({{"escalated_to", "Tier2"}})), "");
  EXPECT_EQ(value(Kind::kTickets, "escalated_to").text, "tier2");
}

TEST_F(ValidatorTest, JsonColumnMustHoldAnObject) {
  const std::map<std::string, std::string> event = {
      {"ts", "2026-01-05T10:00:00Z"}, {"account_id", "a1"}, {"name", "login"}};
  auto row = event;
  row["properties"] = R"({"plan":"pro","seats":3})";
  EXPECT_EQ(check(Kind::kEvents, row), "");
  EXPECT_EQ(value(Kind::kEvents, "properties").text, R"({"plan":"pro","seats":3})");
  for (const std::string bad : {"[1,2]", "\"text\"", "{\"a\":", "42"}) {
    row["properties"] = bad;
    EXPECT_EQ(check(Kind::kEvents, row), "properties: '" + bad + "' is not a JSON object");
  }
}

TEST_F(ValidatorTest, ListsAreText) {
  EXPECT_EQ(check(Kind::kTickets, ticket({{"tags", "vip;billing"}})), "");
  EXPECT_EQ(value(Kind::kTickets, "tags").text, "vip;billing");
}

TEST_F(ValidatorTest, SurveyScoreRangeDependsOnKind) {
  auto survey = [](std::string kind, std::string score) {
    std::map<std::string, std::string> row = {
        {"response_id", "r1"}, {"account_id", "a1"}, {"ts", "2026-01-05"}, {"score", score}};
    if (!kind.empty()) row["kind"] = kind;
    return row;
  };
  EXPECT_EQ(check(Kind::kSurveys, survey("nps", "0")), "");
  EXPECT_EQ(check(Kind::kSurveys, survey("nps", "10")), "");
  EXPECT_EQ(check(Kind::kSurveys, survey("", "9")), "");  // kind defaults to NPS
  EXPECT_EQ(check(Kind::kSurveys, survey("nps", "11")), "score: 11 is out of range [0, 10]");
  EXPECT_EQ(check(Kind::kSurveys, survey("csat", "5")), "");
  EXPECT_EQ(check(Kind::kSurveys, survey("CSAT", "1")), "");
  EXPECT_EQ(check(Kind::kSurveys, survey("csat", "6")),
            "score: 6 is out of range [1, 5] for a csat survey");
  EXPECT_EQ(check(Kind::kSurveys, survey("csat", "0")),
            "score: 0 is out of range [1, 5] for a csat survey");
  EXPECT_EQ(check(Kind::kSurveys, survey("ces", "7")), "");
  EXPECT_EQ(check(Kind::kSurveys, survey("ces", "8")),
            "score: 8 is out of range [1, 7] for a ces survey");
  EXPECT_EQ(check(Kind::kSurveys, survey("ces", "0.5")),
            "score: 0.5 is out of range [1, 7] for a ces survey");
  EXPECT_EQ(check(Kind::kSurveys, survey("poll", "3")),
            "kind: 'poll' is not one of nps, csat, ces");
}

TEST_F(ValidatorTest, HashesIdentifyContentAndKeys) {
  ASSERT_EQ(check(Kind::kTickets, ticket({{"subject", "a"}})), "");
  const auto content_a = Validator::content_hash(values_);
  Validator v(schema_of(Kind::kTickets));
  const auto key_a = v.key_hash(values_);
  EXPECT_EQ(v.key_text(values_), "t1");
  ASSERT_EQ(check(Kind::kTickets, ticket({{"subject", "b"}})), "");
  EXPECT_NE(Validator::content_hash(values_), content_a);
  EXPECT_EQ(v.key_hash(values_), key_a);
  // Enum case does not change the content: it is normalised first.
  ASSERT_EQ(check(Kind::kTickets, ticket({{"channel", "Chat"}})), "");
  const auto upper = Validator::content_hash(values_);
  ASSERT_EQ(check(Kind::kTickets, ticket({{"channel", "chat"}})), "");
  EXPECT_EQ(Validator::content_hash(values_), upper);
}

TEST_F(ValidatorTest, EventsWithoutIdAreKeyedByTheirWholeRow) {
  Validator v(schema_of(Kind::kEvents));
  std::map<std::string, std::string> event = {
      {"ts", "2026-01-05T10:00:00Z"}, {"account_id", "a1"}, {"name", "login"}};
  ASSERT_EQ(check(Kind::kEvents, event), "");
  const auto key_a = v.key_hash(values_);
  ASSERT_EQ(check(Kind::kEvents, event), "");
  EXPECT_EQ(v.key_hash(values_), key_a);
  event["platform"] = "web";
  ASSERT_EQ(check(Kind::kEvents, event), "");
  EXPECT_NE(v.key_hash(values_), key_a);
  // With an event_id, the key is the id whatever the content.
  event["event_id"] = "e1";
  ASSERT_EQ(check(Kind::kEvents, event), "");
  const auto key_id = v.key_hash(values_);
  event["platform"] = "ios";
  ASSERT_EQ(check(Kind::kEvents, event), "");
  EXPECT_EQ(v.key_hash(values_), key_id);
}

TEST_F(ValidatorTest, CompositeKeyText) {
  Validator v(schema_of(Kind::kAssignments));
  ASSERT_EQ(check(Kind::kAssignments, {{"experiment_id", "x1"},
                                       {"account_id", "a1"},
                                       {"arm", "B"},
                                       {"assigned_at", "2026-01-05"}}),
            "");
  EXPECT_EQ(v.key_text(values_), "x1|a1");
}

}  // namespace
}  // namespace ticketlens::ingest
