// The event-stream sources: Segment (track/identify/group/page/screen calls, as JSON lines or a
// batch payload), Amplitude (export JSON lines), PostHog (events CSV or JSON) and a generic
// event log (e.g. eventsim's). Each maps its records to ForeignEvents; event_log.cpp does the
// rest. docs/importers.md has the mapping.
#include <fmt/format.h>

#include <functional>

#include "ticketlens/ingest/import/adapters.hpp"
#include "ticketlens/ingest/import/event_log.hpp"

namespace ticketlens::ingest {
namespace {

using nlohmann::json;

const json& object_at(const json& v, std::string_view key) {
  static const json kEmpty = json::object();
  const auto it = v.find(key);
  return it != v.end() && it->is_object() ? *it : kEmpty;
}

std::string first_of(const json& v, std::initializer_list<std::string_view> keys) {
  for (auto k : keys)
    if (std::string s = text_of(v, k); !s.empty()) return s;
  return {};
}

// A JSON object, or JSON object text (a CSV cell), as minified text; "" otherwise.
std::string properties_text(const json& v) {
  if (v.is_object()) return v.empty() ? "" : v.dump();
  if (v.is_string()) {
    json parsed = json::parse(v.get<std::string>(), nullptr, false);
    if (parsed.is_object() && !parsed.empty()) return parsed.dump();
  }
  return {};
}

// The first group of an Amplitude/PostHog `groups` object ({"company": "acme"} → "acme").
std::string first_group(const json& groups) {
  if (!groups.is_object()) return {};
  for (const auto& [k, v] : groups.items()) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_array() && !v.empty() && v.front().is_string()) return v.front().get<std::string>();
    if (v.is_number_integer()) return v.dump();
  }
  return {};
}

// The first of `keys` the record has (not null), for a time that is there but does not parse.
std::string present_key(const json& v, std::initializer_list<std::string_view> keys) {
  for (auto k : keys)
    if (const auto it = v.find(k); it != v.end() && !it->is_null()) return std::string(k);
  return {};
}

// A time field that is present but not a time: the record is rejected, not silently dropped.
bool reject_bad_time(const json& v, std::initializer_list<std::string_view> keys, ForeignEvent& e, EventLog& log) {
  const std::string key = present_key(v, keys);
  if (key.empty()) return false;
  reject_event(std::move(e), key, fmt::format("'{}' is not a time (ISO-8601 or epoch seconds/milliseconds)", text_of(v, key)), log);
  return true;
}

using RecordMapper = std::function<void(const SourceFile&, const SourceTable&, const SourceRecord&, EventLog&)>;

class EventImporter final : public Importer {
 public:
  EventImporter(std::string_view name, std::string_view reads, RecordMapper map)
      : name_(name), reads_(reads), map_(std::move(map)) {}
  [[nodiscard]] std::string_view name() const override { return name_; }
  [[nodiscard]] std::string_view reads() const override { return reads_; }
  ImportResult import(const std::vector<std::filesystem::path>& paths, const IdentityIndex& known,
                      const ImportOptions& options) const override {
    EventLog log;
    for (const auto& path : paths) {
      const SourceFile file = read_source_file(path);
      for (const auto& table : file.tables)
        for (const auto& rec : table.records) map_(file, table, rec, log);
    }
    return map_event_log(std::move(log), name_, known, options);
  }

 private:
  std::string_view name_, reads_;
  RecordMapper map_;
};

// Where the event came from, for messages.
void start_event(const SourceFile& file, const SourceTable& table, const SourceRecord& rec, ForeignEvent& e) {
  e.file = file.label;
  e.line = rec.line;
  e.place = file.document ? fmt::format("{}[{}]", table.name, rec.index) : "";
}

