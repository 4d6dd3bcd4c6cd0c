// Product events: sessions of each account's users in working hours of its region, weekday
// peaks, a busy onboarding month, feature use across product areas, errors (more after the
// planted release in its area), baseline payment failures, and the planted precursor sessions
// before billing and data-import tickets (effect a). Streamed account by account.
#include <fmt/format.h>

#include <algorithm>

#include "ticketlens/demo/csv_out.hpp"
#include "ticketlens/demo/world.hpp"

namespace ticketlens::demo::detail {
namespace {

// Names: 0 login, 1 page_view, 2 payment_failed, then per area 4 features and 1 error.
constexpr std::string_view kFixedNames[] = {"login", "page_view", "payment_failed"};
constexpr std::uint16_t kLogin = 0, kPageView = 1, kPaymentFailed = 2;
constexpr std::string_view kFeatureNames[kAreaCount][4] = {
    {"invoice_viewed", "invoice_downloaded", "payment_method_updated", "plan_viewed"},
    {"csv_uploaded", "import_started", "import_completed", "mapping_saved"},
    {"report_viewed", "report_created", "dashboard_viewed", "report_exported"},
    {"integration_connected", "sync_completed", "webhook_configured", "api_key_created"},
    {"user_invited", "role_changed", "settings_updated", "sso_configured"},
    {"document_opened", "document_saved", "comment_added", "template_applied"}};
constexpr std::string_view kErrorNames[kAreaCount] = {
    "checkout_error", "import_error", "report_timeout", "sync_failed", "permission_denied",
    "save_failed"};
// Error messages: JSON-safe text (no quotes or backslashes).
constexpr std::string_view kErrorMessages[kAreaCount][4] = {
    {"Tax calculation unavailable", "Coupon code is not valid", "Currency mismatch on invoice",
     "Checkout session expired"},
    {"Row 1423: invalid date format", "File exceeds the 50 MB limit",
     "Unknown column 'Customer ID'", "Encoding error: invalid UTF-8 at byte 88231"},
    {"Query exceeded 30 s", "Too many rows to render", "Filter references a deleted field",
     "Export worker unavailable"},
    {"OAuth token expired", "Salesforce API limit exceeded", "Webhook endpoint returned 500",
     "Field mapping conflict on Contact.Email"},
    {"Role lacks admin:write", "SSO assertion rejected", "Seat limit reached",
     "Invitation link expired"},
    {"Conflict: document changed by another user", "Network error while saving",
     "Document too large to save", "Template could not be applied"}};
constexpr std::string_view kPaymentErrors[] = {"card_declined", "insufficient_funds",
                                               "expired_card", "authentication_required"};
constexpr std::string_view kPaths[kAreaCount] = {"/billing", "/imports", "/reports",
                                                 "/integrations", "/settings", "/documents"};
constexpr double kErrorRate[kAreaCount] = {0.004, 0.03, 0.008, 0.02, 0.005, 0.006};
constexpr double kPlatformShare[] = {0.72, 0.10, 0.06, 0.12};
/// Sessions per user per weekday, tuned so that the sizes hit ~1,000 events per account.
constexpr double kSessionsPerUserDay = 0.069;

constexpr std::uint16_t feature_name(Area area, std::size_t k) {
  return static_cast<std::uint16_t>(3 + area * 5 + k);
}
constexpr std::uint16_t error_name(Area area) { return static_cast<std::uint16_t>(3 + area * 5 + 4); }

std::string_view name_text(std::uint16_t name) {
  if (name < 3) return kFixedNames[name];
  const auto area = (name - 3) / 5, k = (name - 3) % 5;
  return k == 4 ? kErrorNames[area] : kFeatureNames[area][k];
}

enum Props : std::uint8_t { kNoProps, kPathProps, kErrorProps, kPaymentProps };
constexpr std::uint8_t kNoArea = 0xff;
constexpr std::uint32_t kNoSession = 0xffffffff;

struct Event {
  Timestamp ts;
  std::uint32_t user;
  std::uint32_t session;  ///< per account; kNoSession = none
  std::int32_t duration;  ///< ms; < 0 = missing
  std::uint16_t name;
  std::uint8_t area;
  std::uint8_t platform;
  std::uint8_t props;
  std::uint8_t variant;
};

class AccountEvents {
 public:
  AccountEvents(const World& world, std::uint32_t account)
      : world_(world),
        acc_(world.accounts[account]),
        rng_(world.options.seed, Stream::kEvents, account) {}

