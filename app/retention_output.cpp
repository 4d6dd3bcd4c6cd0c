#include "retention_output.hpp"

#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "ticketlens/report/analysis_json.hpp"
#include "ticketlens/report/table.hpp"

namespace ticketlens::app {
namespace {

namespace rt = analysis::retention;

void add_group_row(report::Table& t, const std::string& label, const rt::GroupSurvival& g) {
  std::vector<report::Cell> row{label, g.accounts, g.churned, g.median.value, g.median.lower, g.median.upper};
  for (const auto& s : g.at_months) row.emplace_back(s.survival);
  t.add_row(std::move(row));
}

report::Table group_table(const std::string& first_column) {
  report::Table t;
  t.precision = 3;
  t.columns = {first_column, "accounts", "churned", "median_days", "median_lower", "median_upper",
               "surv_6m", "surv_12m", "surv_24m"};
  return t;
}

std::string p_text(double p) { return p < 1e-4 ? fmt::format("{:.1e}", p) : fmt::format("{:.4f}", p); }

std::string log_rank_line(const std::optional<stats::LogRankTest>& t) {
  if (!t) return "log-rank: fewer than two groups";
  return fmt::format("log-rank: chisq = {:.3f} on {} df, p = {}", t->chisq, t->df, p_text(t->p));
}

std::string hr_line(const rt::HazardRatio& h) {
  return fmt::format("HR {:.3f} (95% CI {:.3f} to {:.3f}), p = {}", h.hazard_ratio, h.lower, h.upper, p_text(h.p));
}

}  // namespace

void print_survival(const rt::SurvivalByGroup& s, const std::string& format) {
  if (format == "json") {
    std::cout << report::survival_json(s).dump(2) << '\n';
    return;
  }
  auto table = group_table(std::string(rt::account_grouping_name(s.grouping)));
  for (const auto& g : s.groups) add_group_row(table, g.group, g);
  if (format == "csv") {
    report::render_csv(table, std::cout);
    return;
  }
  std::cout << fmt::format("Account survival from signup to first churn, as of {} (days; surv_Nm = S at N months)\n",
                           format_timestamp(s.as_of));
  report::render_text(table, std::cout);
  std::cout << log_rank_line(s.log_rank) << '\n';
  if (s.without_subscription + s.signed_up_later > 0)
    std::cout << fmt::format("left out: {} accounts without a subscription, {} signed up after the as-of date\n",
                             s.without_subscription, s.signed_up_later);
}

void print_support(const rt::SupportComparison& s, const std::string& format) {
  const auto& tv = s.time_varying;
  if (format == "json") {
    std::cout << report::support_json(s).dump(2) << '\n';
    return;
  }
  report::Table t;
  t.precision = 3;
  t.columns = {"analysis", "hr", "lower", "upper", "p", "accounts", "churns"};
  auto add = [&](const char* name, const rt::HazardRatio& h, std::int64_t accounts) {
    t.add_row({std::string(name), h.hazard_ratio, h.lower, h.upper, h.p, accounts, h.events});
  };
  add("naive (ever vs never)", s.naive.hazard_ratio, s.accounts);
  add("time-varying (from first ticket)", tv.hazard_ratio, s.accounts);
  add(fmt::format("landmark {:g} d", s.landmark_days).c_str(), s.landmark.hazard_ratio, s.landmark_accounts);
  if (format == "csv") {
    report::render_csv(t, std::cout);
    return;
  }
  std::cout << fmt::format("Churn hazard of supported vs unsupported accounts, as of {}\n\n", format_timestamp(s.as_of));
  report::render_text(t, std::cout);
  std::cout << fmt::format(
      "\ntime-varying: {:.2f} churns per 1,000 account-months while supported ({} in {:.0f}), {:.2f} while not "
      "({} in {:.0f})\n",
      tv.supported_rate, tv.supported_churns, tv.supported_months, tv.unsupported_rate, tv.unsupported_churns,
      tv.unsupported_months);
  for (const auto* arm : {&s.naive, &s.landmark}) {
    const bool naive = arm == &s.naive;
    std::cout << (naive ? "\nnaive: ever supported vs never, from signup (biased by immortal time)\n"
                        : fmt::format("\nlandmark: accounts alive at {:g} days, by a ticket before it; days after the "
                                      "landmark\n",
                                      s.landmark_days));
    auto g = group_table("group");
    add_group_row(g, "supported", arm->supported);
    add_group_row(g, "unsupported", arm->unsupported);
    report::render_text(g, std::cout);
    std::cout << log_rank_line(arm->log_rank) << "; " << hr_line(arm->hazard_ratio) << '\n';
  }
}

void print_churn_cox(const rt::ChurnCox& c, const std::string& format) {
  const auto& fit = c.fit;
  if (format == "json") {
    std::cout << report::churn_cox_json(c).dump(2) << '\n';
    return;
  }
  report::Table t;
  t.precision = 3;
  t.columns = {"covariate", "hr", "lower", "upper", "p"};
  for (const auto& h : c.hazard_ratios) t.add_row({h.name, h.hazard_ratio, h.lower, h.upper, h.p});
  if (format == "csv") {
    report::render_csv(t, std::cout);
    return;
  }
  std::cout << fmt::format(
      "Cox model of churn, as of {}: {} accounts, {} counting-process intervals, {} churns; {} iterations{}\n\n",
      format_timestamp(c.as_of), c.accounts, c.intervals, c.churns, fit.iterations,
      fit.converged ? "" : " (did not converge)");
  report::render_text(t, std::cout);
  std::cout << fmt::format("\nlikelihood-ratio test = {:.2f} on {} df, p = {}; concordance = {:.3f} (se {:.3f})\n",
                           fit.lr_test.chisq, fit.lr_test.df, p_text(fit.lr_test.p), fit.concordance.value,
                           fit.concordance.std_err);
  report::Table zph;
  zph.precision = 3;
  zph.columns = {"term", "chisq", "df", "p"};
  for (const auto& x : fit.ph_terms) zph.add_row({x.name, x.chisq, std::int64_t{x.df}, x.p});
  zph.add_row({std::string("GLOBAL"), fit.ph_global.chisq, std::int64_t{fit.ph_global.df}, fit.ph_global.p});
  std::cout << "\nproportional hazards (cox.zph, km transform):\n";
  report::render_text(zph, std::cout);
  report::Table r;
  r.precision = 3;
  r.columns = {"rank", "category", "hr", "lower", "upper", "p"};
  std::int64_t rank = 0;
  for (const auto& h : c.categories_ranked)
    r.add_row({++rank, h.name.substr(h.name.find('=') + 1), h.hazard_ratio, h.lower, h.upper, h.p});
  std::cout << "\nticket categories by how corrosive they are to retention (adjusted HR, highest first):\n";
  report::render_text(r, std::cout);
}

}  // namespace ticketlens::app
