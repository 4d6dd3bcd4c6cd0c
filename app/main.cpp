// ticketlens: the command-line front end. Subcommands live in cmd_*.cpp; this file maps errors
// to exit codes (docs/cli.md): 0 ok, 1 usage or configuration, 2 data rejected, 3 internal.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "command.hpp"
#include "ticketlens/common/error.hpp"

int main(int argc, char** argv) {
  using namespace ticketlens;
  CLI::App root{
      "ticketlens: what customer support costs, why tickets happen, what they do to retention "
      "and revenue, and what to do about it this week."};
  root.set_version_flag("--version", "ticketlens 0.1.0");
  root.require_subcommand(1);
  app::Context ctx;
  app::register_init(root, ctx);
  app::register_demo(root, ctx);
  app::register_ingest(root, ctx);
  app::register_status(root, ctx);
  app::register_log(root, ctx);
  app::register_check(root, ctx);
  app::register_stats(root, ctx);
  app::register_kpi(root, ctx);
  app::register_cost(root, ctx);
  app::register_snapshot(root, ctx);
  app::register_precursors(root, ctx);
  app::register_alerts(root, ctx);
  app::register_aftermath(root, ctx);
  app::register_funnel(root, ctx);
  app::register_serve(root, ctx);
  app::register_token(root, ctx);
  app::register_retention(root, ctx);
  app::register_activity(root, ctx);
  app::register_risk(root, ctx);
  app::register_backlog(root, ctx);
  app::register_experiment(root, ctx);
  app::register_themes(root, ctx);
  app::register_categorize(root, ctx);
  try {
    root.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return root.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return root.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return root.exit(e);
  } catch (const CLI::ParseError& e) {
    root.exit(e);
    return 1;
  } catch (const Error& e) {
    std::cerr << "ticketlens: " << e.what() << '\n';
    return exit_code_for(e.code());
  } catch (const std::exception& e) {
    std::cerr << "ticketlens: internal error: " << e.what() << '\n';
    return 3;
  }
  return ctx.exit_code;
}
