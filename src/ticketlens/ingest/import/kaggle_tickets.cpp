// The Kaggle "Customer Support Ticket Dataset" (customer_support_tickets.csv, one row per
// ticket with its customer): customers become accounts (or match known ones by email), tickets
// keep their type, subject, description, priority, channel, status and CSAT. The export has no
// creation time, so the first response time stands in for it. docs/importers.md has the mapping.
// Columns are read by their lowercase names (read_source_file lowercases a CSV header).
#include <fmt/format.h>

#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "ticketlens/ingest/import/adapters.hpp"
#include "ticketlens/ingest/import/source_fields.hpp"

namespace ticketlens::ingest {
namespace {

using model::Kind;

std::string slug(std::string_view text) {
  std::string out;
  for (char c : lowercase(text)) out += (c == ' ' || c == '-') ? '_' : c;
  return out;
}

std::string mapped(const std::map<std::string, std::string, std::less<>>& vocabulary, std::string_view value) {
  const auto it = vocabulary.find(lowercase(value));
  return it == vocabulary.end() ? std::string() : it->second;
}

const std::map<std::string, std::string, std::less<>> kStatus{
    {"closed", "solved"}, {"open", "open"}, {"pending customer response", "pending"}};
const std::map<std::string, std::string, std::less<>> kPriority{
    {"low", "low"}, {"medium", "normal"}, {"high", "high"}, {"critical", "urgent"}};
const std::map<std::string, std::string, std::less<>> kChannel{
    {"email", "email"}, {"phone", "phone"}, {"chat", "chat"}, {"social media", "social"}};

class KaggleTicketsImporter final : public Importer {
 public:
  [[nodiscard]] std::string_view name() const override { return "kaggle-tickets"; }
  [[nodiscard]] std::string_view reads() const override {
    return "customer_support_tickets.csv (Kaggle Customer Support Ticket Dataset)";
  }
  ImportResult import(const std::vector<std::filesystem::path>& paths, const IdentityIndex& known,
                      const ImportOptions& options) const override;
};

ImportResult KaggleTicketsImporter::import(const std::vector<std::filesystem::path>& paths, const IdentityIndex& known,
                                           const ImportOptions& options) const {
  ImportResult result;
  CanonicalTable& accounts = result.table(Kind::kAccounts);
  CanonicalTable& users = result.table(Kind::kUsers);
  CanonicalTable& tickets = result.table(Kind::kTickets);
  IdentityResolver resolver(known, options.identity_order);
  struct Customer {
    std::optional<Match> match;
    std::string name;
    std::optional<Timestamp> first_purchase;
    std::string file;
    std::int64_t line = 0;
  };
  std::map<std::string, Customer> customers;  // by lowercase email
  std::int64_t no_time = 0, resolved_before = 0;
  for (const auto& path : paths) {
    const SourceFile file = read_source_file(path);
    for (const auto& table : file.tables)
      for (const auto& rec : table.records) {
        RecordReader r(file, table, rec);
        const std::string id = r.text("ticket id");
        if (id.empty()) {
          tickets.reject(file.label, rec.line, "Ticket ID", "missing (every row of the export has one)");
          continue;
        }
        const std::string email = lowercase(r.text("customer email"));
        if (email.empty()) {
          tickets.reject(file.label, rec.line, "Customer Email", "missing: the customer is how a ticket finds its account");
          continue;
        }
        // The export has no creation time; open tickets have no time at all.
        const std::string first_response = r.text("first response time");
        if (first_response.empty()) {
          ++no_time;
          continue;
        }
        const auto created = r.time("first response time");
        if (!created) {
          tickets.reject(file.label, rec.line, "First Response Time", r.problem());
          continue;
        }
        auto [it, fresh] = customers.try_emplace(email);
        Customer& c = it->second;
        if (fresh) {
          IdentityClaim claim;
          claim.email = email;
          claim.organization_account = "kaggle-customer-" + email;
          claim.example = fmt::format("customer <{}>", email);
          c.match = resolver.resolve(claim);
          c.name = r.text("customer name");
          c.file = file.label;
          c.line = rec.line;
        }
        if (const auto bought = r.time("date of purchase"))
          if (!c.first_purchase || *bought < *c.first_purchase) c.first_purchase = *bought;
        if (!c.match) {
          tickets.reject(file.label, rec.line, "Customer Email",
                         fmt::format("no account matches customer <{}> (tried {}); add the account or user first, "
                                     "or set [importers].identity_order",
                                     email, identity_order_text(options.identity_order)));
          continue;
        }
        const auto solved = r.time("time to resolution");
        if (!solved && !r.text("time to resolution").empty()) {
          tickets.reject(file.label, rec.line, "Time to Resolution", r.problem());
          continue;
        }
        const auto csat = r.number("customer satisfaction rating");
        if (!csat && !r.text("customer satisfaction rating").empty()) {
          tickets.reject(file.label, rec.line, "Customer Satisfaction Rating", r.problem());
          continue;
        }
        auto& t = tickets.add(file.label, rec.line);
        auto set = [&](std::string_view column, std::string value) { tickets.set(t, column, std::move(value)); };
        set("ticket_id", "kaggle-" + id);
        set("account_id", c.match->account_id);
        set("requester_id", c.match->user_id.empty() ? "kaggle-user-" + email : c.match->user_id);
        set("created_at", format_timestamp(*created));
        if (solved) {
          if (*solved >= *created) set("solved_at", format_timestamp(*solved));
          else ++resolved_before;
        }
        set("status", mapped(kStatus, r.text("ticket status")));
        set("priority", mapped(kPriority, r.text("ticket priority")));
        set("channel", mapped(kChannel, r.text("ticket channel")));
        set("category", slug(r.text("ticket type")));
        set("product_area", r.text("product purchased"));
        set("subject", r.text("ticket subject"));
        set("body", r.text("ticket description"));
        if (csat) set("csat", fmt::format("{:.0f}", std::round(*csat)));
      }
  }
  for (const auto& [email, c] : customers) {
    if (!c.match || !c.match->user_id.empty()) continue;  // unmatched, or a known user (and account)
    if (c.match->method == MatchMethod::kOrganization) {
      auto& a = accounts.add(c.file, c.line);
      accounts.set(a, "account_id", c.match->account_id);
      accounts.set(a, "name", c.name);
      if (c.first_purchase) accounts.set(a, "signup_at", format_timestamp(*c.first_purchase));
    }
    auto& u = users.add(c.file, c.line);
    users.set(u, "user_id", "kaggle-user-" + email);
    users.set(u, "account_id", c.match->account_id);
    users.set(u, "email", email);
  }
  result.identity = resolver.report();
  if (no_time) result.skipped["tickets with no time at all (the export gives none for open tickets)"] = no_time;
  result.notes.emplace_back("the export has no ticket creation time: created_at is the first response time, so "
                            "first-response hours are unknown");
  if (resolved_before)
    result.notes.push_back(fmt::format("{} tickets resolved before their first response (a flaw of this synthetic "
                                       "export): solved_at left empty",
                                       resolved_before));
  result.notes.emplace_back("no handle time (cost is estimated), root cause, escalation, reopens or replies; "
                            "no subscriptions or events: customers are accounts without revenue");
  return result;
}

}  // namespace

std::unique_ptr<Importer> make_kaggle_tickets_importer() { return std::make_unique<KaggleTicketsImporter>(); }

}  // namespace ticketlens::ingest
