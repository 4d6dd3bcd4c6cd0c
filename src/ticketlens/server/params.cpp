#include "ticketlens/server/params.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <charconv>

#include "ticketlens/common/error.hpp"

namespace ticketlens::server {
namespace {

[[noreturn]] void bad(const std::string& detail) { throw HttpError(400, "bad_request", detail); }

bool in(std::initializer_list<std::string_view> list, std::string_view s) {
  for (auto x : list)
    if (x == s) return true;
  return false;
}

std::optional<Timestamp> parse_month(std::string_view s) {
  // YYYY-MM
  if (s.size() != 7 || s[4] != '-') return std::nullopt;
  int y = 0, m = 0;
  if (std::from_chars(s.data(), s.data() + 4, y).ptr != s.data() + 4) return std::nullopt;
  if (std::from_chars(s.data() + 5, s.data() + 7, m).ptr != s.data() + 7) return std::nullopt;
  if (y < 1970 || y > 9999 || m < 1 || m > 12) return std::nullopt;
  return days_from_civil(y, static_cast<unsigned>(m), 1) * kSecondsPerDay;
}

}  // namespace

void check_params(const Request& request, std::initializer_list<std::string_view> allowed,
                  std::initializer_list<std::string_view> also) {
  for (const auto& [name, value] : request.query) {
    if (in(allowed, name) || in(also, name)) continue;
    std::vector<std::string_view> names(allowed.begin(), allowed.end());
    names.insert(names.end(), also.begin(), also.end());
    bad(fmt::format("unknown parameter '{}'; this route takes: {}", name,
                    names.empty() ? std::string("none") : fmt::format("{}", fmt::join(names, ", "))));
  }
}

analysis::Period period_param(const Request& request, const model::World& world) {
  const auto week = request.param("week"), month = request.param("month");
  const auto from = request.param("from"), to = request.param("to");
  if ((week.has_value() + month.has_value() + (from || to)) > 1)
    bad("give one of week=, month= or from=&to=, not several");
  if (week) {
    const auto w = parse_iso_week(*week);
    if (!w) bad(fmt::format("week '{}' is not an ISO week like 2026-W47", *week));
    return analysis::week_period(*w);
  }
  if (month) {
    const auto start = parse_month(*month);
    if (!start) bad(fmt::format("month '{}' is not a month like 2026-11", *month));
    return {*start, next_month_start(*start)};
  }
  if (from || to) {
    if (!from || !to) bad("give both from= and to= (to is exclusive)");
    const auto f = parse_timestamp(*from), t = parse_timestamp(*to);
    if (!f) bad(fmt::format("from '{}' is not a date like 2026-11-02", *from));
    if (!t) bad(fmt::format("to '{}' is not a date like 2026-11-09", *to));
    if (*f >= *t) bad(fmt::format("from {} is not before to {}", *from, *to));
    return {*f, *t};
  }
  return analysis::last_full_week(world);
}

std::string period_key(const Request& request) {
  std::string key;
  for (auto name : kPeriodParams)
    if (auto v = request.param(std::string(name))) key += fmt::format("{}={};", name, *v);
  return key;
}

std::vector<analysis::Dimension> dimensions_param(const Request& request, const std::string& name) {
  const auto value = request.param(name);
  if (!value) return {};
  try {
    return analysis::parse_dimensions(*value);
  } catch (const Error& e) {
    bad(fmt::format("{}: {}", name, e.what()));
  }
}

std::string id_value(std::string_view value, std::string_view what) {
  if (value.empty() || value.size() > 256) bad(fmt::format("{} must be 1 to 256 characters", what));
  for (unsigned char c : value)
    if (c < 0x20 || c == 0x7F) bad(fmt::format("{} contains a control character", what));
  return std::string(value);
}

std::int64_t int_param(const Request& request, const std::string& name, std::int64_t min, std::int64_t max,
                       std::int64_t fallback) {
  const auto value = request.param(name);
  if (!value) return fallback;
  std::int64_t v = 0;
  const auto* end = value->data() + value->size();
  const auto r = std::from_chars(value->data(), end, v);
  if (r.ec != std::errc() || r.ptr != end || v < min || v > max)
    bad(fmt::format("{} '{}' must be a whole number from {} to {}", name, *value, min, max));
  return v;
}

}  // namespace ticketlens::server
