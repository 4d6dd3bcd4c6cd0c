#include "ticketlens/analysis/kpi.hpp"

#include <map>

#include "ticketlens/model/schema.hpp"

namespace ticketlens::analysis {
namespace {

constexpr std::uint8_t kEscalationNone = 0, kEscalationProduct = 2, kEscalationEngineering = 3;
constexpr std::uint8_t kSurveyNps = 0, kSurveyCes = 2;

// Raw observations of one group, reduced to KpiValues at the end.
struct Accumulator {
  std::int64_t tickets = 0, first_response_missing = 0, solved = 0, reopens = 0;
  std::int64_t reopen_known = 0, reopened = 0, reply_known = 0, replies = 0;
  std::int64_t solved_reply_known = 0, one_touch = 0, recurrent = 0, escalated = 0, to_product = 0;
  std::int64_t csat_satisfied = 0, backlog = 0, promoters = 0, detractors = 0;
  std::vector<double> first_response, resolution, csat, nps, ces;

  void add_ticket(const model::TicketTable& t, std::size_t r, bool is_recurrent) {
    ++tickets;
    if (t.first_response_at[r] != model::kNoTime)
      first_response.push_back(static_cast<double>(t.first_response_at[r] - t.created_at[r]) / kSecondsPerHour);
    else
      ++first_response_missing;
    const bool is_solved = t.solved_at[r] != model::kNoTime;
    if (is_solved) {
      ++solved;
      resolution.push_back(static_cast<double>(t.solved_at[r] - t.created_at[r]) / kSecondsPerHour);
    }
    if (t.reopens[r] >= 0) {
      ++reopen_known;
      reopens += t.reopens[r];
      reopened += t.reopens[r] > 0;
    }
    if (t.replies[r] >= 0) {
      ++reply_known;
      replies += t.replies[r];
      if (is_solved) {
        ++solved_reply_known;
        one_touch += t.replies[r] <= 1;
      }
    }
    recurrent += is_recurrent;
    const std::uint8_t e = t.escalated_to[r];
    if (e != model::kNoCode && e != kEscalationNone) {
      ++escalated;
      to_product += e == kEscalationProduct || e == kEscalationEngineering;
    }
    if (t.csat[r] >= 1) {
      csat.push_back(t.csat[r]);
      csat_satisfied += t.csat[r] >= 4;
    }
  }

  void add_survey(std::uint8_t kind, double score) {
    if (kind == kSurveyNps) {
      nps.push_back(score);
      promoters += score >= 9;
      detractors += score <= 6;
    } else if (kind == kSurveyCes) {
      ces.push_back(score);
    }
  }

  KpiValues finish(std::int64_t period_tickets) const {
    KpiValues v;
    const auto d = [](std::int64_t x) { return static_cast<double>(x); };
    v.tickets = tickets;
    v.share_pct = percent(d(tickets), d(period_tickets));
    v.first_response_hours = summarize(first_response);
    v.first_response_missing = first_response_missing;
    v.resolution_hours = summarize(resolution);
    v.solved = solved;
    v.reopens = reopens;
    v.reopened_pct = percent(d(reopened), d(reopen_known));
    v.replies_mean = reply_known ? d(replies) / d(reply_known) : kNaN;
    v.one_touch_pct = percent(d(one_touch), d(solved_reply_known));
    v.recurrent = recurrent;
    v.recurrent_pct = percent(d(recurrent), d(tickets));
    v.escalated = escalated;
    v.escalated_to_product = to_product;
    v.escalated_pct = percent(d(escalated), d(tickets));
    v.escalated_to_product_pct = percent(d(to_product), d(tickets));
    v.csat_responses = static_cast<std::int64_t>(csat.size());
    v.csat_mean = summarize(csat).mean;
    v.csat_satisfied_pct = percent(d(csat_satisfied), d(v.csat_responses));
    v.backlog = backlog;
    v.nps_responses = static_cast<std::int64_t>(nps.size());
    v.nps = nps.empty() ? kNaN : percent(d(promoters), d(v.nps_responses)) - percent(d(detractors), d(v.nps_responses));
    v.ces_responses = static_cast<std::int64_t>(ces.size());
    v.ces_mean = summarize(ces).mean;
    return v;
  }
};

// Open at `end`: created before it and not solved by then. A ticket without solved_at whose
// status says solved or closed was solved at an unknown time and is not counted as open.
bool open_at(const model::TicketTable& t, std::size_t r, Timestamp end) {
  if (t.created_at[r] >= end) return false;
  if (t.solved_at[r] != model::kNoTime) return t.solved_at[r] >= end;
  const auto status = t.statuses.at(t.status[r]);
  return status != "solved" && status != "closed";
}

}  // namespace

std::vector<std::uint8_t> recurrent_flags(const model::World& world, int recurrent_days) {
  const auto& t = world.tickets;
  std::vector<std::uint8_t> flags(t.size(), 0);
  const Timestamp window = static_cast<Timestamp>(recurrent_days) * kSecondsPerDay;
  for (std::size_t a = 0; a + 1 < t.account_offsets.size(); ++a) {
    const auto begin = t.account_offsets[a], end = t.account_offsets[a + 1];
    for (auto i = begin; i < end; ++i) {
      if (t.category[i] == model::kNone) continue;
      // Rows are sorted by created_at within the account: walk back while inside the window.
      for (auto j = i; j-- > begin;) {
        if (t.created_at[j] < t.created_at[i] - window) break;
        if (t.created_at[j] < t.created_at[i] && t.category[j] == t.category[i]) {
          flags[i] = 1;
          break;
        }
      }
    }
  }
  return flags;
}

KpiReport compute_kpis(const model::World& world, const model::Config& config, Period period,
                       std::span<const Dimension> by) {
  const auto& t = world.tickets;
  const auto recurrent = recurrent_flags(world, config.recurrent_days);
  Accumulator overall;
  std::map<std::vector<std::string>, Accumulator> groups;
  auto key_of_ticket = [&](std::size_t r) {
    std::vector<std::string> key;
    key.reserve(by.size());
    for (Dimension d : by) key.push_back(dimension_value(world, d, r));
    return key;
  };
  for (std::size_t r = 0; r < t.size(); ++r) {
    const bool in_period = period.contains(t.created_at[r]);
    const bool in_backlog = open_at(t, r, period.to);
    if (!in_period && !in_backlog) continue;
    Accumulator* group = by.empty() ? nullptr : &groups[key_of_ticket(r)];
    for (Accumulator* acc : {&overall, group}) {
      if (!acc) continue;
      if (in_period) acc->add_ticket(t, r, recurrent[r] != 0);
      acc->backlog += in_backlog;
    }
  }
  // Surveys: a survey's ticket dimensions come from its linked ticket.
  const auto& s = world.surveys;
  std::vector<std::uint32_t> row_of_id(t.ids.size(), model::kNone);
  for (std::size_t r = 0; r < t.size(); ++r) row_of_id[t.id[r]] = static_cast<std::uint32_t>(r);
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!period.contains(s.ts[i])) continue;
    if (s.kind[i] != kSurveyNps && s.kind[i] != kSurveyCes) continue;
    overall.add_survey(s.kind[i], s.score[i]);
    if (by.empty()) continue;
    const std::uint32_t row = s.ticket[i] < row_of_id.size() ? row_of_id[s.ticket[i]] : model::kNone;
    std::vector<std::string> key;
    for (Dimension d : by) {
      if (d == Dimension::kWeek)
        key.push_back(format_iso_week(iso_week_of(s.ts[i])));
      else if (is_account_dimension(d))
        key.push_back(account_dimension_value(world, d, s.account[i]));
      else
        key.push_back(row == model::kNone ? std::string(kMissingGroup) : dimension_value(world, d, row));
    }
    groups[key].add_survey(s.kind[i], s.score[i]);
  }
  KpiReport report;
  report.period = period;
  report.by.assign(by.begin(), by.end());
  report.overall = overall.finish(overall.tickets);
  for (const auto& [key, acc] : groups) report.groups.push_back({key, acc.finish(overall.tickets)});
  return report;
}

