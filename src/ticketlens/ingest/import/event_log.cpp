#include "ticketlens/ingest/import/event_log.hpp"

#include <fmt/format.h>

#include <cmath>
#include <set>

namespace ticketlens::ingest {

using model::Kind;

std::optional<Timestamp> epoch_time(double value) {
  if (!std::isfinite(value) || value < 0) return std::nullopt;
  if (value > 1e11) value /= 1000.0;  // milliseconds
  return static_cast<Timestamp>(value);
}

std::optional<Timestamp> time_field(const nlohmann::json& record, std::string_view key) {
  const auto it = record.find(key);
  if (it == record.end() || it->is_null()) return std::nullopt;
  if (it->is_number()) return epoch_time(it->get<double>());
  if (it->is_string()) {
    const std::string s = it->get<std::string>();
    if (auto n = parse_number(s)) return epoch_time(*n);
    return parse_timestamp(s);
  }
  return std::nullopt;
}

void reject_event(ForeignEvent e, std::string_view field, std::string reason, EventLog& log) {
  e.error_field = e.place.empty() ? std::string(field) : fmt::format("{}.{}", e.place, field);
  e.error = std::move(reason);
  log.events.push_back(std::move(e));
}

ImportResult map_event_log(EventLog log, std::string_view source, const IdentityIndex& known,
                           const ImportOptions& options) {
  ImportResult result;
  result.skipped = std::move(log.skipped);
  CanonicalTable& events_out = result.table(Kind::kEvents);
  CanonicalTable& accounts_out = result.table(Kind::kAccounts);
  CanonicalTable& users_out = result.table(Kind::kUsers);
  IdentityResolver resolver(known, options.identity_order);
  std::map<std::string, std::optional<Match>> resolved;  // person → match
  std::map<std::string, Timestamp> first_seen;           // account → first event
  for (const auto& e : log.events) {
    if (!e.error.empty()) continue;
    const std::string group = !e.group.empty() ? e.group : log.people[e.person].group;
    const std::string account = group.empty() ? fmt::format("{}-user-{}", source, e.person)
                                              : fmt::format("{}-group-{}", source, group);
    if (!first_seen.count(account) || e.ts < first_seen[account]) first_seen[account] = e.ts;
  }
  std::set<std::string> accounts_done, users_done;
  for (const auto& e : log.events) {
    if (!e.error.empty()) {
      events_out.reject(e.file, e.line, e.error_field, e.error);
      continue;
    }
    const Person& person = log.people[e.person];
    const std::string group = !e.group.empty() ? e.group : person.group;
    const std::string key = e.person + "|" + group;
    if (!resolved.count(key)) {
      IdentityClaim claim;
      claim.external_id = e.person;
      claim.email = person.email;
      claim.organization_account = group.empty() ? fmt::format("{}-user-{}", source, e.person)
                                                 : fmt::format("{}-group-{}", source, group);
      claim.example = fmt::format("user {}{}{}", e.person, person.email.empty() ? "" : " <" + person.email + ">",
                                  group.empty() ? "" : " of group " + group);
      resolved[key] = resolver.resolve(claim);
    }
    const auto& match = resolved.at(key);
    if (!match) {
      events_out.reject(e.file, e.line, e.place.empty() ? "user" : e.place + ".user",
                        fmt::format("no account matches user {} (tried {})", e.person,
                                    identity_order_text(options.identity_order)));
      continue;
    }
    if (match->method == MatchMethod::kOrganization && accounts_done.insert(match->account_id).second) {
      auto& a = accounts_out.add(e.file, e.line);
      accounts_out.set(a, "account_id", match->account_id);
      std::optional<Timestamp> signup;
      if (!group.empty()) {
        const GroupInfo& g = log.groups[group];
        accounts_out.set(a, "name", g.name);
        signup = g.created;
      } else {
        signup = person.created;
      }
      accounts_out.set(a, "signup_at", format_timestamp(signup.value_or(first_seen[match->account_id])));
    }
    std::string user_id = match->user_id;
    if (user_id.empty()) {
      user_id = fmt::format("{}-{}", source, e.person);
      if (users_done.insert(user_id).second) {
        auto& u = users_out.add(e.file, e.line);
        users_out.set(u, "user_id", user_id);
        users_out.set(u, "account_id", match->account_id);
        users_out.set(u, "email", person.email);
        if (person.created) users_out.set(u, "created_at", format_timestamp(*person.created));
      }
    }
    auto& row = events_out.add(e.file, e.line);
    events_out.set(row, "ts", format_timestamp(e.ts));
    events_out.set(row, "account_id", match->account_id);
    events_out.set(row, "user_id", user_id);
    events_out.set(row, "name", e.name);
    events_out.set(row, "session_id", e.session);
    events_out.set(row, "platform", e.platform);
    events_out.set(row, "is_error", e.is_error ? "1" : "0");
    events_out.set(row, "event_id", e.event_id.empty() ? "" : fmt::format("{}-{}", source, e.event_id));
    events_out.set(row, "properties", e.properties);
  }
  result.identity = resolver.report();
  result.notes.emplace_back("product_area and duration_ms are not in the source: feature-area "
                            "breakdowns and time-in-product are missing");
  return result;
}

}  // namespace ticketlens::ingest
