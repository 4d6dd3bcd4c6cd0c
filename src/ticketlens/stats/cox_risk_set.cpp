#include "ticketlens/stats/cox_risk_set.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "ticketlens/common/error.hpp"

namespace ticketlens::stats::detail {
namespace {

void require(bool condition, const char* message) {
  if (!condition) throw Error(ErrorCode::kInvalidInput, std::string("cox_regression: ") + message);
}

// Adds w * x and w * x x' (lower triangle) to the running sums.
inline void accumulate(double w, const double* x, std::size_t p, double* a, double* cmat) {
  for (std::size_t i = 0; i < p; ++i) {
    const double wx = w * x[i];
    a[i] += wx;
    double* row = cmat + i * p;
    for (std::size_t j = 0; j <= i; ++j) row[j] += wx * x[j];
  }
}

}  // namespace

CoxProblem prepare_cox_problem(const CoxData& data, CoxTies ties) {
  CoxProblem problem;
  const std::size_t n = data.stop.size();
  const std::size_t p = data.covariates.size();
  problem.n = n;
  problem.p = p;
  problem.ties = ties;
  problem.counting = !data.start.empty();
  require(data.event.size() == n, "stop and event differ in length");
  require(!problem.counting || data.start.size() == n, "start and stop differ in length");
  require(data.strata.empty() || data.strata.size() == n, "strata and stop differ in length");
  require(data.names.empty() || data.names.size() == p, "one name per covariate expected");
  for (const auto& column : data.covariates) require(column.size() == n, "covariate length");
  for (std::size_t i = 0; i < n; ++i) {
    require(std::isfinite(data.stop[i]), "stop time must be finite (drop missing rows)");
    require(data.event[i] <= 1, "event must be 0 or 1");
    if (problem.counting) {
      require(std::isfinite(data.start[i]), "start time must be finite (drop missing rows)");
      require(data.start[i] < data.stop[i], "start must be before stop");
    }
    if (data.event[i] == 1) ++problem.events;
  }
  for (const auto& column : data.covariates) {
    for (double v : column) require(std::isfinite(v), "covariate must be finite (drop missing rows)");
  }

  // Sort keys held together (not through an index) so that sorting a million rows stays cheap.
  struct Key {
    std::int32_t stratum;
    double negative_time;
    std::size_t index;
    bool operator<(const Key& other) const {
      if (stratum != other.stratum) return stratum < other.stratum;
      if (negative_time != other.negative_time) return negative_time < other.negative_time;
      return index < other.index;
    }
  };
  std::vector<Key> keys(n);
  for (std::size_t i = 0; i < n; ++i) {
    keys[i] = {data.strata.empty() ? 0 : data.strata[i], -data.stop[i], i};
  }
  std::sort(keys.begin(), keys.end());
  problem.row.resize(n);
  problem.stop.resize(n);
  problem.event.resize(n);
  problem.stratum.resize(n);
  if (problem.counting) problem.start.resize(n);
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t i = keys[k].index;
    problem.row[k] = i;
    problem.stop[k] = data.stop[i];
    problem.event[k] = data.event[i];
    problem.stratum[k] = keys[k].stratum;
    if (problem.counting) problem.start[k] = data.start[i];
  }
  if (problem.counting) {
    for (std::size_t k = 0; k < n; ++k) keys[k] = {problem.stratum[k], -problem.start[k], k};
    std::sort(keys.begin(), keys.end());
    problem.by_start.resize(n);
    for (std::size_t k = 0; k < n; ++k) problem.by_start[k] = keys[k].index;
  }

  // Center and scale each column as R's coxfit6/agfit4 do: the fit is invariant to it, the
  // arithmetic and the singularity test are better for it.
  problem.mean.assign(p, 0.0);
  problem.scale.assign(p, 1.0);
  problem.x.resize(n * p);
  for (std::size_t j = 0; j < p; ++j) {
    const auto& column = data.covariates[j];
    const double mean = n == 0 ? 0.0 : std::accumulate(column.begin(), column.end(), 0.0) /
                                                   static_cast<double>(n);
    double spread = 0.0;
    for (double v : column) spread += std::fabs(v - mean);
    const double scale = spread > 0.0 ? static_cast<double>(n) / spread : 1.0;
    problem.mean[j] = mean;
    problem.scale[j] = scale;
  }
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t i = problem.row[k];
    for (std::size_t j = 0; j < p; ++j) {
      problem.x[k * p + j] = (data.covariates[j][i] - problem.mean[j]) * problem.scale[j];
    }
  }
  return problem;
}

