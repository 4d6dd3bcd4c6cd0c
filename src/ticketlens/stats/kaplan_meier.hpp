#pragma once
// Kaplan–Meier product-limit estimate and the Nelson–Aalen cumulative hazard for right-censored
// data, as R's survfit(Surv(time, event) ~ 1) reports them (survival 3.5, stype 1, ctype 1):
// one row per distinct observed time (event or censoring), in increasing order.
//
// Inputs: `time` in any unit (the output keeps it), `event` 1 = event, 0 = censored, equal length.
// Times are grouped by exact equality (R's timefix merging of near-equal floats is not applied).
// Empty input gives an empty curve with n = 0. Throws Error(kInvalidInput) on unequal lengths, a
// NaN or infinite time, an event flag other than 0/1, or a confidence level outside (0, 1).
#include <cstdint>
#include <span>
#include <vector>

namespace ticketlens::stats {

/// How the pointwise confidence interval of S(t) is formed (R's conf.type).
enum class CiTransform {
  kLog,     ///< exp(log S ± z se), upper capped at 1 (R's default "log")
  kLogLog,  ///< S^exp(± z se / log S) ("log-log"); undefined at S = 0 or 1
  kPlain,   ///< S ± z se S, clipped to [0, 1] ("plain")
};

struct KaplanMeierOptions {
  double confidence = 0.95;
  CiTransform ci = CiTransform::kLog;
};

struct SurvivalCurve {
  std::int64_t n = 0;  ///< observations used
  double confidence = 0.95;
  CiTransform ci = CiTransform::kLog;
  std::vector<double> time;
  std::vector<std::int64_t> n_risk, n_event, n_censor;
  std::vector<double> survival;
  /// Greenwood standard error of log S(t) (R's survfit $std.err): sqrt(sum d/(n(n-d))); +inf
  /// once S reaches 0.
  std::vector<double> std_err;
  /// Pointwise interval of S(t); NaN where the transform is undefined (R's NA).
  std::vector<double> lower, upper;
  /// Nelson–Aalen cumulative hazard sum d/n and its standard error sqrt(sum d/n^2)
  /// (R's $cumhaz and $std.chaz).
  std::vector<double> cumhaz, std_cumhaz;
};

SurvivalCurve kaplan_meier(std::span<const double> time, std::span<const std::uint8_t> event,
                           const KaplanMeierOptions& options = {});

/// The interval (lower, upper) of a survival probability `surv` whose log has standard error
/// `std_err`, as R's survfit_confint with logse = TRUE. NaN where undefined.
struct Interval {
  double lower, upper;
};
Interval survival_interval(double surv, double std_err, double confidence, CiTransform ci);

/// Parses "log", "log-log", "plain"; throws Error(kUsage) otherwise.
CiTransform parse_ci_transform(const char* name);

}  // namespace ticketlens::stats
