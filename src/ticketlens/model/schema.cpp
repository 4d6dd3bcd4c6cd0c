#include "ticketlens/model/schema.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>

namespace ticketlens::model {
namespace {

using T = ColumnType;
constexpr double kBig = 1e15;

constexpr Column kAccountCols[] = {
    {"account_id", T::kId, true},      {"name", T::kString},
    {"tier", T::kString},              {"region", T::kString},
    {"signup_at", T::kTimestamp, true}, {"industry", T::kString},
};
constexpr Column kUserCols[] = {
    {"user_id", T::kId, true},
    {"account_id", T::kId, true, {}, 0, 0, Kind::kAccounts},
    {"email", T::kString},
    {"created_at", T::kTimestamp},
};
constexpr Column kEventCols[] = {
    {"ts", T::kTimestamp, true},
    {"account_id", T::kId, true, {}, 0, 0, Kind::kAccounts},
    {"user_id", T::kString},
    {"name", T::kId, true},
    {"session_id", T::kString},
    {"product_area", T::kString},
    {"platform", T::kString},
    {"is_error", T::kBool01},
    {"duration_ms", T::kInteger, false, {}, 0, kBig},
    {"event_id", T::kString},
    {"properties", T::kJson},
};
constexpr Column kTicketCols[] = {
    {"ticket_id", T::kId, true},
    {"account_id", T::kId, true, {}, 0, 0, Kind::kAccounts},
    {"requester_id", T::kString},
    {"created_at", T::kTimestamp, true},
    {"first_response_at", T::kTimestamp},
    {"solved_at", T::kTimestamp},
    {"status", T::kString},
    {"channel", T::kEnum, false, kChannels},
    {"priority", T::kEnum, false, kPriorities},
    {"category", T::kString},
    {"product_area", T::kString},
    {"root_cause", T::kEnum, false, kRootCauses},
    {"escalated_to", T::kEnum, false, kEscalations},
    {"handle_minutes", T::kReal, false, {}, 0, kBig},
    {"reopens", T::kInteger, false, {}, 0, 1e9},
    {"replies", T::kInteger, false, {}, 0, 1e9},
    {"csat", T::kInteger, false, {}, 1, 5},
    {"subject", T::kString},
    {"body", T::kString},
    {"tags", T::kList},
    {"issue_id", T::kString},
    {"assignee", T::kString},
    {"team", T::kString},
};
constexpr Column kIssueCols[] = {
    {"issue_id", T::kId, true},      {"opened_at", T::kTimestamp, true},
    {"resolved_at", T::kTimestamp},  {"product_area", T::kString},
    {"kind", T::kString},
};
constexpr Column kSubscriptionCols[] = {
    {"subscription_id", T::kId, true},
    {"account_id", T::kId, true, {}, 0, 0, Kind::kAccounts},
    {"started_at", T::kTimestamp, true},
    {"ended_at", T::kTimestamp},
    {"mrr", T::kReal, true, {}, 0, kBig},
    {"plan", T::kString},
};
constexpr Column kReleaseCols[] = {
    {"release_id", T::kId, true},
    {"released_at", T::kTimestamp, true},
    {"product_areas", T::kList},
    {"notes", T::kString},
};
constexpr Column kSurveyCols[] = {
    {"response_id", T::kId, true},
    {"account_id", T::kId, true, {}, 0, 0, Kind::kAccounts},
    {"user_id", T::kString},
    {"ts", T::kTimestamp, true},
    {"kind", T::kEnum, false, kSurveyKinds},
    {"score", T::kReal, true, {}, 0, 10},
    {"ticket_id", T::kString},
};
constexpr Column kAssignmentCols[] = {
    {"experiment_id", T::kId, true},
    {"account_id", T::kId, true, {}, 0, 0, Kind::kAccounts},
    {"arm", T::kId, true},
    {"assigned_at", T::kTimestamp, true},
};

constexpr std::string_view kAccountKey[] = {"account_id"};
constexpr std::string_view kUserKey[] = {"user_id"};
constexpr std::string_view kEventKey[] = {"event_id"};
constexpr std::string_view kTicketKey[] = {"ticket_id"};
constexpr std::string_view kIssueKey[] = {"issue_id"};
constexpr std::string_view kSubscriptionKey[] = {"subscription_id"};
constexpr std::string_view kReleaseKey[] = {"release_id"};
constexpr std::string_view kSurveyKey[] = {"response_id"};
constexpr std::string_view kAssignmentKey[] = {"experiment_id", "account_id"};

constexpr Kind kOnAccounts[] = {Kind::kAccounts};

const std::array<KindSchema, kKindCount> kSchemas = {{
    {Kind::kAccounts, "accounts", kAccountCols, kAccountKey, {}},
    {Kind::kUsers, "users", kUserCols, kUserKey, kOnAccounts},
    {Kind::kEvents, "events", kEventCols, kEventKey, kOnAccounts},
    {Kind::kTickets, "tickets", kTicketCols, kTicketKey, kOnAccounts},
    {Kind::kIssues, "issues", kIssueCols, kIssueKey, {}},
    {Kind::kSubscriptions, "subscriptions", kSubscriptionCols, kSubscriptionKey, kOnAccounts},
    {Kind::kReleases, "releases", kReleaseCols, kReleaseKey, {}},
    {Kind::kSurveys, "surveys", kSurveyCols, kSurveyKey, kOnAccounts},
    {Kind::kAssignments, "assignments", kAssignmentCols, kAssignmentKey, kOnAccounts},
}};

}  // namespace

const KindSchema& schema_of(Kind kind) { return kSchemas[static_cast<std::size_t>(kind)]; }

std::span<const KindSchema> all_schemas() { return kSchemas; }

std::optional<Kind> kind_from_name(std::string_view name) {
  for (const auto& s : kSchemas) {
    if (s.name.size() != name.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < name.size(); ++i)
      same &= std::tolower(static_cast<unsigned char>(name[i])) == s.name[i];
    if (same) return s.kind;
  }
  return std::nullopt;
}

std::optional<Kind> kind_from_file_name(std::string_view file_name) {
  if (auto slash = file_name.find_last_of('/'); slash != std::string_view::npos)
    file_name.remove_prefix(slash + 1);
  std::string lower(file_name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (auto dot = lower.find('.'); dot != std::string::npos) lower.resize(dot);
  // Exact stem first, then the longest kind name contained in the stem ("my_tickets_2026").
  if (auto k = kind_from_name(lower)) return k;
  std::optional<Kind> best;
  std::size_t best_len = 0;
  for (const auto& s : kSchemas) {
    if (lower.find(s.name) != std::string::npos && s.name.size() > best_len) {
      best = s.kind;
      best_len = s.name.size();
    }
  }
  return best;
}

int column_index(const KindSchema& schema, std::string_view column) {
  for (std::size_t i = 0; i < schema.columns.size(); ++i)
    if (schema.columns[i].name == column) return static_cast<int>(i);
  return -1;
}

}  // namespace ticketlens::model
