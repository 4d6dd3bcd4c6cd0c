#pragma once
// Concordance (Harrell's C) between a risk score and a survival outcome, with the standard error
// R reports in summary(coxph) (survival 3.5 concordancefit, timewt "n", reverse = TRUE: a higher
// score should mean an earlier event). A pair is comparable when the earlier time is an event
// and the other row is at risk then: in (start, stop] for counting-process rows, with a row
// censored at exactly that time counted as at risk. Pairs tied on the score count 1/2; pairs of
// events at the same time are tied on time and left out. Pairs are formed within strata only.
// O(n log n).
//
// Inputs as for cox_regression (start and strata optional, i.e. empty). No comparable pair gives
// value NaN and std_err NaN. Throws Error(kInvalidInput) on unequal lengths or NaN.
#include <cstdint>
#include <span>

namespace ticketlens::stats {

struct Concordance {
  double value = 0;    ///< (concordant + tied_risk / 2) / (concordant + discordant + tied_risk)
  double std_err = 0;  ///< infinitesimal-jackknife standard error of value
  double concordant = 0, discordant = 0, tied_risk = 0, tied_time = 0;
};

Concordance concordance(std::span<const double> start, std::span<const double> stop,
                        std::span<const std::uint8_t> event, std::span<const std::int32_t> strata,
                        std::span<const double> score);

}  // namespace ticketlens::stats
