#pragma once
// The World: every entity of a workspace in memory, columnar, strings dictionary-encoded.
// Events and tickets are sorted by (account, time) with per-account offsets, so every
// per-account window is one contiguous scan. Built by the store's loader; analyses read it.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "ticketlens/common/dictionary.hpp"
#include "ticketlens/common/time.hpp"

namespace ticketlens::model {

inline constexpr Timestamp kNoTime = std::numeric_limits<Timestamp>::min();
inline constexpr std::uint32_t kNone = Dictionary::kMissing;
inline constexpr std::uint8_t kNoCode = 0xFF;  ///< a missing enum value

struct AccountTable {
  Dictionary ids;  ///< account index = code in this dictionary
  std::vector<std::string> names;
  std::vector<std::uint32_t> tier, region, industry;  ///< codes in the dictionaries below
  Dictionary tiers, regions, industries;
  std::vector<Timestamp> signup_at;
  [[nodiscard]] std::size_t size() const noexcept { return signup_at.size(); }
};

struct UserTable {  ///< rows of users.csv; index = code in World::user_ids
  std::vector<std::uint32_t> account;     ///< per user code; kNone if not in users.csv
  std::vector<Timestamp> created_at;      ///< per user code; kNoTime if missing
};

/// 24 bytes per event: ts 8, user 4, session 4, name 4, product_area 2, platform 1, is_error 1.
struct EventTable {
  std::vector<std::uint64_t> account_offsets;  ///< size accounts+1
  std::vector<Timestamp> ts;
  std::vector<std::uint32_t> user;     ///< code in World::user_ids, or kNone
  std::vector<std::uint32_t> session;  ///< dense session number, or kNone
  std::vector<std::uint32_t> name;     ///< code in names
  std::vector<std::uint16_t> product_area;  ///< code in World::product_areas, 0xFFFF = none
  std::vector<std::uint8_t> platform;       ///< code in platforms, kNoCode = none
  std::vector<std::uint8_t> is_error;       ///< 0 or 1 (missing counts as 0)
  Dictionary names, platforms;
  std::uint32_t session_count = 0;
  [[nodiscard]] std::size_t size() const noexcept { return ts.size(); }
};

inline constexpr std::uint16_t kNoArea = 0xFFFF;

struct TicketTable {  ///< sorted by (account, created_at)
  std::vector<std::uint64_t> account_offsets;
  Dictionary ids;  ///< ticket_id text; code order = ingestion order, not row order
  std::vector<std::uint32_t> id;  ///< per row: code in ids
  std::vector<std::uint32_t> account, requester;  ///< account index; user code or kNone
  std::vector<Timestamp> created_at, first_response_at, solved_at;  ///< kNoTime if missing
  std::vector<std::uint32_t> status, category, product_area, issue, assignee, team, tags;
  std::vector<std::uint8_t> channel, priority, root_cause, escalated_to;  ///< index in the
                                                                        ///< schema vocabulary
  std::vector<double> handle_minutes;  ///< NaN if missing
  std::vector<std::int32_t> reopens, replies;  ///< -1 if missing
  std::vector<std::int8_t> csat;               ///< 1..5, -1 if missing
  Dictionary statuses, categories, assignees, teams, tag_sets;
  [[nodiscard]] std::size_t size() const noexcept { return created_at.size(); }
};

struct IssueTable {
  Dictionary ids;
  std::vector<Timestamp> opened_at, resolved_at;
  std::vector<std::uint32_t> product_area, kind;
  Dictionary kinds;
  [[nodiscard]] std::size_t size() const noexcept { return opened_at.size(); }
};

struct SubscriptionTable {  ///< sorted by (account, started_at)
  Dictionary ids;
  std::vector<std::uint32_t> id, account, plan;
  std::vector<Timestamp> started_at, ended_at;
  std::vector<double> mrr;
  Dictionary plans;
  [[nodiscard]] std::size_t size() const noexcept { return started_at.size(); }
};

struct ReleaseTable {  ///< sorted by released_at
  Dictionary ids;
  std::vector<std::uint32_t> id;
  std::vector<Timestamp> released_at;
  std::vector<std::vector<std::uint16_t>> product_areas;
  std::vector<std::string> notes;
  [[nodiscard]] std::size_t size() const noexcept { return released_at.size(); }
};

struct SurveyTable {
  Dictionary ids;
  std::vector<std::uint32_t> account, user, ticket;  ///< ticket: code in TicketTable::ids
  std::vector<Timestamp> ts;
  std::vector<std::uint8_t> kind;  ///< index in kSurveyKinds
  std::vector<double> score;
  [[nodiscard]] std::size_t size() const noexcept { return ts.size(); }
};

struct AssignmentTable {
  Dictionary experiments, arms;
  std::vector<std::uint32_t> experiment, account, arm;
  std::vector<Timestamp> assigned_at;
  [[nodiscard]] std::size_t size() const noexcept { return assigned_at.size(); }
};

struct World {
  std::int64_t data_version = 0;  ///< the store's data version it was built from
  Dictionary user_ids;       ///< users of users.csv, events, tickets and surveys
  Dictionary product_areas;  ///< shared by events, tickets, issues and releases
  AccountTable accounts;
  UserTable users;
  EventTable events;
  TicketTable tickets;
  IssueTable issues;
  SubscriptionTable subscriptions;
  ReleaseTable releases;
  SurveyTable surveys;
  AssignmentTable assignments;
  Timestamp data_start = kNoTime;  ///< earliest event or ticket
  Timestamp data_end = kNoTime;    ///< latest event or ticket

  /// Bytes held by the event columns (the ≤ 24 bytes/event budget).
  [[nodiscard]] std::size_t event_bytes() const noexcept;
};

}  // namespace ticketlens::model
