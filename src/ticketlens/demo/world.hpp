#pragma once
// Internal to the demo generator: the random source, the vocabularies of the demo company and the
// in-memory plan of its world (everything but the product events, which are streamed).
#include <array>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "ticketlens/common/time.hpp"
#include "ticketlens/demo/generator.hpp"

namespace ticketlens::demo::detail {

// ---------------------------------------------------------------------------------------------
// Randomness. Every account draws from its own std::mt19937_64 seeded from (seed, account,
// stream), so stages can be re-run for one account (the planted burst) and the files do not
// depend on the order of work. The transforms are written out (not std::*_distribution) so the
// bytes do not depend on the standard library's choice of algorithm.

constexpr std::uint64_t splitmix64(std::uint64_t x) noexcept {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

enum class Stream : std::uint64_t {
  kWorld = 1, kAccount, kTimeline, kBurst, kEvents, kText, kSurvey, kIssues, kReleases,
};

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}
  Rng(std::uint64_t seed, Stream stream, std::uint64_t index = 0)
      : engine_(splitmix64(splitmix64(seed ^ (static_cast<std::uint64_t>(stream) << 56)) + index)) {}

  std::uint64_t next() { return engine_(); }
  /// Uniform in [0, 1).
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  /// Uniform integer in [lo, hi].
  std::int64_t integer(std::int64_t lo, std::int64_t hi) {
    const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
    return lo + static_cast<std::int64_t>(engine_() % span);
  }
  std::size_t index(std::size_t n) { return static_cast<std::size_t>(engine_() % n); }
  bool chance(double p) { return uniform() < p; }
  double normal() {
    // Box-Muller; one value per call keeps the stream position simple.
    const double u1 = 1.0 - uniform();
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  double lognormal(double median, double sigma) { return median * std::exp(sigma * normal()); }
  double exponential(double mean) { return -mean * std::log(1.0 - uniform()); }
  int poisson(double lambda) {
    if (lambda <= 0) return 0;
    if (lambda > 40) {
      const double x = lambda + std::sqrt(lambda) * normal() + 0.5;
      return x < 0 ? 0 : static_cast<int>(x);
    }
    const double limit = std::exp(-lambda);
    double p = uniform();
    int k = 0;
    while (p > limit) {
      p *= uniform();
      ++k;
    }
    return k;
  }
  /// Index drawn with the given (non-negative, not all zero) weights.
  template <typename Weights>
  std::size_t pick(const Weights& weights) {
    double total = 0;
    for (double w : weights) total += w;
    double r = uniform() * total;
    std::size_t i = 0;
    for (double w : weights) {
      if (r < w) return i;
      r -= w;
      ++i;
    }
    return i - 1;
  }
  template <typename T, std::size_t N>
  const T& one_of(const T (&items)[N]) {
    return items[index(N)];
  }

 private:
  std::mt19937_64 engine_;
};

// ---------------------------------------------------------------------------------------------
// Vocabularies of the demo company.

enum Tier : std::uint8_t { kStarter, kGrowth, kEnterprise };
inline constexpr int kTierCount = 3;
inline constexpr std::string_view kTierNames[] = {"starter", "growth", "enterprise"};

inline constexpr int kRegionCount = 4;
inline constexpr std::string_view kRegionNames[] = {"na", "emea", "apac", "latam"};
inline constexpr int kRegionUtcOffsetHours[] = {-5, 1, 8, -3};

inline constexpr std::string_view kIndustries[] = {
    "software", "retail", "healthcare", "financial_services", "manufacturing", "education",
    "media", "logistics", "professional_services", "nonprofit"};

enum Area : std::uint8_t { kBilling, kDataImport, kReporting, kIntegrations, kAdmin, kEditor };
inline constexpr int kAreaCount = 6;
inline constexpr std::string_view kAreaNames[] = {"billing", "data_import", "reporting",
                                                  "integrations", "admin", "editor"};

enum Category : std::uint8_t {
  kCatBilling, kCatDataImport, kCatHowTo, kCatBug, kCatAccountAccess, kCatIntegrations,
  kCatFeatureRequest, kCatReporting,
};
inline constexpr int kCategoryCount = 8;
inline constexpr std::string_view kCategoryNames[] = {
    "billing", "data_import", "how_to", "bug", "account_access", "integrations",
    "feature_request", "reporting"};

/// How often each category is filed, before an account's own leanings.
inline constexpr double kCategoryWeight[] = {0.12, 0.13, 0.24, 0.15, 0.08, 0.1, 0.07, 0.11};

inline constexpr int kPlatformCount = 4;
inline constexpr std::string_view kPlatformNames[] = {"web", "ios", "android", "api"};

// model::kChannels / kPriorities / kRootCauses / kEscalations order.
enum Channel : std::uint8_t { kEmail, kChat, kPhone, kWeb, kSocial };
enum Priority : std::uint8_t { kLow, kNormal, kHigh, kUrgent };
enum RootCause : std::uint8_t { kProduct, kOnboarding, kDocumentation, kSalesExpectation, kOther };
enum Escalation : std::uint8_t { kNone, kTier2, kToProduct, kEngineering };

inline constexpr std::string_view kIssueKinds[] = {"bug", "incident", "performance", "ux"};

// ---------------------------------------------------------------------------------------------
// The plan of the world.

inline constexpr Timestamp kNever = INT64_MAX;
inline constexpr Timestamp kDay = kSecondsPerDay;

struct Account {
  std::string id;      ///< "acc_00042"
  std::string name;    ///< "Blue Harbor Logistics, Inc."
  std::string domain;  ///< "blueharbor.com"
  Timestamp signup = 0;
  Tier tier = kStarter;
  std::uint8_t region = 0;
  std::uint8_t industry = 0;
  std::int8_t experiment_arm = -1;  ///< -1 not in the experiment, 0 control, 1 treatment
  std::uint32_t first_user = 0;     ///< index into World::users
  std::uint32_t user_count = 0;
  double initial_mrr = 0;
  double ticket_rate = 0;  ///< tickets per active month before seasonality and effects
  std::array<float, kAreaCount> area_use{};  ///< share of sessions per product area
  std::uint8_t favourite_category = 0;       ///< the category this account keeps coming back to
};

struct User {
  std::uint32_t account = 0;
  Timestamp created = 0;
  std::string email;
};

struct Spell {  ///< an uninterrupted paying period; end = churn instant or kNever
  Timestamp start = 0;
  Timestamp end = kNever;
};

struct Subscription {
  std::uint32_t account = 0;
  Timestamp start = 0;
  Timestamp end = kNever;
  double mrr = 0;
  bool annual = false;
};

struct Ticket {
  std::uint32_t account = 0;
  std::uint32_t requester = 0;  ///< index into World::users
  Timestamp created = 0;
  Timestamp first_response = kNever;  ///< kNever: not yet answered at the data's end
  Timestamp solved = kNever;          ///< kNever: unresolved at the data's end
  std::int32_t issue = -1;            ///< index into World::issues
  float handle_minutes = -1;          ///< < 0: missing
  std::uint32_t text_seed = 0;
  Category category = kCatHowTo;
  Area area = kEditor;
  Channel channel = kEmail;
  Priority priority = kNormal;
  RootCause root_cause = kOther;
  Escalation escalation = kNone;
  std::uint8_t reopens = 0;
  std::uint8_t replies = 0;
  std::uint8_t csat = 0;  ///< 0: no rating
  bool precursor = false;  ///< a planted precursor event precedes it
  bool burst = false;      ///< part of the planted exposed-ARR week
  bool release_spike = false;
  bool csat_survey = false;  ///< also written as a csat row in surveys.csv
};

struct NpsResponse {
  std::uint32_t account = 0;
  std::uint32_t user = 0;
  Timestamp ts = 0;
  std::uint8_t score = 0;
};

struct Issue {
  Timestamp opened = 0;
  Timestamp resolved = kNever;
  Area area = kEditor;
  std::uint8_t kind = 0;
};

struct Release {
  Timestamp at = 0;
  int minor = 0;  ///< version 4.<minor>.0
  std::vector<Area> areas;
  std::string notes;
};

/// The true parameters of the world (planted or not); planted.json is written from this.
struct Truth {
  bool planted = true;
  // (a) precursors
  double payment_failed_before_billing = 0.6;
  double import_error_before_data_import = 0.55;
  double payment_failed_baseline_per_account_day = 0.004;
  // (b) release spike
  int spike_release = -1;  ///< index into World::releases
  Area spike_area = kReporting;
  double spike_error_ratio = 3.0;
  double spike_ticket_ratio = 3.0;
  int spike_days = 14;
  int spike_issue = -1;  ///< index into World::issues: the incident the spike tickets link to
  // (c) churn hazard
  double hr_recurrent = 2.0;
  double hr_unresolved = 2.5;
  std::array<double, kTierCount> monthly_churn = {0.030, 0.018, 0.010};
  double reactivation_probability = 0.08;
  // (d) costly category
  Category costly_category = kCatIntegrations;
  double costly_handle_ratio = 4.0;
  // (e) exposed-ARR week
  Timestamp burst_week_start = 0;
  std::vector<std::uint32_t> burst_accounts;
  double burst_target_share = 0.05;  ///< share of total ARR the burst accounts hold
  int burst_issue = -1;
  // experiment
  double onboarding_ticket_ratio_treatment = 0.7;
};

struct World {
  DemoOptions options;
  Timestamp start = 0;  ///< end − 730 days
  Timestamp end = 0;
  Truth truth;
  std::vector<Account> accounts;
  std::vector<User> users;
  std::vector<Release> releases;
  std::vector<Issue> issues;
  std::vector<std::vector<std::uint32_t>> issues_by_area;  ///< indices sorted by opened
  // Filled by the timelines, per account, then flattened:
  std::vector<std::vector<Spell>> spells;  ///< per account
  std::vector<Subscription> subscriptions;
  std::vector<Ticket> tickets;  ///< sorted by (created, account) before ids are assigned
  std::vector<NpsResponse> nps;
};

/// The per-account result of simulating revenue, tickets and churn from signup to the end.
struct Timeline {
  std::vector<Spell> spells;
  std::vector<Subscription> subscriptions;
  std::vector<Ticket> tickets;
  std::vector<NpsResponse> nps;
};

// Stages (one file each).
void make_accounts(World& world);                            // accounts.cpp
void make_releases_and_issues(World& world);                 // releases.cpp
/// burst: add the planted ticket burst of the exposed-ARR week to this account.
Timeline simulate_account(const World& world, std::uint32_t account, bool burst);  // timeline.cpp
void make_timelines(World& world, const std::function<void(double)>& progress);  // timeline.cpp
/// Draws one ticket created at `created` (all fields but ids); `rng` is the account's stream.
Ticket draw_ticket(const World& world, std::uint32_t account, Timestamp created, Category category,
                   Rng& rng);                                 // tickets.cpp
/// Expected tickets per category filed by `account` on the day of t (onboarding and the
/// experiment included; not the planted release spike or burst).
std::array<double, kCategoryCount> category_rates(const World& world, const Account& account,
                                                  Timestamp t);
Area draw_area(Category category, Rng& rng);

// Writers (one file each); each returns the number of data rows written.
std::int64_t write_accounts(const World& world, const std::filesystem::path& dir);
std::int64_t write_users(const World& world, const std::filesystem::path& dir);
std::int64_t write_subscriptions(const World& world, const std::filesystem::path& dir);
std::int64_t write_releases(const World& world, const std::filesystem::path& dir);
std::int64_t write_issues(const World& world, const std::filesystem::path& dir);
std::int64_t write_tickets(const World& world, const std::filesystem::path& dir);
std::int64_t write_surveys(const World& world, const std::filesystem::path& dir);
std::int64_t write_assignments(const World& world, const std::filesystem::path& dir);
/// Streams the product events account by account; `progress` gets the fraction of accounts done.
std::int64_t write_events(const World& world, const std::filesystem::path& dir,
                          const std::function<void(double)>& progress);
/// Subject and body of a ticket, as a customer would write them.
void ticket_text(const World& world, const Ticket& ticket, std::string& subject,
                 std::string& body);
/// planted.json (planted.cpp); exposed-ARR figures are computed from the world itself.
nlohmann::json planted_json(const World& world);
/// % of total ARR at the week's end held by accounts with more than 3 tickets created in the
/// 30 days before the week's end (the DESIGN.md "ARR exposed").
double exposed_arr_pct(const World& world, Timestamp week_start);
/// Monday 00:00 UTC of the planted exposed-ARR week: the 9th-last full ISO week before `end`
/// (so four normal weeks follow the four whose trailing 30 days still include it).
Timestamp burst_week_start(Timestamp end);

// Shared helpers.
std::string ticket_id(std::size_t index);
std::string user_id(std::uint32_t index);
std::string issue_id(std::size_t index);
std::string release_id(const Release& release);
/// Seconds into a day at which someone in `region` is likely at work (UTC seconds of day may be
/// negative or beyond a day; the caller adds it to the UTC midnight).
Timestamp working_time_of_day(int region, Rng& rng);
/// Relative activity of a UTC day: weekdays 1, weekends low, a dip at the year's end.
double day_activity(Timestamp day_start);
inline Timestamp floor_day(Timestamp t) { return t - ((t % kDay) + kDay) % kDay; }
/// Product version live at t (4.<minor>.0); the first version before any release.
int version_at(const World& world, Timestamp t);
/// True while the planted release's effect lasts in `area`.
bool in_spike(const World& world, Area area, Timestamp t);
/// Expected tickets per day in a product area, given the category rates.
double area_rate(const std::array<double, kCategoryCount>& rates, Area area);
/// A category drawn for a ticket known to be about `area`.
Category draw_category_in_area(const std::array<double, kCategoryCount>& rates, Area area,
                               Rng& rng);

}  // namespace ticketlens::demo::detail
