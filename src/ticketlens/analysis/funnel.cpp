#include "ticketlens/analysis/funnel.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <unordered_map>

#include "ticketlens/analysis/dimension.hpp"
#include "ticketlens/analysis/summary.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/stats/intervals.hpp"

namespace ticketlens::analysis {
namespace {

constexpr Timestamp kTicketDays = 7 * kSecondsPerDay;

struct Journey {
  std::uint32_t account = 0;
  std::size_t reached = 0;        // steps reached (1 = entered)
  Timestamp entered = 0, last = 0;  // time of step 1 and of the last step reached
};

std::vector<Count> ranked(const std::map<std::string, std::int64_t>& counts, std::size_t limit) {
  std::vector<Count> out;
  for (const auto& [name, n] : counts) out.push_back({name, n});
  std::stable_sort(out.begin(), out.end(), [](const Count& a, const Count& b) { return a.count > b.count; });
  if (out.size() > limit) out.resize(limit);
  return out;
}

std::string month_label(Timestamp t) {
  const auto d = civil_from_days(month_start(t) / kSecondsPerDay);
  return fmt::format("{:04}-{:02}", d.year, d.month);
}

}  // namespace

FunnelGrouping parse_funnel_grouping(std::string_view name) {
  if (name.empty()) return FunnelGrouping::kNone;
  if (name == "week") return FunnelGrouping::kWeek;
  if (name == "cohort") return FunnelGrouping::kCohort;
  throw Error(ErrorCode::kUsage, fmt::format("--by '{}': a funnel groups by week (of entry) or cohort (signup month)", name));
}

FunnelReport analyze_funnel(const model::World& world, const model::Config& config, std::string_view name,
                            Period period, FunnelGrouping grouping) {
  const model::Funnel* spec = nullptr;
  std::string known;
  for (const auto& f : config.funnels) {
    known += (known.empty() ? "" : ", ") + f.name;
    if (f.name == name) spec = &f;
  }
  if (!spec)
    throw Error(ErrorCode::kNotFound, fmt::format("no funnel '{}' in [[funnels]] of ticketlens.toml (configured: {})",
                                                  name, known.empty() ? "none" : known));
  FunnelReport report;
  report.name = spec->name;
  report.steps = spec->steps;
  report.within_days = spec->within_days;
  report.period = period;
  const auto& e = world.events;
  const auto& t = world.tickets;
  const std::size_t n_steps = spec->steps.size();
  std::vector<std::uint32_t> code(n_steps, model::kNone);
  for (std::size_t k = 0; k < n_steps; ++k)
    if (auto c = e.names.find(spec->steps[k])) code[k] = *c;
  const Timestamp within = static_cast<Timestamp>(spec->within_days * kSecondsPerDay);

  // One pass over every account's events in time order: each user's journey.
  std::unordered_map<std::uint32_t, Journey> journeys;
  if (e.account_offsets.size() == world.accounts.size() + 1 && code[0] != model::kNone) {
    for (std::uint32_t a = 0; a < world.accounts.size(); ++a) {
      for (auto i = e.account_offsets[a]; i < e.account_offsets[a + 1]; ++i) {
        const std::uint32_t user = e.user[i];
        const std::uint32_t ev = e.name[i];
        if (user == model::kNone) {
          if (std::find(code.begin(), code.end(), ev) != code.end()) ++report.users_without_id;
          continue;
        }
        auto it = journeys.find(user);
        if (it == journeys.end()) {
          if (ev != code[0] || !period.contains(e.ts[i])) continue;
          journeys.emplace(user, Journey{a, 1, e.ts[i], e.ts[i]});
          continue;
        }
        Journey& j = it->second;
        if (j.reached < n_steps && ev == code[j.reached] && e.ts[i] >= j.last && e.ts[i] - j.entered <= within) {
          ++j.reached;
          j.last = e.ts[i];
        }
      }
    }
  }

  // Conversion per group and step.
  std::map<std::string, std::vector<std::int64_t>> reached;
  auto group_of = [&](const Journey& j) -> std::string {
    switch (grouping) {
      case FunnelGrouping::kWeek: return format_iso_week(iso_week_of(j.entered));
      case FunnelGrouping::kCohort: return month_label(world.accounts.signup_at[j.account]);
      case FunnelGrouping::kNone: break;
    }
    return "(all)";
  };
  std::vector<std::int64_t> all(n_steps, 0);
  for (const auto& [user, j] : journeys) {
    auto& g = reached[group_of(j)];
    g.resize(n_steps, 0);
    for (std::size_t k = 0; k < j.reached; ++k) {
      ++g[k];
      ++all[k];
    }
  }
  auto add_rows = [&](const std::string& group, const std::vector<std::int64_t>& counts) {
    for (std::size_t k = 0; k < n_steps; ++k) {
      const double first = static_cast<double>(counts[0]), prev = static_cast<double>(counts[k ? k - 1 : 0]);
      report.rows.push_back({group, k, spec->steps[k], counts[k],
                             first > 0 ? 100.0 * static_cast<double>(counts[k]) / first : kNaN,
                             prev > 0 ? 100.0 * static_cast<double>(counts[k]) / prev : kNaN});
    }
  };
  add_rows("(all)", all);
  if (grouping != FunnelGrouping::kNone)
    for (const auto& [group, counts] : reached) add_rows(group, counts);

  // Drop-offs: users whose last step was k < last; their tickets within 7 days of it.
  std::vector<std::vector<const Journey*>> dropped(n_steps);
  for (const auto& [user, j] : journeys)
    if (j.reached < n_steps) dropped[j.reached - 1].push_back(&j);
  std::unordered_map<const Journey*, std::uint32_t> user_of;
  for (const auto& [user, j] : journeys) user_of[&j] = user;
  for (std::size_t k = 0; k + 1 < n_steps; ++k) {
    FunnelDrop d;
    d.step = k;
    d.event = spec->steps[k];
    std::map<std::string, std::int64_t> categories, tags;
    std::set<std::uint32_t> rows;
    for (const Journey* j : dropped[k]) {
      ++d.users;
      const std::uint32_t user = user_of[j];
      bool any = false;
      for (auto r = t.account_offsets[j->account]; r < t.account_offsets[j->account + 1]; ++r) {
        if (t.created_at[r] < j->last || t.created_at[r] >= j->last + kTicketDays) continue;
        if (t.requester[r] != model::kNone && t.requester[r] != user) continue;
        any = true;
        if (rows.insert(static_cast<std::uint32_t>(r)).second) {
          ++categories[dimension_value(world, Dimension::kCategory, r)];
          const std::string_view set = t.tag_sets.at(t.tags[r]);
          std::size_t start = 0;
          while (start < set.size()) {
            const std::size_t end = std::min(set.find(';', start), set.size());
            if (end > start) ++tags[std::string(set.substr(start, end - start))];
            start = end + 1;
          }
        }
      }
      d.with_ticket += any;
    }
    if (d.users > 0) {
      const auto w = stats::wilson_interval(static_cast<double>(d.with_ticket), static_cast<double>(d.users));
      d.share = w.estimate;
      d.lower = w.lower;
      d.upper = w.upper;
    } else {
      d.share = d.lower = d.upper = kNaN;
    }
    d.categories = ranked(categories, 5);
    d.tags = ranked(tags, 5);
    d.ticket_rows.assign(rows.begin(), rows.end());
    report.drops.push_back(std::move(d));
  }
  return report;
}

std::vector<Count> top_words(std::span<const std::string> texts, std::size_t limit) {
  static const std::set<std::string> kStop = {
      "the", "and", "for", "you", "your", "with", "this", "that", "are", "was", "but", "not", "have", "has",
      "our", "can", "cannot", "can't", "from", "when", "what", "why", "how", "all", "any", "into", "out", "get",
      "after", "before", "there", "they", "them", "then", "will", "would", "could", "should", "just", "again",
      "been", "being", "also", "one", "its", "it's", "i'm", "don't", "doesn't", "please", "thanks", "hello",
      "help", "need", "still", "some", "more", "very", "than", "who", "which", "while", "about", "over"};
  std::map<std::string, std::int64_t> counts;
  for (const auto& text : texts) {
    std::string word;
    auto flush = [&] {
      if (word.size() >= 3 && !kStop.count(word)) ++counts[word];
      word.clear();
    };
    for (char c : text) {
      const auto u = static_cast<unsigned char>(c);
      if (std::isalpha(u) || u >= 0x80 || c == '\'')
        word += static_cast<char>(std::tolower(u));
      else
        flush();
    }
    flush();
  }
  return ranked(counts, limit);
}

}  // namespace ticketlens::analysis