  /// Ordinary sessions on one day of a spell.
  void day(Timestamp day, const Spell& spell) {
    const double tenure_days = static_cast<double>(day - acc_.signup) / kDay;
    const double onboarding = tenure_days < 30 ? 1.6 : 1.0;
    const double rate = acc_.user_count * kSessionsPerUserDay * day_activity(day) * onboarding *
                        world_.options.event_scale;
    const int sessions = rng_.poisson(rate);
    for (int s = 0; s < sessions; ++s) session(day, spell, tenure_days < 14);
    if (rng_.chance(world_.truth.payment_failed_baseline_per_account_day)) {
      const Timestamp ts = day + std::clamp<Timestamp>(working_time_of_day(acc_.region, rng_), 0,
                                                       kDay - 1);
      push(spell, {ts, pick_user(ts), kNoSession, -1, kPaymentFailed, kBilling, 0, kPaymentProps,
                   static_cast<std::uint8_t>(rng_.index(4))});
    }
  }

  /// The planted precursor: the requester hits the ticket's error some hours before writing in.
  void precursor(const Ticket& t, const Spell& spell) {
    const double hours = std::min(23.5, 0.2 + rng_.exponential(3.0));
    Timestamp ts = t.created - static_cast<Timestamp>(hours * 3600);
    ts = std::max({ts, spell.start + 60, world_.users[t.requester].created + 60});
    if (t.created - ts < 600) return;
    const std::uint32_t session = next_session_++;
    const Area area = t.category == kCatBilling ? kBilling : kDataImport;
    push(spell, {ts, t.requester, session, duration(900), kPageView, area, 0, kPathProps, 0});
    ts += 5 + static_cast<Timestamp>(rng_.exponential(30));
    if (area == kBilling) {
      push(spell, {ts, t.requester, session, duration(350), feature_name(kBilling, 0), kBilling, 0,
                   kNoProps, 0});
      ts += 3 + static_cast<Timestamp>(rng_.exponential(20));
      push(spell, {ts, t.requester, session, duration(1500), kPaymentFailed, kBilling, 0,
                   kPaymentProps, static_cast<std::uint8_t>(rng_.index(4))});
    } else {
      push(spell, {ts, t.requester, session, duration(350), feature_name(kDataImport, 0),
                   kDataImport, 0, kNoProps, 0});
      ts += 3 + static_cast<Timestamp>(rng_.exponential(20));
      push(spell, {ts, t.requester, session, duration(350), feature_name(kDataImport, 1),
                   kDataImport, 0, kNoProps, 0});
      ts += 3 + static_cast<Timestamp>(rng_.exponential(20));
      push(spell, {ts, t.requester, session, duration(1500), error_name(kDataImport), kDataImport,
                   0, kErrorProps, static_cast<std::uint8_t>(rng_.index(4))});
    }
  }

  std::vector<Event>& events() {
    std::stable_sort(events_.begin(), events_.end(),
                     [](const Event& x, const Event& y) { return x.ts < y.ts; });
    return events_;
  }

 private:
  std::int32_t duration(double median) {
    return static_cast<std::int32_t>(std::min(600000.0, rng_.lognormal(median, 0.8)));
  }
  std::uint32_t pick_user(Timestamp ts) {
    const auto u = acc_.first_user + static_cast<std::uint32_t>(rng_.index(acc_.user_count));
    return world_.users[u].created <= ts ? u : acc_.first_user;
  }
  void push(const Spell& spell, const Event& e) {
    if (e.ts >= spell.start && e.ts < spell.end && e.ts < world_.end) events_.push_back(e);
  }

