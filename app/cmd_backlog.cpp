// ticketlens backlog: fixes per (product area, category) ranked by (ticket cost saved + ARR
// retained) / fix cost, with the assumptions printed. The analysis is analysis/backlog.hpp.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "command.hpp"
#include "ticketlens/analysis/backlog.hpp"
#include "ticketlens/analysis/retention/account_survival.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/model/config.hpp"
#include "ticketlens/report/table.hpp"
#include "ticketlens/store/store.hpp"
#include "ticketlens/store/world_loader.hpp"

namespace ticketlens::app {
namespace {

struct BacklogArgs {
  std::optional<std::string> as_of;
  int top = 20;
  std::string format = "table";
};

report::Table backlog_table(const analysis::Backlog& b, std::size_t top) {
  report::Table t;
  t.precision = 4;
  t.columns = {"rank", "product_area", "category", "tickets_year", "ticket_cost_year", "accounts_exposed",
               "exposed_arr", "hazard_ratio", "hr_lower", "hr_upper", "arr_at_risk", "arr_at_risk_lower",
               "arr_at_risk_upper", "ticket_cost_saved", "arr_retained", "fix_cost", "fix_cost_source",
               "value_per_cost"};
  for (std::size_t i = 0; i < b.items.size() && i < top; ++i) {
    const auto& x = b.items[i];
    t.add_row({static_cast<std::int64_t>(i + 1), x.product_area, x.category, x.tickets_year, x.ticket_cost_year,
               x.accounts_exposed, x.exposed_arr, x.hazard_ratio, x.hr_lower, x.hr_upper, x.arr_at_risk,
               x.arr_at_risk_lower, x.arr_at_risk_upper, x.ticket_cost_saved, x.arr_retained, x.fix_cost,
               std::string(x.fix_cost_default ? "default" : "config"), x.value_per_cost});
  }
  return t;
}

std::vector<std::string> assumptions(const analysis::Backlog& b, const std::string& currency) {
  return {
      fmt::format("Yearly ticket cost: tickets created in the 365 days to {} (direct + allocated, {}).",
                  format_date(b.as_of), currency),
      fmt::format("Churn-attributable ARR: accounts paying at {} with a ticket of the category in the 90 days "
                  "before; yearly excess churn (1 - p0) - (1 - p0)^HR with p0 = {:.4f} (churn within a year of the "
                  "{} accounts paying a year earlier) and HR the category's adjusted hazard ratio from the "
                  "retention Cox model ({} churns{}); HR <= 1 counts as no excess.",
                  format_date(b.as_of), b.yearly_churn, b.yearly_churn_accounts, b.cox_churns,
                  b.cox_converged ? "" : ", the Cox fit did NOT converge"),
      fmt::format("A fix removes {:.0f}% of the cell's yearly ticket cost ([backlog].ticket_reduction) and {:.0f}% of "
                  "its churn-attributable ARR ([backlog].churn_reduction).",
                  100 * b.ticket_reduction, 100 * b.churn_reduction),
      fmt::format("Fix cost: [backlog.fix_costs].\"area/category\", else {:.0f} {} ([backlog].fix_cost_default).",
                  b.fix_cost_default, currency),
      "Ranked by (ticket cost saved + ARR retained) / fix cost."};
}

}  // namespace

void register_backlog(CLI::App& root, Context& ctx) {
  auto args = std::make_shared<BacklogArgs>();
  auto* sub = root.add_subcommand(
      "backlog", "Fixes per (product area, category) ranked by (ticket cost saved + ARR retained) / fix cost");
  add_workspace_option(*sub, ctx);
  sub->add_option("--as-of", args->as_of, "Observe the data as of this date (default: the data's end)");
  sub->add_option("--top", args->top, "Cells to list")->capture_default_str();
  add_format_option(*sub, args->format);
  sub->callback([&ctx, args] {
    const auto format = report::parse_format(args->format);
    if (args->top < 1) throw Error(ErrorCode::kUsage, "--top must be at least 1");
    auto store = store::Store::open(ctx.workspace);
    const auto config = model::load_config(std::filesystem::path(ctx.workspace) / "ticketlens.toml");
    const auto world = store::load_world(*store);
    const auto b = analysis::support_backlog(world, config, analysis::retention::resolve_as_of(world, args->as_of));
    const auto table = backlog_table(b, static_cast<std::size_t>(args->top));
    if (format == report::Format::kJson) {
      std::cout << nlohmann::json({{"as_of", format_timestamp(b.as_of)},
                                   {"currency", config.currency},
                                   {"yearly_churn", b.yearly_churn},
                                   {"cox_converged", b.cox_converged},
                                   {"assumptions", assumptions(b, config.currency)},
                                   {"items", report::to_json(table)}})
                       .dump(2)
                << '\n';
      return;
    }
    if (format == report::Format::kTable) {
      std::cout << fmt::format("Support-driven backlog as of {} ({} cells)\n", format_date(b.as_of), b.items.size());
      for (const auto& a : assumptions(b, config.currency)) std::cout << "  " << a << '\n';
      std::cout << '\n';
    }
    report::render(table, format, std::cout);
  });
}

}  // namespace ticketlens::app
