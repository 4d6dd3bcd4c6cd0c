#pragma once
// The contract between main.cpp and the subcommands: each app/cmd_<name>.cpp adds its CLI11
// subcommand to the root app and sets a callback. Callbacks throw ticketlens::Error on failure
// (main maps the code to the exit code) or set ctx.exit_code for an expected non-zero outcome.
#include <CLI/CLI.hpp>
#include <string>

namespace ticketlens::app {

struct Context {
  std::string workspace = ".";  ///< --workspace, shared by every command
  int exit_code = 0;
};

/// Adds `-w,--workspace DIR` (default: the current folder) to a subcommand.
CLI::Option* add_workspace_option(CLI::App& sub, Context& ctx);
/// Adds `--format table|json|csv` (default table) to a subcommand.
CLI::Option* add_format_option(CLI::App& sub, std::string& format);

void register_init(CLI::App& root, Context& ctx);
void register_ingest(CLI::App& root, Context& ctx);
void register_status(CLI::App& root, Context& ctx);
void register_log(CLI::App& root, Context& ctx);
void register_check(CLI::App& root, Context& ctx);
void register_demo(CLI::App& root, Context& ctx);
void register_stats(CLI::App& root, Context& ctx);
void register_kpi(CLI::App& root, Context& ctx);
void register_cost(CLI::App& root, Context& ctx);
void register_snapshot(CLI::App& root, Context& ctx);
void register_precursors(CLI::App& root, Context& ctx);
void register_alerts(CLI::App& root, Context& ctx);
void register_aftermath(CLI::App& root, Context& ctx);
void register_funnel(CLI::App& root, Context& ctx);
void register_serve(CLI::App& root, Context& ctx);
void register_token(CLI::App& root, Context& ctx);

/// Options of `serve`, shared with `demo` (which ends by serving).
struct ServeOptions {
  std::string workspace = ".";
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string assets;
  std::size_t threads = 16;
  std::size_t max_body_mb = 64;
  double time_cap_seconds = 20;
};
void add_serve_options(CLI::App& sub, ServeOptions& options);
/// Serves until SIGINT or SIGTERM; prints `banner` and then the URL on stdout.
void serve_dashboard(const ServeOptions& options, const std::string& banner);
void register_retention(CLI::App& root, Context& ctx);
void register_activity(CLI::App& root, Context& ctx);
void register_risk(CLI::App& root, Context& ctx);
void register_backlog(CLI::App& root, Context& ctx);
void register_experiment(CLI::App& root, Context& ctx);
void register_themes(CLI::App& root, Context& ctx);
void register_categorize(CLI::App& root, Context& ctx);

}  // namespace ticketlens::app
