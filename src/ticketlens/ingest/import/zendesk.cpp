// Zendesk: API JSON (tickets, users, organizations, ticket_metrics, ticket_audits, comments) and
// the Fivetran connector's tables (ticket, user, organization, ticket_comment,
// ticket_field_history, ticket_tag, domain_name, group). docs/importers.md has the mapping.
#include <fmt/format.h>

#include <map>
#include <set>

#include "ticketlens/common/error.hpp"
#include "ticketlens/ingest/import/adapters.hpp"
#include "ticketlens/ingest/import/helpdesk_metrics.hpp"
#include "ticketlens/ingest/import/source_fields.hpp"

namespace ticketlens::ingest {
namespace {

using model::Kind;
using nlohmann::json;

struct Org {
  std::string name, external_id, created_at;
  std::vector<std::string> domains;
};
struct User {
  std::string email, name, role, org_id, external_id, created_at;
};
struct Ticket {
  std::string id, file;
  std::int64_t line = 0;
  json record;
  std::string place;  // "tickets[3]" in a document
};
struct Metrics {
  std::string solved_at, reply_minutes;
  std::optional<std::int64_t> reopens, replies;
};

std::string channel_of(std::string_view via) {
  if (via == "email" || via == "mail") return "email";
  if (via == "web" || via == "web_form" || via == "web_widget" || via == "web_service" || via == "mobile" ||
      via == "mobile_sdk" || via == "help_center")
    return "web";
  if (via == "chat" || via == "native_messaging" || via == "messaging" || via == "chat_transcript" ||
      via == "whatsapp" || via == "line" || via == "wechat")
    return "chat";
  if (via == "voice" || via == "phone" || via == "phone_call_inbound" || via == "phone_call_outbound" ||
      via == "sms")
    return "phone";
  if (via == "twitter" || via == "facebook" || via == "instagram_dm" || via == "any_channel") return "social";
  return {};  // api, rule, sample_ticket...: not a customer channel
}

// The table a record array holds, from its name (a Fivetran file stem or an API key).
enum class Table { kTickets, kUsers, kOrgs, kComments, kHistory, kAudits, kMetrics, kDomains, kTags, kGroups, kOther };
Table table_of(std::string name) {
  name = fivetran_table_name(name);
  if (name == "ticket" || name == "tickets" || name == "results") return Table::kTickets;
  if (name == "user" || name == "users") return Table::kUsers;
  if (name == "organization" || name == "organizations") return Table::kOrgs;
  if (name == "ticket_comment" || name == "ticket_comments" || name == "comments") return Table::kComments;
  if (name == "ticket_field_history") return Table::kHistory;
  if (name == "audits" || name == "ticket_audits") return Table::kAudits;
  if (name == "ticket_metrics" || name == "ticket_metric") return Table::kMetrics;
  if (name == "domain_name") return Table::kDomains;
  if (name == "ticket_tag") return Table::kTags;
  if (name == "group" || name == "groups") return Table::kGroups;
  return Table::kOther;
}

class ZendeskImporter final : public Importer {
 public:
  [[nodiscard]] std::string_view name() const override { return "zendesk"; }
  [[nodiscard]] std::string_view reads() const override {
    return "API JSON (tickets, users, organizations, ticket_metrics, ticket_audits, comments) or "
           "Fivetran tables (ticket, user, organization, ticket_comment, ticket_field_history, "
           "ticket_tag, domain_name, group)";
  }
  ImportResult import(const std::vector<std::filesystem::path>& paths, const IdentityIndex& known,
                      const ImportOptions& options) const override;
};

ImportResult ZendeskImporter::import(const std::vector<std::filesystem::path>& paths,
                                     const IdentityIndex& known, const ImportOptions& options) const {
  ImportResult result;
  // Every table first: references into result.tables stay valid only while none is added.
  result.table(Kind::kAccounts);
  result.table(Kind::kUsers);
  CanonicalTable& tickets_out = result.table(Kind::kTickets);
  std::map<std::string, Org> orgs;
  std::map<std::string, User> users;
  std::map<std::string, std::string> groups;
  std::vector<Ticket> tickets;
  std::map<std::string, std::vector<std::pair<std::string, HelpdeskComment>>> comments;  // ticket → (author, c)
  std::map<std::string, std::vector<StatusChange>> history;
  std::map<std::string, Metrics> metrics;
  std::map<std::string, std::vector<std::string>> tags;
  std::set<std::string> have;  // which kinds of table were given

  for (const auto& path : paths) {
    const SourceFile file = read_source_file(path);
    for (const auto& table : file.tables) {
      const Table kind = table_of(table.name.empty() ? file.stem : table.name);
      if (kind == Table::kOther) {
        result.notes.push_back(fmt::format("{}: ignored table '{}' (not part of the canonical model)",
                                           file.label, table.name.empty() ? file.stem : table.name));
        continue;
      }
      for (const auto& rec : table.records) {
        RecordReader r(file, table, rec);
        switch (kind) {
          case Table::kTickets: {
            Ticket t;
            t.id = r.id("id");
            if (t.id.empty()) {
              tickets_out.reject(file.label, rec.line, r.place("id"), r.problem());
              continue;
            }
            t.file = file.label;
            t.line = rec.line;
            t.record = rec.value;
            t.place = r.place("");
            if (!t.place.empty()) t.place.pop_back();  // "tickets[3]." → "tickets[3]"
            if (rec.value.contains("tags") && rec.value["tags"].is_array())
              for (const auto& tag : rec.value["tags"])
                if (tag.is_string()) tags[t.id].push_back(tag.get<std::string>());
            have.insert("tickets");
            tickets.push_back(std::move(t));
            break;
          }
          case Table::kUsers: {
            const std::string id = r.id("id");
            if (id.empty()) continue;
            users[id] = {r.text("email"), r.text("name"), r.text("role"), r.id("organization_id"),
                         r.text("external_id"), r.text("created_at")};
            have.insert("users");
            break;
          }
          case Table::kOrgs: {
            const std::string id = r.id("id");
            if (id.empty()) continue;
            Org& o = orgs[id];
            o.name = r.text("name");
            o.external_id = r.text("external_id");
            o.created_at = r.text("created_at");
            if (rec.value.contains("domain_names") && rec.value["domain_names"].is_array())
              for (const auto& d : rec.value["domain_names"])
                if (d.is_string()) o.domains.push_back(d.get<std::string>());
            break;
          }
          case Table::kDomains:
            orgs[r.id("organization_id")].domains.push_back(r.text("domain_name"));
            break;
          case Table::kTags:
            tags[r.id("ticket_id")].push_back(r.text("tag"));
            break;
          case Table::kGroups:
            groups[r.id("id")] = r.text("name");
            break;
          case Table::kComments: {
            const auto at = r.time(rec.value.contains("created") ? "created" : "created_at");
            const std::string ticket = r.id("ticket_id");
            if (!at || ticket.empty()) {
              // Attributed to the ticket: its metrics would be wrong without this comment.
              tickets_out.reject(file.label, rec.line, r.place(at ? "ticket_id" : "created_at"), r.problem());
              continue;
            }
            const std::string author = r.id(rec.value.contains("user_id") ? "user_id" : "author_id");
            comments[ticket].push_back({author, {*at, false, r.boolean("public").value_or(true)}});
            have.insert("comments");
            break;
          }
          case Table::kHistory: {
            if (r.text("field_name") != "status") continue;
            const auto at = r.time("updated");
            if (!at) {
              tickets_out.reject(file.label, rec.line, r.place("updated"), r.problem());
              continue;
            }
            history[r.id("ticket_id")].push_back({*at, lowercase(r.text("value"))});
            have.insert("history");
            break;
          }
          case Table::kAudits: {
            const std::string ticket = r.id("ticket_id");
            const auto at = r.time("created_at");
            if (!at || ticket.empty()) {
              tickets_out.reject(file.label, rec.line, r.place(at ? "ticket_id" : "created_at"), r.problem());
              continue;
            }
            if (!rec.value.contains("events") || !rec.value["events"].is_array()) continue;
            for (const auto& ev : rec.value["events"]) {
              const std::string type = ev.value("type", "");
              if (type == "Comment") {
                const std::string author = ev.contains("author_id") ? ev["author_id"].dump() : text_of(rec.value, "author_id");
                comments[ticket].push_back({author, {*at, false, ev.value("public", true)}});
                have.insert("comments");
              } else if ((type == "Change" || type == "Create") && ev.value("field_name", "") == "status" &&
                         ev.contains("value") && ev["value"].is_string()) {
                history[ticket].push_back({*at, lowercase(ev["value"].get<std::string>())});
                have.insert("history");
              }
            }
            break;
          }
          case Table::kMetrics: {
            Metrics& m = metrics[r.id("ticket_id")];
            m.solved_at = r.text("solved_at");
            if (rec.value.contains("reply_time_in_minutes") && rec.value["reply_time_in_minutes"].is_object())
              m.reply_minutes = text_of(rec.value["reply_time_in_minutes"], "calendar");
            m.reopens = r.integer("reopens");
            m.replies = r.integer("replies");
            have.insert("metrics");
            break;
          }
          case Table::kOther: break;
        }
      }
    }
  }

  // Identity: each distinct (requester, organisation) resolved once.
  IdentityResolver resolver(known, options.identity_order);
  std::map<std::string, std::optional<Match>> resolved;
  std::map<std::string, Timestamp> org_first_seen;
  // A ticket's organisation: its own, else its requester's (as below). An organisation missing
  // from the organization table signs up at its first ticket; counting only the ticket's own
  // organization_id left an account without signup_at (a required value) when the organisation
  // came from the requester (dbt_zendesk's seed ticket 11071).
  auto org_of = [&](const json& rec) {
    std::string org = text_of(rec, "organization_id");
    if (org.empty())
      if (const auto u = users.find(text_of(rec, "requester_id")); u != users.end()) org = u->second.org_id;
    return org;
  };
  for (const auto& t : tickets)
    if (auto at = parse_timestamp(text_of(t.record, "created_at"))) {
      const std::string org = org_of(t.record);
      if (!org.empty() && (!org_first_seen.count(org) || *at < org_first_seen[org])) org_first_seen[org] = *at;
    }
  CanonicalTable& accounts_out = result.table(Kind::kAccounts);
  CanonicalTable& users_out = result.table(Kind::kUsers);
  std::set<std::string> accounts_done, users_done;
  std::int64_t deleted = 0;

  for (const auto& t : tickets) {
    const json& rec = t.record;
    const std::string status = lowercase(text_of(rec, "status"));
    if (status == "deleted") {
      ++deleted;
      continue;
    }
    const std::string requester = text_of(rec, "requester_id");
    const User* user = users.count(requester) ? &users.at(requester) : nullptr;
    const std::string org_id = org_of(rec);
    const Org* org = orgs.count(org_id) ? &orgs.at(org_id) : nullptr;
    const std::string key = requester + "|" + org_id;
    if (!resolved.count(key)) {
      IdentityClaim claim;
      claim.external_id = org && !org->external_id.empty() ? org->external_id : (user ? user->external_id : "");
      claim.email = user ? user->email : "";
      if (org) claim.domains = org->domains;
      if (!org_id.empty()) claim.organization_account = "zendesk-org-" + org_id;
      claim.example = fmt::format("requester {}{}{}", requester.empty() ? "?" : requester,
                                  claim.email.empty() ? "" : " <" + claim.email + ">",
                                  org_id.empty() ? " (no organization)" : " of organization " + org_id);
      resolved[key] = resolver.resolve(claim);
    }
    const auto& match = resolved[key];
    if (!match) {
      tickets_out.reject(t.file, t.line, t.place.empty() ? "requester_id" : t.place + ".requester_id",
                         fmt::format("no account matches requester {} (tried {}); add the account or "
                                     "user to the workspace first, or set [importers].identity_order",
                                     requester.empty() ? "(none)" : requester,
                                     identity_order_text(options.identity_order)));
      continue;
    }
    if (match->method == MatchMethod::kOrganization && accounts_done.insert(match->account_id).second) {
      auto& a = accounts_out.add(t.file, t.line);
      accounts_out.set(a, "account_id", match->account_id);
      accounts_out.set(a, "name", org ? org->name : "");
      std::string signup = org ? org->created_at : "";
      if (signup.empty() && org_first_seen.count(org_id)) signup = format_timestamp(org_first_seen[org_id]);
      accounts_out.set(a, "signup_at", signup);
    }
    std::string requester_id = match->user_id;
    if (requester_id.empty() && !requester.empty()) {
      requester_id = "zendesk-user-" + requester;
      if (users_done.insert(requester_id).second) {
        auto& u = users_out.add(t.file, t.line);
        users_out.set(u, "user_id", requester_id);
        users_out.set(u, "account_id", match->account_id);
        users_out.set(u, "email", user ? user->email : "");
        users_out.set(u, "created_at", user ? user->created_at : "");
      }
    }

    auto& row = tickets_out.add(t.file, t.line);
    auto set = [&](std::string_view c, std::string v) { tickets_out.set(row, c, std::move(v)); };
    set("ticket_id", "zendesk-" + t.id);
    set("account_id", match->account_id);
    set("requester_id", requester_id);
    set("created_at", text_of(rec, "created_at"));
    set("status", status);
    std::string via = text_of(rec, "via_channel");
    if (via.empty() && rec.contains("via") && rec["via"].is_object()) via = text_of(rec["via"], "channel");
    set("channel", channel_of(lowercase(via)));
    set("priority", lowercase(text_of(rec, "priority")));
    set("category", text_of(rec, "type"));
    set("subject", text_of(rec, "subject"));
    set("body", text_of(rec, "description"));
    if (tags.count(t.id)) set("tags", join(tags.at(t.id), ";"));
    const std::string assignee = text_of(rec, "assignee_id");
    set("assignee", users.count(assignee) && !users.at(assignee).name.empty() ? users.at(assignee).name : assignee);
    const std::string group = text_of(rec, "group_id");
    set("team", groups.count(group) ? groups.at(group) : group);

    // Metrics: from comments and status history where given (dbt_zendesk), else Zendesk's own.
    const auto created = parse_timestamp(text_of(rec, "created_at"));
    if (created && (comments.count(t.id) || history.count(t.id))) {
      std::vector<HelpdeskComment> cs;
      if (comments.count(t.id))
        for (auto [author, c] : comments.at(t.id)) {
          if (users.count(author)) {
            const std::string& role = users.at(author).role;
            c.by_agent = role == "agent" || role == "admin";
          } else {
            c.by_agent = author != requester;  // no user table: anyone but the requester
          }
          cs.push_back(c);
        }
      const auto m = helpdesk_metrics(*created, status, std::move(cs),
                                      history.count(t.id) ? history.at(t.id) : std::vector<StatusChange>{});
      if (m.first_reply_at) set("first_response_at", format_timestamp(*m.first_reply_at));
      if (m.solved_at) set("solved_at", format_timestamp(*m.solved_at));
      if (comments.count(t.id)) set("replies", std::to_string(m.replies));
      if (history.count(t.id)) set("reopens", std::to_string(m.reopens));
    } else if (metrics.count(t.id)) {
      const Metrics& m = metrics.at(t.id);
      if (created && !m.reply_minutes.empty())
        if (auto minutes = parse_integer(m.reply_minutes))
          set("first_response_at", format_timestamp(*created + *minutes * 60));
      set("solved_at", m.solved_at);
      if (m.replies) set("replies", std::to_string(*m.replies));
      if (m.reopens) set("reopens", std::to_string(*m.reopens));
    }
  }

  if (deleted) result.skipped["deleted tickets (excluded, as dbt_zendesk does)"] = deleted;
  result.identity = resolver.report();
  if (!have.count("comments") && !have.count("history") && !have.count("metrics"))
    result.notes.emplace_back("no comments, status history or ticket metrics: first response, "
                              "resolution, reopens and replies are missing");
  else if (!have.count("comments") && !have.count("metrics"))
    result.notes.emplace_back("no comments: first response and replies are missing");
  else if (!have.count("history") && !have.count("metrics"))
    result.notes.emplace_back("no status history: solved_at and reopens are missing");
  if (!have.count("users"))
    result.notes.emplace_back("no users: requesters are matched by organization only, and an agent "
                              "is anyone but the requester");
  result.notes.emplace_back("no handle time in a Zendesk export: ticket cost is estimated from "
                            "[costs].default_handle_minutes");
  result.notes.emplace_back("root cause, escalation and CSAT are not mapped (not in the standard export)");
  return result;
}

}  // namespace

std::unique_ptr<Importer> make_zendesk_importer() { return std::make_unique<ZendeskImporter>(); }

}  // namespace ticketlens::ingest
