#include "command.hpp"

namespace ticketlens::app {

CLI::Option* add_workspace_option(CLI::App& sub, Context& ctx) {
  return sub.add_option("-w,--workspace", ctx.workspace, "Workspace folder")->capture_default_str();
}

CLI::Option* add_format_option(CLI::App& sub, std::string& format) {
  return sub.add_option("--format", format, "Output format: table, json or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->capture_default_str();
}

}  // namespace ticketlens::app
