// RavenStack (the Kaggle "SaaS Subscription & Churn Analytics" tables, ravenstack-saas-linked):
// accounts, subscriptions, feature usage, support tickets and churn events, all keyed by the
// source's own account_id. Not a tool's export but a linked dataset: its ids are kept as they
// are. docs/importers.md has the mapping.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "ticketlens/ingest/import/adapters.hpp"
#include "ticketlens/ingest/import/source_fields.hpp"

namespace ticketlens::ingest {
namespace {

using model::Kind;

enum class Table { kAccounts, kSubscriptions, kUsage, kTickets, kChurn, kOther };
Table table_of(const std::string& stem) {
  if (stem.ends_with("accounts")) return Table::kAccounts;
  if (stem.ends_with("subscriptions")) return Table::kSubscriptions;
  if (stem.ends_with("feature_usage")) return Table::kUsage;
  if (stem.ends_with("support_tickets")) return Table::kTickets;
  if (stem.ends_with("churn_events")) return Table::kChurn;
  return Table::kOther;
}

class RavenstackImporter final : public Importer {
 public:
  [[nodiscard]] std::string_view name() const override { return "ravenstack"; }
  [[nodiscard]] std::string_view reads() const override {
    return "ravenstack_accounts, _subscriptions, _feature_usage, _support_tickets, _churn_events CSV";
  }
  ImportResult import(const std::vector<std::filesystem::path>& paths, const IdentityIndex& known,
                      const ImportOptions& options) const override;
};

ImportResult RavenstackImporter::import(const std::vector<std::filesystem::path>& paths,
                                        const IdentityIndex& /*known*/, const ImportOptions& /*options*/) const {
  ImportResult result;
  CanonicalTable& accounts = result.table(Kind::kAccounts);
  CanonicalTable& subs = result.table(Kind::kSubscriptions);
  CanonicalTable& events = result.table(Kind::kEvents);
  CanonicalTable& tickets = result.table(Kind::kTickets);
  // Usage rows name a subscription, not an account: read subscriptions first.
  std::vector<SourceFile> files;
  for (const auto& p : paths) files.push_back(read_source_file(p));
  std::stable_sort(files.begin(), files.end(), [](const SourceFile& a, const SourceFile& b) {
    return (table_of(a.stem) == Table::kSubscriptions) > (table_of(b.stem) == Table::kSubscriptions);
  });
  std::map<std::string, std::string> account_of_subscription;
  std::int64_t trials = 0, churn_events = 0;
  for (const auto& file : files) {
    const Table kind = table_of(file.stem);
    if (kind == Table::kOther) {
      result.notes.push_back(fmt::format("{}: ignored (not a RavenStack table)", file.label));
      continue;
    }
    for (const auto& table : file.tables)
      for (const auto& rec : table.records) {
        RecordReader r(file, table, rec);
        switch (kind) {
          case Table::kAccounts: {
            auto& a = accounts.add(file.label, rec.line);
            accounts.set(a, "account_id", r.text("account_id"));
            accounts.set(a, "name", r.text("account_name"));
            accounts.set(a, "tier", r.text("plan_tier"));
            accounts.set(a, "region", r.text("country"));
            accounts.set(a, "industry", r.text("industry"));
            accounts.set(a, "signup_at", r.text("signup_date"));
            break;
          }
          case Table::kSubscriptions: {
            account_of_subscription[r.text("subscription_id")] = r.text("account_id");
            if (r.boolean("is_trial").value_or(false)) {
              ++trials;  // trials are not revenue (as for Stripe)
              continue;
            }
            auto& s = subs.add(file.label, rec.line);
            subs.set(s, "subscription_id", r.text("subscription_id"));
            subs.set(s, "account_id", r.text("account_id"));
            subs.set(s, "started_at", r.text("start_date"));
            subs.set(s, "ended_at", r.text("end_date"));
            subs.set(s, "mrr", r.text("mrr_amount"));
            subs.set(s, "plan", r.text("plan_tier"));
            break;
          }
          case Table::kUsage: {
            // One row per subscription, day and feature (already aggregated): one event.
            const std::string sub = r.text("subscription_id");
            const auto account = account_of_subscription.find(sub);
            if (account == account_of_subscription.end()) {
              events.reject(file.label, rec.line, "subscription_id",
                            fmt::format("subscription '{}' is not in ravenstack_subscriptions.csv (give that file too)", sub));
              continue;
            }
            auto& e = events.add(file.label, rec.line);
            // usage_id is not unique in the source (a few ids name two different rows), so it is
            // kept in properties and the row is its own key.
            events.set(e, "ts", r.text("usage_date"));
            events.set(e, "account_id", account->second);
            events.set(e, "name", r.text("feature_name"));
            events.set(e, "product_area", r.text("feature_name"));
            events.set(e, "is_error", r.integer("error_count").value_or(0) > 0 ? "1" : "0");
            if (auto secs = r.number("usage_duration_secs")) events.set(e, "duration_ms", fmt::format("{:.0f}", *secs * 1000.0));
            events.set(e, "properties",
                       fmt::format(R"({{"usage_id":"{}","subscription_id":"{}","usage_count":{},"error_count":{}}})",
                                   r.text("usage_id"), sub, r.integer("usage_count").value_or(0),
                                   r.integer("error_count").value_or(0)));
            break;
          }
          case Table::kTickets: {
            auto& t = tickets.add(file.label, rec.line);
            const auto created = r.time("submitted_at");
            tickets.set(t, "ticket_id", r.text("ticket_id"));
            tickets.set(t, "account_id", r.text("account_id"));
            tickets.set(t, "created_at", r.text("submitted_at"));
            // Dates only: first response and resolution from the durations the source gives.
            if (created) {
              if (auto m = r.integer("first_response_time_minutes")) tickets.set(t, "first_response_at", format_timestamp(*created + *m * 60));
              if (auto h = r.number("resolution_time_hours"))
                tickets.set(t, "solved_at", format_timestamp(*created + static_cast<Timestamp>(*h * 3600.0)));
            }
            tickets.set(t, "status", r.text("closed_at").empty() ? "open" : "solved");
            const std::string priority = lowercase(r.text("priority"));
            tickets.set(t, "priority", priority == "medium" ? "normal" : priority);
            tickets.set(t, "csat", r.text("satisfaction_score"));
            tickets.set(t, "escalated_to", r.boolean("escalation_flag").value_or(false) ? "tier2" : "none");
            break;
          }
          case Table::kChurn:
            ++churn_events;
            break;
          case Table::kOther: break;
        }
      }
  }
  if (trials) result.skipped["trial subscriptions (trials are not revenue)"] = trials;
  if (churn_events)
    result.notes.push_back(fmt::format("{} churn events not mapped: churn is read from subscription end dates; "
                                       "their reason_code and feedback_text are not kept", churn_events));
  result.notes.emplace_back("usage is one row per subscription, day and feature (not raw events): event "
                            "counts are feature-days; no users, sessions or platform");
  result.notes.emplace_back("tickets have dates only (no times), no channel, category, subject, body, "
                            "handle time or root cause: first response and solved_at come from the "
                            "durations given");
  return result;
}

}  // namespace

std::unique_ptr<Importer> make_ravenstack_importer() { return std::make_unique<RavenstackImporter>(); }

}  // namespace ticketlens::ingest
