// ticketlens status and ticketlens log: what the workspace holds and where it came from.
#include <fmt/format.h>

#include <iostream>

#include "command.hpp"
#include "ticketlens/common/time.hpp"
#include "ticketlens/report/table.hpp"
#include "ticketlens/store/store.hpp"

namespace ticketlens::app {

void register_status(CLI::App& root, Context& ctx) {
  auto format = std::make_shared<std::string>("table");
  auto* sub = root.add_subcommand("status", "Row count of every entity and the last ingest");
  add_workspace_option(*sub, ctx);
  add_format_option(*sub, *format);
  sub->callback([&ctx, format] {
    auto store = store::Store::open(ctx.workspace);
    const auto counts = store->row_counts();
    const auto log = store->ingest_log(1);
    if (*format == "json") {
      nlohmann::json j;
      j["workspace"] = ctx.workspace;
      j["schema_version"] = store->schema_version();
      j["data_version"] = store->data_version();
      j["rows"] = counts;
      j["event_segments"] = store->segments().size();
      if (!log.empty())
        j["last_ingest"] = {{"command_id", log[0].command_id}, {"file", log[0].path}, {"kind", log[0].kind},
                            {"status", log[0].status}, {"ended_at", format_timestamp(log[0].ended_at)}};
      else
        j["last_ingest"] = nullptr;
      std::cout << j.dump(2) << '\n';
      return;
    }
    report::Table t;
    t.columns = {"entity", "rows"};
    for (const auto& [k, v] : counts) t.add_row({k, v});
    report::render(t, report::parse_format(*format), std::cout);
    if (*format == "table") {
      if (log.empty())
        std::cout << "\nno ingest yet: ticketlens ingest FILE... (or ticketlens demo)\n";
      else
        std::cout << fmt::format("\nlast ingest: command {} at {}: {} ({}, {})\n", log[0].command_id,
                                 format_timestamp(log[0].ended_at), log[0].path, log[0].kind, log[0].status);
    }
  });
}

void register_log(CLI::App& root, Context& ctx) {
  auto format = std::make_shared<std::string>("table");
  auto limit = std::make_shared<std::int64_t>(50);
  auto* sub = root.add_subcommand("log", "The ingest log: every file ingested, with its size, "
                                         "SHA-256, counts and outcome (newest first)");
  add_workspace_option(*sub, ctx);
  add_format_option(*sub, *format);
  sub->add_option("--limit", *limit, "How many entries")->capture_default_str();
  sub->callback([&ctx, format, limit] {
    auto store = store::Store::open(ctx.workspace);
    report::Table t;
    t.columns = {"id", "command", "file", "kind", "format", "size", "sha256", "inserted", "updated",
                 "unchanged", "rejected", "started_at", "ended_at", "status"};
    for (const auto& e : store->ingest_log(*limit))
      t.add_row({e.id, e.command_id, e.path, e.kind, e.format, e.size,
                 *format == "table" ? e.sha256.substr(0, 12) : e.sha256, e.inserted, e.updated,
                 e.unchanged, e.rejected, format_timestamp(e.started_at), format_timestamp(e.ended_at),
                 e.status});
    report::render(t, report::parse_format(*format), std::cout);
  });
}

}  // namespace ticketlens::app