namespace {
double as_double(std::int64_t v) { return static_cast<double>(v); }
constexpr KpiMetric kMetrics[] = {
    {"tickets", "tickets created in the period", [](const KpiValues& v) { return as_double(v.tickets); }},
    {"share_pct", "tickets of the group / all tickets of the period × 100", [](const KpiValues& v) { return v.share_pct; }},
    {"first_response_hours_median", "median hours from created_at to first_response_at", [](const KpiValues& v) { return v.first_response_hours.median; }},
    {"first_response_hours_p90", "90th percentile of first response hours", [](const KpiValues& v) { return v.first_response_hours.p90; }},
    {"first_response_hours_mean", "mean first response hours", [](const KpiValues& v) { return v.first_response_hours.mean; }},
    {"first_response_missing", "tickets without a first response", [](const KpiValues& v) { return as_double(v.first_response_missing); }},
    {"resolution_hours_median", "median hours from created_at to solved_at", [](const KpiValues& v) { return v.resolution_hours.median; }},
    {"resolution_hours_p90", "90th percentile of resolution hours", [](const KpiValues& v) { return v.resolution_hours.p90; }},
    {"resolution_hours_mean", "mean resolution hours", [](const KpiValues& v) { return v.resolution_hours.mean; }},
    {"solved", "tickets with solved_at", [](const KpiValues& v) { return as_double(v.solved); }},
    {"reopens", "sum of reopens", [](const KpiValues& v) { return as_double(v.reopens); }},
    {"reopened_pct", "% of tickets reopened at least once", [](const KpiValues& v) { return v.reopened_pct; }},
    {"replies_mean", "mean agent replies per ticket", [](const KpiValues& v) { return v.replies_mean; }},
    {"one_touch_pct", "% of solved tickets solved with at most one reply", [](const KpiValues& v) { return v.one_touch_pct; }},
    {"recurrent_pct", "% of tickets recurrent (same account and category within recurrent_days)", [](const KpiValues& v) { return v.recurrent_pct; }},
    {"escalated_pct", "% of tickets escalated (tier2, product or engineering)", [](const KpiValues& v) { return v.escalated_pct; }},
    {"escalated_to_product_pct", "% of tickets escalated to product or engineering", [](const KpiValues& v) { return v.escalated_to_product_pct; }},
    {"csat_responses", "tickets with a CSAT rating", [](const KpiValues& v) { return as_double(v.csat_responses); }},
    {"csat_mean", "mean CSAT (1–5)", [](const KpiValues& v) { return v.csat_mean; }},
    {"csat_satisfied_pct", "% of CSAT ratings of 4 or 5", [](const KpiValues& v) { return v.csat_satisfied_pct; }},
    {"backlog", "tickets open at the period's end", [](const KpiValues& v) { return as_double(v.backlog); }},
    {"nps_responses", "NPS survey responses in the period", [](const KpiValues& v) { return as_double(v.nps_responses); }},
    {"nps", "% promoters (9–10) − % detractors (0–6)", [](const KpiValues& v) { return v.nps; }},
    {"ces_responses", "CES survey responses in the period", [](const KpiValues& v) { return as_double(v.ces_responses); }},
    {"ces_mean", "mean CES score", [](const KpiValues& v) { return v.ces_mean; }},
};
}  // namespace

std::span<const KpiMetric> kpi_metrics() { return kMetrics; }

}  // namespace ticketlens::analysis
