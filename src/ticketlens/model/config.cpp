#include "ticketlens/model/config.hpp"
#include "ticketlens/model/event_backend_settings.hpp"
#include "ticketlens/model/importer_settings.hpp"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

#include "ticketlens/common/error.hpp"

namespace ticketlens::model {
namespace {

constexpr std::string_view kDefaultToml = R"TOML(# ticketlens workspace configuration. Every setting is shown with its default.
# Reference: docs/config.md. Money is in [costs].currency; times are hours unless named.

[costs]
currency = "USD"
# Direct cost = handle hours x hourly_rate[channel] x priority_multiplier[priority]
#               + escalation cost + reopens x rehandle_minutes / 60 x hourly_rate[channel]
hourly_rate = { email = 38.0, chat = 36.0, phone = 42.0, web = 38.0, social = 34.0 }
priority_multiplier = { low = 0.9, normal = 1.0, high = 1.25, urgent = 1.6 }
# Used when a ticket has no handle_minutes and no similar tickets to estimate from.
default_handle_minutes = { email = 18.0, chat = 12.0, phone = 15.0, web = 18.0, social = 10.0 }
# Escalations: tier-2 minutes at tier2_rate; engineering hours at engineering_rate.
tier2_rate = 55.0
tier2_minutes = 30.0
engineering_rate = 95.0
engineering_hours = 2.0
rehandle_minutes = 10.0
# For tickets whose channel is missing or not listed above.
fallback_hourly_rate = 38.0
fallback_handle_minutes = 15.0
# Tooling licences and platform overhead per month, shared across the month's tickets in
# proportion to handle time (the allocated cost).
monthly_fixed_costs = 12000.0

[thresholds]
# ARR exposed = ARR of accounts with MORE than this many tickets in the trailing 30 days.
exposed_arr_min_tickets = 3
# A ticket is recurrent when the same account filed one of the same category this many days before.
recurrent_days = 30
# Gross margin used by CLV = ARPA x gross_margin / monthly churn.
gross_margin = 0.8

[windows]
# Events in this many hours before a ticket are its precursor window.
precursor_window_hours = 24

[precursors]
# Control windows per ticket: same account and requester, same time of day and weekday, whole
# weeks (1..control_max_weeks) before or after the ticket, with no ticket of the account in them
# or in the window after them; drawn with this seed.
controls = 5
control_max_weeks = 12
seed = 1
# A (event, category) pair is tested only when at least min_support ticket windows hold the event.
min_support = 5
# Significant: Benjamini-Hochberg adjusted p below fdr, and lift above 1.
fdr = 0.05
# Events in the "last-k" paths before tickets.
path_length = 3

[alerts]
# cost_spike: a category's ticket cost in the week at or beyond this robust z-score (median/MAD)
# of the trailing_weeks before it.
cost_z = 3.5
trailing_weeks = 8
# Every alert needs at least this many tickets behind it.
min_tickets = 3
# release_ticket_rate: tickets per 1,000 active accounts in each product area a release names, in
# the release_days after it against as many days before; fires when the 95% interval of the rate
# ratio lies above rate_ratio_lower.
release_days = 14
rate_ratio_lower = 1.0
# release_retention: accounts active (an event) in the active_days before a release, retained when
# active in the active_days before day retention_days; fires when retention fell against the
# previous release with Fisher's p below retention_p.
active_days = 7
retention_days = 30
retention_p = 0.01

[aftermath]
# Disengaged: no event in this many days after a ticket is solved.
disengaged_days = 30
# Fast first response (hours), set against lasting engagement (weeks 9-12 after the ticket).
fast_first_response_hours = 1.0

[themes]
# Emerging themes: words and bigrams whose share of the period's tickets rises against the
# trailing_weeks before it (one-sided exact Poisson test, Benjamini-Hochberg q below fdr) by at
# least min_ratio, held by at least min_tickets of the period's tickets; grouped into themes when
# at least `overlap` of the smaller term's tickets hold both terms.
trailing_weeks = 8
min_tickets = 3
fdr = 0.05
min_ratio = 2.0
overlap = 0.5
max_themes = 10
examples = 5

[categorize]
# `ticketlens categorize`: rules ([[category_rules]]) first, then a fastText model trained on the
# workspace's labelled tickets; a prediction below `threshold` confidence leaves the ticket
# uncategorised. fastText: epoch, lr, dim, word_ngrams, subword n-grams of min_char_ngram to
# max_char_ngram bytes (0 = none). `seed` fixes training and the evaluation split (test_share).
threshold = 0.6
epoch = 50
lr = 0.5
dim = 50
word_ngrams = 2
min_char_ngram = 0
max_char_ngram = 0
seed = 1
test_share = 0.2

[activation]
# The event that marks an account's first value (time to value = signup to this event).
event = "report_created"

[importers]
# How `ingest --source` matches a helpdesk requester, billing customer or analytics user to an
# account, first match wins: external_id (the source's external id is an account_id or user_id),
# email (a known user's email), domain (the email domain of exactly one account's users),
# organization (the source's own organisation or customer becomes an account).
identity_order = ["external_id", "email", "domain", "organization"]

[events]
# Where events live: "embedded" (segment files in the workspace; the World loads them) or
# "clickhouse" (a ClickHouse server or cluster; the event-heavy reductions run there as SQL and
# only per-ticket and per-account results come back; docs/scale.md).
backend = "embedded"
# ClickHouse only: the HTTP endpoint inserts and queries go to, the database, the cluster name of
# the servers' <remote_servers> (empty: one server, no Distributed table), each shard's HTTP
# endpoint for creating tables and deleting orphan rows (empty: url), the user, and the
# environment variable that holds the password (never the password itself).
url = "http://127.0.0.1:8123"
database = "ticketlens"
cluster = ""
shard_urls = []
user = "default"
password_env = "TICKETLENS_CLICKHOUSE_PASSWORD"

[reports]
# Replace emails and phone numbers in ticket text and every other free text of a report
# (JSON, Markdown, HTML, webhooks) with [email] and [phone].
redact_pii = true

[notify]
# Webhooks of fired playbooks: seconds to wait for a receiver, retries after a failed attempt
# (a connection error, a timeout or an HTTP status other than 2xx), and the pause between them.
timeout_seconds = 5.0
retries = 2
retry_delay_ms = 500
# A URL to POST every alert that `ticketlens alerts` or the snapshot raises to (empty: none).
alerts = ""

[risk]
# `ticketlens risk`: per-account features at a cut-off, logistic regression and gradient-boosted
# trees, evaluated on a time split (docs/metrics.md "Risk scores").
# Churn target: the account churns within churn_horizon_days after the cut-off.
churn_horizon_days = 90
# Costly target: its ticket cost in the costly_horizon_days after the cut-off is above this
# percentile of the costs of all accounts active at the cut-off (and above 0).
costly_horizon_days = 30
costly_percentile = 90.0
# Training rows are the accounts at train_snapshots cut-offs, snapshot_spacing_days apart.
train_snapshots = 6
snapshot_spacing_days = 30
# Setup events every account is expected to do; each one not done by the cut-off is a missing
# prerequisite.
prerequisites = ["import_completed", "report_created", "user_invited"]
# Bootstrap resamples of the AUC interval; seed of the bootstrap and the permutation importance.
bootstrap_resamples = 1000
seed = 1
# Reasons (the features that push an account's risk up most) shown per account.
top_reasons = 3
# Gradient-boosted trees (XGBoost): boosting rounds, tree depth, learning rate, row subsample per
# tree, minimum hessian weight per leaf.
trees = 200
tree_depth = 4
learning_rate = 0.05
subsample = 0.8
min_child_weight = 5.0
# The play suggested when none of an account's reasons has one in [risk.plays].
default_play = "CSM check-in call this week"

[risk.plays]
# Reason (feature name) = suggested intervention. Any feature of docs/metrics.md "Risk scores".
recurrent_tickets_30d = "Escalate the recurring problem to its owner and follow up until fixed"
long_unresolved_tickets = "Expedite the open tickets older than 7 days; daily updates to the customer"
missing_prerequisites = "Guided onboarding session to finish setup"
activity_trend = "Re-engagement outreach: review goals and usage with the champion"
error_events_28d = "Technical review of the account's errors with support engineering"
csat_low_180d = "Service-recovery call from the support lead"
tickets_90d = "Assign a named support contact and review all open issues"

[backlog]
# `ticketlens backlog`: fixes per (product area, category) ranked by (ticket cost saved + ARR
# retained) / fix cost (docs/metrics.md "Backlog"). A fix removes ticket_reduction of the cell's
# yearly ticket cost and churn_reduction of its churn-attributable ARR.
ticket_reduction = 0.5
churn_reduction = 1.0
# Fix cost of a cell without an entry in [backlog.fix_costs].
fix_cost_default = 25000.0

[backlog.fix_costs]
# "product_area/category" = fix cost, e.g. "billing/billing" = 8000.0

[experiments]
# `ticketlens experiment NAME` (docs/metrics.md "Experiments"): days of follow-up after assignment;
# below these sizes a comparison is "too small to tell".
window_days = 90
min_accounts_per_arm = 30
min_events = 20
min_churns = 10
# Bootstrap of the cost and activity differences.
bootstrap_resamples = 2000
seed = 1

[targets]
# Metric name = target; the snapshot tracks each against its target.
recurrent_pct = 10.0
first_response_hours_median = 4.0

# Tasks: a ticket preceded by `failure` (in the precursor window) completes its task when the same
# user's `success` event follows the last failure within `within` hours.
[[tasks]]
name = "import"
failure = "import_error"
success = "import_completed"
within = 72

[[tasks]]
name = "payment"
failure = "payment_failed"
success = "payment_method_updated"
within = 72

[[tasks]]
name = "save"
failure = "save_failed"
success = "document_saved"
within = 24

# Funnels: ordered steps (event names); a user enters at the first step and must reach every later
# step, in order, within `within_days` of entering. `ticketlens funnel NAME`.
[[funnels]]
name = "onboarding"
steps = ["csv_uploaded", "import_started", "import_completed", "report_created"]
within_days = 7

# Playbooks: `when` is an expression over snapshot metrics; a fired playbook is POSTed to notify.
[[playbooks]]
name = "ARR exposure mitigation"
owner = "CS Ops"
when = "exposed_arr_pct > 3"
action = "Call the exposed accounts' owners this week; review their open tickets daily."
notify = ""

[[playbooks]]
name = "Recurrent tickets to roadmap"
owner = "Product"
# A rise of a fifth or more in the recurrent share; "> 0" because 0 >= 0 x 1.2 is no rise.
when = "recurrent_pct > 0 and recurrent_pct >= prev(recurrent_pct) * 1.2"
action = "Take the top recurrent categories to roadmap review with their ticket counts."
notify = ""

[[playbooks]]
name = "Onboarding change"
owner = "CS Ops"
when = "ttv_days_median > prev(ttv_days_median)"
action = "Review the onboarding flow of the latest cohort; add guided setup where it stalls."
notify = ""

# Category rules, applied before the model by `ticketlens categorize apply`: a ticket whose text
# holds any of `keywords` (word sequences, compared after normalisation), matches `regex`
# (case-insensitive) or carries any of `tags` gets `label` for `field` ("category" or
# "root_cause"); the first matching rule wins. Replacing the list replaces this default.
[[category_rules]]
field = "category"
label = "billing"
keywords = ["invoice", "refund", "charged twice"]
regex = ""
tags = []
)TOML";

[[noreturn]] void fail(std::string_view source, const toml::source_region& where, std::string_view msg) {
  throw Error(ErrorCode::kConfig, fmt::format("{}:{}: {}", source, where.begin.line, msg));
}

double number(const toml::node& node, std::string_view source, std::string_view key) {
  if (auto v = node.value<double>()) return *v;
  fail(source, node.source(), fmt::format("{} must be a number", key));
}

std::string string_value(const toml::node& node, std::string_view source, std::string_view key) {
  if (auto v = node.value<std::string>()) return *v;
  fail(source, node.source(), fmt::format("{} must be a string", key));
}

// A count of days, hours or tickets: a whole number (an integer, or a float such as 3.0).
int whole_number(const toml::node& node, std::string_view source, std::string_view key) {
  const double v = number(node, source, key);
  if (!(v >= 0 && v <= 1e6) || v != std::floor(v))
    fail(source, node.source(), fmt::format("{} must be a whole number from 0 to 1000000", key));
  return static_cast<int>(v);
}

const toml::table& table(const toml::node& node, std::string_view source, std::string_view key) {
  const auto* t = node.as_table();
  if (!t) fail(source, node.source(), fmt::format("{} must be a table ([{}])", key, key));
  return *t;
}

std::map<std::string, double> number_map(const toml::node& node, std::string_view source, std::string_view key) {
  const auto* table = node.as_table();
  if (!table) fail(source, node.source(), fmt::format("{} must be a table of numbers", key));
  std::map<std::string, double> out;
  for (const auto& [k, v] : *table) out[std::string(k.str())] = number(v, source, fmt::format("{}.{}", key, k.str()));
  return out;
}

// Every key of `actual` must exist in `reference` (the default file), recursively.
void check_known_keys(const toml::table& actual, const toml::table& reference, std::string_view source,
                      const std::string& prefix) {
  for (const auto& [k, v] : actual) {
    const std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    const toml::node* ref = reference.get(k.str());
    const bool free_form = prefix == "targets" || prefix == "risk.plays" || prefix == "backlog.fix_costs" || prefix == "costs.hourly_rate" ||
                           prefix == "costs.priority_multiplier" || prefix == "costs.default_handle_minutes";
    if (!ref) {
      if (free_form) continue;
      fail(source, v.source(), fmt::format("unknown setting '{}' (see docs/config.md)", key));
    }
    if (v.is_table() && ref->is_table()) check_known_keys(*v.as_table(), *ref->as_table(), source, key);
    // Arrays of tables ([[playbooks]]): every entry may hold the keys of the default's first.
    const auto* items = v.as_array();
    const auto* ref_items = ref->as_array();
    if (items && ref_items && !ref_items->empty() && ref_items->front().is_table())
      for (const auto& item : *items)
        if (const auto* t = item.as_table()) check_known_keys(*t, *ref_items->front().as_table(), source, key);
  }
}

}  // namespace

