#pragma once
// Helpers for the demo tests: an RFC 4180 reader and the measures of the planted effects,
// computed from the written files alone.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "ticketlens/common/time.hpp"
#include "ticketlens/model/schema.hpp"

namespace ticketlens::demo::test {

namespace fs = std::filesystem;
using Row = std::vector<std::string>;

constexpr Timestamp kEnd = 1793577600;  // 2026-11-02T00:00:00Z, a Monday
constexpr Timestamp kDay = kSecondsPerDay;

inline std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// RFC 4180: calls `row` for every record after the header (which goes to `header`).
inline void read_csv(const fs::path& path, const std::function<void(const Row&)>& row,
              Row* header = nullptr) {
  const std::string text = read_all(path);
  Row fields;
  std::string field;
  bool quoted = false, first = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      fields.push_back(std::move(field));
      field.clear();
      if (first && header) *header = fields;
      if (!first) row(fields);
      first = false;
      fields.clear();
    } else {
      field += c;
    }
  }
  ASSERT_TRUE(fields.empty() && field.empty()) << path << " does not end with a newline";
}

inline Timestamp ts(const std::string& text) {
  auto t = parse_timestamp(text);
  EXPECT_TRUE(t.has_value()) << "bad timestamp '" << text << "'";
  return t.value_or(0);
}

inline fs::path temp_dir(const std::string& name) {
  auto dir = fs::temp_directory_path() / ("ticketlens_demo_test_" + std::to_string(::getpid()) + "_" + name);
  fs::remove_all(dir);
  return dir;
}

/// Index of a column in a file's header (the canonical schema).
inline std::size_t col(model::Kind kind, std::string_view name) {
  const int i = model::column_index(model::schema_of(kind), name);
  EXPECT_GE(i, 0) << name;
  return static_cast<std::size_t>(i);
}

struct Interval {
  Timestamp start, end;
};

/// Subscriptions per account, as (start, end) with end = INT64_MAX when open.
inline std::unordered_map<std::string, std::vector<Interval>> subscriptions_of(const fs::path& dir) {
  using model::Kind;
  std::unordered_map<std::string, std::vector<Interval>> subs;
  read_csv(dir / "subscriptions.csv", [&](const Row& r) {
    const auto& end = r[col(Kind::kSubscriptions, "ended_at")];
    subs[r[col(Kind::kSubscriptions, "account_id")]].push_back(
        {ts(r[col(Kind::kSubscriptions, "started_at")]), end.empty() ? INT64_MAX : ts(end)});
  });
  for (auto& [account, list] : subs)
    std::sort(list.begin(), list.end(),
              [](const Interval& x, const Interval& y) { return x.start < y.start; });
  return subs;
}

inline bool active_at(const std::vector<Interval>& subs, Timestamp t) {
  for (const auto& s : subs)
    if (s.start <= t && t < s.end) return true;
  return false;
}

/// ARR exposed (DESIGN.md) for the ISO week starting at week_start, from the files.
inline double exposed_arr_pct(const fs::path& dir, Timestamp week_start) {
  using model::Kind;
  const Timestamp week_end = week_start + 7 * kDay;
  std::unordered_map<std::string, double> arr;
  double total = 0;
  read_csv(dir / "subscriptions.csv", [&](const Row& r) {
    const Timestamp start = ts(r[col(Kind::kSubscriptions, "started_at")]);
    const auto& end_text = r[col(Kind::kSubscriptions, "ended_at")];
    const Timestamp end = end_text.empty() ? INT64_MAX : ts(end_text);
    if (start <= week_end - 1 && week_end - 1 < end) {
      const double a = 12 * std::stod(r[col(Kind::kSubscriptions, "mrr")]);
      arr[r[col(Kind::kSubscriptions, "account_id")]] += a;
      total += a;
    }
  });
  std::unordered_map<std::string, int> tickets;
  read_csv(dir / "tickets.csv", [&](const Row& r) {
    const Timestamp created = ts(r[col(Kind::kTickets, "created_at")]);
    if (created >= week_end - 30 * kDay && created < week_end)
      ++tickets[r[col(Kind::kTickets, "account_id")]];
  });
  double exposed = 0;
  for (const auto& [account, n] : tickets)
    if (n > 3 && arr.count(account)) exposed += arr[account];
  return 100.0 * exposed / total;
}

struct PrecursorShares {
  double before_tickets = 0;  ///< share of tickets of the category with the event in the 24 h before
  double control = 0;         ///< the same, for windows one week earlier without such a ticket
  int tickets = 0;
};

/// Precursor share of `event` by the requester before tickets of `category`, from the files.
inline PrecursorShares precursor_shares(const fs::path& dir, const std::string& event,
                                 const std::string& category) {
  using model::Kind;
  std::unordered_map<std::string, std::vector<Timestamp>> event_times;  // by user
  read_csv(dir / "events.csv", [&](const Row& r) {
    if (r[col(Kind::kEvents, "name")] == event)
      event_times[r[col(Kind::kEvents, "user_id")]].push_back(ts(r[col(Kind::kEvents, "ts")]));
  });
  for (auto& [user, times] : event_times) std::sort(times.begin(), times.end());
  std::vector<std::pair<std::string, Timestamp>> tickets;
  std::unordered_map<std::string, std::vector<Timestamp>> ticket_times;  // by requester
  read_csv(dir / "tickets.csv", [&](const Row& r) {
    if (r[col(Kind::kTickets, "category")] != category) return;
    const auto& user = r[col(Kind::kTickets, "requester_id")];
    const Timestamp created = ts(r[col(Kind::kTickets, "created_at")]);
    tickets.emplace_back(user, created);
    ticket_times[user].push_back(created);
  });
  auto has_event = [&](const std::string& user, Timestamp from, Timestamp to) {
    auto it = event_times.find(user);
    if (it == event_times.end()) return false;
    auto lo = std::lower_bound(it->second.begin(), it->second.end(), from);
    return lo != it->second.end() && *lo < to;
  };
  PrecursorShares s;
  int with = 0, controls = 0, control_with = 0;
  for (const auto& [user, created] : tickets) {
    ++s.tickets;
    with += has_event(user, created - kDay, created);
    const Timestamp control_end = created - 7 * kDay;
    bool clean = true;
    for (Timestamp t : ticket_times[user]) clean &= !(t >= control_end - 2 * kDay && t < control_end + 2 * kDay);
    if (!clean) continue;
    ++controls;
    control_with += has_event(user, control_end - kDay, control_end);
  }
  s.before_tickets = s.tickets ? static_cast<double>(with) / s.tickets : 0;
  s.control = controls ? static_cast<double>(control_with) / controls : 0;
  return s;
}

inline double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

/// Median handle_minutes of one category and of all the others.
inline std::pair<double, double> handle_medians(const fs::path& dir, const std::string& category) {
  using model::Kind;
  std::vector<double> in, out;
  read_csv(dir / "tickets.csv", [&](const Row& r) {
    const auto& h = r[col(Kind::kTickets, "handle_minutes")];
    if (h.empty()) return;
    (r[col(Kind::kTickets, "category")] == category ? in : out).push_back(std::stod(h));
  });
  return {median(in), median(out)};
}

}  // namespace ticketlens::demo::test
