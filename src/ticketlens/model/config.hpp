#pragma once
// The workspace configuration, ticketlens.toml. The commented default file (default_config_toml)
// is the one registry of settings: `init` writes it, the loader accepts exactly its keys (and
// the arrays of tables it shows), and docs/config.md is checked against it by a test.
#include <filesystem>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ticketlens::model {

struct Playbook {
  std::string name, owner, when, action, notify;
};

/// [precursors]: the control windows and the tests of docs/metrics.md "Precursors".
struct PrecursorSettings {
  int controls = 5;              ///< control windows drawn per ticket
  int control_max_weeks = 12;    ///< controls are 1..this many whole weeks from the ticket
  std::uint64_t seed = 1;        ///< the draw of control windows
  int min_support = 5;           ///< ticket windows with the event needed to test a pair
  double fdr = 0.05;             ///< significant: Benjamini–Hochberg q below this and lift > 1
  int path_length = 3;           ///< events in a last-k path
};

/// [alerts]: docs/metrics.md "Alerts".
struct AlertSettings {
  double cost_z = 3.5;           ///< cost_spike when the robust z reaches this
  int trailing_weeks = 8;        ///< periods of history for the robust z
  int min_tickets = 3;           ///< an alert needs at least this many tickets behind it
  int release_days = 14;         ///< days after (and before) a release compared
  double rate_ratio_lower = 1.0; ///< release_ticket_rate when the interval's lower bound exceeds this
  int active_days = 7;           ///< active at a release: an event in this many days before it
  int retention_days = 30;       ///< retained: active in the `active_days` before this day
  double retention_p = 0.01;     ///< release_retention when Fisher's p is below this
};

/// [themes]: docs/metrics.md "Emerging themes".
struct ThemeSettings {
  int trailing_weeks = 8;   ///< the baseline: this many weeks before the period
  int min_tickets = 3;      ///< a term is tested when at least this many of the period's tickets hold it
  double fdr = 0.05;        ///< significant: Benjamini–Hochberg q below this ...
  double min_ratio = 2.0;   ///< ... and the term's share at least this many times its baseline share
  double overlap = 0.5;     ///< a term joins a theme when this share of its tickets (or the seed's) overlap
  int max_themes = 10;      ///< themes reported
  int examples = 5;         ///< example ticket ids per theme
};

/// [categorize]: `ticketlens categorize` (docs/metrics.md "Categorisation").
struct CategorizeSettings {
  double threshold = 0.6;      ///< below this confidence a ticket stays uncategorised
  int epoch = 50;              ///< fastText training epochs
  double lr = 0.5;             ///< learning rate
  int dim = 50;                ///< embedding size
  int word_ngrams = 2;         ///< word n-grams (2: words and bigrams)
  int min_char_ngram = 0;      ///< subword n-grams from min to max bytes (0: none)
  int max_char_ngram = 0;
  std::uint64_t seed = 1;      ///< training and the evaluation split
  double test_share = 0.2;     ///< held-out share of `categorize evaluate`
};

/// [[category_rules]]: a ticket matching any of keywords, regex or tags gets `label` for `field`
/// before any model is asked; the first matching rule wins.
struct CategoryRule {
  std::string field = "category";  ///< "category" or "root_cause"
  std::string label;
  std::vector<std::string> keywords;  ///< word sequences, matched on normalised words
  std::string regex;                  ///< ECMAScript, case-insensitive, on subject and body
  std::vector<std::string> tags;      ///< any of the ticket's tags (case-insensitive)
};

/// [[tasks]]: a failure event and the success event that completes the task.
struct Task {
  std::string name, failure, success;
  double within_hours = 72;  ///< the success must follow the failure within this many hours
};

/// [aftermath]: docs/metrics.md "Aftermath".
struct AftermathSettings {
  int disengaged_days = 30;                ///< disengaged: no event this many days after solved_at
  double fast_first_response_hours = 1.0;  ///< a first response within this is fast
};

/// [[funnels]]: ordered steps (event names) and a time limit from the first step.
struct Funnel {
  std::string name;
  std::vector<std::string> steps;
  double within_days = 7;
};

