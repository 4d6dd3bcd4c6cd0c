// Ticket subjects and bodies that read like real ones: templates per category with varied
// phrasing, product nouns, error messages, sometimes a contact email or phone number (reports
// redact them). Deterministic from the ticket's own text seed.
#include <fmt/format.h>

#include "ticketlens/demo/world.hpp"

namespace ticketlens::demo::detail {
namespace {

/// A small, fast generator per ticket (text needs no statistical quality).
class TextRng {
 public:
  explicit TextRng(std::uint64_t seed) : state_(seed) {}
  std::size_t index(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  bool chance(double p) { return static_cast<double>(next() >> 11) * 0x1.0p-53 < p; }
  template <typename T, std::size_t N>
  const T& one_of(const T (&items)[N]) {
    return items[index(N)];
  }

 private:
  std::uint64_t next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    return splitmix64(state_);
  }
  std::uint64_t state_;
};

using SV = std::string_view;

constexpr SV kProductNoun[kAreaCount][3] = {
    {"billing page", "invoices", "payment settings"},
    {"CSV import", "import wizard", "column mapping"},
    {"report builder", "dashboards", "scheduled reports"},
    {"Salesforce sync", "webhooks", "API integration"},
    {"admin console", "user management", "SSO settings"},
    {"editor", "document templates", "comments"}};
constexpr SV kIntegrationNames[] = {"Salesforce", "HubSpot", "Slack", "Zapier", "Shopify", "Jira"};
constexpr SV kReports[] = {"Monthly revenue", "Pipeline by region", "Weekly active users",
                           "Churn by cohort", "Support backlog"};
constexpr SV kFiles[] = {"customers_q3.csv", "contacts_export.csv", "orders_2026.xlsx",
                         "leads.csv", "inventory.csv"};
constexpr SV kErrors[kAreaCount][3] = {
    {"Your card was declined", "Payment could not be processed", "Tax calculation unavailable"},
    {"Row 1423: invalid date format", "Unknown column 'Customer ID'", "File exceeds 50 MB"},
    {"Query exceeded 30 s", "Too many rows to render", "Export worker unavailable"},
    {"OAuth token expired", "API limit exceeded", "Webhook endpoint returned 500"},
    {"SSO assertion rejected", "You do not have permission", "Seat limit reached"},
    {"Conflict: document changed by another user", "Network error while saving",
     "Document too large to save"}};

/// Two ways to title each of the four problems of a category (aligned with kProblems).
constexpr SV kSubjects[kCategoryCount][4][2] = {
    {{"Question about invoice {invoice}", "Wrong amount on invoice {invoice}"},
     {"We were charged twice this month", "Double charge on our card"},
     {"Need a copy of invoice {invoice}", "VAT number missing on our invoices"},
     {"Proration on our last invoice?", "Can you explain our last invoice?"}},
    {{"Import fails with '{error}'", "Can't import {file}"},
     {"CSV import stuck at 0%", "Import of {file} never finishes"},
     {"Imported records are missing", "Only part of {file} was imported"},
     {"Column mapping keeps resetting", "Mapping lost when uploading {file}"}},
    {{"How do I {task}?", "New user: how to {task}"},
     {"Docs on how to {task}?", "Where is the documentation for the {product}?"},
     {"Can't find the option to {task}", "Is it possible to {task}?"},
     {"Quick question about the {product}", "Best way to {task}"}},
    {{"Error: {error}", "{product} not working since this morning"},
     {"{product} shows a blank page", "Blank screen in {product}"},
     {"{product} crashes when saving", "Bug: can't save in {product}"},
     {"Several users see '{error}'", "Bug in {product}"}},
    {{"Locked out of my account", "Can't log in"},
     {"Password reset email never arrives", "No password reset email"},
     {"SSO login loop", "Stuck in a login loop with SSO"},
     {"Need to transfer account ownership", "Our admin left, please change the owner"}},
    {{"{integration} sync failing", "{integration}: '{error}'"},
     {"Data not syncing to {integration}", "New {integration} records missing"},
     {"{integration} integration disconnected", "{integration} keeps disconnecting"},
     {"Webhooks not firing", "Webhooks stopped after key rotation"}},
    {{"Feature request: {wish}", "Would love to have {wish}"},
     {"Any plans for {wish}?", "Request: {wish}"},
     {"Please add {wish}", "Users asking for {wish}"},
     {"Suggestion for the {product}", "Idea: {wish}"}},
    {{"Report '{report}' shows wrong numbers", "Numbers in '{report}' don't match"},
     {"Dashboard not loading", "Report '{report}' times out"},
     {"'{report}' export is empty", "Empty export from '{report}'"},
     {"Scheduled report didn't arrive", "Missing scheduled '{report}' email"}}};
constexpr SV kTasks[] = {"invite my team", "export a report to PDF", "change the owner of a document",
                         "set up a recurring import", "add a custom field",
                         "restrict access for contractors", "duplicate a dashboard"};
constexpr SV kWishes[] = {"dark mode", "bulk edit records", "export dashboards to PowerPoint",
                          "a Microsoft Teams integration", "custom roles per workspace",
                          "filters on scheduled reports", "undo in the import wizard"};

constexpr SV kGreetings[] = {"Hi,", "Hello team,", "Hi there,", "Hello,", "Hi support,",
                             "Good morning,", ""};
constexpr SV kProblems[kCategoryCount][4] = {
    {"We received invoice {invoice} for {amount}, which is not what we expected.",
     "Our card was charged twice for the {plan} plan this month.",
     "Finance is asking for a copy of invoice {invoice} with our VAT number on it.",
     "We'd like to understand the proration on our last invoice ({amount})."},
    {"I'm trying to import {file} but it fails with \"{error}\".",
     "The import of {file} has been stuck for hours.",
     "After importing {file}, about a third of the records are missing.",
     "The column mapping resets every time I upload {file}."},
    {"I'm new to the {product} and can't figure out how to {task}.",
     "Could you point me to the docs on how to {task}?",
     "Our team wants to {task} but we couldn't find the option in the {product}.",
     "Is there a way to {task} from the {product}?"},
    {"Since this morning the {product} throws \"{error}\".",
     "When I open the {product} I get a blank page and then \"{error}\".",
     "The {product} crashes every time I click save.",
     "Several of my colleagues see \"{error}\" in the {product}."},
    {"I can't log in to our workspace anymore; it says my account is locked.",
     "The password reset email never arrives, I checked spam too.",
     "Our SSO login goes in a loop back to the sign-in page.",
     "Our admin left the company and we need to transfer ownership."},
    {"Our {integration} integration stopped syncing with \"{error}\".",
     "Records created in {integration} are not showing up anymore.",
     "The {integration} connection shows as disconnected every morning.",
     "Webhooks to our endpoint stopped firing after we rotated the key."},
    {"It would really help our team if we could {wish_verb}.",
     "We're evaluating an upgrade, and being able to {wish_verb} would be decisive.",
     "Many of our users have asked whether we can {wish_verb}.",
     "Small suggestion: let us {wish_verb} in the {product}."},
    {"The '{report}' report shows totals that don't match our own numbers.",
     "Our dashboard with '{report}' never finishes loading (\"{error}\").",
     "Exporting '{report}' gives an empty file.",
     "The scheduled '{report}' email didn't go out on Monday."}};
constexpr SV kDetails[] = {
    "We're on {browser}.",
    "This started after the latest update.",
    "I attached a screenshot.",
    "It happens for everyone on our team.",
    "We tried again in an incognito window, same result.",
    "Steps: open the {product}, click the first item, wait a few seconds.",
    "Workspace: {domain}.",
    ""};
constexpr SV kUrgentLines[] = {"This is blocking our whole team, please treat it as urgent.",
                          "We have a deadline tomorrow, so any quick help is appreciated.",
                          "Our month-end close depends on this."};
constexpr SV kClosers[] = {"Thanks!", "Thanks in advance,", "Best regards,", "Cheers,",
                           "Thank you,", "Kind regards,"};
constexpr SV kBrowsers[] = {"Chrome 129 on Windows", "Safari on macOS", "Firefox 131",
                            "Edge on Windows 11", "the iOS app", "the Android app"};

std::string fill(SV tpl, const fmt::format_args& args) { return fmt::vformat(tpl, args); }

}  // namespace

void ticket_text(const World& world, const Ticket& t, std::string& subject, std::string& body) {
  TextRng rng(t.text_seed ^ (world.options.seed << 32));
  const Account& acc = world.accounts[t.account];
  const User& requester = world.users[t.requester];
  // Each draw in its own statement: argument evaluation order is unspecified in C++.
  const auto year = 2020 + rng.index(7);
  const std::string invoice = fmt::format("INV-{}-{:04}", year, rng.index(10000));
  const auto thousands = 1 + rng.index(9);
  const std::string amount = fmt::format("${},{:03}.00", thousands, rng.index(1000));
  const SV wish = rng.one_of(kWishes);
  const std::string wish_verb = fmt::format("have {}", wish);
  const SV error = kErrors[t.area][rng.index(3)];
  const SV file = rng.one_of(kFiles);
  const SV product = kProductNoun[t.area][rng.index(3)];
  const SV task = rng.one_of(kTasks);
  const SV integration = rng.one_of(kIntegrationNames);
  const SV report = rng.one_of(kReports);
  const SV browser = rng.one_of(kBrowsers);
  const auto store = fmt::make_format_args(
      fmt::arg("invoice", invoice), fmt::arg("amount", amount),
      fmt::arg("plan", kTierNames[acc.tier]), fmt::arg("error", error), fmt::arg("file", file),
      fmt::arg("product", product), fmt::arg("task", task), fmt::arg("integration", integration),
      fmt::arg("wish", wish), fmt::arg("wish_verb", wish_verb), fmt::arg("report", report),
      fmt::arg("browser", browser), fmt::arg("domain", acc.domain));
  const fmt::format_args args = store;

  subject.clear();
  if (t.precursor && t.category == kCatBilling) {
    constexpr SV kPayment[] = {"Payment failed but card is valid", "Card declined on renewal",
                               "Why did our payment fail?", "Payment error when upgrading"};
    subject = rng.one_of(kPayment);
  } else if (t.burst) {
    constexpr SV kIncident[] = {"URGENT: {integration} sync down for our whole team",
                                "Integration outage affecting all our users",
                                "Still broken: {integration} not syncing",
                                "Escalation: data missing since the sync failure"};
    subject = fill(rng.one_of(kIncident), args);
  } else if (t.release_spike) {
    constexpr SV kSpike[] = {"{product} broken since the last update",
                             "New version of {product} is very slow",
                             "After the update: \"{error}\"", "Regression in {product}"};
    subject = fill(rng.one_of(kSpike), args);
  }
  const std::size_t problem = rng.index(4);
  if (subject.empty()) {
    subject = fill(kSubjects[t.category][problem][rng.index(2)], args);
    if (rng.chance(0.05)) subject = "Re: " + subject;
  }

  body.clear();
  const SV greeting = rng.one_of(kGreetings);
  if (!greeting.empty()) body.append(greeting).append("\n\n");
  if (t.precursor && t.category == kCatBilling)
    body.append(fill("Our payment just failed with \"{error}\" although the card on file is "
                     "valid. Can you check what happened with invoice {invoice}?",
                     args));
  else
    body.append(fill(kProblems[t.category][problem], args));
  const SV detail = rng.one_of(kDetails);
  if (!detail.empty()) body.append(" ").append(fill(detail, args));
  if (t.priority >= kHigh && rng.chance(0.6)) body.append(" ").append(rng.one_of(kUrgentLines));
  if (rng.chance(0.12)) {
    body.append("\n\nYou can also reach me at ").append(requester.email).append(".");
  } else if (rng.chance(0.08)) {
    body.append(fmt::format("\n\nFeel free to call me on +1 ({:03}) 555-{:04}.",
                            200 + rng.index(800), rng.index(10000)));
  }
  const std::size_t at = requester.email.find('.');
  std::string first = requester.email.substr(0, std::min(at, requester.email.find('@')));
  if (!first.empty()) first[0] = static_cast<char>(first[0] - 'a' + 'A');
  body.append("\n\n").append(rng.one_of(kClosers)).append("\n").append(first);
}

}  // namespace ticketlens::demo::detail
