// What the demo plants, with the true values, as planted.json; and the exposed-ARR measure the
// planted week is calibrated against.
#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "ticketlens/demo/world.hpp"

namespace ticketlens::demo::detail {

double exposed_arr_pct(const World& world, Timestamp week_start) {
  const Timestamp week_end = week_start + 7 * kDay;
  std::vector<double> arr(world.accounts.size(), 0.0);
  double total = 0;
  for (const Subscription& s : world.subscriptions) {
    if (s.start <= week_end - 1 && week_end - 1 < s.end) {
      arr[s.account] += 12 * s.mrr;
      total += 12 * s.mrr;
    }
  }
  std::vector<int> tickets(world.accounts.size(), 0);
  for (const Ticket& t : world.tickets)
    if (t.created >= week_end - 30 * kDay && t.created < week_end) ++tickets[t.account];
  double exposed = 0;
  for (std::size_t a = 0; a < arr.size(); ++a)
    if (tickets[a] > 3) exposed += arr[a];
  return total > 0 ? 100.0 * exposed / total : 0.0;
}

nlohmann::json planted_json(const World& world) {
  using nlohmann::json;
  const Truth& truth = world.truth;
  json j;
  j["generator"] = "ticketlens demo";
  j["seed"] = world.options.seed;
  j["size"] = std::string(size_name(world.options.size));
  j["start"] = format_timestamp(world.start);
  j["end"] = format_timestamp(world.end);
  j["plant_effects"] = truth.planted;

  json world_facts;
  world_facts["tiers"] = {"starter", "growth", "enterprise"};
  world_facts["product_areas"] = kAreaNames;
  world_facts["categories"] = kCategoryNames;
  world_facts["baseline_monthly_churn"] = {{"starter", truth.monthly_churn[0]},
                                           {"growth", truth.monthly_churn[1]},
                                           {"enterprise", truth.monthly_churn[2]}};
  world_facts["reactivation_probability"] = truth.reactivation_probability;
  world_facts["payment_failed_baseline_per_account_day"] =
      truth.payment_failed_baseline_per_account_day;
  world_facts["activation_event"] = "import_completed";
  j["world"] = world_facts;

  j["experiment"] = {
      {"experiment_id", "guided_onboarding"},
      {"arms", {"control", "treatment"}},
      {"assignment", "at signup, accounts signing up in the last 183 days, 50/50"},
      {"outcome", "how_to and data_import tickets in the first 30 days after signup"},
      {"true_rate_ratio_treatment_vs_control",
       truth.planted ? truth.onboarding_ticket_ratio_treatment : 1.0}};

  if (!truth.planted) {
    for (const char* key : {"precursors", "release_spike", "churn_hazard", "costly_category",
                            "exposed_arr_week"})
      j[key] = nullptr;
    j["precursors"] = json::array();
    return j;
  }

  // (a) precursors, with the realised share of tickets that got their precursor event.
  std::array<int, kCategoryCount> with{}, all{};
  for (const Ticket& t : world.tickets) {
    ++all[t.category];
    with[t.category] += t.precursor;
  }
  auto share = [&](Category c) { return all[c] ? static_cast<double>(with[c]) / all[c] : 0.0; };
  j["precursors"] = json::array(
      {{{"event", "payment_failed"},
        {"product_area", "billing"},
        {"category", "billing"},
        {"window_hours", 24},
        {"probability", truth.payment_failed_before_billing},
        {"realised_share", share(kCatBilling)},
        {"user", "the ticket's requester"},
        {"baseline", "payment_failed also happens on ~0.4% of active account-days, unrelated "
                     "to tickets"}},
       {{"event", "import_error"},
        {"product_area", "data_import"},
        {"category", "data_import"},
        {"window_hours", 24},
        {"probability", truth.import_error_before_data_import},
        {"realised_share", share(kCatDataImport)},
        {"user", "the ticket's requester"},
        {"baseline", "import_error is also ~3% of ordinary data_import session events"}}});

  // (b) the release spike.
  const Release& r = world.releases[static_cast<std::size_t>(truth.spike_release)];
  j["release_spike"] = {
      {"release_id", release_id(r)},
      {"released_at", format_timestamp(r.at)},
      {"date", format_date(r.at)},
      {"product_area", std::string(kAreaNames[truth.spike_area])},
      {"days", truth.spike_days},
      {"error_rate_ratio", truth.spike_error_ratio},
      {"ticket_rate_ratio", truth.spike_ticket_ratio},
      {"issue_id", issue_id(static_cast<std::size_t>(truth.spike_issue))},
      {"ticket_tag", fmt::format("release-4.{}", r.minor)}};

  // (c) the churn hazard.
  j["churn_hazard"] = {
      {"model", "daily proportional hazard: baseline(tier) × HR_recurrent^x1(t) × "
                "HR_unresolved^x2(t); covariates evaluated at the start of each day"},
      {"covariates",
       json::array(
           {{{"name", "recent_recurrent_ticket"},
             {"definition", "x1(t) = 1 for 30 days after the creation of a recurrent ticket "
                            "(same account and category as a ticket created in the 30 days "
                            "before it)"},
             {"hazard_ratio", truth.hr_recurrent}},
            {{"name", "long_unresolved_ticket"},
             {"definition", "x2(t) = 1 from 7 days after a ticket's creation, if it is still "
                            "unresolved then, until 30 days after it is solved (or the end)"},
             {"hazard_ratio", truth.hr_unresolved}}})},
      {"baseline_monthly_churn", world_facts["baseline_monthly_churn"]},
      {"notes", "Churn ends an account's last subscription; a churned account reactivates with "
                "the given probability after 30-180 days and is again subject to the hazard. "
                "The burst accounts of the exposed-ARR week cannot churn during that week."}};

  // (d) the costly category.
  j["costly_category"] = {
      {"category", std::string(kCategoryNames[truth.costly_category])},
      {"handle_minutes_multiplier", truth.costly_handle_ratio},
      {"other_categories_multipliers", "0.6 to 1.3"},
      {"handle_minutes_median_base", "9-16 minutes by channel, × priority and escalation"}};

  // (e) the exposed-ARR week, with the measure computed from the generated data.
  const Timestamp week = burst_week_start(world.end);
  json accounts = json::array();
  for (std::uint32_t a : truth.burst_accounts) accounts.push_back(world.accounts[a].id);
  json around = json::object();
  for (int k = -4; k <= 8; ++k) {
    const Timestamp w = week + k * 7 * kDay;
    if (w + 7 * kDay > world.end) break;
    around[format_iso_week(iso_week_of(w))] = exposed_arr_pct(world, w);
  }
  j["exposed_arr_week"] = {
      {"week", format_iso_week(iso_week_of(week))},
      {"week_start", format_timestamp(week)},
      {"threshold_tickets", 3},
      {"window_days", 30},
      {"definition", "ARR (12 × MRR of subscriptions active at the week's end) of accounts with "
                     "more than 3 tickets created in the 30 days before the week's end, as % of "
                     "total ARR"},
      {"accounts", accounts},
      {"issue_id", issue_id(static_cast<std::size_t>(truth.burst_issue))},
      {"exposed_arr_pct", exposed_arr_pct(world, week)},
      {"exposed_arr_pct_by_week", around},
      {"notes", "The four weeks after it still hold the burst in their trailing 30 days; the "
                "weeks before it and from the fifth week after are normal (< 3%)."}};
  return j;
}

}  // namespace ticketlens::demo::detail
