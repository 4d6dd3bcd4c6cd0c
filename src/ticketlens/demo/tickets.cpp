// Tickets: which categories an account files and when, and how each ticket goes (channel,
// priority, root cause, first response, resolution, handling, escalation, reopens, CSAT); the
// tickets.csv and surveys.csv writers.
#include <fmt/format.h>

#include <algorithm>

#include "ticketlens/demo/csv_out.hpp"
#include "ticketlens/demo/world.hpp"

namespace ticketlens::demo::detail {
namespace {

constexpr double kAreaGivenCategory[kCategoryCount][kAreaCount] = {
    {1, 0, 0, 0, 0, 0},                       // billing
    {0, 1, 0, 0, 0, 0},                       // data_import
    {0.05, 0.2, 0.25, 0.1, 0.1, 0.3},         // how_to
    {0.05, 0.2, 0.2, 0.2, 0.05, 0.3},         // bug
    {0, 0, 0, 0, 1, 0},                       // account_access
    {0, 0, 0, 1, 0, 0},                       // integrations
    {0.05, 0.15, 0.3, 0.2, 0.1, 0.2},         // feature_request
    {0, 0, 1, 0, 0, 0},                       // reporting
};
constexpr double kChannelByTier[kTierCount][5] = {
    {0.42, 0.30, 0.03, 0.20, 0.05}, {0.40, 0.28, 0.08, 0.20, 0.04}, {0.38, 0.20, 0.20, 0.19, 0.03}};
constexpr double kRootCauseByCategory[kCategoryCount][5] = {
    {0.2, 0.05, 0.15, 0.35, 0.25}, {0.45, 0.3, 0.2, 0, 0.05}, {0.05, 0.45, 0.4, 0.05, 0.05},
    {0.9, 0, 0, 0, 0.1},           {0.2, 0.2, 0.2, 0, 0.4},   {0.55, 0.1, 0.2, 0.1, 0.05},
    {0.3, 0, 0, 0.5, 0.2},         {0.4, 0.15, 0.35, 0.05, 0.05}};
constexpr double kEscalationByCategory[kCategoryCount][4] = {
    {0.9, 0.08, 0.015, 0.005}, {0.75, 0.12, 0.05, 0.08}, {0.93, 0.06, 0.01, 0},
    {0.55, 0.15, 0.1, 0.2},    {0.9, 0.08, 0.015, 0.005}, {0.65, 0.15, 0.08, 0.12},
    {0.7, 0, 0.3, 0},          {0.85, 0.08, 0.04, 0.03}};
constexpr double kFirstResponseHours[] = {3.5, 0.08, 0.03, 4.5, 1.5};  // by channel
constexpr double kFirstResponsePriority[] = {1.6, 1.0, 0.5, 0.2};
constexpr double kResolutionHours[] = {10, 20, 6, 60, 4, 36, 48, 14};  // by category
constexpr double kResolutionEscalation[] = {1, 2, 3.5, 4};
constexpr double kHandleByChannel[] = {14, 11, 16, 14, 9};
constexpr double kHandleByCategory[] = {1.0, 1.25, 0.9, 1.3, 0.7, 1.15, 0.6, 1.0};
constexpr double kHandlePriority[] = {0.8, 1.0, 1.3, 1.7};
constexpr double kHandleEscalation[] = {1.0, 1.5, 1.6, 1.8};

constexpr std::string_view kStatusNames[] = {"new", "open", "pending", "solved", "closed"};
constexpr std::string_view kTeams[] = {"Customer Support", "Billing Support", "Technical Support",
                                       "Enterprise Success"};
constexpr std::string_view kAgents[4][6] = {
    {"alex.rivera", "sam.okafor", "jo.lindqvist", "kim.tran", "dana.weiss", "luis.ortega"},
    {"rita.mendes", "tom.becker", "ines.haddad", "paul.kowal", "mei.lin", "rita.mendes"},
    {"arun.nair", "eva.novak", "marc.dupont", "hana.sato", "ole.berg", "nadia.karim"},
    {"claire.fontaine", "raj.mehta", "sofia.lund", "ken.adams", "claire.fontaine", "raj.mehta"}};

std::size_t team_of(const World& world, const Ticket& t) {
  if (t.category == kCatBilling) return 1;
  if (t.category == kCatBug || t.category == kCatIntegrations || t.category == kCatDataImport)
    return 2;
  if (world.accounts[t.account].tier == kEnterprise) return 3;
  return 0;
}

std::int32_t find_open_issue(const World& world, Area area, Timestamp t) {
  const auto& ids = world.issues_by_area[area];
  auto it = std::upper_bound(ids.begin(), ids.end(), t, [&](Timestamp x, std::uint32_t i) {
    return x < world.issues[i].opened;
  });
  for (int k = 0; it != ids.begin() && k < 8; ++k) {
    --it;
    const Issue& is = world.issues[*it];
    if (is.resolved > t) return static_cast<std::int32_t>(*it);
  }
  return -1;
}

}  // namespace

std::string ticket_id(std::size_t index) { return fmt::format("T-{}", 100001 + index); }

double area_rate(const std::array<double, kCategoryCount>& rates, Area area) {
  double r = 0;
  for (int c = 0; c < kCategoryCount; ++c) r += rates[c] * kAreaGivenCategory[c][area];
  return r;
}

Category draw_category_in_area(const std::array<double, kCategoryCount>& rates, Area area,
                               Rng& rng) {
  std::array<double, kCategoryCount> w{};
  for (int c = 0; c < kCategoryCount; ++c) w[c] = rates[c] * kAreaGivenCategory[c][area];
  return static_cast<Category>(rng.pick(w));
}

std::array<double, kCategoryCount> category_rates(const World& world, const Account& account,
                                                  Timestamp t) {
  std::array<double, kCategoryCount> rate{};
  double total = 0;
  for (int c = 0; c < kCategoryCount; ++c) {
    rate[c] = kCategoryWeight[c] * (c == account.favourite_category ? 2.5 : 1.0);
    total += rate[c];
  }
  // Per calendar day, weekends quieter: the weekly mean of day_activity is 5.3 / 7.
  const double per_day = account.ticket_rate / 30.44 * day_activity(floor_day(t)) * 7.0 / 5.3;
  const bool onboarding = t - account.signup < 30 * kDay;
  const double treated = world.truth.planted && account.experiment_arm == 1
                             ? world.truth.onboarding_ticket_ratio_treatment
                             : 1.0;
  for (int c = 0; c < kCategoryCount; ++c) {
    rate[c] *= per_day / total;
    // Onboarding questions; enterprise onboarding is led by their success manager.
    constexpr double kOnboardingBoost[] = {3.0, 2.0, 1.5};
    const double boost = kOnboardingBoost[account.tier];
    if (onboarding && (c == kCatHowTo || c == kCatDataImport)) rate[c] *= boost * treated;
    if (onboarding && c == kCatAccountAccess) rate[c] *= 2.0;
  }
  return rate;
}

Area draw_area(Category category, Rng& rng) {
  return static_cast<Area>(rng.pick(kAreaGivenCategory[category]));
}

Ticket draw_ticket(const World& world, std::uint32_t account, Timestamp created, Category category,
                   Rng& rng) {
  const Account& acc = world.accounts[account];
  const Truth& truth = world.truth;
  Ticket t;
  t.account = account;
  t.created = created;
  t.category = category;
  t.area = draw_area(category, rng);
  t.requester = acc.first_user;
  for (int k = 0; k < 3; ++k) {
    const auto u = acc.first_user + static_cast<std::uint32_t>(rng.index(acc.user_count));
    if (world.users[u].created <= created) {
      t.requester = u;
      break;
    }
  }
  t.channel = static_cast<Channel>(rng.pick(kChannelByTier[acc.tier]));
  std::array<double, 4> prio = {0.2, 0.55, 0.18, 0.07};
  if (category == kCatBug || category == kCatAccountAccess) prio = {0.05, 0.45, 0.35, 0.15};
  if (category == kCatFeatureRequest) prio = {0.6, 0.37, 0.03, 0};
  if (acc.tier == kEnterprise) prio[2] += 0.1;
  t.priority = static_cast<Priority>(rng.pick(prio));
  t.root_cause = static_cast<RootCause>(rng.pick(kRootCauseByCategory[category]));
  t.escalation = static_cast<Escalation>(rng.pick(kEscalationByCategory[category]));

  const double first_hours = rng.lognormal(
      kFirstResponseHours[t.channel] * kFirstResponsePriority[t.priority], 0.9);
  const Timestamp first = created + std::max<Timestamp>(30, static_cast<Timestamp>(first_hours * 3600));
  const double solve_hours = rng.lognormal(
      kResolutionHours[category] * kResolutionEscalation[t.escalation], 1.1);
  Timestamp solved = created + static_cast<Timestamp>(solve_hours * 3600);
  solved = std::max(solved, first + 60 * rng.integer(2, 45));
  t.first_response = first < world.end ? first : kNever;
  t.solved = solved < world.end ? solved : kNever;

  const double handle_category = category == truth.costly_category && truth.planted
                                     ? truth.costly_handle_ratio
                                     : kHandleByCategory[category];
  const double handle = kHandleByChannel[t.channel] * handle_category * kHandlePriority[t.priority] *
                        kHandleEscalation[t.escalation] * rng.lognormal(1.0, 0.6);
  t.handle_minutes = rng.chance(0.05) ? -1.0f : static_cast<float>(std::max(1.0, handle));

  t.reopens = static_cast<std::uint8_t>(rng.pick(category == kCatBug ? std::array{0.8, 0.16, 0.04}
                                                                     : std::array{0.9, 0.085, 0.015}));
  const double days_open = static_cast<double>(solved - created) / kDay;
  t.replies = static_cast<std::uint8_t>(std::min(
      40, 1 + rng.poisson((t.channel == kChat ? 0.8 : 1.6) + 0.5 * std::min(days_open, 30.0)) +
              2 * t.reopens));
  if (t.solved != kNever && rng.chance(0.35)) {
    std::array<double, 5> p = {0.07, 0.07, 0.15, 0.3, 0.41};
    if (days_open < 1 && t.reopens == 0) p = {0.04, 0.04, 0.1, 0.27, 0.55};
    if (days_open > 3 || t.reopens > 0) p = {0.15, 0.15, 0.2, 0.25, 0.25};
    t.csat = static_cast<std::uint8_t>(1 + rng.pick(p));
    t.csat_survey = rng.chance(0.6);
  }
  if (t.root_cause == kProduct && rng.chance(0.55))
    t.issue = find_open_issue(world, t.area, created);
  t.text_seed = static_cast<std::uint32_t>(rng.next());
  if (truth.planted) {
    if (category == kCatBilling)
      t.precursor = rng.chance(truth.payment_failed_before_billing);
    else if (category == kCatDataImport)
      t.precursor = rng.chance(truth.import_error_before_data_import);
  }
  return t;
}

std::int64_t write_tickets(const World& world, const std::filesystem::path& dir) {
  CsvOut out(dir / "tickets.csv", model::Kind::kTickets);
  std::string subject, body, tags;
  for (std::size_t i = 0; i < world.tickets.size(); ++i) {
    const Ticket& t = world.tickets[i];
    const Account& acc = world.accounts[t.account];
    int status = t.solved != kNever ? (t.solved + 4 * kDay < world.end ? 4 : 3)
                 : t.first_response == kNever ? 0
                                              : (t.text_seed % 3 == 0 ? 2 : 1);
    out.raw(ticket_id(i)).raw(acc.id).raw(user_id(t.requester)).time(t.created);
    if (t.first_response == kNever) out.empty();
    else out.time(t.first_response);
    if (t.solved == kNever) out.empty();
    else out.time(t.solved);
    out.raw(kStatusNames[status]).raw(model::kChannels[t.channel]);
    out.raw(model::kPriorities[t.priority]).raw(kCategoryNames[t.category]);
    out.raw(kAreaNames[t.area]).raw(model::kRootCauses[t.root_cause]);
    out.raw(model::kEscalations[t.escalation]);
    if (t.handle_minutes < 0) out.empty();
    else out.fixed(t.handle_minutes, 1);
    out.integer(t.reopens).integer(t.replies);
    if (t.csat == 0) out.empty();
    else out.integer(t.csat);
    ticket_text(world, t, subject, body);
    out.text(subject).text(body);
    tags = kCategoryNames[t.category];
    if (kCategoryNames[t.category] != kAreaNames[t.area]) tags.append(";").append(kAreaNames[t.area]);
    if (acc.tier == kEnterprise) tags += ";vip";
    if (t.burst) tags += ";incident";
    if (t.release_spike && world.truth.spike_release >= 0)
      tags += fmt::format(";release-4.{}",
                          world.releases[static_cast<std::size_t>(world.truth.spike_release)].minor);
    if (t.reopens > 0) tags += ";reopened";
    if (t.escalation != kNone) tags += ";escalated";
    out.raw(tags);
    if (t.issue < 0) out.empty();
    else out.raw(issue_id(static_cast<std::size_t>(t.issue)));
    const std::size_t team = team_of(world, t);
    if (status == 0) out.empty();
    else out.raw(kAgents[team][t.text_seed % 6]);
    out.raw(kTeams[team]).end_row();
  }
  out.close();
  return out.rows();
}

std::int64_t write_surveys(const World& world, const std::filesystem::path& dir) {
  CsvOut out(dir / "surveys.csv", model::Kind::kSurveys);
  std::size_t n = 0;
  for (const NpsResponse& r : world.nps) {
    out.raw(fmt::format("nps_{:06}", ++n)).raw(world.accounts[r.account].id);
    out.raw(user_id(r.user)).time(r.ts).raw("nps").integer(r.score).empty().end_row();
  }
  n = 0;
  for (std::size_t i = 0; i < world.tickets.size(); ++i) {
    const Ticket& t = world.tickets[i];
    if (!t.csat_survey || t.csat == 0) continue;
    const Timestamp ts = t.solved + 1800 + static_cast<Timestamp>(t.text_seed % (6 * 3600));
    if (ts >= world.end) continue;
    out.raw(fmt::format("csat_{:06}", ++n)).raw(world.accounts[t.account].id);
    out.raw(user_id(t.requester)).time(ts).raw("csat").integer(t.csat).raw(ticket_id(i));
    out.end_row();
  }
  out.close();
  return out.rows();
}

}  // namespace ticketlens::demo::detail