/// [risk]: docs/metrics.md "Risk scores".
struct RiskSettings {
  int churn_horizon_days = 90;     ///< churn target: churn within this many days of the cut-off
  int costly_horizon_days = 30;    ///< costly target: ticket cost in this many days after it
  double costly_percentile = 90;   ///< ... above this percentile of the accounts' costs
  int train_snapshots = 6;         ///< training cut-offs per model
  int snapshot_spacing_days = 30;  ///< days between training cut-offs
  std::vector<std::string> prerequisites;  ///< setup events every account should do
  int bootstrap_resamples = 1000;  ///< for the AUC interval
  std::uint64_t seed = 1;          ///< bootstrap and permutation importance
  int top_reasons = 3;             ///< reasons shown per account
  std::map<std::string, std::string> plays;  ///< [risk.plays]: reason (feature) -> intervention
  std::string default_play;        ///< when no reason of an account has a play
  // Gradient-boosted trees (XGBoost)
  int trees = 200;                 ///< boosting rounds
  int tree_depth = 4;
  double learning_rate = 0.05;
  double subsample = 0.8;
  double min_child_weight = 5;
};

/// [backlog]: docs/metrics.md "Backlog".
struct BacklogSettings {
  double ticket_reduction = 0.5;   ///< share of a cell's tickets a fix removes
  double churn_reduction = 1.0;    ///< share of its excess churn a fix removes
  double fix_cost_default = 25000; ///< per (product area, category) without an entry below
  std::map<std::string, double> fix_costs;  ///< [backlog.fix_costs]: "area/category" -> cost
};

/// [experiments]: docs/metrics.md "Experiments".
struct ExperimentSettings {
  int window_days = 90;            ///< follow-up after assignment
  int min_accounts_per_arm = 30;   ///< fewer: "too small to tell"
  int min_events = 20;             ///< tickets in both arms needed for a ticket verdict
  int min_churns = 10;             ///< churns in both arms needed for a churn verdict
  int bootstrap_resamples = 2000;
  std::uint64_t seed = 1;
};

struct Config {
  // [costs]
  std::map<std::string, double> hourly_rate;        ///< per channel, currency per agent hour
  std::map<std::string, double> priority_multiplier;  ///< per priority
  std::map<std::string, double> default_handle_minutes;  ///< per channel, when unknown
  double tier2_rate = 0, engineering_rate = 0, tier2_minutes = 0, engineering_hours = 0;
  double rehandle_minutes = 0;
  double fallback_hourly_rate = 0;     ///< for a ticket whose channel is missing or has no rate
  double fallback_handle_minutes = 0;  ///< for a ticket whose channel has no default either
  double monthly_fixed_costs = 0;  ///< tooling licences and platform overhead per month
  std::string currency;
  // [thresholds] and [windows]
  int exposed_arr_min_tickets = 3;  ///< "more than X tickets in the trailing 30 days"
  int recurrent_days = 30;
  int precursor_window_hours = 24;
  PrecursorSettings precursors;
  AlertSettings alerts;
  AftermathSettings aftermath;
  ThemeSettings themes;
  CategorizeSettings categorize;
  std::vector<CategoryRule> category_rules;
  std::vector<Task> tasks;
  std::vector<Funnel> funnels;
  RiskSettings risk;
  BacklogSettings backlog;
  ExperimentSettings experiments;
  double gross_margin = 0.8;
  // [activation]
  std::string activation_event;
  // [reports]
  bool redact_pii = true;  ///< emails and phone numbers in report text become [email], [phone]
  // [notify]
  double notify_timeout_seconds = 5;
  int notify_retries = 2;
  int notify_retry_delay_ms = 500;
  std::string notify_alerts_url;  ///< where raised alerts are POSTed; empty: nowhere
  std::vector<Playbook> playbooks;
  std::map<std::string, double> targets;
};

/// The default ticketlens.toml: every setting present, defaulted and commented.
std::string_view default_config_toml();
/// Parses and validates; Error(kConfig) names the file, line and key of the first problem.
Config load_config(const std::filesystem::path& path);
Config parse_config(std::string_view toml_text, std::string_view source_name);

}  // namespace ticketlens::model
