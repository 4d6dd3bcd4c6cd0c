#pragma once
// The workspace configuration, ticketlens.toml. The commented default file (default_config_toml)
// is the one registry of settings: `init` writes it, the loader accepts exactly its keys (and
// the arrays of tables it shows), and docs/config.md is checked against it by a test.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ticketlens::model {

struct Playbook {
  std::string name, owner, when, action, notify;
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
  double gross_margin = 0.8;
  // [activation]
  std::string activation_event;
  // [reports]
  bool redact_pii = true;  ///< emails and phone numbers in report text become [email], [phone]
  // [notify]
  double notify_timeout_seconds = 5;
  int notify_retries = 2;
  int notify_retry_delay_ms = 500;
  std::vector<Playbook> playbooks;
  std::map<std::string, double> targets;
};

/// The default ticketlens.toml: every setting present, defaulted and commented.
std::string_view default_config_toml();
/// Parses and validates; Error(kConfig) names the file, line and key of the first problem.
Config load_config(const std::filesystem::path& path);
Config parse_config(std::string_view toml_text, std::string_view source_name);

}  // namespace ticketlens::model
