// ticketlens check: data-quality findings over the whole workspace.
#include <fmt/format.h>

#include <fmt/ranges.h>

#include <iostream>

#include "command.hpp"
#include "ticketlens/analysis/data_quality.hpp"
#include "ticketlens/report/table.hpp"
#include "ticketlens/store/store.hpp"
#include "ticketlens/store/world_loader.hpp"

namespace ticketlens::app {

void register_check(CLI::App& root, Context& ctx) {
  auto format = std::make_shared<std::string>("table");
  auto* sub = root.add_subcommand(
      "check", "Data quality: orphan references, conflicting ids, events after churn, tickets "
               "solved before created, first response after solve, days without events, "
               "suspicious time zones");
  add_workspace_option(*sub, ctx);
  add_format_option(*sub, *format);
  sub->callback([&ctx, format] {
    auto store = store::Store::open(ctx.workspace);
    const auto world = store::load_world(*store);
    const auto findings = analysis::check_data_quality(world);
    if (*format == "json") {
      nlohmann::json j = nlohmann::json::array();
      for (const auto& f : findings)
        j.push_back({{"name", f.name}, {"description", f.description}, {"count", f.count}, {"examples", f.examples}});
      std::cout << j.dump(2) << '\n';
      return;
    }
    report::Table t;
    t.columns = {"check", "count", "examples"};
    for (const auto& f : findings) t.add_row({f.name, f.count, fmt::format("{}", fmt::join(f.examples, "; "))});
    report::render(t, report::parse_format(*format), std::cout);
  });
}

}  // namespace ticketlens::app
