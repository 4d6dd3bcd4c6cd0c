// Intercom: API JSON (conversations with their parts, contacts, companies, admins) and the
// Fivetran connector's history tables (conversation_history, conversation_part_history,
// contact_history, company_history, contact_company_history, conversation_contact_history,
// conversation_tag_history, tag, admin, team). docs/importers.md has the mapping.
#include <fmt/format.h>

#include <map>
#include <set>

#include "ticketlens/ingest/import/adapters.hpp"
#include "ticketlens/ingest/import/event_log.hpp"
#include "ticketlens/ingest/import/helpdesk_metrics.hpp"
#include "ticketlens/ingest/import/source_fields.hpp"

namespace ticketlens::ingest {
namespace {

using model::Kind;
using nlohmann::json;

enum class Table { kConversations, kParts, kContacts, kCompanies, kContactCompany, kConversationContact, kConversationTag, kTags, kAdmins, kTeams, kOther };
Table table_of(std::string name) {
  name = fivetran_table_name(name);
  if (name == "conversation_history" || name == "conversations" || name == "conversation") return Table::kConversations;
  if (name == "conversation_part_history" || name == "conversation_parts") return Table::kParts;
  if (name == "contact_history" || name == "contacts" || name == "data_contacts") return Table::kContacts;
  if (name == "company_history" || name == "companies") return Table::kCompanies;
  if (name == "contact_company_history") return Table::kContactCompany;
  if (name == "conversation_contact_history") return Table::kConversationContact;
  if (name == "conversation_tag_history") return Table::kConversationTag;
  if (name == "tag" || name == "tags") return Table::kTags;
  if (name == "admin" || name == "admins") return Table::kAdmins;
  if (name == "team" || name == "teams") return Table::kTeams;
  return Table::kOther;
}

struct Part {
  Timestamp at = 0;
  std::string type, author_type;
};
struct Conversation {
  std::string id, file, place, updated;
  std::int64_t line = 0;
  json record;
  std::string contact;
};
struct Contact {
  std::string email, external_id, created_at, company;
};
struct Company {
  std::string id, name, created_at, industry, plan;
};

std::string epoch_or_text(const json& v, std::string_view key) {
  const auto it = v.find(key);
  if (it == v.end() || it->is_null()) return {};
  if (it->is_number_integer()) return format_timestamp(it->get<std::int64_t>());
  return text_of(v, key);
}

class IntercomImporter final : public Importer {
 public:
  [[nodiscard]] std::string_view name() const override { return "intercom"; }
  [[nodiscard]] std::string_view reads() const override {
    return "API JSON (conversations with conversation_parts, contacts, companies, admins) or "
           "Fivetran tables (conversation_history, conversation_part_history, contact_history, "
           "company_history, contact_company_history, conversation_contact_history, tags, admin, team)";
  }
  ImportResult import(const std::vector<std::filesystem::path>& paths, const IdentityIndex& known,
                      const ImportOptions& options) const override;
};

ImportResult IntercomImporter::import(const std::vector<std::filesystem::path>& paths,
                                      const IdentityIndex& known, const ImportOptions& options) const {
  ImportResult result;
  CanonicalTable& tickets_out = result.table(Kind::kTickets);
  std::map<std::string, Conversation> conversations;  // the latest version of each
  std::vector<std::string> order;
  std::map<std::string, std::vector<Part>> parts;
  std::map<std::string, Contact> contacts;
  std::map<std::string, Company> companies;  // by Intercom's internal id
  std::map<std::string, std::string> conversation_contact, admins, teams, tag_names;
  std::map<std::string, std::vector<std::string>> conversation_tags;
  bool have_parts = false;

  for (const auto& path : paths) {
    const SourceFile file = read_source_file(path);
    for (const auto& table : file.tables) {
      const std::string tname = table.name.empty() || table.name == "data" ? file.stem : table.name;
      const Table kind = table_of(tname);
      if (kind == Table::kOther) {
        result.notes.push_back(fmt::format("{}: ignored table '{}' (not part of the canonical model)", file.label, tname));
        continue;
      }
      for (const auto& rec : table.records) {
        RecordReader r(file, table, rec);
        const json& v = rec.value;
        if (r.has("_fivetran_active") && !r.boolean("_fivetran_active").value_or(true) &&
            kind != Table::kConversations && kind != Table::kParts)
          continue;  // an old version of a history row
        switch (kind) {
          case Table::kConversations: {
            Conversation c{r.id("id"), file.label, r.record_place(), epoch_or_text(v, "updated_at"), rec.line, v, {}};
            if (c.id.empty()) {
              tickets_out.reject(file.label, rec.line, r.place("id"), r.problem());
              continue;
            }
            // API: parts, contacts and tags are nested.
            if (v.contains("conversation_parts") && v["conversation_parts"].is_object())
              for (const auto& p : v["conversation_parts"].value("conversation_parts", json::array())) {
                const json author = p.value("author", json::object());
                if (auto at = time_field(p, "created_at"))
                  parts[c.id].push_back({*at, text_of(p, "part_type"), text_of(author, "type")});
                have_parts = true;
              }
            if (v.contains("contacts") && v["contacts"].is_object()) {
              const json list = v["contacts"].value("contacts", json::array());
              if (!list.empty()) c.contact = text_of(list.front(), "id");
            }
            if (c.contact.empty() && v.contains("source") && v["source"].is_object() && v["source"].contains("author"))
              c.contact = text_of(v["source"]["author"], "id");
            if (c.contact.empty() && text_of(v, "source_author_type") == "user") c.contact = text_of(v, "source_author_id");
            if (v.contains("tags") && v["tags"].is_object())
              for (const auto& t : v["tags"].value("tags", json::array())) conversation_tags[c.id].push_back(text_of(t, "name"));
            if (!conversations.count(c.id)) order.push_back(c.id);
            else if (conversations.at(c.id).updated > c.updated) continue;  // keep the latest version
            conversations[c.id] = std::move(c);
            break;
          }
          case Table::kParts: {
            const auto at = r.time("created_at");
            if (!at) {
              tickets_out.reject(file.label, rec.line, r.place("created_at"), r.problem());
              continue;
            }
            parts[r.id("conversation_id")].push_back({*at, r.text("part_type"), r.text("author_type")});
            have_parts = true;
            break;
          }
          case Table::kContacts: {
            Contact& c = contacts[r.id("id")];
            c.email = r.text("email");
            c.external_id = r.text("external_id");
            c.created_at = epoch_or_text(v, "created_at");
            if (v.contains("companies") && v["companies"].is_object()) {
              const json list = v["companies"].value("data", json::array());
              if (!list.empty()) c.company = text_of(list.front(), "id");
            }
            break;
          }
          case Table::kCompanies: {
            Company& c = companies[r.id("id")];
            c.id = r.text("company_id");
            c.name = r.text("name");
            c.created_at = epoch_or_text(v, r.has("remote_created_at") ? "remote_created_at" : "created_at");
            c.industry = r.text("industry");
            c.plan = r.text("plan_name");
            break;
          }
          case Table::kContactCompany:
            contacts[r.id("contact_id")].company = r.text("company_id");
            break;
          case Table::kConversationContact:
            conversation_contact[r.id("conversation_id")] = r.text("contact_id");
            break;
          case Table::kConversationTag:
            conversation_tags[r.id("conversation_id")].push_back(r.text("tag_id"));
            break;
          case Table::kTags:
            tag_names[r.id("id")] = r.text("name");
            break;
          case Table::kAdmins:
            admins[r.id("id")] = r.text("name");
            break;
          case Table::kTeams:
            teams[r.id("id")] = r.text("name");
            break;
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
  for (const auto& id : order) {
    const Conversation& c = conversations.at(id);
    const json& rec = c.record;
    // A conversation whose creation time is not a time is rejected here, before it makes an
    // account or a user of its own.
    if (!parse_timestamp(epoch_or_text(rec, "created_at"))) {
      tickets_out.reject(c.file, c.line, c.place.empty() ? "created_at" : c.place + ".created_at",
                         fmt::format("'{}' is not a time (ISO-8601 or epoch seconds)", text_of(rec, "created_at")));
      continue;
    }
    std::string contact_id = conversation_contact.count(id) ? conversation_contact.at(id) : c.contact;
    const Contact* contact = contacts.count(contact_id) ? &contacts.at(contact_id) : nullptr;
    const std::string company_key = contact ? contact->company : "";
    const Company* company = companies.count(company_key) ? &companies.at(company_key) : nullptr;
    const std::string key = contact_id + "|" + company_key;
    if (!resolved.count(key)) {
      IdentityClaim claim;
      claim.external_id = company && !company->id.empty() ? company->id : (contact ? contact->external_id : "");
      claim.email = contact ? contact->email : "";
      // The contact's company becomes an account; a contact without one (a lead, a consumer) is
      // an account of its own, as in the event sources.
      if (!company_key.empty()) claim.organization_account = "intercom-company-" + company_key;
      else if (!contact_id.empty()) claim.organization_account = "intercom-contact-" + contact_id;
      claim.example = fmt::format("contact {}{}{}", contact_id.empty() ? "(none)" : contact_id,
                                  claim.email.empty() ? "" : " <" + claim.email + ">",
                                  company_key.empty() ? " (no company)" : " of company " + company_key);
      resolved[key] = resolver.resolve(claim);
    }
    const auto& match = resolved.at(key);
    if (!match) {
      tickets_out.reject(c.file, c.line, c.place.empty() ? "contact" : c.place + ".contact",
                         fmt::format("no account matches contact {} (tried {})", contact_id.empty() ? "(none)" : contact_id,
                                     identity_order_text(options.identity_order)));
      continue;
    }
    if (match->method == MatchMethod::kOrganization && accounts_done.insert(match->account_id).second) {
      auto& a = accounts_out.add(c.file, c.line);
      accounts_out.set(a, "account_id", match->account_id);
      accounts_out.set(a, "name", company ? company->name : "");
      accounts_out.set(a, "tier", company ? company->plan : "");
      accounts_out.set(a, "industry", company ? company->industry : "");
      std::string signup = company ? company->created_at : (contact ? contact->created_at : "");
      accounts_out.set(a, "signup_at", !signup.empty() ? signup : epoch_or_text(rec, "created_at"));
    }
    std::string requester_id = match->user_id;
    if (requester_id.empty() && !contact_id.empty()) {
      requester_id = "intercom-contact-" + contact_id;
      if (users_done.insert(requester_id).second) {
        auto& u = users_out.add(c.file, c.line);
        users_out.set(u, "user_id", requester_id);
        users_out.set(u, "account_id", match->account_id);
        users_out.set(u, "email", contact ? contact->email : "");
        users_out.set(u, "created_at", contact ? contact->created_at : "");
      }
    }
    auto& row = tickets_out.add(c.file, c.line);
    auto set = [&](std::string_view col, std::string val) { tickets_out.set(row, col, std::move(val)); };
    const std::string state = lowercase(text_of(rec, "state"));  // open, closed, snoozed
    set("ticket_id", "intercom-" + id);
    set("account_id", match->account_id);
    set("requester_id", requester_id);
    set("created_at", epoch_or_text(rec, "created_at"));
    set("status", state == "closed" ? "solved" : state);
    set("channel", "chat");
    const std::string priority = text_of(rec, "priority");
    set("priority", priority == "priority" ? "high" : priority == "not_priority" ? "normal" : "");
    std::string subject = text_of(rec, "source_subject");
    if (subject.empty() && rec.contains("source") && rec["source"].is_object()) subject = text_of(rec["source"], "subject");
    set("subject", subject);
    std::string body = text_of(rec, "source_body");
    if (body.empty() && rec.contains("source") && rec["source"].is_object()) body = text_of(rec["source"], "body");
    set("body", body);
    std::vector<std::string> tags;
    if (conversation_tags.count(id))
      for (const auto& t : conversation_tags.at(id)) tags.push_back(tag_names.count(t) ? tag_names.at(t) : t);
    set("tags", join(tags, ";"));
    std::string assignee = text_of(rec, "admin_assignee_id");
    if (assignee.empty() && text_of(rec, "assignee_type") == "admin") assignee = text_of(rec, "assignee_id");
    set("assignee", admins.count(assignee) && !admins.at(assignee).empty() ? admins.at(assignee) : assignee);
    const std::string team = text_of(rec, "team_assignee_id");
    set("team", teams.count(team) ? teams.at(team) : team);
    std::string rating = text_of(rec, "conversation_rating_value");
    if (rating.empty() && rec.contains("conversation_rating") && rec["conversation_rating"].is_object())
      rating = text_of(rec["conversation_rating"], "rating");
    set("csat", rating);
    // Metrics from parts (dbt_intercom): first admin comment, last close, reopens = open parts.
    const auto created = parse_timestamp(epoch_or_text(rec, "created_at"));
    if (created && parts.count(id)) {
      std::vector<HelpdeskComment> comments{{*created, false, true}};  // the opening message
      std::vector<StatusChange> history{{*created, "open"}};
      for (const auto& p : parts.at(id)) {
        if (p.type == "comment") comments.push_back({p.at, p.author_type == "admin", true});
        if (p.type == "close") history.push_back({p.at, "solved"});
        if (p.type == "open") history.push_back({p.at, "open"});
      }
      const auto m = helpdesk_metrics(*created, state == "closed" ? "solved" : state, comments, history);
      if (m.first_reply_at) set("first_response_at", format_timestamp(*m.first_reply_at));
      if (m.solved_at) set("solved_at", format_timestamp(*m.solved_at));
      set("replies", std::to_string(m.replies));
      set("reopens", std::to_string(m.reopens));
    } else if (rec.contains("statistics") && rec["statistics"].is_object()) {
      const json& s = rec["statistics"];
      set("first_response_at", epoch_or_text(s, "first_admin_reply_at"));
      if (state == "closed") set("solved_at", epoch_or_text(s, "last_close_at"));
      set("reopens", text_of(s, "count_reopens"));
    } else if (std::string first = text_of(rec, "first_admin_response_at"); !first.empty()) {
      set("first_response_at", first);
    }
  }
  result.identity = resolver.report();
  if (!have_parts)
    result.notes.emplace_back("no conversation parts: first response, replies, reopens and solved_at "
                              "come only from conversation statistics where present");
  result.notes.emplace_back("no handle time in an Intercom export: ticket cost is estimated from "
                            "[costs].default_handle_minutes");
  return result;
}

}  // namespace

std::unique_ptr<Importer> make_intercom_importer() { return std::make_unique<IntercomImporter>(); }

}  // namespace ticketlens::ingest