std::string_view default_config_toml() { return kDefaultToml; }

namespace {

// [importers].identity_order; kept out of Config (model/importer_settings.hpp says why).
void read_event_backend(const toml::node& node, std::string_view source, EventBackendSettings& out) {
  const auto& t = table(node, source, "events");
  const auto where = [&](const char* key) {
    const auto* n = t.get(key);
    return n ? n->source() : t.source();
  };
  if (const auto* n = t.get("backend")) {
    out.backend = string_value(*n, source, "events.backend");
    if (out.backend != "embedded" && out.backend != "clickhouse")
      fail(source, n->source(), "events.backend: use \"embedded\" or \"clickhouse\"");
  }
  for (auto [key, field] : {std::pair{"url", &out.url}, {"database", &out.database}, {"cluster", &out.cluster},
                            {"user", &out.user}, {"password_env", &out.password_env}})
    if (const auto* n = t.get(key)) *field = string_value(*n, source, fmt::format("events.{}", key));
  if (const auto* n = t.get("shard_urls")) {
    const auto* items = n->as_array();
    if (!items) fail(source, n->source(), "events.shard_urls must be an array of http:// URLs");
    out.shard_urls.clear();
    for (const auto& item : *items) out.shard_urls.push_back(string_value(item, source, "events.shard_urls"));
  }
  for (const auto& u : out.shard_urls)
    if (u.rfind("http://", 0) != 0 && u.rfind("https://", 0) != 0)
      fail(source, where("shard_urls"), "events.shard_urls: each must start with http:// or https://");
  if (out.url.rfind("http://", 0) != 0 && out.url.rfind("https://", 0) != 0)
    fail(source, where("url"), "events.url must start with http:// or https:// (e.g. http://127.0.0.1:8123)");
}

void read_identity_order(const toml::node& node, std::string_view source, std::vector<std::string>& out) {
  const auto* n = table(node, source, "importers").get("identity_order");
  if (!n) return;
  const auto* items = n->as_array();
  if (!items) fail(source, n->source(), "importers.identity_order must be an array of method names");
  out.clear();
  for (const auto& item : *items) {
    std::string m = string_value(item, source, "importers.identity_order");
    if (m != "external_id" && m != "email" && m != "domain" && m != "organization")
      fail(source, item.source(), "importers.identity_order: use external_id, email, domain or organization");
    out.push_back(std::move(m));
  }
}

}  // namespace

