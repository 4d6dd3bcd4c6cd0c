// Releases every two weeks naming the product areas they touch, and the root-cause issues
// (bugs, incidents) that tickets link to; the planted release and its incident live here.
#include <fmt/format.h>

#include <algorithm>

#include "ticketlens/demo/csv_out.hpp"
#include "ticketlens/demo/world.hpp"

namespace ticketlens::demo::detail {
namespace {

constexpr double kAreaReleaseWeight[] = {0.08, 0.18, 0.22, 0.18, 0.1, 0.24};
constexpr std::string_view kReleaseNotes[kAreaCount][4] = {
    {"New invoice layout", "Saved payment methods", "Proration on plan changes",
     "Tax IDs on invoices"},
    {"Faster CSV import", "Column mapping templates", "Excel import", "Import preview"},
    {"Scheduled reports", "Pivot tables in reports", "Faster dashboard loading",
     "PDF export of reports"},
    {"Salesforce sync v2", "Webhook retries", "HubSpot connector", "Slack notifications"},
    {"SAML single sign-on", "Custom roles", "Audit log export", "SCIM provisioning"},
    {"Real-time collaboration", "Template gallery", "Comment threads", "Offline drafts"},
};
constexpr double kIssueKindWeight[] = {0.6, 0.1, 0.15, 0.15};
constexpr double kIssuesPerAreaMonth[] = {0.6, 1.6, 1.4, 1.8, 0.6, 1.6};

}  // namespace

std::string issue_id(std::size_t index) { return fmt::format("ISS-{}", 1001 + index); }

std::string release_id(const Release& release) { return fmt::format("rel-4.{}.0", release.minor); }

int version_at(const World& world, Timestamp t) {
  auto it = std::upper_bound(world.releases.begin(), world.releases.end(), t,
                             [](Timestamp x, const Release& r) { return x < r.at; });
  if (it == world.releases.begin()) return world.releases.empty() ? 0 : world.releases[0].minor - 1;
  return std::prev(it)->minor;
}

bool in_spike(const World& world, Area area, Timestamp t) {
  const Truth& truth = world.truth;
  if (!truth.planted || truth.spike_release < 0 || area != truth.spike_area) return false;
  const Timestamp at = world.releases[static_cast<std::size_t>(truth.spike_release)].at;
  return t >= at && t < at + truth.spike_days * kDay;
}

void make_releases_and_issues(World& world) {
  Rng rng(world.options.seed, Stream::kReleases);
  Truth& truth = world.truth;
  constexpr Area kSpikeAreas[] = {kReporting, kEditor, kAdmin};
  truth.spike_area = rng.one_of(kSpikeAreas);

  int minor = 10;
  for (Timestamp week = floor_day(world.start) + rng.integer(0, 13) * kDay; week < world.end;
       week += (14 + rng.integer(-2, 2)) * kDay) {
    // Tuesday to Thursday afternoon UTC.
    const std::int64_t weekday = ((week / kDay + 3) % 7 + 7) % 7;
    const Timestamp day = week + (8 - weekday + rng.integer(1, 3)) % 7 * kDay;
    Release r;
    r.at = day + 13 * kSecondsPerHour + rng.integer(0, 5 * 3600);
    if (r.at >= world.end) break;
    r.minor = minor++;
    const int n_areas = 1 + static_cast<int>(rng.pick(std::array{0.5, 0.35, 0.15}));
    std::vector<std::string_view> notes;
    while (static_cast<int>(r.areas.size()) < n_areas) {
      const auto area = static_cast<Area>(rng.pick(kAreaReleaseWeight));
      if (std::find(r.areas.begin(), r.areas.end(), area) != r.areas.end()) continue;
      r.areas.push_back(area);
      notes.push_back(kReleaseNotes[area][rng.index(4)]);
    }
    r.notes = fmt::format("{}", fmt::join(notes, "; "));
    world.releases.push_back(std::move(r));
  }

  // The planted release: the one nearest to 24 weeks before the end touches the spike area.
  if (truth.planted && !world.releases.empty()) {
    const Timestamp target = world.end - 168 * kDay;
    std::size_t best = 0;
    for (std::size_t i = 1; i < world.releases.size(); ++i)
      if (std::llabs(world.releases[i].at - target) < std::llabs(world.releases[best].at - target))
        best = i;
    truth.spike_release = static_cast<int>(best);
    Release& r = world.releases[best];
    r.areas.erase(std::remove(r.areas.begin(), r.areas.end(), truth.spike_area), r.areas.end());
    r.areas.insert(r.areas.begin(), truth.spike_area);
    r.notes = fmt::format("{}; {}", kReleaseNotes[truth.spike_area][0], r.notes);
  }

  // Root-cause issues: a Poisson stream per area, resolved in days to weeks.
  Rng irng(world.options.seed, Stream::kIssues);
  const double months = static_cast<double>(world.end - world.start) / (30.44 * kDay);
  struct Tagged {
    Issue issue;
    int special;  // 0 ordinary, 1 spike incident, 2 burst incident
  };
  std::vector<Tagged> all;
  for (int area = 0; area < kAreaCount; ++area) {
    const int n = irng.poisson(kIssuesPerAreaMonth[area] * months);
    for (int k = 0; k < n; ++k) {
      Issue is;
      is.area = static_cast<Area>(area);
      is.opened = world.start + static_cast<Timestamp>(irng.uniform() *
                                                       static_cast<double>(world.end - world.start));
      is.kind = static_cast<std::uint8_t>(irng.pick(kIssueKindWeight));
      const Timestamp resolved = is.opened + static_cast<Timestamp>(irng.lognormal(9.0 * kDay, 0.9));
      is.resolved = resolved < world.end ? resolved : kNever;
      all.push_back({is, 0});
    }
  }
  if (truth.planted && truth.spike_release >= 0) {
    Issue is;
    is.area = truth.spike_area;
    is.opened = world.releases[static_cast<std::size_t>(truth.spike_release)].at + 20 * 3600;
    is.resolved = is.opened + (truth.spike_days - 1) * kDay;
    is.kind = 1;  // incident
    all.push_back({is, 1});
  }
  if (truth.planted) {
    Issue is;
    is.area = kIntegrations;
    is.opened = burst_week_start(world.end) + 7 * 3600;
    is.resolved = is.opened + 4 * kDay + 5 * 3600;
    is.kind = 1;
    all.push_back({is, 2});
  }
  std::stable_sort(all.begin(), all.end(),
                   [](const Tagged& x, const Tagged& y) { return x.issue.opened < y.issue.opened; });
  world.issues_by_area.assign(kAreaCount, {});
  for (std::size_t i = 0; i < all.size(); ++i) {
    world.issues.push_back(all[i].issue);
    world.issues_by_area[all[i].issue.area].push_back(static_cast<std::uint32_t>(i));
    if (all[i].special == 1) truth.spike_issue = static_cast<int>(i);
    if (all[i].special == 2) truth.burst_issue = static_cast<int>(i);
  }
}

std::int64_t write_releases(const World& world, const std::filesystem::path& dir) {
  CsvOut out(dir / "releases.csv", model::Kind::kReleases);
  for (const auto& r : world.releases) {
    std::vector<std::string_view> areas;
    for (Area a : r.areas) areas.push_back(kAreaNames[a]);
    out.raw(release_id(r)).time(r.at).raw(fmt::format("{}", fmt::join(areas, ";")));
    out.text(r.notes).end_row();
  }
  out.close();
  return out.rows();
}

std::int64_t write_issues(const World& world, const std::filesystem::path& dir) {
  CsvOut out(dir / "issues.csv", model::Kind::kIssues);
  for (std::size_t i = 0; i < world.issues.size(); ++i) {
    const Issue& is = world.issues[i];
    out.raw(issue_id(i)).time(is.opened);
    if (is.resolved == kNever) out.empty();
    else out.time(is.resolved);
    out.raw(kAreaNames[is.area]).raw(kIssueKinds[is.kind]).end_row();
  }
  out.close();
  return out.rows();
}

}  // namespace ticketlens::demo::detail
