#include "ticketlens/ingest/import/subscription_mrr.hpp"

#include <algorithm>
#include <array>

namespace ticketlens::ingest {

double major_units(double minor, std::string_view currency) {
  static constexpr std::array<std::string_view, 16> kZeroDecimal = {
      "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga",
      "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"};
  const bool zero = std::find(kZeroDecimal.begin(), kZeroDecimal.end(), currency) != kZeroDecimal.end();
  return zero ? minor : minor / 100.0;
}

std::optional<double> monthly_factor(std::string_view interval, std::int64_t interval_count) {
  if (interval_count < 1) interval_count = 1;
  const auto n = static_cast<double>(interval_count);
  if (interval == "month") return 1.0 / n;
  if (interval == "year") return 1.0 / (12.0 * n);
  if (interval == "week") return 52.0 / 12.0 / n;
  if (interval == "day") return 365.25 / 12.0 / n;
  return std::nullopt;
}

std::optional<double> subscription_mrr(const std::vector<PriceItem>& items,
                                       const std::vector<Discount>& discounts) {
  std::optional<double> total;
  std::optional<double> first_factor;
  std::string currency;
  for (const auto& item : items) {
    if (item.metered) {
      if (!total) total = 0.0;
      continue;
    }
    if (!item.amount_minor) continue;
    const auto factor = monthly_factor(item.interval.empty() ? "month" : item.interval, item.interval_count);
    if (!factor) continue;
    if (!first_factor) {
      first_factor = factor;
      currency = item.currency;
    }
    total = total.value_or(0.0) +
            major_units(*item.amount_minor, item.currency) * static_cast<double>(item.quantity) * *factor;
  }
  if (!total) return std::nullopt;
  double mrr = *total;
  for (const auto& d : discounts)
    if (d.duration != "once" && d.percent_off) mrr *= 1.0 - std::clamp(*d.percent_off, 0.0, 100.0) / 100.0;
  for (const auto& d : discounts)
    if (d.duration != "once" && d.amount_off_minor)
      mrr -= major_units(*d.amount_off_minor, currency) * first_factor.value_or(1.0);
  return std::max(0.0, mrr);
}

}  // namespace ticketlens::ingest
