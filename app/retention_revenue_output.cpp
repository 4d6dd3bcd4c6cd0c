// Rendering of cohort retention and MRR movements (docs/cli.md, "retention cohorts|revenue").
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "retention_output.hpp"
#include "ticketlens/report/analysis_json.hpp"
#include "ticketlens/report/table.hpp"

namespace ticketlens::app {
namespace {

using nlohmann::json;
namespace rt = analysis::retention;

report::Table cohort_table(const std::string& key, const std::vector<rt::CohortRow>& rows) {
  report::Table t;
  t.precision = 3;
  t.columns = {key, "accounts"};
  for (int h : rt::kCohortHorizons)
    for (const char* c : {"eligible_", "logo_", "revenue_"}) t.columns.push_back(fmt::format("{}{}m", c, h));
  for (const auto& r : rows) {
    std::vector<report::Cell> row{r.key, r.accounts};
    for (const auto& h : r.horizons) {
      row.emplace_back(h.eligible);
      row.emplace_back(h.logo_retention);
      row.emplace_back(h.revenue_retention);
    }
    t.add_row(std::move(row));
  }
  return t;
}

}  // namespace

void print_cohorts(const rt::CohortReport& c, const std::string& format) {
  if (format == "json") {
    std::cout << report::cohorts_json(c).dump(2) << '\n';
    return;
  }
  const auto months = cohort_table("signup_month", c.by_month);
  const auto segments = cohort_table(c.segment_by, c.by_segment);
  if (format == "csv") {  // one table: the segment rows after the months, the key column says which
    auto all = cohort_table("key", c.by_month);
    all.columns.insert(all.columns.begin(), "table");
    for (auto& r : all.rows) r.insert(r.begin(), std::string("signup_month"));
    for (auto r : segments.rows) {
      r.insert(r.begin(), c.segment_by);
      all.rows.push_back(std::move(r));
    }
    report::render_csv(all, std::cout);
    return;
  }
  std::cout << fmt::format(
      "Cohort retention as of {}: logo = share still subscribed N months after signup, revenue = their MRR then / "
      "starting MRR (eligible: signup + N months <= as-of)\n\nby signup month:\n",
      format_timestamp(c.as_of));
  report::render_text(months, std::cout);
  std::cout << fmt::format("\nby {}{}:\n", c.segment_by,
                           c.segment_by == "support"
                               ? " (first ticket category in the first 90 days; accounts subscribed at day 90)"
                               : "");
  report::render_text(segments, std::cout);
}

void print_revenue(const rt::RevenueReport& r, const std::string& format) {
  report::Table t;
  t.precision = 2;
  t.columns = {"month", "mrr_start", "new", "expansion", "reactivation", "contraction", "churn", "mrr_end",
               "accounts_end", "arpa", "logo_churn", "grr", "nrr"};
  for (const auto& m : r.months)
    t.add_row({m.month + (m.partial ? "*" : ""), m.mrr_start, m.new_mrr, m.expansion, m.reactivation, m.contraction,
               m.churn, m.mrr_end, m.accounts_end, m.arpa, m.logo_churn_rate, m.gross_retention, m.net_retention});
  if (format == "json") {
    json months = json::array();
    for (const auto& m : r.months)
      months.push_back({{"month", m.month},
                        {"start", format_timestamp(m.start)},
                        {"end", format_timestamp(m.end)},
                        {"partial", m.partial},
                        {"mrr_start", m.mrr_start},
                        {"new", m.new_mrr},
                        {"expansion", m.expansion},
                        {"reactivation", m.reactivation},
                        {"contraction", m.contraction},
                        {"churn", m.churn},
                        {"mrr_end", m.mrr_end},
                        {"accounts_start", m.accounts_start},
                        {"accounts_end", m.accounts_end},
                        {"new_accounts", m.new_accounts},
                        {"reactivated_accounts", m.reactivated_accounts},
                        {"churned_accounts", m.churned_accounts},
                        {"arpa", m.arpa},
                        {"logo_churn_rate", m.logo_churn_rate},
                        {"gross_revenue_retention", m.gross_retention},
                        {"net_revenue_retention", m.net_retention}});
    std::cout << json{{"as_of", format_timestamp(r.as_of)},
                      {"months", months},
                      {"window_months", r.window_months},
                      {"gross_revenue_retention", r.gross_retention_12m},
                      {"net_revenue_retention", r.net_retention_12m},
                      {"arpa", r.arpa},
                      {"monthly_churn_rate", r.monthly_churn_rate},
                      {"gross_margin", r.gross_margin},
                      {"clv", r.clv}}
                     .dump(2)
              << '\n';
    return;
  }
  if (format == "csv") {
    report::render_csv(t, std::cout);
    return;
  }
  std::cout << fmt::format("MRR movements per month, as of {} (* = partial month)\n", format_timestamp(r.as_of));
  report::render_text(t, std::cout);
  std::cout << fmt::format(
      "\nlast {} full months: gross revenue retention {:.1f}%, net {:.1f}%; monthly logo churn {:.2f}%\n"
      "ARPA {:.2f} x gross margin {:.2f} / monthly churn = CLV {:.2f}\n",
      r.window_months, 100 * r.gross_retention_12m, 100 * r.net_retention_12m, 100 * r.monthly_churn_rate, r.arpa,
      r.gross_margin, r.clv);
}

}  // namespace ticketlens::app
