#pragma once
// Monthly recurring revenue of a subscription from its prices: each item's amount times its
// quantity, normalised from its billing interval to a month, less the discounts that recur.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ticketlens::ingest {

/// A month as a twelfth of a 365.25-day year, in seconds.
inline constexpr double kSecondsPerMonth = 365.25 * 86400.0 / 12.0;

struct PriceItem {
  std::string price_id, product, nickname, currency;
  std::optional<double> amount_minor;  ///< per interval, in the currency's minor unit (cents)
  std::string interval;                ///< day, week, month, year
  std::int64_t interval_count = 1;
  std::int64_t quantity = 1;
  bool metered = false;  ///< usage-based: no fixed amount, adds no MRR
};

struct Discount {
  std::optional<double> percent_off;       ///< 0-100
  std::optional<double> amount_off_minor;  ///< per interval, minor unit
  std::string duration;                    ///< once, repeating, forever
};

/// Minor units to major units: cents / 100, except zero-decimal currencies (JPY, KRW...).
double major_units(double minor, std::string_view currency);
/// The monthly amount of one interval's price: month → /count, year → /(12 count),
/// week → × 52/12 / count, day → × 365.25/12 / count. nullopt for an unknown interval.
std::optional<double> monthly_factor(std::string_view interval, std::int64_t interval_count);
/// Sum over licensed items of major_units(amount) × quantity × monthly factor; then percent
/// discounts, then amount discounts (normalised by the first item's interval), floored at 0.
/// Discounts with duration "once" are left out. nullopt when no item has a known amount.
std::optional<double> subscription_mrr(const std::vector<PriceItem>& items,
                                       const std::vector<Discount>& discounts);

}  // namespace ticketlens::ingest
