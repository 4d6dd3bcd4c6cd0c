#include "ticketlens/stats/fisher_exact.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "ticketlens/common/error.hpp"
#include "ticketlens/stats/distributions.hpp"

namespace ticketlens::stats {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// The conditional distribution of the top-left cell given the margins, for an odds ratio
// exp(log_ncp): support lo..hi, probabilities proportional to C(m, x) C(n, k - x) ncp^x.
class NoncentralHypergeometric {
 public:
  NoncentralHypergeometric(double m, double n, double k)
      : lo_(std::max(0.0, k - n)), hi_(std::min(k, m)) {
    for (double x = lo_; x <= hi_; x += 1.0) {
      log_density_.push_back(log_choose(m, x) + log_choose(n, k - x));
    }
  }
  [[nodiscard]] double lo() const { return lo_; }
  [[nodiscard]] double hi() const { return hi_; }

  [[nodiscard]] std::vector<double> probabilities(double log_ncp) const {
    std::vector<double> p(log_density_.size());
    double largest = -kInf;
    for (std::size_t i = 0; i < p.size(); ++i) {
      p[i] = log_density_[i] + log_ncp * (lo_ + static_cast<double>(i));
      largest = std::max(largest, p[i]);
    }
    double sum = 0.0;
    for (double& v : p) {
      v = std::exp(v - largest);
      sum += v;
    }
    for (double& v : p) v /= sum;
    return p;
  }
  [[nodiscard]] double mean(double log_ncp) const {
    const auto p = probabilities(log_ncp);
    double sum = 0.0;
    for (std::size_t i = 0; i < p.size(); ++i) sum += p[i] * (lo_ + static_cast<double>(i));
    return sum;
  }
  /// P(X <= x) or P(X >= x).
  [[nodiscard]] double tail(double x, double log_ncp, bool upper) const {
    const auto p = probabilities(log_ncp);
    double sum = 0.0;
    for (std::size_t i = 0; i < p.size(); ++i) {
      const double value = lo_ + static_cast<double>(i);
      if (upper ? value >= x : value <= x) sum += p[i];
    }
    return sum;
  }

 private:
  double lo_, hi_;
  std::vector<double> log_density_;
};

// Root of an increasing function of log(ncp), by bisection to the last bit.
template <typename F>
double solve_log_ncp(F increasing, double target) {
  double lo = -745.0;
  double hi = 745.0;
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (increasing(mid) < target) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return std::exp(0.5 * (lo + hi));
}

}  // namespace

FisherExact fisher_exact(double a, double b, double c, double d, double confidence) {
  for (double cell : {a, b, c, d}) {
    if (!(cell >= 0.0) || std::floor(cell) != cell || !std::isfinite(cell)) {
      throw Error(ErrorCode::kInvalidInput, "fisher_exact: cells must be whole numbers >= 0");
    }
  }
  if (!(confidence > 0.0 && confidence < 1.0)) {
    throw Error(ErrorCode::kInvalidInput, "fisher_exact: confidence must be in (0, 1)");
  }
  const double m = a + c;  // first column
  const double n = b + d;  // second column
  const double k = a + b;  // first row
  const NoncentralHypergeometric dist(m, n, k);
  if (dist.lo() == dist.hi()) {
    return {1.0, std::numeric_limits<double>::quiet_NaN(), 0.0, kInf};
  }
  FisherExact result{};
  const auto null = dist.probabilities(0.0);
  const double observed = null[static_cast<std::size_t>(a - dist.lo())];
  double p = 0.0;
  for (double v : null) {
    if (v <= observed * (1.0 + 1e-7)) p += v;
  }
  result.p = std::min(1.0, p);

  if (a == dist.lo()) {
    result.odds_ratio = 0.0;
  } else if (a == dist.hi()) {
    result.odds_ratio = kInf;
  } else {
    result.odds_ratio = solve_log_ncp([&](double t) { return dist.mean(t); }, a);
  }
  const double alpha = (1.0 - confidence) / 2.0;
  // Upper limit: P(X <= a) = alpha (decreasing in ncp); lower: P(X >= a) = alpha (increasing).
  result.upper = a == dist.hi() ? kInf
                                : solve_log_ncp([&](double t) { return -dist.tail(a, t, false); },
                                                -alpha);
  result.lower = a == dist.lo() ? 0.0
                                : solve_log_ncp([&](double t) { return dist.tail(a, t, true); },
                                                alpha);
  return result;
}

double fisher_exact_p(double a, double b, double c, double d) {
  for (double cell : {a, b, c, d}) {
    if (!(cell >= 0.0) || std::floor(cell) != cell || !std::isfinite(cell)) {
      throw Error(ErrorCode::kInvalidInput, "fisher_exact_p: cells must be whole numbers >= 0");
    }
  }
  const double m = a + c, n = b + d, k = a + b;
  const double lo = std::max(0.0, k - n), hi = std::min(k, m);
  if (lo == hi) return 1.0;
  // log f(x) up to a constant, by the ratio f(x+1) / f(x) = (m - x)(k - x) / ((x + 1)(n - k + x + 1)).
  std::vector<double> log_f(static_cast<std::size_t>(hi - lo) + 1);
  log_f[0] = 0.0;
  for (std::size_t i = 1; i < log_f.size(); ++i) {
    const double x = lo + static_cast<double>(i - 1);
    log_f[i] = log_f[i - 1] + std::log((m - x) * (k - x)) - std::log((x + 1) * (n - k + x + 1));
  }
  const double largest = *std::max_element(log_f.begin(), log_f.end());
  const double observed = log_f[static_cast<std::size_t>(a - lo)] - largest;
  double total = 0.0, tail = 0.0;
  for (double v : log_f) {
    const double p = std::exp(v - largest);
    total += p;
    if (v - largest <= observed + std::log1p(1e-7)) tail += p;
  }
  return std::min(1.0, tail / total);
}

}  // namespace ticketlens::stats