Config parse_config(std::string_view text, std::string_view source) {
  toml::table doc;
  try {
    doc = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    throw Error(ErrorCode::kConfig, fmt::format("{}:{}:{}: {}", source, e.source().begin.line,
                                                e.source().begin.column, e.description()));
  }
  static const toml::table reference = toml::parse(kDefaultToml);
  check_known_keys(doc, reference, source, "");
  // Defaults first, then the file's values over them.
  Config c;
  std::vector<std::string> identity_order;  // validated here, read by load_identity_order
  EventBackendSettings event_backend;  // validated here, read by load_event_backend
  auto apply = [&](const toml::table& t) {
    if (const auto* node = t.get("costs")) {
      const auto& k = table(*node, source, "costs");
      if (auto* n = k.get("currency")) c.currency = string_value(*n, source, "costs.currency");
      if (auto* n = k.get("hourly_rate")) for (auto& [a, b] : number_map(*n, source, "costs.hourly_rate")) c.hourly_rate[a] = b;
      if (auto* n = k.get("priority_multiplier")) for (auto& [a, b] : number_map(*n, source, "costs.priority_multiplier")) c.priority_multiplier[a] = b;
      if (auto* n = k.get("default_handle_minutes")) for (auto& [a, b] : number_map(*n, source, "costs.default_handle_minutes")) c.default_handle_minutes[a] = b;
      if (auto* n = k.get("tier2_rate")) c.tier2_rate = number(*n, source, "costs.tier2_rate");
      if (auto* n = k.get("tier2_minutes")) c.tier2_minutes = number(*n, source, "costs.tier2_minutes");
      if (auto* n = k.get("engineering_rate")) c.engineering_rate = number(*n, source, "costs.engineering_rate");
      if (auto* n = k.get("engineering_hours")) c.engineering_hours = number(*n, source, "costs.engineering_hours");
      if (auto* n = k.get("rehandle_minutes")) c.rehandle_minutes = number(*n, source, "costs.rehandle_minutes");
      if (auto* n = k.get("fallback_hourly_rate")) c.fallback_hourly_rate = number(*n, source, "costs.fallback_hourly_rate");
      if (auto* n = k.get("fallback_handle_minutes")) c.fallback_handle_minutes = number(*n, source, "costs.fallback_handle_minutes");
      if (auto* n = k.get("monthly_fixed_costs")) c.monthly_fixed_costs = number(*n, source, "costs.monthly_fixed_costs");
    }
    if (const auto* node = t.get("thresholds")) {
      const auto& th = table(*node, source, "thresholds");
      if (auto* n = th.get("exposed_arr_min_tickets")) c.exposed_arr_min_tickets = whole_number(*n, source, "thresholds.exposed_arr_min_tickets");
      if (auto* n = th.get("recurrent_days")) c.recurrent_days = whole_number(*n, source, "thresholds.recurrent_days");
      if (auto* n = th.get("gross_margin")) c.gross_margin = number(*n, source, "thresholds.gross_margin");
    }
    if (const auto* node = t.get("windows"))
      if (auto* n = table(*node, source, "windows").get("precursor_window_hours"))
        c.precursor_window_hours = whole_number(*n, source, "windows.precursor_window_hours");
    if (const auto* node = t.get("precursors")) {
      const auto& pr = table(*node, source, "precursors");
      auto positive = [&](const char* key, int& out) {
        if (const auto* n = pr.get(key)) {
          out = whole_number(*n, source, fmt::format("precursors.{}", key));
          if (out < 1) fail(source, n->source(), fmt::format("precursors.{} must be at least 1", key));
        }
      };
      if (const auto* n = pr.get("controls")) c.precursors.controls = whole_number(*n, source, "precursors.controls");
      positive("control_max_weeks", c.precursors.control_max_weeks);
      positive("min_support", c.precursors.min_support);
      positive("path_length", c.precursors.path_length);
      if (const auto* n = pr.get("seed")) c.precursors.seed = static_cast<std::uint64_t>(whole_number(*n, source, "precursors.seed"));
      if (const auto* n = pr.get("fdr")) {
        c.precursors.fdr = number(*n, source, "precursors.fdr");
        if (!(c.precursors.fdr > 0 && c.precursors.fdr < 1)) fail(source, n->source(), "precursors.fdr must be between 0 and 1");
      }
    }
    if (const auto* node = t.get("alerts")) {
      const auto& al = table(*node, source, "alerts");
      auto whole = [&](const char* key, int& out, int min) {
        if (const auto* n = al.get(key)) {
          out = whole_number(*n, source, fmt::format("alerts.{}", key));
          if (out < min) fail(source, n->source(), fmt::format("alerts.{} must be at least {}", key, min));
        }
      };
      whole("trailing_weeks", c.alerts.trailing_weeks, 2);
      whole("min_tickets", c.alerts.min_tickets, 0);
      whole("release_days", c.alerts.release_days, 1);
      whole("active_days", c.alerts.active_days, 1);
      whole("retention_days", c.alerts.retention_days, 1);
      if (const auto* n = al.get("cost_z")) c.alerts.cost_z = number(*n, source, "alerts.cost_z");
      if (const auto* n = al.get("rate_ratio_lower")) c.alerts.rate_ratio_lower = number(*n, source, "alerts.rate_ratio_lower");
      if (const auto* n = al.get("retention_p")) {
        c.alerts.retention_p = number(*n, source, "alerts.retention_p");
        if (!(c.alerts.retention_p > 0 && c.alerts.retention_p < 1)) fail(source, n->source(), "alerts.retention_p must be between 0 and 1");
      }
      if (c.alerts.retention_days <= c.alerts.active_days)
        fail(source, al.source(), "alerts.retention_days must be more than alerts.active_days");
    }
    if (const auto* node = t.get("aftermath")) {
      const auto& af = table(*node, source, "aftermath");
      if (const auto* n = af.get("disengaged_days")) {
        c.aftermath.disengaged_days = whole_number(*n, source, "aftermath.disengaged_days");
        if (c.aftermath.disengaged_days < 1) fail(source, n->source(), "aftermath.disengaged_days must be at least 1");
      }
      if (const auto* n = af.get("fast_first_response_hours")) {
        c.aftermath.fast_first_response_hours = number(*n, source, "aftermath.fast_first_response_hours");
        if (!(c.aftermath.fast_first_response_hours > 0))
          fail(source, n->source(), "aftermath.fast_first_response_hours must be more than 0");
      }
    }
    if (const auto* node = t.get("themes")) {
      const auto& th = table(*node, source, "themes");
      auto whole = [&](const char* key, int& out, int min) {
        if (const auto* n = th.get(key)) {
          out = whole_number(*n, source, fmt::format("themes.{}", key));
          if (out < min) fail(source, n->source(), fmt::format("themes.{} must be at least {}", key, min));
        }
      };
      whole("trailing_weeks", c.themes.trailing_weeks, 1);
      whole("min_tickets", c.themes.min_tickets, 1);
      whole("max_themes", c.themes.max_themes, 1);
      whole("examples", c.themes.examples, 0);
      auto fraction = [&](const char* key, double& out) {
        if (const auto* n = th.get(key)) {
          out = number(*n, source, fmt::format("themes.{}", key));
          if (!(out > 0 && out <= 1)) fail(source, n->source(), fmt::format("themes.{} must be more than 0 and at most 1", key));
        }
      };
      fraction("fdr", c.themes.fdr);
      fraction("overlap", c.themes.overlap);
      if (const auto* n = th.get("min_ratio")) {
        c.themes.min_ratio = number(*n, source, "themes.min_ratio");
        if (!(c.themes.min_ratio >= 1)) fail(source, n->source(), "themes.min_ratio must be at least 1");
      }
    }
    if (const auto* node = t.get("categorize")) {
      const auto& ct = table(*node, source, "categorize");
      auto whole = [&](const char* key, int& out, int min, int max) {
        if (const auto* n = ct.get(key)) {
          out = whole_number(*n, source, fmt::format("categorize.{}", key));
          if (out < min || out > max)
            fail(source, n->source(), fmt::format("categorize.{} must be from {} to {}", key, min, max));
        }
      };
      whole("epoch", c.categorize.epoch, 1, 10000);
      whole("dim", c.categorize.dim, 1, 1000);
      whole("word_ngrams", c.categorize.word_ngrams, 1, 5);
      whole("min_char_ngram", c.categorize.min_char_ngram, 0, 20);
      whole("max_char_ngram", c.categorize.max_char_ngram, 0, 20);
      if (const auto* n = ct.get("seed")) c.categorize.seed = static_cast<std::uint64_t>(whole_number(*n, source, "categorize.seed"));
      auto fraction = [&](const char* key, double& out, bool zero_ok) {
        if (const auto* n = ct.get(key)) {
          out = number(*n, source, fmt::format("categorize.{}", key));
          if (!((zero_ok ? out >= 0 : out > 0) && out < 1))
            fail(source, n->source(), fmt::format("categorize.{} must be {} 0 and below 1", key, zero_ok ? "at least" : "more than"));
        }
      };
      fraction("threshold", c.categorize.threshold, true);
      fraction("test_share", c.categorize.test_share, false);
      if (const auto* n = ct.get("lr")) {
        c.categorize.lr = number(*n, source, "categorize.lr");
        if (!(c.categorize.lr > 0 && c.categorize.lr <= 10)) fail(source, n->source(), "categorize.lr must be more than 0 and at most 10");
      }
      if (c.categorize.max_char_ngram < c.categorize.min_char_ngram)
        fail(source, ct.source(), "categorize.max_char_ngram must be at least categorize.min_char_ngram");
    }
    if (const auto* node = t.get("category_rules")) {
      const auto* items = node->as_array();
      if (!items) fail(source, node->source(), "category_rules must be an array of tables ([[category_rules]])");
      c.category_rules.clear();
      auto strings = [&](const toml::node& n, std::string_view key) {
        const auto* arr = n.as_array();
        if (!arr) fail(source, n.source(), fmt::format("category_rules.{} must be an array of strings", key));
        std::vector<std::string> out;
        for (const auto& v : *arr) out.push_back(string_value(v, source, fmt::format("category_rules.{}", key)));
        return out;
      };
      for (const auto& item : *items) {
        const auto* rule = item.as_table();
        if (!rule) fail(source, item.source(), "each [[category_rules]] entry must be a table");
        CategoryRule r;
        if (const auto* n = rule->get("field")) r.field = string_value(*n, source, "category_rules.field");
        if (const auto* n = rule->get("label")) r.label = string_value(*n, source, "category_rules.label");
        if (const auto* n = rule->get("keywords")) r.keywords = strings(*n, "keywords");
        if (const auto* n = rule->get("regex")) r.regex = string_value(*n, source, "category_rules.regex");
        if (const auto* n = rule->get("tags")) r.tags = strings(*n, "tags");
        if (r.field != "category" && r.field != "root_cause")
          fail(source, item.source(), fmt::format("category_rules.field must be \"category\" or \"root_cause\", not \"{}\"", r.field));
        if (r.label.empty()) fail(source, item.source(), "a category rule needs a label");
        c.category_rules.push_back(std::move(r));
      }
    }
    if (const auto* node = t.get("tasks")) {
      const auto* items = node->as_array();
      if (!items) fail(source, node->source(), "tasks must be an array of tables ([[tasks]])");
      c.tasks.clear();
      for (const auto& item : *items) {
        const auto* task = item.as_table();
        if (!task) fail(source, item.source(), "each [[tasks]] entry must be a table");
        Task k;
        if (const auto* n = task->get("name")) k.name = string_value(*n, source, "tasks.name");
        if (const auto* n = task->get("failure")) k.failure = string_value(*n, source, "tasks.failure");
        if (const auto* n = task->get("success")) k.success = string_value(*n, source, "tasks.success");
        if (const auto* n = task->get("within")) {
          k.within_hours = number(*n, source, "tasks.within");
          if (!(k.within_hours > 0)) fail(source, n->source(), "tasks.within must be more than 0 hours");
        }
        if (k.failure.empty() || k.success.empty())
          fail(source, item.source(), "a task needs failure and success event names");
        if (k.name.empty()) k.name = k.failure;
        c.tasks.push_back(std::move(k));
      }
    }
    if (const auto* node = t.get("funnels")) {
      const auto* items = node->as_array();
      if (!items) fail(source, node->source(), "funnels must be an array of tables ([[funnels]])");
      c.funnels.clear();
      for (const auto& item : *items) {
        const auto* funnel = item.as_table();
        if (!funnel) fail(source, item.source(), "each [[funnels]] entry must be a table");
        Funnel f;
        if (const auto* n = funnel->get("name")) f.name = string_value(*n, source, "funnels.name");
        if (const auto* n = funnel->get("steps")) {
          const auto* steps = n->as_array();
          if (!steps) fail(source, n->source(), "funnels.steps must be an array of event names");
          for (const auto& step : *steps) f.steps.push_back(string_value(step, source, "funnels.steps"));
        }
        if (const auto* n = funnel->get("within_days")) {
          f.within_days = number(*n, source, "funnels.within_days");
          if (!(f.within_days > 0)) fail(source, n->source(), "funnels.within_days must be more than 0");
        }
        if (f.name.empty() || f.steps.size() < 2)
          fail(source, item.source(), "a funnel needs a name and at least two steps");
        c.funnels.push_back(std::move(f));
      }
    }
    if (const auto* node = t.get("activation"))
      if (auto* n = table(*node, source, "activation").get("event")) c.activation_event = string_value(*n, source, "activation.event");
    if (const auto* node = t.get("importers")) read_identity_order(*node, source, identity_order);
    if (const auto* node = t.get("events")) read_event_backend(*node, source, event_backend);
    if (const auto* node = t.get("reports"))
      if (auto* n = table(*node, source, "reports").get("redact_pii")) {
        if (auto b = n->value<bool>()) c.redact_pii = *b;
        else fail(source, n->source(), "reports.redact_pii must be true or false");
      }
    if (const auto* node = t.get("notify")) {
      const auto& nt = table(*node, source, "notify");
      if (auto* n = nt.get("timeout_seconds")) {
        c.notify_timeout_seconds = number(*n, source, "notify.timeout_seconds");
        if (!(c.notify_timeout_seconds > 0 && c.notify_timeout_seconds <= 600))
          fail(source, n->source(), "notify.timeout_seconds must be more than 0 and at most 600");
      }
      if (auto* n = nt.get("retries")) c.notify_retries = whole_number(*n, source, "notify.retries");
      if (auto* n = nt.get("retry_delay_ms")) c.notify_retry_delay_ms = whole_number(*n, source, "notify.retry_delay_ms");
      if (auto* n = nt.get("alerts")) c.notify_alerts_url = string_value(*n, source, "notify.alerts");
    }
    if (const auto* node = t.get("risk")) {
      const auto& rk = table(*node, source, "risk");
      auto whole = [&](const char* key, int& out, int min) {
        if (const auto* n = rk.get(key)) {
          out = whole_number(*n, source, fmt::format("risk.{}", key));
          if (out < min) fail(source, n->source(), fmt::format("risk.{} must be at least {}", key, min));
        }
      };
      whole("churn_horizon_days", c.risk.churn_horizon_days, 1);
      whole("costly_horizon_days", c.risk.costly_horizon_days, 1);
      whole("train_snapshots", c.risk.train_snapshots, 1);
      whole("snapshot_spacing_days", c.risk.snapshot_spacing_days, 1);
      whole("bootstrap_resamples", c.risk.bootstrap_resamples, 1);
      whole("top_reasons", c.risk.top_reasons, 1);
      if (const auto* n = rk.get("seed")) c.risk.seed = static_cast<std::uint64_t>(whole_number(*n, source, "risk.seed"));
      if (const auto* n = rk.get("costly_percentile")) {
        c.risk.costly_percentile = number(*n, source, "risk.costly_percentile");
        if (!(c.risk.costly_percentile > 0 && c.risk.costly_percentile < 100))
          fail(source, n->source(), "risk.costly_percentile must be between 0 and 100");
      }
      if (const auto* n = rk.get("prerequisites")) {
        const auto* items = n->as_array();
        if (!items) fail(source, n->source(), "risk.prerequisites must be an array of event names");
        c.risk.prerequisites.clear();
        for (const auto& item : *items) c.risk.prerequisites.push_back(string_value(item, source, "risk.prerequisites"));
      }
      whole("trees", c.risk.trees, 1);
      whole("tree_depth", c.risk.tree_depth, 1);
      auto positive = [&](const char* key, double& out, double max) {
        if (const auto* n = rk.get(key)) {
          out = number(*n, source, fmt::format("risk.{}", key));
          if (!(out > 0 && out <= max)) fail(source, n->source(), fmt::format("risk.{} must be more than 0 and at most {}", key, max));
        }
      };
      positive("learning_rate", c.risk.learning_rate, 1);
      positive("subsample", c.risk.subsample, 1);
      positive("min_child_weight", c.risk.min_child_weight, 1e9);
      if (const auto* n = rk.get("default_play")) c.risk.default_play = string_value(*n, source, "risk.default_play");
      if (const auto* n = rk.get("plays")) {
        const auto& plays = table(*n, source, "risk.plays");
        for (const auto& [k, v] : plays) c.risk.plays[std::string(k.str())] = string_value(v, source, "risk.plays");
      }
    }
    if (const auto* node = t.get("backlog")) {
      const auto& bl = table(*node, source, "backlog");
      auto share = [&](const char* key, double& out) {
        if (const auto* n = bl.get(key)) {
          out = number(*n, source, fmt::format("backlog.{}", key));
          if (!(out >= 0 && out <= 1)) fail(source, n->source(), fmt::format("backlog.{} must be from 0 to 1", key));
        }
      };
      share("ticket_reduction", c.backlog.ticket_reduction);
      share("churn_reduction", c.backlog.churn_reduction);
      if (const auto* n = bl.get("fix_cost_default")) {
        c.backlog.fix_cost_default = number(*n, source, "backlog.fix_cost_default");
        if (!(c.backlog.fix_cost_default > 0)) fail(source, n->source(), "backlog.fix_cost_default must be more than 0");
      }
      if (const auto* n = bl.get("fix_costs"))
        for (auto& [k, v] : number_map(*n, source, "backlog.fix_costs")) {
          if (!(v > 0)) fail(source, n->source(), fmt::format("backlog.fix_costs.\"{}\" must be more than 0", k));
          c.backlog.fix_costs[k] = v;
        }
    }
    if (const auto* node = t.get("experiments")) {
      const auto& ex = table(*node, source, "experiments");
      auto whole = [&](const char* key, int& out, int min) {
        if (const auto* n = ex.get(key)) {
          out = whole_number(*n, source, fmt::format("experiments.{}", key));
          if (out < min) fail(source, n->source(), fmt::format("experiments.{} must be at least {}", key, min));
        }
      };
      whole("window_days", c.experiments.window_days, 1);
      whole("min_accounts_per_arm", c.experiments.min_accounts_per_arm, 1);
      whole("min_events", c.experiments.min_events, 0);
      whole("min_churns", c.experiments.min_churns, 0);
      whole("bootstrap_resamples", c.experiments.bootstrap_resamples, 1);
      if (const auto* n = ex.get("seed")) c.experiments.seed = static_cast<std::uint64_t>(whole_number(*n, source, "experiments.seed"));
    }
    if (auto* n = t.get("targets")) c.targets = number_map(*n, source, "targets");
    if (const auto* node = t.get("playbooks")) {
      const auto* pbs = node->as_array();
      if (!pbs) fail(source, node->source(), "playbooks must be an array of tables ([[playbooks]])");
      c.playbooks.clear();
      for (const auto& item : *pbs) {
        const auto* pb = item.as_table();
        if (!pb) fail(source, item.source(), "each [[playbooks]] entry must be a table");
        Playbook p;
        auto field = [&](std::string_view name, std::string& out) {
          if (const auto* n = pb->get(name)) out = string_value(*n, source, fmt::format("playbooks.{}", name));
        };
        field("name", p.name);
        field("owner", p.owner);
        field("when", p.when);
        field("action", p.action);
        field("notify", p.notify);
        if (p.name.empty() || p.when.empty())
          fail(source, item.source(), "a playbook needs at least name and when");
        c.playbooks.push_back(std::move(p));
      }
    }
  };
  apply(reference);
  apply(doc);
  return c;
}

Config load_config(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in)
    throw Error(ErrorCode::kConfig,
                fmt::format("cannot read {}; create it with `ticketlens init`", path.string()));
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_config(ss.str(), path.string());
}

std::vector<std::string> load_identity_order(const std::filesystem::path& path) {
  std::vector<std::string> order;
  static const toml::table reference = toml::parse(kDefaultToml);
  read_identity_order(*reference.get("importers"), "defaults", order);
  if (!std::filesystem::exists(path)) return order;
  load_config(path);  // the whole file is valid, as for any command
  const toml::table doc = toml::parse_file(path.string());
  if (const auto* node = doc.get("importers")) read_identity_order(*node, path.string(), order);
  return order;
}

EventBackendSettings load_event_backend(const std::filesystem::path& path) {
  EventBackendSettings settings;
  static const toml::table reference = toml::parse(kDefaultToml);
  read_event_backend(*reference.get("events"), "defaults", settings);
  if (!std::filesystem::exists(path)) return settings;
  load_config(path);  // the whole file is valid, as for any command
  const toml::table doc = toml::parse_file(path.string());
  if (const auto* node = doc.get("events")) read_event_backend(*node, path.string(), settings);
  return settings;
}

}  // namespace ticketlens::model
