// The proportional-hazards test of R's cox.zph(fit, transform = "km") (survival 3.x): the score
// test, at the fitted coefficients, for adding x * g(t) for each term, g(t) = 1 - KM(t-) of the
// pooled sample centered over the event times.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "ticketlens/stats/cholesky.hpp"
#include "ticketlens/stats/cox_risk_set.hpp"
#include "ticketlens/stats/distributions.hpp"

namespace ticketlens::stats::detail {
namespace {

// 1 - S(t-) of the pooled Kaplan–Meier (counting-process risk sets when there are start times),
// as a step function of t given at the distinct event times.
struct KmTransform {
  std::vector<double> event_time;  // ascending
  std::vector<double> value;       // 1 - S(t-) at each event time

  double at(double t) const {
    const auto it = std::lower_bound(event_time.begin(), event_time.end(), t);
    return value[static_cast<std::size_t>(it - event_time.begin())];
  }
};

KmTransform km_transform(const CoxProblem& problem) {
  std::vector<double> stops(problem.stop.rbegin(), problem.stop.rend());
  std::sort(stops.begin(), stops.end());
  std::vector<double> starts = problem.start;
  std::sort(starts.begin(), starts.end());
  std::vector<double> death_times;
  for (std::size_t k = 0; k < problem.n; ++k) {
    if (problem.event[k] == 1) death_times.push_back(problem.stop[k]);
  }
  std::sort(death_times.begin(), death_times.end());
  KmTransform km;
  double surv = 1.0;
  for (std::size_t i = 0; i < death_times.size();) {
    const double t = death_times[i];
    std::size_t j = i;
    while (j < death_times.size() && death_times[j] == t) ++j;
    const auto d = static_cast<double>(j - i);
    // at risk at t: stop >= t and (no start, or start < t)
    const auto stop_ge = static_cast<double>(stops.end() - std::lower_bound(stops.begin(),
                                                                            stops.end(), t));
    const auto start_ge = static_cast<double>(starts.end() - std::lower_bound(starts.begin(),
                                                                              starts.end(), t));
    const double at_risk = stop_ge - start_ge;
    km.event_time.push_back(t);
    km.value.push_back(1.0 - surv);
    surv *= (at_risk - d) / at_risk;
    i = j;
  }
  return km;
}

double quadratic_form(const std::vector<double>& matrix, const std::vector<double>& u,
                      std::span<const std::size_t> index, std::size_t dim) {
  const std::size_t m = index.size();
  std::vector<double> sub(m * m);
  std::vector<double> b(m);
  for (std::size_t i = 0; i < m; ++i) {
    b[i] = u[index[i]];
    for (std::size_t j = 0; j < m; ++j) sub[i * m + j] = matrix[index[i] * dim + index[j]];
  }
  std::vector<double> solved = b;
  Cholesky(sub, m, 1e-13).solve(solved);
  return std::inner_product(b.begin(), b.end(), solved.begin(), 0.0);
}

}  // namespace

void cox_ph_test(const CoxProblem& problem, std::span<const double> beta,
                 std::span<const std::size_t> kept,
                 const std::vector<std::vector<std::size_t>>& terms,
                 const std::vector<std::string>& term_names, CoxFit& fit) {
  const std::size_t p = problem.p;
  const KmTransform km = km_transform(problem);
  double center = 0.0;
  for (std::size_t k = 0; k < problem.n; ++k) {
    if (problem.event[k] == 1) center += km.at(problem.stop[k]);
  }
  center /= static_cast<double>(problem.events);

  // Sums over event times of the score and information contributions, weighted by g and g^2.
  std::vector<double> u_g(p, 0.0), info(p * p, 0.0), info_g(p * p, 0.0), info_gg(p * p, 0.0);
  const std::function<void(const EventTimeTerms&)> observer = [&](const EventTimeTerms& t) {
    const double g = km.at(t.time) - center;
    for (std::size_t i = 0; i < p; ++i) {
      u_g[i] += g * t.score[i];
      for (std::size_t j = 0; j <= i; ++j) {
        const double v = t.information[i * p + j];
        info[i * p + j] += v;
        info_g[i * p + j] += g * v;
        info_gg[i * p + j] += g * g * v;
      }
    }
  };
  evaluate_cox(problem, beta, &observer);

  // The 2m x 2m system over the kept columns: (x, x g).
  const std::size_t m = kept.size();
  const std::size_t dim = 2 * m;
  std::vector<double> full(dim * dim, 0.0);
  std::vector<double> u(dim, 0.0);
  auto lower = [p](const std::vector<double>& v, std::size_t i, std::size_t j) {
    return i >= j ? v[i * p + j] : v[j * p + i];
  };
  for (std::size_t a = 0; a < m; ++a) {
    u[m + a] = u_g[kept[a]];
    for (std::size_t b = 0; b < m; ++b) {
      const std::size_t i = kept[a];
      const std::size_t j = kept[b];
      full[a * dim + b] = lower(info, i, j);
      full[a * dim + m + b] = lower(info_g, i, j);
      full[(m + a) * dim + b] = lower(info_g, i, j);
      full[(m + a) * dim + m + b] = lower(info_gg, i, j);
    }
  }
  fit.ph_terms.clear();
  for (std::size_t t = 0; t < terms.size(); ++t) {
    std::vector<std::size_t> index(m);
    std::iota(index.begin(), index.end(), std::size_t{0});
    for (std::size_t k : terms[t]) index.push_back(m + k);
    const double chisq = quadratic_form(full, u, index, dim);
    const int df = static_cast<int>(terms[t].size());
    fit.ph_terms.push_back({term_names[t], chisq, df, chi_square_sf(chisq, df)});
  }
  std::vector<std::size_t> all(dim);
  std::iota(all.begin(), all.end(), std::size_t{0});
  const double chisq = quadratic_form(full, u, all, dim);
  fit.ph_global = {"GLOBAL", chisq, static_cast<int>(m), chi_square_sf(chisq, static_cast<int>(m))};
}

}  // namespace ticketlens::stats::detail
