// ticketlens alerts: the alerts of a week (cost spikes per category, ticket rates after releases,
// retention after releases), each with its evidence.
#include <fmt/format.h>

#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>

#include "command.hpp"
#include "period_options.hpp"
#include "ticketlens/analysis/alerts.hpp"
#include "ticketlens/model/config.hpp"
#include "ticketlens/report/table.hpp"
#include "ticketlens/store/store.hpp"
#include "ticketlens/store/world_loader.hpp"

namespace ticketlens::app {
namespace {

struct AlertArgs {
  PeriodOptions period;
  std::string format = "table";
};

std::string numbers_text(const std::map<std::string, double>& numbers) {
  std::string out;
  for (const auto& [k, v] : numbers) out += fmt::format("{}{}={:.4g}", out.empty() ? "" : " ", k, v);
  return out;
}

std::string join(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ";") + id;
  return out;
}

}  // namespace

void register_alerts(CLI::App& root, Context& ctx) {
  auto args = std::make_shared<AlertArgs>();
  auto* sub = root.add_subcommand(
      "alerts", "Alerts of a week: cost per category beyond a robust z-score, ticket rates and retention after releases");
  add_workspace_option(*sub, ctx);
  add_period_options(*sub, args->period);
  add_format_option(*sub, args->format);
  sub->callback([&ctx, args] {
    auto store = store::Store::open(ctx.workspace);
    const auto config = model::load_config(std::filesystem::path(ctx.workspace) / "ticketlens.toml");
    const auto format = report::parse_format(args->format);
    const auto world = store::load_world(*store);
    const auto period = args->period.resolve(world);
    const auto r = analysis::compute_alerts(world, config, period);
    report::Table table;
    table.columns = {"rank", "kind", "severity", "release_id", "product_area", "category", "observed_from",
                     "observed_to", "baseline_from", "baseline_to", "p", "tickets", "title", "evidence", "ticket_ids"};
    std::int64_t rank = 0;
    for (const auto& a : r.alerts)
      table.add_row({++rank, a.kind, a.severity, a.release_id, a.product_area, a.category,
                     format_timestamp(a.observed.from), format_timestamp(a.observed.to),
                     format_timestamp(a.baseline.from), format_timestamp(a.baseline.to), a.p, a.ticket_count,
                     a.title, numbers_text(a.numbers), join(a.ticket_ids)});
    if (format == report::Format::kJson) {
      nlohmann::json j = nlohmann::json::array();
      for (const auto& a : r.alerts) {
        nlohmann::json numbers = nlohmann::json::object();
        for (const auto& [k, v] : a.numbers) numbers[k] = std::isfinite(v) ? nlohmann::json(v) : nlohmann::json();
        j.push_back({{"kind", a.kind}, {"title", a.title}, {"severity", a.severity}, {"p", a.p},
                     {"release_id", a.release_id}, {"product_area", a.product_area}, {"category", a.category},
                     {"observed", {{"start", format_timestamp(a.observed.from)}, {"end", format_timestamp(a.observed.to)}}},
                     {"baseline", {{"start", format_timestamp(a.baseline.from)}, {"end", format_timestamp(a.baseline.to)}}},
                     {"numbers", numbers}, {"tickets", a.ticket_count}, {"ticket_ids", a.ticket_ids}});
      }
      std::cout << nlohmann::json({{"period", period.label()}, {"alerts", j}}).dump(2) << '\n';
      return;
    }
    if (format == report::Format::kCsv) {
      report::render(table, format, std::cout);
      return;
    }
    std::cout << fmt::format("Alerts of {} ({} to {}, end exclusive): {}\n", period.label(),
                             format_timestamp(period.from), format_timestamp(period.to),
                             r.alerts.empty() ? "none fired" : fmt::format("{} fired", r.alerts.size()));
    std::size_t n = 0;
    for (const auto& a : r.alerts) {
      std::cout << fmt::format("\n{}. [{}] {}\n   evidence: {}\n   observed {} to {}; baseline {} to {}; p {:.3g}\n",
                               ++n, a.kind, a.title,
                               numbers_text(a.numbers), format_timestamp(a.observed.from),
                               format_timestamp(a.observed.to), format_timestamp(a.baseline.from),
                               format_timestamp(a.baseline.to), a.p);
      std::cout << fmt::format("   {} tickets: {}{}\n", a.ticket_count, join(a.ticket_ids),
                               a.ticket_count > static_cast<std::int64_t>(a.ticket_ids.size()) ? " ..." : "");
    }
  });
}

}  // namespace ticketlens::app
