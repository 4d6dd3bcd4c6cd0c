#include "ticketlens/analysis/precursors.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>
#include <limits>
#include <tuple>

#include "ticketlens/analysis/dimension.hpp"
#include "ticketlens/analysis/summary.hpp"
#include "ticketlens/analysis/window_link.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/common/parallel.hpp"
#include "ticketlens/stats/fisher_exact.hpp"
#include "ticketlens/stats/intervals.hpp"
#include "ticketlens/stats/multiple_testing.hpp"
#include "ticketlens/stats/robust.hpp"

namespace ticketlens::analysis {
namespace {

constexpr Timestamp kWeek = 7 * kSecondsPerDay;

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// The shape of the dense per-(category, event name) counters.
struct Shape {
  std::size_t categories = 0;  // the categories dictionary + 1 for "(missing)"
  std::size_t names = 0;
  [[nodiscard]] std::size_t cell(std::size_t category, std::uint32_t name) const {
    return category * names + name;
  }
};

// One worker's counts; summed after the parallel pass.
struct Counts {
  explicit Counts(const Shape& s)
      : ticket_with(s.categories * s.names, 0),
        control_with(s.categories * s.names, 0),
        tickets(s.categories, 0),
        empty(s.categories, 0),
        controls(s.categories, 0),
        controls_missing(s.categories, 0),
        stamp(s.names, 0) {}
  std::vector<std::int64_t> ticket_with, control_with;
  std::vector<std::int64_t> tickets, empty, controls, controls_missing;
  std::vector<std::uint64_t> stamp;  // per name: the last window that counted it
  std::uint64_t window = 0;
  std::int64_t truncated = 0;
};

// Marks every distinct event name of the requester's (or account's) events in rows [lo, hi) into
// `with`; returns whether the window held any event.
bool count_window(const model::EventTable& e, std::uint64_t lo, std::uint64_t hi, std::uint32_t user,
                  std::size_t category, const Shape& shape, Counts& c, std::vector<std::int64_t>& with) {
  ++c.window;
  bool any = false;
  for (std::uint64_t i = lo; i < hi; ++i) {
    if (user != model::kNone && e.user[i] != user) continue;
    any = true;
    const std::uint32_t name = e.name[i];
    if (c.stamp[name] != c.window) {
      c.stamp[name] = c.window;
      ++with[shape.cell(category, name)];
    }
  }
  return any;
}

bool account_has_ticket_in(const model::TicketTable& t, std::uint32_t account, Timestamp from,
                           Timestamp to) {
  const auto first = t.created_at.begin() + static_cast<std::ptrdiff_t>(t.account_offsets[account]);
  const auto last = t.created_at.begin() + static_cast<std::ptrdiff_t>(t.account_offsets[account + 1]);
  const auto it = std::lower_bound(first, last, from);
  return it != last && *it < to;
}

std::size_t category_index(const model::TicketTable& t, std::size_t row) {
  return t.category[row] == model::kNone ? t.categories.size() : t.category[row];
}

std::string category_name(const model::TicketTable& t, std::size_t index) {
  return index == t.categories.size() ? std::string(kMissingGroup) : std::string(t.categories.at(static_cast<std::uint32_t>(index)));
}

}  // namespace

PrecursorOptions PrecursorOptions::from_config(const model::Config& config) {
  PrecursorOptions o;
  o.window_seconds = static_cast<Timestamp>(config.precursor_window_hours) * kSecondsPerHour;
  o.controls = config.precursors.controls;
  o.max_weeks = config.precursors.control_max_weeks;
  o.seed = config.precursors.seed;
  o.min_support = config.precursors.min_support;
  o.fdr = config.precursors.fdr;
  o.path_length = config.precursors.path_length;
  return o;
}

std::vector<PrecursorPair> top_precursors(const PrecursorReport& report, std::size_t limit) {
  std::vector<PrecursorPair> out;
  for (const auto& p : report.pairs)
    if (p.significant && out.size() < limit) out.push_back(p);
  return out;
}

PrecursorReport analyze_precursors(const model::World& world, Period period,
                                   const PrecursorOptions& options) {
  if (options.window_seconds < 0 || options.controls < 0 || options.max_weeks < 1 ||
      options.path_length < 1)
    throw Error(ErrorCode::kInvalidInput,
                "precursors: the window and controls must be >= 0, max_weeks and path_length >= 1");
  PrecursorReport report;
  report.period = period;
  report.options = options;
  const auto& t = world.tickets;
  const auto& e = world.events;
  const std::size_t n_accounts = world.accounts.size();
  if (t.account_offsets.size() != n_accounts + 1 || e.account_offsets.size() != n_accounts + 1)
    return report;
  const Shape shape{t.categories.size() + 1, std::max<std::size_t>(e.names.size(), 1)};
  const Timestamp w = options.window_seconds;

  std::optional<std::uint32_t> only_category;
  if (options.category) {
    const auto code = t.categories.find(*options.category);
    if (!code || *code == model::kNone)
      throw Error(ErrorCode::kUsage,
                  "precursors: no ticket has the category '" + *options.category +
                      "' (see `ticketlens kpi --by category`)");
    only_category = *code;
  }
  // The data's first event: windows starting before it are not fully observed.
  Timestamp events_start = std::numeric_limits<Timestamp>::max();
  for (std::size_t a = 0; a < n_accounts; ++a)
    if (e.account_offsets[a] < e.account_offsets[a + 1])
      events_start = std::min(events_start, e.ts[e.account_offsets[a]]);

  auto analysed = [&](std::size_t r) {
    return period.contains(t.created_at[r]) && (!only_category || t.category[r] == *only_category);
  };

  // Pass 1, parallel over accounts: the ticket windows (a forward merge of the account's tickets
  // and events) and the control windows (binary searches), counted per (category, name).
  const std::size_t workers = hardware_workers(t.size() + e.size(), 1 << 16);
  const auto bounds = balanced_account_ranges(world, workers);
  std::vector<Counts> parts(workers, Counts(shape));
  run_parts(workers, [&](std::size_t part) {
    Counts& c = parts[part];
    std::vector<Timestamp> candidates;
    for (std::uint32_t a = bounds[part]; a < bounds[part + 1]; ++a) {
      const std::uint64_t e_begin = e.account_offsets[a], e_end = e.account_offsets[a + 1];
      std::uint64_t lo = e_begin, hi = e_begin;
      for (std::uint64_t r = t.account_offsets[a]; r < t.account_offsets[a + 1]; ++r) {
        if (!analysed(r)) continue;
        const Timestamp created = t.created_at[r];
        if (created - w < events_start) {
          ++c.truncated;
          continue;
        }
        while (lo < e_end && e.ts[lo] < created - w) ++lo;
        if (hi < lo) hi = lo;
        while (hi < e_end && e.ts[hi] < created) ++hi;
        const std::size_t cat = category_index(t, r);
        const std::uint32_t user = t.requester[r];
        ++c.tickets[cat];
        if (!count_window(e, lo, hi, user, cat, shape, c, c.ticket_with)) ++c.empty[cat];
        if (options.controls == 0) continue;
        // Control candidates: whole weeks away, inside the account's observed activity, with no
        // ticket of the account in the window or in the `w` after it.
        candidates.clear();
        const Timestamp first = e_begin < e_end ? std::max(e.ts[e_begin], events_start) : 0;
        const Timestamp last = e_begin < e_end ? e.ts[e_end - 1] : -1;
        for (int k = -options.max_weeks; k <= options.max_weeks; ++k) {
          if (k == 0) continue;
          const Timestamp end = created + k * kWeek;
          if (end - w < first || end > last) continue;
          if (account_has_ticket_in(t, a, end - w, end + w)) continue;
          candidates.push_back(end);
        }
        std::uint64_t state = options.seed ^ (static_cast<std::uint64_t>(t.id[r]) * 0xD1B54A32D192ED03ull);
        const std::size_t take = std::min<std::size_t>(candidates.size(), static_cast<std::size_t>(options.controls));
        for (std::size_t i = 0; i < take; ++i) {  // a partial Fisher–Yates shuffle
          const std::size_t j = i + static_cast<std::size_t>(splitmix64(state) % (candidates.size() - i));
          std::swap(candidates[i], candidates[j]);
          const auto [clo, chi] = account_events_in(world, a, candidates[i] - w, candidates[i]);
          count_window(e, clo, chi, user, cat, shape, c, c.control_with);
        }
        c.controls[cat] += static_cast<std::int64_t>(take);
        c.controls_missing[cat] += options.controls - static_cast<std::int64_t>(take);
      }
    }
  });
  Counts total(shape);
  for (const Counts& c : parts) {
    for (std::size_t i = 0; i < total.ticket_with.size(); ++i) {
      total.ticket_with[i] += c.ticket_with[i];
      total.control_with[i] += c.control_with[i];
    }
    for (std::size_t k = 0; k < shape.categories; ++k) {
      total.tickets[k] += c.tickets[k];
      total.empty[k] += c.empty[k];
      total.controls[k] += c.controls[k];
      total.controls_missing[k] += c.controls_missing[k];
    }
    total.truncated += c.truncated;
  }
  report.windows_truncated = total.truncated;
  for (std::size_t k = 0; k < shape.categories; ++k) {
    if (total.tickets[k] == 0) continue;
    report.tickets += total.tickets[k];
    report.controls_drawn += total.controls[k];
    report.controls_missing += total.controls_missing[k];
    report.categories.push_back({category_name(t, k), total.tickets[k], total.empty[k],
                                 total.controls[k], total.controls_missing[k]});
  }

  // The tested pairs: at least min_support ticket windows with the event.
  std::vector<std::int64_t> pair_of(shape.categories * shape.names, -1);
  std::vector<double> p_values;
  for (std::size_t k = 0; k < shape.categories; ++k) {
    for (std::uint32_t name = 0; name < e.names.size(); ++name) {
      const std::size_t cell = shape.cell(k, name);
      const std::int64_t a = total.ticket_with[cell], b = total.control_with[cell];
      if (a < options.min_support || a == 0) continue;
      PrecursorPair pair;
      pair.event = std::string(e.names.at(name));
      pair.category = category_name(t, k);
      pair.tickets = total.tickets[k];
      pair.tickets_with = a;
      pair.controls = total.controls[k];
      pair.controls_with = b;
      pair.ticket_share = static_cast<double>(a) / static_cast<double>(pair.tickets);
      pair.control_share = pair.controls > 0 ? static_cast<double>(b) / static_cast<double>(pair.controls) : kNaN;
      if (pair.controls > 0) {
        const auto ratio = stats::poisson_rate_ratio(static_cast<double>(a), static_cast<double>(pair.tickets),
                                                     static_cast<double>(b), static_cast<double>(pair.controls));
        pair.lift = ratio.estimate;
        pair.lift_lower = ratio.lower;
        pair.lift_upper = ratio.upper;
        pair.p = stats::fisher_exact_p(static_cast<double>(a), static_cast<double>(pair.tickets - a),
                                       static_cast<double>(b), static_cast<double>(pair.controls - b));
      } else {
        pair.lift = pair.lift_lower = pair.lift_upper = kNaN;
        pair.p = kNaN;
      }
      pair_of[cell] = static_cast<std::int64_t>(report.pairs.size());
      p_values.push_back(pair.p);
      report.pairs.push_back(std::move(pair));
    }
  }
  const auto q = stats::benjamini_hochberg(p_values);
  for (std::size_t i = 0; i < report.pairs.size(); ++i) {
    auto& pair = report.pairs[i];
    pair.q = q[i];
    pair.significant = std::isfinite(pair.q) && pair.q < options.fdr && pair.lift > 1;
    if (std::isfinite(pair.p)) ++report.pairs_tested;
  }

  // Pass 2, over the analysed tickets: last-k paths, error events, the same-session share and
  // the time from each tested event's last occurrence to the ticket.
  std::vector<std::vector<double>> hours_before(report.pairs.size());
  std::vector<std::int64_t> session_with(report.pairs.size(), 0), session_windows(shape.categories, 0);
  std::vector<std::int64_t> nonempty(shape.categories, 0);
  std::map<std::pair<std::size_t, std::vector<std::uint32_t>>, std::int64_t> paths;
  std::map<std::tuple<std::size_t, std::uint32_t, std::uint16_t>, std::int64_t> errors;
  std::vector<Timestamp> last_seen(shape.names, model::kNoTime);
  std::vector<std::uint8_t> in_session(shape.names, 0);
  std::vector<std::uint32_t> touched, path;
  std::vector<std::pair<std::uint32_t, std::uint16_t>> window_errors;
  for (std::uint32_t a = 0; a < n_accounts; ++a) {
    for (std::uint64_t r = t.account_offsets[a]; r < t.account_offsets[a + 1]; ++r) {
      const Timestamp created = t.created_at[r];
      if (!analysed(r) || created - w < events_start) continue;
      const std::size_t cat = category_index(t, r);
      const std::uint32_t user = t.requester[r];
      const auto [lo, hi] = account_events_in(world, a, created - w, created);
      touched.clear();
      path.clear();
      window_errors.clear();
      std::uint32_t last_session = model::kNone;
      bool first_from_end = true;
      for (std::uint64_t i = hi; i-- > lo;) {  // newest first
        if (user != model::kNone && e.user[i] != user) continue;
        const std::uint32_t name = e.name[i];
        if (first_from_end) {
          last_session = e.session[i];
          first_from_end = false;
        }
        if (last_seen[name] == model::kNoTime) {
          last_seen[name] = e.ts[i];
          touched.push_back(name);
        }
        if (last_session != model::kNone && e.session[i] == last_session) in_session[name] = 1;
        if (path.size() < static_cast<std::size_t>(options.path_length) && (path.empty() || path.back() != name))
          path.push_back(name);
        if (e.is_error[i]) window_errors.emplace_back(name, e.product_area[i]);
      }
      if (!touched.empty()) {
        ++nonempty[cat];
        std::reverse(path.begin(), path.end());
        ++paths[{cat, path}];
      }
      if (last_session != model::kNone) ++session_windows[cat];
      std::sort(window_errors.begin(), window_errors.end());
      window_errors.erase(std::unique(window_errors.begin(), window_errors.end()), window_errors.end());
      for (const auto& [name, area] : window_errors) ++errors[{cat, name, area}];
      for (std::uint32_t name : touched) {
        const std::int64_t idx = pair_of[shape.cell(cat, name)];
        if (idx >= 0) {
          hours_before[static_cast<std::size_t>(idx)].push_back(
              static_cast<double>(created - last_seen[name]) / kSecondsPerHour);
          session_with[static_cast<std::size_t>(idx)] += in_session[name];
        }
        last_seen[name] = model::kNoTime;
        in_session[name] = 0;
      }
    }
  }
  for (std::size_t i = 0; i < report.pairs.size(); ++i) {
    auto& pair = report.pairs[i];
    pair.median_hours_before = stats::median(hours_before[i]);
    const std::size_t cat = [&] {
      for (std::size_t k = 0; k < shape.categories; ++k)
        if (category_name(t, k) == pair.category) return k;
      return shape.categories - 1;
    }();
    pair.session_windows = session_windows[cat];
    pair.same_session_share = session_windows[cat] > 0
                                  ? static_cast<double>(session_with[i]) / static_cast<double>(session_windows[cat])
                                  : kNaN;
  }
  std::stable_sort(report.pairs.begin(), report.pairs.end(), [](const PrecursorPair& x, const PrecursorPair& y) {
    if (x.significant != y.significant) return x.significant;
    const double xl = std::isfinite(x.lift_lower) ? x.lift_lower : -1, yl = std::isfinite(y.lift_lower) ? y.lift_lower : -1;
    if (xl != yl) return xl > yl;
    if (x.lift != y.lift) return x.lift > y.lift;
    return std::tie(x.event, x.category) < std::tie(y.event, y.category);
  });

  for (const auto& [key, count] : paths) {
    PrecursorPath p;
    p.category = category_name(t, key.first);
    for (std::uint32_t name : key.second) p.events.emplace_back(e.names.at(name));
    p.tickets = count;
    p.share = static_cast<double>(count) / static_cast<double>(nonempty[key.first]);
    report.paths.push_back(std::move(p));
  }
  std::stable_sort(report.paths.begin(), report.paths.end(), [](const PrecursorPath& x, const PrecursorPath& y) {
    return x.category != y.category ? x.category < y.category : x.tickets > y.tickets;
  });
  // Keep the top paths of each category.
  std::vector<PrecursorPath> kept;
  for (auto& p : report.paths)
    if (kept.empty() || kept.back().category != p.category ||
        std::count_if(kept.begin(), kept.end(), [&](const PrecursorPath& k) { return k.category == p.category; }) <
            options.top_paths)
      kept.push_back(std::move(p));
  report.paths = std::move(kept);

  for (const auto& [key, count] : errors) {
    const auto& [cat, name, area] = key;
    PrecursorError err;
    err.category = category_name(t, cat);
    err.event = std::string(e.names.at(name));
    err.product_area = area == model::kNoArea ? std::string(kMissingGroup) : std::string(world.product_areas.at(area));
    err.tickets = count;
    err.share = static_cast<double>(count) / static_cast<double>(total.tickets[cat]);
    report.errors.push_back(std::move(err));
  }
  std::stable_sort(report.errors.begin(), report.errors.end(), [](const PrecursorError& x, const PrecursorError& y) {
    return x.category != y.category ? x.category < y.category : x.tickets > y.tickets;
  });
  return report;
}

}  // namespace ticketlens::analysis