  void session(Timestamp day, const Spell& spell, bool onboarding) {
    Timestamp ts = day + working_time_of_day(acc_.region, rng_) +
                   static_cast<Timestamp>(rng_.integer(-1200, 1200));
    const std::uint32_t user = pick_user(ts);
    const auto platform = static_cast<std::uint8_t>(rng_.pick(kPlatformShare));
    std::array<float, kAreaCount> use = acc_.area_use;
    if (onboarding) {
      use[kDataImport] *= 3;
      use[kAdmin] *= 2;
    }
    const bool api = platform == 3;
    const auto primary = api ? kIntegrations : static_cast<Area>(rng_.pick(use));
    const std::uint32_t session = next_session_++;
    const int n = 1 + rng_.poisson(api ? 3.0 : 5.0);
    if (!api) push(spell, {ts, user, session, -1, kLogin, kNoArea, platform, kNoProps, 0});
    int last = -1;
    for (int k = 0; k < n; ++k) {
      ts += 2 + static_cast<Timestamp>(rng_.exponential(40));
      const Area area = rng_.chance(0.75) ? primary : static_cast<Area>(rng_.pick(use));
      double error_rate = kErrorRate[area];
      if (in_spike(world_, area, ts)) error_rate *= world_.truth.spike_error_ratio;
      if (rng_.chance(error_rate)) {
        push(spell, {ts, user, session, duration(1500), error_name(area), area, platform,
                     kErrorProps, static_cast<std::uint8_t>(rng_.index(4))});
      } else if (!api && (area != last || rng_.chance(0.3))) {
        push(spell, {ts, user, session, duration(900), kPageView, area, platform, kPathProps, 0});
      } else {
        push(spell, {ts, user, session, duration(350), feature_name(area, rng_.index(4)), area,
                     platform, kNoProps, 0});
      }
      last = area;
    }
  }

  const World& world_;
  const Account& acc_;
  Rng rng_;
  std::vector<Event> events_;
  std::uint32_t next_session_ = 0;
};

}  // namespace

std::int64_t write_events(const World& world, const std::filesystem::path& dir,
                          const std::function<void(double)>& progress) {
  CsvOut out(dir / "events.csv", model::Kind::kEvents);
  std::vector<std::vector<std::uint32_t>> tickets_of(world.accounts.size());
  for (std::size_t i = 0; i < world.tickets.size(); ++i)
    if (world.tickets[i].precursor)
      tickets_of[world.tickets[i].account].push_back(static_cast<std::uint32_t>(i));

  std::uint64_t event_number = 0;
  std::uint64_t session_base = 0;
  auto& buf = out.buffer();
  for (std::uint32_t a = 0; a < world.accounts.size(); ++a) {
    AccountEvents gen(world, a);
    for (const Spell& spell : world.spells[a])
      for (Timestamp day = floor_day(spell.start); day < std::min(spell.end, world.end); day += kDay)
        gen.day(day, spell);
    for (std::uint32_t i : tickets_of[a]) {
      const Ticket& t = world.tickets[i];
      for (const Spell& spell : world.spells[a])
        if (t.created >= spell.start && t.created < spell.end) gen.precursor(t, spell);
    }
    const std::string& account_id = world.accounts[a].id;
    std::uint32_t max_session = 0;
    for (const Event& e : gen.events()) {
      append_timestamp(buf, e.ts);
      buf.push_back(',');
      buf.append(account_id);
      buf.append(std::string_view(",u_"));
      append_number(buf, e.user + 1, 6);
      buf.push_back(',');
      buf.append(name_text(e.name));
      buf.push_back(',');
      if (e.session != kNoSession) {
        buf.append(std::string_view("s_"));
        append_number(buf, static_cast<std::int64_t>(session_base + e.session + 1), 7);
        max_session = std::max(max_session, e.session + 1);
      }
      buf.push_back(',');
      if (e.area != kNoArea) buf.append(kAreaNames[e.area]);
      buf.push_back(',');
      buf.append(kPlatformNames[e.platform]);
      const bool error = e.props == kErrorProps || e.props == kPaymentProps;
      buf.append(error ? std::string_view(",1,") : std::string_view(",0,"));
      if (e.duration >= 0) append_number(buf, e.duration);
      buf.append(std::string_view(",ev_"));
      append_number(buf, static_cast<std::int64_t>(++event_number), 8);
      buf.push_back(',');
      switch (e.props) {
        case kPathProps:
          buf.append(std::string_view(R"("{""path"":"")"));
          buf.append(kPaths[e.area]);
          buf.append(std::string_view(R"(""}")"));
          break;
        case kErrorProps:
        case kPaymentProps:
          buf.append(std::string_view(R"("{""error"":"")"));
          buf.append(e.props == kPaymentProps ? kPaymentErrors[e.variant]
                                              : kErrorMessages[e.area][e.variant]);
          buf.append(std::string_view(R"("",""version"":""4.)"));
          append_number(buf, version_at(world, e.ts));
          buf.append(std::string_view(R"(.0""}")"));
          break;
        default:
          break;
      }
      out.end_row();
    }
    session_base += max_session;
    if (progress && a % 256 == 0)
      progress(static_cast<double>(a) / static_cast<double>(world.accounts.size()));
  }
  out.close();
  return out.rows();
}

}  // namespace ticketlens::demo::detail
