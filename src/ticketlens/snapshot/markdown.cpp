#include "ticketlens/snapshot/markdown.hpp"
#include "ticketlens/snapshot/coverage.hpp"
#include "ticketlens/snapshot/linkage.hpp"
#include "ticketlens/snapshot/proactive.hpp"
#include "ticketlens/snapshot/themes.hpp"

#include <fmt/format.h>

#include <cmath>

namespace ticketlens::snapshot {
namespace {

using nlohmann::json;

// Rows of the cost Pareto shown; a longer Pareto is itself the finding (cost spread thinly).
constexpr std::size_t kParetoShown = 15;

double number(const json& j) { return j.is_number() ? j.get<double>() : std::nan(""); }

std::string fixed(const json& j, int decimals = 1, std::string_view unit = "") {
  const double v = number(j);
  if (!std::isfinite(v)) return "n/a";
  return fmt::format("{:.{}f}{}", v, decimals, unit);
}

std::string money(const json& j, const std::string& currency) {
  const double v = number(j);
  if (!std::isfinite(v)) return "n/a";
  // Thousands separators by hand: fmt's locale-free {:L} depends on the global locale.
  const auto whole = static_cast<long long>(std::llround(v));
  std::string digits = std::to_string(whole < 0 ? -whole : whole), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return fmt::format("{}{} {}", whole < 0 ? "-" : "", currency, out);
}

std::string change(const json& j) {
  const double v = number(j);
  if (!std::isfinite(v)) return "–";
  return fmt::format("{:+.0f}%", v);
}

std::string cell(std::string s) {
  for (auto& c : s)
    if (c == '|') c = '/';
  return s;
}

}  // namespace

std::string render_markdown(const json& s) {
  std::string md;
  auto line = [&](const std::string& text = "") { md += text + "\n"; };
  const std::string cur = s.value("currency", "");
  const auto& period = s["period"];
  line(fmt::format("# Support snapshot {} ({} to {}, end exclusive)", period["label"].get<std::string>(),
                   period["start"].get<std::string>().substr(0, 10), period["end"].get<std::string>().substr(0, 10)));
  line();
  line(fmt::format("**Decision:** {}", s["decision"]["summary"].get<std::string>()));
  for (const auto& pb : s["decision"]["playbooks"])
    if (pb["fired"].get<bool>())
      line(fmt::format("- **{}** (owner: {}): {}", pb["name"].get<std::string>(), pb["owner"].get<std::string>(),
                       pb["action"].get<std::string>()));
  line();

  const auto& sig = s["signals"];
  const auto& tickets = sig["tickets"];
  line("## 1. Signals");
  line(fmt::format("- Tickets: **{}** (previous {}, {})", tickets["count"].get<std::int64_t>(),
                   fixed(tickets["prev_count"], 0), change(tickets["change_pct"])));
  line(fmt::format("- First response: median {}, p90 {}", fixed(sig["first_response_hours"]["median"], 1, " h"),
                   fixed(sig["first_response_hours"]["p90"], 1, " h")));
  line(fmt::format("- Resolution: median {}, p90 {}", fixed(sig["resolution_hours"]["median"], 1, " h"),
                   fixed(sig["resolution_hours"]["p90"], 1, " h")));
  line(fmt::format("- Recurrent: {} (previous {})", fixed(sig["recurrent_pct"], 1, "%"),
                   fixed(sig["prev_recurrent_pct"], 1, "%")));
  line(fmt::format("- Cost: {} (direct {}, allocated {}), {} per ticket", money(sig["cost"]["total"], cur),
                   money(sig["cost"]["direct"], cur), money(sig["cost"]["allocated"], cur),
                   money(sig["cost"]["per_ticket"], cur)));
  std::string trend;
  for (const auto& t : tickets["trend"])
    trend += fmt::format("{}{} {}", trend.empty() ? "" : " · ", t["period"].get<std::string>(),
                         t["count"].get<std::int64_t>());
  line(fmt::format("- Trend: {}", trend));
  if (sig.contains("indicators")) {
    const auto& lead = sig["indicators"]["leading"];
    const auto& lag = sig["indicators"]["lagging"];
    line(fmt::format("- Leading: product error rate {} (previous {}), escalated {}, CSAT {} ({} satisfied)",
                     fixed(lead["error_rate_pct"], 2, "%"), fixed(lead["prev_error_rate_pct"], 2, "%"),
                     fixed(lead["escalated_pct"], 1, "%"), fixed(lead["csat_mean"], 2),
                     fixed(lead["csat_satisfied_pct"], 0, "%")));
    line(fmt::format("- Lagging: resolution median {}, cost per ticket {}, net revenue retention (12 months) {}",
                     fixed(lag["resolution_hours_median"], 1, " h"), money(lag["cost_per_ticket"], cur),
                     fixed(lag["nrr_pct"], 1, "%")));
  }
  if (sig.contains("alerts"))
    for (const auto& l : alerts_markdown(sig["alerts"])) line(l);
  if (sig.contains("themes"))
    for (const auto& l : themes_markdown(sig["themes"])) line(l);
  line();
  line("| Product area | Tickets | Previous | Change |");
  line("|---|---:|---:|---:|");
  for (const auto& a : tickets["by_product_area"])
    line(fmt::format("| {} | {} | {} | {} |", cell(a["name"].get<std::string>()), a["count"].get<std::int64_t>(),
                     a["prev_count"].get<std::int64_t>(), change(a["change_pct"])));
  line();

  const auto& imp = s["impact"];
  const auto& ex = imp["exposed_arr"];
  line("## 2. Impact");
  line(fmt::format("- ARR exposed: **{}** = **{}** of {} total ARR ({} accounts with more than {} tickets in {} days)",
                   money(ex["amount"], cur), fixed(ex["pct"], 1, "%"), money(imp["total_arr"], cur),
                   ex["accounts"].size(), ex["threshold_tickets"].get<int>(), ex["window_days"].get<int>()));
  for (const auto& a : ex["accounts"])
    line(fmt::format("  - {} ({}): {} tickets, ARR {}", cell(a["name"].get<std::string>()),
                     a["account_id"].get<std::string>(), a["tickets_30d"].get<std::int64_t>(), money(a["arr"], cur)));
  const auto& ch = imp["churn_90d"];
  line(fmt::format("- 90-day churn: supported accounts {} (of {}), unsupported {} (of {})",
                   fixed(ch["supported"], 1, "%"), ch["supported_detail"]["accounts"].get<std::int64_t>(),
                   fixed(ch["unsupported"], 1, "%"), ch["unsupported_detail"]["accounts"].get<std::int64_t>()));
  if (ch.contains("difference_pp") && !ch["difference_pp"]["estimate"].is_null())
    line(fmt::format("  - difference {} points (95% CI {} to {})", fixed(ch["difference_pp"]["estimate"], 1),
                     fixed(ch["difference_pp"]["lower"], 1), fixed(ch["difference_pp"]["upper"], 1)));
  if (imp.contains("top_hazard_ratios") && !imp["top_hazard_ratios"].empty()) {
    std::string hr;
    for (const auto& h : imp["top_hazard_ratios"])
      hr += fmt::format("{}{} {} ({}–{})", hr.empty() ? "" : "; ", h["name"].get<std::string>(), fixed(h["hr"], 2),
                        fixed(h["lower"], 2), fixed(h["upper"], 2));
    line("- Churn hazard ratios (Cox, p < 0.05): " + hr);
  }
  line(fmt::format("- Time to value (`{}`): median {} for signups of the last 90 days",
                   imp["activation_event"].get<std::string>(), fixed(imp["ttv_days_median"], 1, " days")));
  line();
  line("| Signup cohort | Accounts | Activated | Median days |");
  line("|---|---:|---:|---:|");
  for (const auto& c : imp["ttv_days_by_cohort"])
    line(fmt::format("| {} | {} | {} | {} |", c["cohort"].get<std::string>(), c["accounts"].get<std::int64_t>(),
                     c["activated"].get<std::int64_t>(), fixed(c["median_days"], 1)));
  line();

  const auto& cause = s["cause"];
  line("## 3. Cause");
  std::string mix;
  for (const auto& r : cause["root_causes"])
    mix += fmt::format("{}{} {} ({})", mix.empty() ? "" : ", ", r["name"].get<std::string>(),
                       r["count"].get<std::int64_t>(), fixed(r["pct"], 0, "%"));
  line(fmt::format("- Root causes: {}", mix.empty() ? "none" : mix));
  line(fmt::format("- Escalated to Product: {}", fixed(cause["escalated_to_product_pct"], 1, "%")));
  line(fmt::format("- Root-cause issues resolved in the last 90 days: {}, median {}; {} open",
                   cause["issue_resolution_days"]["resolved_90d"].get<std::int64_t>(),
                   fixed(cause["issue_resolution_days"]["median"], 1, " days"),
                   cause["issue_resolution_days"]["open"].get<std::int64_t>()));
  if (cause.contains("precursors"))
    for (const auto& l : precursors_markdown(cause["precursors"])) line(l);
  line();
  line("| Cost Pareto: category × product area | Tickets | Cost | Cumulative |");
  line("|---|---:|---:|---:|");
  const auto& pareto = cause["cost_pareto"];
  for (std::size_t i = 0; i < pareto.size() && i < kParetoShown; ++i) {
    const auto& c = pareto[i];
    line(fmt::format("| {} × {} | {} | {} | {} |", cell(c["category"].get<std::string>()),
                     cell(c["product_area"].get<std::string>()), c["tickets"].get<std::int64_t>(),
                     money(c["total"], cur), fixed(c["cumulative_pct"], 0, "%")));
  }
  if (pareto.size() > kParetoShown) {
    line();
    line(fmt::format("The first {} of {} cells make {} of the cost: it is spread thinly, no few cells dominate "
                     "(every cell: snapshot JSON, cause.cost_pareto).",
                     kParetoShown, pareto.size(), fixed(pareto[kParetoShown - 1]["cumulative_pct"], 0, "%")));
  }
  line();
  if (cause.contains("fixes")) {
    for (const auto& l : backlog_markdown(cause["fixes"], cur)) line(l);
    line();
  }

  if (!s["targets"].empty()) {
    line("## Targets");
    line("| Metric | Target | This period | Previous | Met |");
    line("|---|---:|---:|---:|---|");
    for (const auto& t : s["targets"]) {
      const std::string met = t["met"].is_boolean() ? (t["met"].get<bool>() ? "yes" : "**no**") : "n/a";
      line(fmt::format("| {} | {} {} | {} | {} | {} |", t["metric"].get<std::string>(),
                       t["direction"] == "at_least" ? "≥" : "≤", fixed(t["target"], 1), fixed(t["value"], 1),
                       fixed(t["prev"], 1), met));
    }
    line();
  }

  line("## 4. Decision");
  if (s["decision"]["fired"].get<std::size_t>() == 0) line("No playbook fired this period.");
  for (const auto& pb : s["decision"]["playbooks"]) {
    line(fmt::format("- {} **{}** (owner: {}): {}", pb["fired"].get<bool>() ? "FIRED" : "not fired",
                     pb["name"].get<std::string>(), pb["owner"].get<std::string>(), pb["reason"].get<std::string>()));
    if (pb.contains("follow_up")) {
      std::string f;
      for (const auto& [name, v] : pb["follow_up"]["metrics"].items())
        f += fmt::format("{}{} {} → {}", f.empty() ? "" : ", ", name, fixed(v["then"], 2), fixed(v["now"], 2));
      line(fmt::format("  - follow-up since it fired in {}: {}", pb["follow_up"]["fired_in"].get<std::string>(), f));
    }
  }
  if (s["decision"].contains("proactive")) {
    line();
    for (const auto& l : proactive_markdown(s["decision"]["proactive"], cur)) line(l);
  }
  if (s["decision"].contains("notifications"))
    for (const auto& n : s["decision"]["notifications"]) {
      const int attempts = n["attempts"].get<int>();
      const std::string tries = fmt::format("{} attempt{}", attempts, attempts == 1 ? "" : "s");
      line(n["delivered"].get<bool>()
               ? fmt::format("- Webhook for {}: delivered ({})", n["playbook"].get<std::string>(), tries)
               : fmt::format("- Webhook for {}: **not delivered** after {}: {}", n["playbook"].get<std::string>(),
                             tries, n["error"].get<std::string>()));
    }
  if (s.contains("data_coverage")) {
    line();
    for (const auto& l : coverage_markdown(s["data_coverage"])) line(l);
  }
  return md;
}

}  // namespace ticketlens::snapshot
