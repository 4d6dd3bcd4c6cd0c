#include "ticketlens/common/time.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstdio>

namespace ticketlens {
namespace {

bool read_digits(std::string_view s, std::size_t pos, std::size_t n, int& out) noexcept {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

bool is_leap(std::int64_t y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(std::int64_t y, unsigned m) noexcept {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

}  // namespace

CivilDate civil_from_days(std::int64_t z) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

std::optional<Timestamp> parse_timestamp(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  if (s.empty()) return std::nullopt;
  // Integer epoch seconds (optionally negative); ISO dates always contain '-' after 4 digits.
  {
    const std::size_t first = (s[0] == '-') ? 1 : 0;
    bool all_digits = first < s.size();
    for (std::size_t k = first; k < s.size(); ++k) all_digits &= (s[k] >= '0' && s[k] <= '9');
    if (all_digits) {
      std::int64_t v = 0;
      auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
      if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
      return v;
    }
  }
  int y = 0, mo = 0, d = 0;
  if (s.size() < 10 || !read_digits(s, 0, 4, y) || s[4] != '-' || !read_digits(s, 5, 2, mo) ||
      s[7] != '-' || !read_digits(s, 8, 2, d))
    return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > static_cast<int>(days_in_month(y, static_cast<unsigned>(mo))))
    return std::nullopt;
  Timestamp t = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * kSecondsPerDay;
  if (s.size() == 10) return t;
  if (s[10] != 'T' && s[10] != 't' && s[10] != ' ') return std::nullopt;
  int hh = 0, mm = 0, ss = 0;
  if (!read_digits(s, 11, 2, hh) || s.size() < 16 || s[13] != ':' || !read_digits(s, 14, 2, mm))
    return std::nullopt;
  std::size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!read_digits(s, pos + 1, 2, ss)) return std::nullopt;
    pos += 3;
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      ++pos;
      const std::size_t frac_start = pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
      if (pos == frac_start) return std::nullopt;
    }
  }
  if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;  // 60: a leap second, folded below
  if (ss == 60) ss = 59;
  t += hh * kSecondsPerHour + mm * 60 + ss;
  if (pos == s.size()) return t;  // no zone: UTC
  const char z = s[pos];
  if ((z == 'Z' || z == 'z') && pos + 1 == s.size()) return t;
  if (z == '+' || z == '-') {
    int oh = 0, om = 0;
    if (!read_digits(s, pos + 1, 2, oh)) return std::nullopt;
    std::size_t p2 = pos + 3;
    if (p2 < s.size() && s[p2] == ':') ++p2;
    if (p2 < s.size()) {
      if (!read_digits(s, p2, 2, om)) return std::nullopt;
      p2 += 2;
    }
    if (p2 != s.size() || oh > 18 || om > 59) return std::nullopt;
    const Timestamp offset = oh * kSecondsPerHour + om * 60;
    return z == '+' ? t - offset : t + offset;
  }
  return std::nullopt;
}

std::string format_timestamp(Timestamp t) {
  std::int64_t days = t / kSecondsPerDay;
  std::int64_t rem = t % kSecondsPerDay;
  if (rem < 0) {
    rem += kSecondsPerDay;
    --days;
  }
  const CivilDate c = civil_from_days(days);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", c.year, c.month, c.day, rem / 3600,
                     (rem / 60) % 60, rem % 60);
}

std::string format_date(Timestamp t) {
  std::int64_t days = t / kSecondsPerDay;
  if (t % kSecondsPerDay < 0) --days;
  const CivilDate c = civil_from_days(days);
  return fmt::format("{:04}-{:02}-{:02}", c.year, c.month, c.day);
}

namespace {
std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}
// Monday of ISO week 1 of `year`, in days since epoch.
std::int64_t iso_year_start_days(std::int64_t year) noexcept {
  const std::int64_t jan4 = days_from_civil(year, 1, 4);
  // 1970-01-01 was a Thursday: weekday index Monday=0 is (days + 3) mod 7.
  const std::int64_t weekday = ((jan4 + 3) % 7 + 7) % 7;
  return jan4 - weekday;
}
}  // namespace

IsoWeek iso_week_of(Timestamp t) noexcept {
  const std::int64_t days = floor_div(t, kSecondsPerDay);
  std::int64_t year = civil_from_days(days).year;
  std::int64_t start = iso_year_start_days(year + 1);
  if (days >= start) {
    ++year;
  } else {
    start = iso_year_start_days(year);
    if (days < start) {
      --year;
      start = iso_year_start_days(year);
    }
  }
  return {static_cast<int>(year), static_cast<int>((days - start) / 7 + 1)};
}

Timestamp iso_week_start(IsoWeek w) noexcept {
  return (iso_year_start_days(w.year) + (w.week - 1) * 7) * kSecondsPerDay;
}

std::string format_iso_week(IsoWeek w) { return fmt::format("{:04}-W{:02}", w.year, w.week); }

std::optional<IsoWeek> parse_iso_week(std::string_view s) noexcept {
  int y = 0, w = 0;
  if (!read_digits(s, 0, 4, y)) return std::nullopt;
  std::size_t pos = 4;
  if (pos < s.size() && s[pos] == '-') ++pos;
  if (pos >= s.size() || (s[pos] != 'W' && s[pos] != 'w')) return std::nullopt;
  ++pos;
  if (s.size() != pos + 2 || !read_digits(s, pos, 2, w) || w < 1) return std::nullopt;
  const IsoWeek week{y, w};
  // Week 53 exists only in some years: check it round-trips.
  if (iso_week_of(iso_week_start(week)) != week) return std::nullopt;
  return week;
}

Timestamp month_start(Timestamp t) noexcept {
  const CivilDate c = civil_from_days(floor_div(t, kSecondsPerDay));
  return days_from_civil(c.year, c.month, 1) * kSecondsPerDay;
}

Timestamp next_month_start(Timestamp t) noexcept {
  const CivilDate c = civil_from_days(floor_div(t, kSecondsPerDay));
  const std::int64_t y = c.month == 12 ? c.year + 1 : c.year;
  const unsigned m = c.month == 12 ? 1 : c.month + 1;
  return days_from_civil(y, m, 1) * kSecondsPerDay;
}

std::optional<Timestamp> parse_duration(std::string_view text) noexcept {
  if (text.size() < 2 || text.size() > 12) return std::nullopt;
  Timestamp unit = 0;
  switch (text.back()) {
    case 'm': unit = 60; break;
    case 'h': unit = kSecondsPerHour; break;
    case 'd': unit = kSecondsPerDay; break;
    case 'w': unit = 7 * kSecondsPerDay; break;
    default: return std::nullopt;
  }
  Timestamp n = 0;
  for (char c : text.substr(0, text.size() - 1)) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n * unit;
}

}  // namespace ticketlens