CoxScore evaluate_cox(const CoxProblem& problem, std::span<const double> beta,
                      const std::function<void(const EventTimeTerms&)>* observer) {
  const std::size_t n = problem.n;
  const std::size_t p = problem.p;
  const double* x = problem.x.data();
  CoxScore result;
  result.score.assign(p, 0.0);
  result.information.assign(p * p, 0.0);

  std::vector<double> eta(n);
  for (std::size_t k = 0; k < n; ++k) {
    double sum = 0.0;
    for (std::size_t j = 0; j < p; ++j) sum += beta[j] * x[k * p + j];
    eta[k] = sum;
  }

  // Risk-set sums (everyone at risk except this time's deaths) and the deaths' own sums.
  std::vector<double> a(p), cmat(p * p), a2(p), cmat2(p * p);
  double denom = 0.0, denom2 = 0.0, etasum = 0.0, shift = 0.0;
  std::size_t nrisk = 0;
  // Per-time buffers when someone observes; otherwise add straight into the totals.
  std::vector<double> time_score, time_information;
  if (observer != nullptr) {
    time_score.resize(p);
    time_information.resize(p * p);
  }
  double* u = observer != nullptr ? time_score.data() : result.score.data();
  double* imat = observer != nullptr ? time_information.data() : result.information.data();

  auto reset_risk_set = [&] {
    denom = 0.0;
    etasum = 0.0;
    nrisk = 0;
    std::fill(a.begin(), a.end(), 0.0);
    std::fill(cmat.begin(), cmat.end(), 0.0);
  };
  reset_risk_set();
  // A censored row enters the risk set (not among the deaths of the current time).
  auto add_censored = [&](std::size_t row) {
    if (nrisk == 0) shift = eta[row];
    ++nrisk;
    etasum += eta[row];
    const double risk = std::exp(eta[row] - shift);
    denom += risk;
    accumulate(risk, x + row * p, p, a.data(), cmat.data());
  };
  std::size_t person = 0;
  std::size_t leaving = 0;  // index into by_start
  std::int32_t stratum = n > 0 ? problem.stratum[0] : 0;
  double loglik = 0.0;
  while (person < n) {
    // The next death time at or after `person`, crossing into later strata as needed.
    std::size_t k = person;
    for (; k < n; ++k) {
      if (problem.stratum[k] != stratum) {
        stratum = problem.stratum[k];
        reset_risk_set();
        person = k;
        leaving = k;
      }
      if (problem.event[k] == 1) break;
    }
    if (k == n) break;
    const double dtime = problem.stop[k];

    // Rows before k are censored with stop >= dtime: enter them first, so that the removal below
    // only ever removes rows already in the risk set (a row that starts at or after dtime has its
    // stop above dtime and is among them). Removing a row before it had entered made nrisk wrap
    // around and reset the scale (shift) of sums that were not empty: wrong likelihoods away from
    // beta = 0 on counting-process data followed beyond the last event (issue 4).
    for (; person < k; ++person) add_censored(person);

    if (problem.counting) {
      for (; leaving < n; ++leaving) {
        const std::size_t q = problem.by_start[leaving];
        if (problem.start[q] < dtime || problem.stratum[q] != stratum) break;
        --nrisk;
        if (nrisk == 0) {
          reset_risk_set();
        } else {
          etasum -= eta[q];
          const double risk = std::exp(eta[q] - shift);
          denom -= risk;
          accumulate(-risk, x + q * p, p, a.data(), cmat.data());
        }
      }
    }
    // Keep exp() in range: shift the scale of the sums when the mean eta drifts (as agfit4).
    if (nrisk > 0 && std::fabs(etasum / static_cast<double>(nrisk) - shift) > 200.0) {
      const double new_shift = etasum / static_cast<double>(nrisk);
      const double factor = std::exp(shift - new_shift);
      denom *= factor;
      for (double& v : a) v *= factor;
      for (double& v : cmat) v *= factor;
      shift = new_shift;
    }

    denom2 = 0.0;
    std::fill(a2.begin(), a2.end(), 0.0);
    std::fill(cmat2.begin(), cmat2.end(), 0.0);
    if (observer != nullptr) {
      std::fill(time_score.begin(), time_score.end(), 0.0);
      std::fill(time_information.begin(), time_information.end(), 0.0);
    }
    double deaths = 0.0;
    for (; person < n; ++person) {
      if (problem.stratum[person] != stratum || problem.stop[person] < dtime) break;
      if (problem.event[person] == 0) {
        add_censored(person);
        continue;
      }
      if (nrisk == 0) shift = eta[person];
      ++nrisk;
      etasum += eta[person];
      const double risk = std::exp(eta[person] - shift);
      const double* xi = x + person * p;
      deaths += 1.0;
      denom2 += risk;
      loglik += eta[person] - shift;
      for (std::size_t i = 0; i < p; ++i) u[i] += xi[i];
      accumulate(risk, xi, p, a2.data(), cmat2.data());
    }

    double hazard = 0.0;
    if (problem.ties == CoxTies::kBreslow || deaths == 1.0) {
      denom += denom2;
      loglik -= deaths * std::log(denom);
      hazard = deaths / denom;
      for (std::size_t i = 0; i < p; ++i) {
        a[i] += a2[i];
        const double mean_i = a[i] / denom;
        u[i] -= deaths * mean_i;
        for (std::size_t j = 0; j <= i; ++j) {
          cmat[i * p + j] += cmat2[i * p + j];
          imat[i * p + j] += deaths * (cmat[i * p + j] - mean_i * a[j]) / denom;
        }
      }
    } else {
      // Efron: the tied deaths leave the risk set a fraction 1/d at a time.
      for (int step = 0; step < static_cast<int>(deaths); ++step) {
        denom += denom2 / deaths;
        loglik -= std::log(denom);
        hazard += 1.0 / denom;
        for (std::size_t i = 0; i < p; ++i) {
          a[i] += a2[i] / deaths;
          const double mean_i = a[i] / denom;
          u[i] -= mean_i;
          for (std::size_t j = 0; j <= i; ++j) {
            cmat[i * p + j] += cmat2[i * p + j] / deaths;
            imat[i * p + j] += (cmat[i * p + j] - mean_i * a[j]) / denom;
          }
        }
      }
    }
    if (observer != nullptr) {
      for (std::size_t i = 0; i < p; ++i) result.score[i] += time_score[i];
      for (std::size_t i = 0; i < p * p; ++i) result.information[i] += time_information[i];
      const EventTimeTerms terms{dtime, stratum, deaths, time_score, time_information,
                                 hazard, shift};
      (*observer)(terms);
    }
  }
  for (std::size_t i = 0; i < p; ++i) {
    for (std::size_t j = 0; j < i; ++j) result.information[j * p + i] = result.information[i * p + j];
  }
  result.loglik = loglik;
  return result;
}

}  // namespace ticketlens::stats::detail
