#include "ticketlens/stats/kaplan_meier.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>
#include <string>

#include "ticketlens/common/error.hpp"
#include "ticketlens/stats/distributions.hpp"

namespace ticketlens::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// R's pmax/pmin propagate NA; std::max/min do not reliably, so spell it out.
double clip_low(double value, double low) { return std::isnan(value) ? kNaN : std::max(value, low); }
double clip_high(double value, double high) {
  return std::isnan(value) ? kNaN : std::min(value, high);
}

}  // namespace

Interval survival_interval(double surv, double std_err, double confidence, CiTransform ci) {
  const double z = normal_quantile(1.0 - (1.0 - confidence) / 2.0);
  switch (ci) {
    case CiTransform::kPlain: {
      const double half = std_err * surv * z;
      return {clip_low(surv - half, 0.0), clip_high(surv + half, 1.0)};
    }
    case CiTransform::kLog: {
      if (surv == 0.0) return {kNaN, kNaN};
      const double half = z * std_err;
      return {std::exp(std::log(surv) - half), clip_high(std::exp(std::log(surv) + half), 1.0)};
    }
    case CiTransform::kLogLog: {
      if (surv == 0.0 || surv == 1.0) return {kNaN, kNaN};
      const double half = z * std_err / std::log(surv);
      const double loglog = std::log(-std::log(surv));
      return {std::exp(-std::exp(loglog - half)), std::exp(-std::exp(loglog + half))};
    }
  }
  return {kNaN, kNaN};
}

CiTransform parse_ci_transform(const char* name) {
  if (std::strcmp(name, "log") == 0) return CiTransform::kLog;
  if (std::strcmp(name, "log-log") == 0) return CiTransform::kLogLog;
  if (std::strcmp(name, "plain") == 0) return CiTransform::kPlain;
  throw Error(ErrorCode::kUsage,
              std::string("unknown confidence interval type '") + name +
                  "' (expected log, log-log or plain)");
}

SurvivalCurve kaplan_meier(std::span<const double> time, std::span<const std::uint8_t> event,
                           const KaplanMeierOptions& options) {
  if (time.size() != event.size()) {
    throw Error(ErrorCode::kInvalidInput, "kaplan_meier: time and event differ in length");
  }
  if (!(options.confidence > 0.0 && options.confidence < 1.0)) {
    throw Error(ErrorCode::kInvalidInput, "kaplan_meier: confidence must be in (0, 1)");
  }
  for (std::size_t i = 0; i < time.size(); ++i) {
    if (!std::isfinite(time[i])) {
      throw Error(ErrorCode::kInvalidInput, "kaplan_meier: time must be finite (drop missing rows)");
    }
    if (event[i] > 1) throw Error(ErrorCode::kInvalidInput, "kaplan_meier: event must be 0 or 1");
  }

  SurvivalCurve curve;
  curve.n = static_cast<std::int64_t>(time.size());
  curve.confidence = options.confidence;
  curve.ci = options.ci;

  std::vector<std::size_t> order(time.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return time[a] < time[b]; });

  std::int64_t at_risk = curve.n;
  double surv = 1.0;
  double greenwood = 0.0;
  double hazard = 0.0;
  double hazard_var = 0.0;
  for (std::size_t k = 0; k < order.size();) {
    const double t = time[order[k]];
    std::int64_t events = 0;
    std::int64_t censored = 0;
    for (; k < order.size() && time[order[k]] == t; ++k) {
      if (event[order[k]] == 1) {
        ++events;
      } else {
        ++censored;
      }
    }
    const auto n = static_cast<double>(at_risk);
    const auto d = static_cast<double>(events);
    if (events > 0) {
      surv *= (n - d) / n;
      greenwood = at_risk > events ? greenwood + d / (n * (n - d))
                                   : std::numeric_limits<double>::infinity();
      hazard += d / n;
      hazard_var += d / (n * n);
    }
    curve.time.push_back(t);
    curve.n_risk.push_back(at_risk);
    curve.n_event.push_back(events);
    curve.n_censor.push_back(censored);
    curve.survival.push_back(surv);
    curve.std_err.push_back(std::sqrt(greenwood));
    const Interval band = survival_interval(surv, std::sqrt(greenwood), options.confidence,
                                            options.ci);
    curve.lower.push_back(band.lower);
    curve.upper.push_back(band.upper);
    curve.cumhaz.push_back(hazard);
    curve.std_cumhaz.push_back(std::sqrt(hazard_var));
    at_risk -= events + censored;
  }
  return curve;
}

}  // namespace ticketlens::stats