void segment_record(const SourceFile& file, const SourceTable& table, const SourceRecord& rec, EventLog& log) {
  const json& v = rec.value;
  ForeignEvent e;
  start_event(file, table, rec, e);
  const std::string type = lowercase(text_of(v, "type"));
  e.person = first_of(v, {"userId", "user_id"});
  if (e.person.empty()) e.person = first_of(v, {"anonymousId", "anonymous_id"});
  if (e.person.empty()) {
    ++log.skipped["calls without userId or anonymousId"];
    return;
  }
  const json& context = object_at(v, "context");
  const json& traits = type == "identify" || type == "group" ? object_at(v, "traits") : object_at(context, "traits");
  Person& person = log.people[e.person];
  if (std::string email = text_of(traits, "email"); !email.empty() && type != "group") person.email = email;
  if (type == "identify")
    if (auto t = time_field(traits, "createdAt"); t || (t = time_field(traits, "created_at"))) person.created = t;
  e.group = first_of(v, {"groupId"});
  if (e.group.empty()) e.group = text_of(context, "groupId");
  if (type == "group" && !e.group.empty()) {
    person.group = e.group;
    GroupInfo& g = log.groups[e.group];
    if (std::string name = text_of(traits, "name"); !name.empty()) g.name = name;
    if (auto t = time_field(traits, "createdAt")) g.created = t;
    return;
  }
  if (type == "identify") {
    if (const json& company = object_at(traits, "company"); !company.empty()) {
      const std::string id = text_of(company, "id");
      if (!id.empty()) {
        person.group = id;
        log.groups[id].name = text_of(company, "name");
      }
    }
    return;
  }
  if (type == "alias") {
    ++log.skipped["alias calls (identities are not merged)"];
    return;
  }
  if (type == "track") e.name = text_of(v, "event");
  else if (type == "page") e.name = "page_viewed";
  else if (type == "screen") e.name = "screen_viewed";
  else {
    ++log.skipped[fmt::format("calls of type '{}'", type.empty() ? "(none)" : type)];
    return;
  }
  auto ts = time_field(v, "timestamp");
  if (!ts) ts = time_field(v, "originalTimestamp");
  if (!ts) ts = time_field(v, "receivedAt");
  if (!ts) {
    if (!reject_bad_time(v, {"timestamp", "originalTimestamp", "receivedAt"}, e, log)) ++log.skipped["calls without a timestamp"];
    return;
  }
  e.ts = *ts;
  e.event_id = first_of(v, {"messageId"});
  e.platform = lowercase(first_of(object_at(context, "os"), {"name"}));
  if (e.platform.empty()) e.platform = text_of(object_at(context, "device"), "type");
  e.properties = properties_text(v.value("properties", json()));
  log.events.push_back(std::move(e));
}

void amplitude_record(const SourceFile& file, const SourceTable& table, const SourceRecord& rec, EventLog& log) {
  const json& v = rec.value;
  ForeignEvent e;
  start_event(file, table, rec, e);
  e.person = first_of(v, {"user_id"});
  if (e.person.empty()) e.person = first_of(v, {"device_id"});
  if (e.person.empty()) {
    ++log.skipped["events without user_id or device_id"];
    return;
  }
  auto ts = time_field(v, "event_time");
  if (!ts) ts = time_field(v, "client_event_time");
  if (!ts) {
    if (!reject_bad_time(v, {"event_time", "client_event_time"}, e, log)) ++log.skipped["events without an event_time"];
    return;
  }
  e.ts = *ts;
  e.name = text_of(v, "event_type");
  const json& user_props = object_at(v, "user_properties");
  if (std::string email = text_of(user_props, "email"); !email.empty()) log.people[e.person].email = email;
  e.group = first_group(v.value("groups", json()));
  const std::string session = text_of(v, "session_id");
  if (!session.empty() && session != "-1") e.session = session;
  e.platform = lowercase(first_of(v, {"platform", "os_name"}));
  e.event_id = first_of(v, {"$insert_id", "insert_id", "uuid"});
  e.properties = properties_text(v.value("event_properties", json()));
  log.events.push_back(std::move(e));
}

