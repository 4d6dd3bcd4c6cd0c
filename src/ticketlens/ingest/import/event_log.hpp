#pragma once
// The common core of the event-stream importers (Segment, Amplitude, PostHog, a generic event
// log): each adapter turns its records into ForeignEvents and facts about people and groups;
// this core matches people to accounts and writes canonical events, users and accounts.
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "ticketlens/common/time.hpp"
#include "ticketlens/ingest/import/importer.hpp"
#include "ticketlens/ingest/import/source_fields.hpp"

namespace ticketlens::ingest {

struct ForeignEvent {
  std::string file;
  std::int64_t line = 0;
  std::string place;  ///< `batch[3]` inside a document
  Timestamp ts = 0;
  std::string person;  ///< user id, else anonymous/device id
  std::string group;   ///< the account-like group (Segment groupId, Amplitude/PostHog groups)
  std::string name, session, platform, event_id;
  std::string properties;  ///< a JSON object as text, or ""
  bool is_error = false;
  /// Set when the record is bad (e.g. a time that does not parse): it becomes a rejected row.
  std::string error_field, error;
};

struct Person {
  std::string email;
  std::optional<Timestamp> created;  ///< signup, when the source says
  std::string group;                 ///< from identify/group calls
};

struct GroupInfo {
  std::string name;
  std::optional<Timestamp> created;
};

/// What an adapter collected from its files.
struct EventLog {
  std::vector<ForeignEvent> events;
  std::map<std::string, Person> people;
  std::map<std::string, GroupInfo> groups;
  std::map<std::string, std::int64_t> skipped;
};

/// Identity (claim: external id = the person id, the person's email, organisation = the group
/// `SOURCE-group-<id>`, or for a person without a group the person as a one-user account
/// `SOURCE-user-<id>`), then canonical events (and users/accounts the matching creates).
ImportResult map_event_log(EventLog log, std::string_view source, const IdentityIndex& known,
                           const ImportOptions& options);

/// A bad record: rejected with `file:line: field: reason` (the import then lands nothing,
/// unless --skip-bad-rows).
void reject_event(ForeignEvent e, std::string_view field, std::string reason, EventLog& log);

/// Epoch numbers in seconds or milliseconds (a value above 1e11 is taken as milliseconds).
std::optional<Timestamp> epoch_time(double value);
/// A record's time field: ISO text, or epoch seconds/milliseconds.
std::optional<Timestamp> time_field(const nlohmann::json& record, std::string_view key);

}  // namespace ticketlens::ingest
