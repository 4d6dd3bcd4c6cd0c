// Rendering of support-influenced CLV (docs/cli.md, "retention influence").
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "retention_output.hpp"
#include "ticketlens/report/table.hpp"

namespace ticketlens::app {

namespace rt = analysis::retention;
using nlohmann::json;

void print_influence(const rt::InfluenceReport& r, const std::string& format) {
  report::Table t;
  t.precision = 3;
  t.columns = {"ticket_type", "treated", "pairs", "churn_treated", "churn_control", "difference", "diff_lower",
               "diff_upper", "saved", "support_cost", "return_on_support", "cost_to_retain", "clv_difference"};
  for (const auto& x : r.types)
    t.add_row({x.ticket_type, x.treated, x.pairs, x.churn_treated, x.churn_control, x.difference.estimate,
               x.difference.lower, x.difference.upper, x.saved, x.support_cost, x.return_on_support, x.cost_to_retain,
               x.clv_difference});
  if (format == "json") {
    json types = json::array();
    for (const auto& x : r.types) {
      json balance = json::array(), subgroups = json::array();
      for (const auto& b : x.balance)
        balance.push_back({{"covariate", b.name},
                           {"mean_treated_before", b.mean_treated_before},
                           {"mean_control_before", b.mean_control_before},
                           {"smd_before", b.smd_before},
                           {"mean_treated_after", b.mean_treated_after},
                           {"mean_control_after", b.mean_control_after},
                           {"smd_after", b.smd_after}});
      for (const auto& g : x.subgroups)
        subgroups.push_back({{"dimension", g.dimension}, {"value", g.value}, {"pairs", g.pairs},
                             {"churn_treated", g.churn_treated}, {"churn_control", g.churn_control},
                             {"difference", g.difference}, {"saved", g.saved}, {"support_cost", g.support_cost}});
      const auto& pc = x.post_contact;
      types.push_back({{"ticket_type", x.ticket_type},
                       {"treated", x.treated},
                       {"controls", x.controls},
                       {"pairs", x.pairs},
                       {"unmatched", x.unmatched},
                       {"balance", balance},
                       {"churn_treated", x.churn_treated},
                       {"churn_control", x.churn_control},
                       {"difference", {{"estimate", x.difference.estimate}, {"lower", x.difference.lower},
                                       {"upper", x.difference.upper}, {"resamples", x.difference.resamples}}},
                       {"saved", x.saved},
                       {"support_cost", x.support_cost},
                       {"clv_treated", x.clv_treated},
                       {"clv_control", x.clv_control},
                       {"clv_difference", x.clv_difference},
                       {"return_on_support", x.return_on_support},
                       {"cost_to_retain", x.cost_to_retain},
                       {"subgroups", subgroups},
                       {"post_contact", {{"pairs", pc.treated},
                                         {"expansion_30d", {{"treated", pc.expansion_30d_treated},
                                                            {"control", pc.expansion_30d_control}}},
                                         {"expansion_90d", {{"treated", pc.expansion_90d_treated},
                                                            {"control", pc.expansion_90d_control}}},
                                         {"nps", {{"treated", pc.nps_treated}, {"control", pc.nps_control},
                                                  {"responses_treated", pc.nps_responses_treated},
                                                  {"responses_control", pc.nps_responses_control}}}}}});
    }
    std::cout << json{{"as_of", format_timestamp(r.as_of)},
                      {"contact_days", r.options.contact_days},
                      {"outcome_days", r.options.outcome_days},
                      {"arpa", r.arpa},
                      {"gross_margin", r.gross_margin},
                      {"clv", r.clv},
                      {"types", types}}
                     .dump(2)
              << '\n';
    return;
  }
  if (format == "csv") {
    report::render_csv(t, std::cout);
    return;
  }
  std::cout << fmt::format(
      "Support-influenced CLV as of {}: first contact of a type within {} days vs propensity-matched controls; "
      "churn in the {} days after (difference = control - treated, 95% bootstrap interval). CLV {:.2f}\n",
      format_timestamp(r.as_of), r.options.contact_days, r.options.outcome_days, r.clv);
  report::render_text(t, std::cout);
  for (const auto& x : r.types) {
    if (x.pairs == 0) continue;
    std::cout << fmt::format("\n{}: balance (standardized mean differences)\n", x.ticket_type);
    report::Table b;
    b.precision = 3;
    b.columns = {"covariate", "smd_before", "smd_after"};
    for (const auto& v : x.balance) b.add_row({v.name, v.smd_before, v.smd_after});
    report::render_text(b, std::cout);
    report::Table g;
    g.precision = 3;
    g.columns = {"dimension", "value", "pairs", "churn_treated", "churn_control", "saved", "support_cost"};
    for (const auto& s : x.subgroups)
      g.add_row({s.dimension, s.value, s.pairs, s.churn_treated, s.churn_control, s.saved, s.support_cost});
    report::render_text(g, std::cout);
    const auto& pc = x.post_contact;
    std::cout << fmt::format(
        "after contact: expansion within 30 d {:.1f}% vs {:.1f}%, within 90 d {:.1f}% vs {:.1f}%; NPS within 90 d "
        "{:.1f} ({} responses) vs {:.1f} ({})\n",
        100 * pc.expansion_30d_treated, 100 * pc.expansion_30d_control, 100 * pc.expansion_90d_treated,
        100 * pc.expansion_90d_control, pc.nps_treated, pc.nps_responses_treated, pc.nps_control,
        pc.nps_responses_control);
  }
}

}  // namespace ticketlens::app