void posthog_record(const SourceFile& file, const SourceTable& table, const SourceRecord& rec, EventLog& log) {
  const json& v = rec.value;
  ForeignEvent e;
  start_event(file, table, rec, e);
  json props = v.value("properties", json::object());
  if (props.is_string()) props = json::parse(props.get<std::string>(), nullptr, false);
  if (!props.is_object()) props = json::object();
  e.person = first_of(v, {"distinct_id", "person_id"});
  if (e.person.empty()) {
    ++log.skipped["events without distinct_id"];
    return;
  }
  const auto ts = time_field(v, "timestamp");
  if (!ts) {
    if (!reject_bad_time(v, {"timestamp"}, e, log)) ++log.skipped["events without a timestamp"];
    return;
  }
  e.ts = *ts;
  e.name = text_of(v, "event");
  if (e.name == "$identify" || e.name == "$groupidentify") {
    const json& set = object_at(props, "$set");
    if (std::string email = text_of(set, "email"); !email.empty()) log.people[e.person].email = email;
    if (e.name == "$identify") return;
  }
  e.group = first_group(props.value("$groups", json()));
  if (e.group.empty()) e.group = first_of(v, {"$group_0"});
  e.session = text_of(props, "$session_id");
  e.platform = lowercase(first_of(props, {"$os", "$lib"}));
  e.event_id = first_of(v, {"uuid"});
  if (std::string email = text_of(object_at(props, "$set"), "email"); !email.empty()) log.people[e.person].email = email;
  e.properties = props.empty() ? "" : props.dump();
  log.events.push_back(std::move(e));
}

// A generic event log: the usual spellings of user, time, name and session (eventsim's
// userId/ts/page/sessionId among them).
void generic_record(const SourceFile& file, const SourceTable& table, const SourceRecord& rec, EventLog& log) {
  const json& v = rec.value;
  ForeignEvent e;
  start_event(file, table, rec, e);
  e.person = first_of(v, {"userId", "user_id", "distinct_id", "uid"});
  if (e.person.empty()) {
    ++log.skipped["events without a user (logged-out or guest)"];
    return;
  }
  std::optional<Timestamp> ts;
  for (auto k : {"timestamp", "ts", "event_time", "time"})
    if ((ts = time_field(v, k))) break;
  if (!ts) {
    if (!reject_bad_time(v, {"timestamp", "ts", "event_time", "time"}, e, log)) ++log.skipped["events without a time"];
    return;
  }
  e.ts = *ts;
  e.name = first_of(v, {"event", "event_type", "name", "page", "action"});
  if (e.name.empty()) {
    ++log.skipped["events without a name"];
    return;
  }
  e.session = first_of(v, {"sessionId", "session_id"});
  e.platform = lowercase(first_of(v, {"platform", "os"}));
  e.event_id = first_of(v, {"event_id", "messageId", "uuid"});
  const std::string status = text_of(v, "status");
  e.is_error = !status.empty() && status.front() >= '4' && status.size() == 3;
  if (std::string email = text_of(v, "email"); !email.empty()) log.people[e.person].email = email;
  if (auto reg = time_field(v, "registration")) log.people[e.person].created = reg;
  // Everything else the record carries stays in properties.
  json props = json::object();
  for (const auto& [k, val] : v.items())
    if (!val.is_null() && k != "userId" && k != "ts" && k != "page" && k != "sessionId") props[k] = val;
  e.properties = props.empty() ? "" : props.dump();
  log.events.push_back(std::move(e));
}

}  // namespace

std::unique_ptr<Importer> make_segment_importer() {
  return std::make_unique<EventImporter>(
      "segment", "track, identify, group, page and screen calls as JSON lines or a batch payload ({\"batch\": [...]})",
      segment_record);
}
std::unique_ptr<Importer> make_amplitude_importer() {
  return std::make_unique<EventImporter>("amplitude", "the export API's JSON lines (one event per line)",
                                         amplitude_record);
}
std::unique_ptr<Importer> make_posthog_importer() {
  return std::make_unique<EventImporter>("posthog", "events CSV (uuid, event, properties, timestamp, distinct_id) or JSON",
                                         posthog_record);
}
std::unique_ptr<Importer> make_event_log_importer() {
  return std::make_unique<EventImporter>(
      "eventlog", "any JSON-lines or CSV event log with a user (userId/user_id), a time (timestamp/ts) and a name (event/page)",
      generic_record);
}

}  // namespace ticketlens::ingest
