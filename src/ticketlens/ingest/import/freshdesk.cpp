// Freshdesk API v2 JSON: tickets (lists, search results or single tickets, with `stats` when
// fetched with include=stats), conversations (replies and notes), contacts, companies, agents,
// groups and time entries (→ handle time). docs/importers.md has the mapping.
#include <fmt/format.h>

#include <map>
#include <set>

#include "ticketlens/ingest/import/adapters.hpp"
#include "ticketlens/ingest/import/helpdesk_metrics.hpp"
#include "ticketlens/ingest/import/source_fields.hpp"

namespace ticketlens::ingest {
namespace {

using model::Kind;
using nlohmann::json;

enum class Table { kTickets, kConversations, kContacts, kCompanies, kTimeEntries, kAgents, kGroups, kOther };

// From the file name: the API's responses carry no type of their own.
Table table_of(const std::string& stem, const json& first) {
  if (stem.find("time_entr") != std::string::npos) return Table::kTimeEntries;
  if (stem.find("conversation") != std::string::npos || stem.find("reply") != std::string::npos ||
      stem.find("note") != std::string::npos)
    return Table::kConversations;
  if (stem.find("agent") != std::string::npos && !first.contains("helpdesk_agent")) return Table::kAgents;
  if (stem.find("contact") != std::string::npos) return Table::kContacts;
  if (stem.find("compan") != std::string::npos || stem == "customer") return Table::kCompanies;
  if (stem.find("group") != std::string::npos) return Table::kGroups;
  if (stem.find("ticket") != std::string::npos || stem.find("outbound_email") != std::string::npos)
    return Table::kTickets;
  return Table::kOther;
}

// Freshdesk's numeric codes (API v2).
std::string status_name(const std::string& code) {
  static const std::map<std::string, std::string> k = {{"2", "open"}, {"3", "pending"}, {"4", "solved"}, {"5", "closed"}};
  return k.count(code) ? k.at(code) : lowercase(code);
}
std::string priority_name(const std::string& code) {
  static const std::map<std::string, std::string> k = {{"1", "low"}, {"2", "normal"}, {"3", "high"}, {"4", "urgent"}};
  return k.count(code) ? k.at(code) : "";
}
std::string channel_name(const std::string& code) {
  static const std::map<std::string, std::string> k = {{"1", "email"}, {"2", "web"},   {"3", "phone"},
                                                       {"7", "chat"},  {"9", "web"},   {"10", "email"},
                                                       {"5", "social"}, {"6", "social"}};
  return k.count(code) ? k.at(code) : "";
}

// "01:30" (hh:mm) → minutes.
std::optional<double> time_spent_minutes(const std::string& s) {
  const auto colon = s.find(':');
  if (colon == std::string::npos) return std::nullopt;
  const auto h = parse_integer(s.substr(0, colon));
  const auto m = parse_integer(s.substr(colon + 1));
  if (!h || !m || *h < 0 || *m < 0) return std::nullopt;
  return static_cast<double>(*h * 60 + *m);
}

struct Contact {
  std::string email, company, external_id, created_at;
};
struct Company {
  std::string name, created_at, industry, tier;
  std::vector<std::string> domains;
};
struct Ticket {
  std::string id, file, place;
  std::int64_t line = 0;
  json record;
};

class FreshdeskImporter final : public Importer {
 public:
  [[nodiscard]] std::string_view name() const override { return "freshdesk"; }
  [[nodiscard]] std::string_view reads() const override {
    return "API v2 JSON: tickets, conversations, contacts, companies, agents, groups, time entries";
  }
  ImportResult import(const std::vector<std::filesystem::path>& paths, const IdentityIndex& known,
                      const ImportOptions& options) const override;
};

ImportResult FreshdeskImporter::import(const std::vector<std::filesystem::path>& paths,
                                       const IdentityIndex& known, const ImportOptions& options) const {
  ImportResult result;
  CanonicalTable& tickets_out = result.table(Kind::kTickets);
  std::map<std::string, Ticket> tickets;  // the last version of a ticket wins (ticket_1_updated)
  std::vector<std::string> order;
  std::map<std::string, Contact> contacts;
  std::map<std::string, Company> companies;
  std::map<std::string, std::string> groups, agents;
  std::map<std::string, std::vector<HelpdeskComment>> conversations;
  std::map<std::string, double> handle;
  bool have_conversations = false, have_time = false;

  for (const auto& path : paths) {
    SourceFile file = read_source_file(path);
    if (file.single_object) {
      // One object (GET /tickets/1): the object is the record; its arrays (attachments, tags,
      // cc_emails) are fields, not tables.
      file.tables.clear();
      SourceTable& t = file.tables.emplace_back();
      t.name = file.stem;
      t.records.push_back(*file.single_object);
    }
    for (const auto& table : file.tables) {
      if (table.records.empty()) continue;
      const Table kind = table_of(file.stem, table.records.front().value);
      if (kind == Table::kOther) {
        result.notes.push_back(fmt::format("{}: ignored (not part of the canonical model)", file.label));
        break;
      }
      for (const auto& rec : table.records) {
        RecordReader r(file, table, rec);
        const json& v = rec.value;
        switch (kind) {
          case Table::kTickets: {
            Ticket t{r.id("id"), file.label, r.record_place(), rec.line, v};
            if (t.id.empty()) {
              tickets_out.reject(file.label, rec.line, r.place("id"), r.problem());
              continue;
            }
            if (!tickets.count(t.id)) order.push_back(t.id);
            if (v.contains("requester") && v["requester"].is_object()) {
              Contact& c = contacts[text_of(v, "requester_id")];
              if (c.email.empty()) c.email = text_of(v["requester"], "email");
            }
            tickets[t.id] = std::move(t);
            break;
          }
          case Table::kConversations: {
            const std::string ticket = r.id("ticket_id");
            const auto at = r.time("created_at");
            if (ticket.empty() || !at) {
              tickets_out.reject(file.label, rec.line, r.place(ticket.empty() ? "ticket_id" : "created_at"), r.problem());
              continue;
            }
            // incoming = from the customer; private = a note.
            conversations[ticket].push_back({*at, !r.boolean("incoming").value_or(false), !r.boolean("private").value_or(false)});
            have_conversations = true;
            break;
          }
          case Table::kContacts: {
            Contact& c = contacts[r.id("id")];
            c.email = r.text("email");
            c.company = r.text("company_id");
            c.external_id = r.text("unique_external_id").empty() ? r.text("external_id") : r.text("unique_external_id");
            c.created_at = r.text("created_at");
            break;
          }
          case Table::kCompanies: {
            Company& c = companies[r.id("id")];
            c.name = r.text("name");
            c.created_at = r.text("created_at");
            c.industry = r.text("industry");
            c.tier = r.text("account_tier");
            if (v.contains("domains") && v["domains"].is_array())
              for (const auto& d : v["domains"])
                if (d.is_string()) c.domains.push_back(d.get<std::string>());
            break;
          }
          case Table::kAgents:
            agents[r.id("id")] = v.contains("contact") && v["contact"].is_object() ? text_of(v["contact"], "name") : "";
            break;
          case Table::kGroups:
            groups[r.id("id")] = r.text("name");
            break;
          case Table::kTimeEntries: {
            const auto minutes = time_spent_minutes(r.text("time_spent"));
            const std::string ticket = r.id("ticket_id");
            if (!minutes || ticket.empty()) {
              tickets_out.reject(file.label, rec.line, r.place(ticket.empty() ? "ticket_id" : "time_spent"),
                                 ticket.empty() ? r.problem() : fmt::format("time_spent '{}' is not hh:mm", r.text("time_spent")));
              continue;
            }
            handle[ticket] += *minutes;
            have_time = true;
            break;
          }
          case Table::kOther: break;
        }
      }
    }
  }

  IdentityResolver resolver(known, options.identity_order);
  std::map<std::string, std::optional<Match>> resolved;
  CanonicalTable& accounts_out = result.table(Kind::kAccounts);
  CanonicalTable& users_out = result.table(Kind::kUsers);
  std::set<std::string> accounts_done, users_done;
  std::int64_t spam = 0;
  for (const auto& id : order) {
    const Ticket& t = tickets.at(id);
    const json& rec = t.record;
    if (!parse_timestamp(text_of(rec, "created_at"))) {
      tickets_out.reject(t.file, t.line, t.place.empty() ? "created_at" : t.place + ".created_at",
                         fmt::format("'{}' is not an ISO-8601 time", text_of(rec, "created_at")));
      continue;
    }
    if (rec.value("spam", false) || rec.value("deleted", false)) {
      ++spam;
      continue;
    }
    const std::string requester = text_of(rec, "requester_id");
    const Contact* contact = contacts.count(requester) ? &contacts.at(requester) : nullptr;
    std::string company = text_of(rec, "company_id");
    if (company.empty() && contact) company = contact->company;
    const Company* co = companies.count(company) ? &companies.at(company) : nullptr;
    const std::string key = requester + "|" + company;
    if (!resolved.count(key)) {
      IdentityClaim claim;
      claim.external_id = contact ? contact->external_id : "";
      claim.email = contact ? contact->email : "";
      if (co) claim.domains = co->domains;
      if (!company.empty()) claim.organization_account = "freshdesk-company-" + company;
      claim.example = fmt::format("requester {}{}{}", requester, claim.email.empty() ? "" : " <" + claim.email + ">",
                                  company.empty() ? " (no company)" : " of company " + company);
      resolved[key] = resolver.resolve(claim);
    }
    const auto& match = resolved.at(key);
    if (!match) {
      tickets_out.reject(t.file, t.line, t.place.empty() ? "requester_id" : t.place + ".requester_id",
                         fmt::format("no account matches requester {} (tried {})", requester,
                                     identity_order_text(options.identity_order)));
      continue;
    }
    if (match->method == MatchMethod::kOrganization && accounts_done.insert(match->account_id).second) {
      auto& a = accounts_out.add(t.file, t.line);
      accounts_out.set(a, "account_id", match->account_id);
      accounts_out.set(a, "name", co ? co->name : "");
      accounts_out.set(a, "tier", co ? co->tier : "");
      accounts_out.set(a, "industry", co ? co->industry : "");
      accounts_out.set(a, "signup_at", co && !co->created_at.empty() ? co->created_at : text_of(rec, "created_at"));
    }
    std::string requester_id = match->user_id;
    if (requester_id.empty() && !requester.empty()) {
      requester_id = "freshdesk-contact-" + requester;
      if (users_done.insert(requester_id).second) {
        auto& u = users_out.add(t.file, t.line);
        users_out.set(u, "user_id", requester_id);
        users_out.set(u, "account_id", match->account_id);
        users_out.set(u, "email", contact ? contact->email : "");
        users_out.set(u, "created_at", contact ? contact->created_at : "");
      }
    }
    auto& row = tickets_out.add(t.file, t.line);
    auto set = [&](std::string_view c, std::string val) { tickets_out.set(row, c, std::move(val)); };
    const std::string status = status_name(text_of(rec, "status"));
    set("ticket_id", "freshdesk-" + id);
    set("account_id", match->account_id);
    set("requester_id", requester_id);
    set("created_at", text_of(rec, "created_at"));
    set("status", status);
    set("channel", channel_name(text_of(rec, "source")));
    set("priority", priority_name(text_of(rec, "priority")));
    set("category", rec.contains("type") ? text_of(rec, "type") : text_of(rec, "ticket_type"));
    set("subject", text_of(rec, "subject"));
    set("body", rec.contains("description_text") ? text_of(rec, "description_text") : text_of(rec, "description"));
    if (rec.contains("tags") && rec["tags"].is_array()) {
      std::vector<std::string> tags;
      for (const auto& tag : rec["tags"])
        if (tag.is_string()) tags.push_back(tag.get<std::string>());
      set("tags", join(tags, ";"));
    }
    const std::string responder = text_of(rec, "responder_id");
    set("assignee", agents.count(responder) && !agents.at(responder).empty() ? agents.at(responder) : responder);
    const std::string group = text_of(rec, "group_id");
    set("team", groups.count(group) ? groups.at(group) : group);
    if (rec.value("is_escalated", false) || rec.value("isescalated", false)) set("escalated_to", "tier2");
    if (handle.count(id)) set("handle_minutes", fmt::format("{}", handle.at(id)));
    const json& stats = rec.contains("stats") && rec["stats"].is_object() ? rec["stats"] : json::object();
    const auto created = parse_timestamp(text_of(rec, "created_at"));
    if (created && conversations.count(id)) {
      // The description is the opening message, so every agent reply counts.
      std::vector<HelpdeskComment> cs = conversations.at(id);
      cs.insert(cs.begin(), HelpdeskComment{*created, false, true});
      const auto m = helpdesk_metrics(*created, status, cs, {});
      if (m.first_reply_at) set("first_response_at", format_timestamp(*m.first_reply_at));
      set("replies", std::to_string(m.replies));
    }
    if (std::string first = text_of(stats, "first_responded_at"); !first.empty()) set("first_response_at", first);
    if (status == "solved" || status == "closed") {
      std::string solved = text_of(stats, "resolved_at");
      if (solved.empty()) solved = text_of(stats, "closed_at");
      set("solved_at", solved);
    }
  }
  if (spam) result.skipped["spam or deleted tickets"] = spam;
  result.identity = resolver.report();
  if (!have_time)
    result.notes.emplace_back("no time entries: handle time is missing, ticket cost is estimated from "
                              "[costs].default_handle_minutes");
  if (!have_conversations)
    result.notes.emplace_back("no conversations: replies are missing; first response only from ticket stats");
  result.notes.emplace_back("reopens are not in the Freshdesk API (no status history): missing");
  return result;
}

}  // namespace

std::unique_ptr<Importer> make_freshdesk_importer() { return std::make_unique<FreshdeskImporter>(); }

}  // namespace ticketlens::ingest
