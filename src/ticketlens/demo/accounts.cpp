// The book of accounts and their users: tiers, regions, industries, monthly signup cohorts that
// grow over two years, a lognormal MRR per tier (many small accounts, a few large ones).
#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

#include "ticketlens/demo/csv_out.hpp"
#include "ticketlens/demo/world.hpp"

namespace ticketlens::demo::detail {
namespace {

constexpr std::string_view kNameFirst[] = {
    "Blue", "North", "Bright", "Summit", "Cedar", "Harbor", "Silver", "Granite", "Maple",
    "Pioneer", "Redwood", "Atlas", "Beacon", "Clear", "Copper", "Evergreen", "Falcon", "Golden",
    "Highland", "Iron", "Juniper", "Keystone", "Lakeside", "Meridian", "Nova", "Oak", "Pacific",
    "Quarry", "River", "Sterling", "Tidal", "Union", "Vector", "West", "Willow", "Zenith",
    "Alder", "Orbit", "Prairie", "Crescent"};
constexpr std::string_view kNameSecond[] = {
    "Harbor", "Peak", "Field", "Stone", "Bridge", "Point", "Line", "Works", "Path", "Gate",
    "Light", "Wave", "Ridge", "Leaf", "Forge", "Crest", "Loop", "Grove", "Port", "Mill",
    "Spring", "Trail", "Yard", "Vale", "Rock", "Sky", "Shore", "Bay", "Hill", "Brook"};
constexpr std::string_view kNameIndustryWord[] = {
    "Software", "Retail", "Health", "Capital", "Manufacturing", "Learning", "Media", "Logistics",
    "Consulting", "Foundation"};
constexpr std::string_view kNameSuffix[] = {"", "", "", ", Inc.", " LLC", " Ltd", " GmbH", " Co.",
                                            " Group", " Labs"};

constexpr std::string_view kFirstNames[] = {
    "maria", "james", "anna", "david", "sofia", "michael", "emma", "daniel", "olivia", "lucas",
    "mia", "noah", "chen", "wei", "priya", "arjun", "fatima", "omar", "yuki", "hiro", "laura",
    "pedro", "ana", "joao", "elena", "ivan", "sara", "thomas", "julia", "ben", "grace", "leo",
    "nina", "samuel", "chloe", "ali", "zoe", "mateo", "isla", "ethan"};
constexpr std::string_view kLastNames[] = {
    "smith", "garcia", "mueller", "silva", "kim", "nguyen", "patel", "johnson", "rossi", "dubois",
    "tanaka", "kowalski", "jensen", "oconnor", "brown", "lopez", "schmidt", "santos", "wang",
    "li", "kumar", "ahmed", "cohen", "novak", "larsen", "moreau", "fischer", "costa", "ito",
    "walker", "white", "martin", "petrov", "hughes", "reyes", "hansen", "weber", "yilmaz",
    "park", "evans"};

constexpr double kTierShare[] = {0.55, 0.33, 0.12};
constexpr double kRegionShare[] = {0.45, 0.30, 0.15, 0.10};
constexpr double kIndustryShare[] = {0.2, 0.12, 0.1, 0.1, 0.1, 0.08, 0.07, 0.09, 0.09, 0.05};
constexpr double kMrrMedian[] = {99, 650, 3800};
constexpr double kMrrSigma[] = {0.45, 0.5, 0.6};
constexpr double kMaxMrr = 12000;  // the largest deal this company has signed
// Enterprise accounts have a customer-success manager who fields most questions, so they file
// fewer tickets per account; this also keeps the few large accounts that hold several % of ARR
// each from crossing the exposed-ARR threshold (> 3 tickets in 30 days) by chance.
constexpr double kTicketsPerMonth[] = {1.35, 0.75, 0.45};
constexpr double kTicketRateSpread[] = {0.4, 0.3, 0.2};
constexpr float kAreaUseBase[] = {0.06f, 0.16f, 0.24f, 0.12f, 0.08f, 0.34f};

std::string domain_of(std::string_view name) {
  std::string d;
  for (char c : name) {
    if (c == ',') break;
    if (c >= 'A' && c <= 'Z') d.push_back(static_cast<char>(c - 'A' + 'a'));
    else if (c >= 'a' && c <= 'z') d.push_back(c);
    else if (c >= '0' && c <= '9') d.push_back(c);
  }
  return d + ".com";
}

int accounts_for(Size size) {
  switch (size) {
    case Size::kSmall: return 500;
    case Size::kMedium: return 20000;
    case Size::kLarge: return 100000;
  }
  return 500;
}

}  // namespace

Timestamp working_time_of_day(int region, Rng& rng) {
  double local_hour = rng.chance(0.6) ? 10.5 + 1.5 * rng.normal() : 15.0 + 1.7 * rng.normal();
  local_hour = std::clamp(local_hour, 6.0, 22.0);
  const double utc_hour = local_hour - kRegionUtcOffsetHours[region];
  return static_cast<Timestamp>(utc_hour * 3600.0);
}

double day_activity(Timestamp day_start) {
  const std::int64_t days = day_start / kDay;
  const std::int64_t weekday = ((days + 3) % 7 + 7) % 7;  // Monday = 0
  double a = weekday < 5 ? 1.0 : (weekday == 5 ? 0.18 : 0.12);
  const CivilDate c = civil_from_days(days);
  if ((c.month == 12 && c.day >= 24) || (c.month == 1 && c.day == 1)) a *= 0.5;
  return a;
}

std::string user_id(std::uint32_t index) { return fmt::format("u_{:06}", index + 1); }

void make_accounts(World& world) {
  Rng rng(world.options.seed, Stream::kAccount);
  const int n = world.options.accounts > 0 ? world.options.accounts : accounts_for(world.options.size);
  const double span = static_cast<double>(world.end - 7 * kDay - world.start);
  world.accounts.resize(static_cast<std::size_t>(n));
  for (auto& a : world.accounts) {
    a.region = static_cast<std::uint8_t>(rng.pick(kRegionShare));
    // Cohorts grow: the signup density rises linearly from 1 to 2.5 over the two years.
    Timestamp day = 0;
    for (int attempt = 0; attempt < 4; ++attempt) {
      const double x = (-1.0 + std::sqrt(1.0 + 5.25 * rng.uniform())) / 1.5;
      day = floor_day(world.start + static_cast<Timestamp>(x * span));
      if (day_activity(day) >= 1.0 || rng.chance(0.2)) break;
    }
    a.signup = std::max(world.start, day + working_time_of_day(a.region, rng));
  }
  std::sort(world.accounts.begin(), world.accounts.end(),
            [](const Account& x, const Account& y) { return x.signup < y.signup; });

  std::unordered_set<std::string> names;
  for (std::size_t i = 0; i < world.accounts.size(); ++i) {
    Account& a = world.accounts[i];
    a.id = fmt::format("acc_{:05}", i + 1);
    a.tier = static_cast<Tier>(rng.pick(kTierShare));
    a.industry = static_cast<std::uint8_t>(rng.pick(kIndustryShare));
    for (int attempt = 0;; ++attempt) {
      std::string name = fmt::format("{} {}", rng.one_of(kNameFirst), rng.one_of(kNameSecond));
      if (rng.chance(0.4)) name = fmt::format("{} {}", name, kNameIndustryWord[a.industry]);
      if (attempt >= 6) name = fmt::format("{} {}", name, i + 1);
      if (names.insert(name).second) {
        a.domain = domain_of(name);
        a.name = name + std::string(rng.one_of(kNameSuffix));
        break;
      }
    }
    a.initial_mrr = std::clamp(std::round(rng.lognormal(kMrrMedian[a.tier], kMrrSigma[a.tier])),
                               29.0, kMaxMrr);
    const double users =
        a.tier == kStarter ? 1 + rng.poisson(1.5)
        : a.tier == kGrowth ? 4 + rng.lognormal(6, 0.5)
                            : 12 + std::min(250.0, rng.lognormal(22, 0.6));
    a.user_count = static_cast<std::uint32_t>(users);
    a.ticket_rate = kTicketsPerMonth[a.tier] *
                    rng.uniform(1 - kTicketRateSpread[a.tier], 1 + kTicketRateSpread[a.tier]);
    float total = 0;
    for (int k = 0; k < kAreaCount; ++k) {
      a.area_use[k] = kAreaUseBase[k] * static_cast<float>(rng.lognormal(1.0, 0.4));
      total += a.area_use[k];
    }
    for (auto& u : a.area_use) u /= total;
    a.favourite_category = static_cast<std::uint8_t>(rng.pick(kCategoryWeight));
    if (a.signup >= world.end - 183 * kDay) a.experiment_arm = rng.chance(0.5) ? 1 : 0;

    a.first_user = static_cast<std::uint32_t>(world.users.size());
    std::unordered_set<std::string> emails;
    for (std::uint32_t k = 0; k < a.user_count; ++k) {
      User u;
      u.account = static_cast<std::uint32_t>(i);
      u.created = a.signup;
      if (k > 0) {
        u.created = a.signup + static_cast<Timestamp>(rng.exponential(12.0 * kDay));
        if (u.created >= world.end) u.created = a.signup;
      }
      std::string local = fmt::format("{}.{}", rng.one_of(kFirstNames), rng.one_of(kLastNames));
      if (!emails.insert(local).second) local = fmt::format("{}{}", local, k + 1);
      u.email = fmt::format("{}@{}", local, a.domain);
      world.users.push_back(std::move(u));
    }
  }
}

std::int64_t write_accounts(const World& world, const std::filesystem::path& dir) {
  CsvOut out(dir / "accounts.csv", model::Kind::kAccounts);
  for (const auto& a : world.accounts) {
    out.raw(a.id).text(a.name).raw(kTierNames[a.tier]).raw(kRegionNames[a.region]);
    out.time(a.signup).raw(kIndustries[a.industry]).end_row();
  }
  out.close();
  return out.rows();
}

std::int64_t write_users(const World& world, const std::filesystem::path& dir) {
  CsvOut out(dir / "users.csv", model::Kind::kUsers);
  for (std::uint32_t i = 0; i < world.users.size(); ++i) {
    const User& u = world.users[i];
    out.raw(user_id(i)).raw(world.accounts[u.account].id).text(u.email).time(u.created);
    out.end_row();
  }
  out.close();
  return out.rows();
}

std::int64_t write_subscriptions(const World& world, const std::filesystem::path& dir) {
  CsvOut out(dir / "subscriptions.csv", model::Kind::kSubscriptions);
  for (std::size_t i = 0; i < world.subscriptions.size(); ++i) {
    const Subscription& s = world.subscriptions[i];
    const Account& a = world.accounts[s.account];
    out.raw(fmt::format("sub_{:06}", i + 1)).raw(a.id).time(s.start);
    if (s.end == kNever) out.empty();
    else out.time(s.end);
    out.fixed(s.mrr, 2).raw(fmt::format("{}_{}", kTierNames[a.tier], s.annual ? "annual" : "monthly"));
    out.end_row();
  }
  out.close();
  return out.rows();
}

std::int64_t write_assignments(const World& world, const std::filesystem::path& dir) {
  CsvOut out(dir / "assignments.csv", model::Kind::kAssignments);
  for (const auto& a : world.accounts) {
    if (a.experiment_arm < 0) continue;
    out.raw("guided_onboarding").raw(a.id).raw(a.experiment_arm ? "treatment" : "control");
    out.time(a.signup).end_row();
  }
  out.close();
  return out.rows();
}

}  // namespace ticketlens::demo::detail
