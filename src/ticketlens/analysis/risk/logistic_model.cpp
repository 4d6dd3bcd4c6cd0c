#include "ticketlens/analysis/risk/logistic_model.hpp"

#include <cmath>
#include <limits>

namespace ticketlens::analysis::risk {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

LogisticRiskModel fit_logistic_risk(const std::vector<std::string>& names, const Columns& columns,
                                    const std::vector<std::uint8_t>& outcome) {
  LogisticRiskModel m;
  m.names = names;
  const std::size_t p = columns.size();
  m.mean.assign(p, 0.0);
  m.sd.assign(p, 0.0);
  m.coef.assign(p, 0.0);
  m.se.assign(p, kNaN);
  m.z.assign(p, kNaN);
  m.p.assign(p, kNaN);
  const auto n = static_cast<double>(outcome.size());
  std::vector<double> y(outcome.begin(), outcome.end());
  std::vector<std::vector<double>> scaled;
  std::vector<std::size_t> used;
  std::vector<std::string> used_names;
  for (std::size_t j = 0; j < p; ++j) {
    double sum = 0, sq = 0;
    for (double v : columns[j]) sum += v;
    m.mean[j] = n > 0 ? sum / n : 0;
    for (double v : columns[j]) sq += (v - m.mean[j]) * (v - m.mean[j]);
    m.sd[j] = n > 1 ? std::sqrt(sq / (n - 1)) : 0;
    if (!(m.sd[j] > 1e-12)) {
      m.sd[j] = 0;
      continue;
    }
    std::vector<double> z(columns[j].size());
    for (std::size_t i = 0; i < z.size(); ++i) z[i] = (columns[j][i] - m.mean[j]) / m.sd[j];
    scaled.push_back(std::move(z));
    used.push_back(j);
    used_names.push_back(names[j]);
  }
  stats::LogisticData data;
  data.outcome = y;
  for (const auto& c : scaled) data.covariates.emplace_back(c);
  data.names = used_names;
  const auto fit = stats::logistic_regression(data);
  m.converged = fit.converged;
  m.separation = fit.separation;
  m.iterations = fit.iterations;
  m.intercept = fit.coefficients.front().coef;
  for (std::size_t k = 0; k < used.size(); ++k) {
    const auto& c = fit.coefficients[k + 1];
    if (c.aliased || !std::isfinite(c.coef)) continue;
    const std::size_t j = used[k];
    m.coef[j] = c.coef;
    m.se[j] = c.se;
    m.z[j] = c.z;
    m.p[j] = c.p;
  }
  return m;
}

std::vector<double> predict(const LogisticRiskModel& model, const Columns& columns) {
  const std::size_t rows = columns.empty() ? 0 : columns.front().size();
  std::vector<double> eta(rows, model.intercept);
  for (std::size_t j = 0; j < columns.size(); ++j) {
    if (model.sd[j] == 0 || model.coef[j] == 0) continue;
    for (std::size_t i = 0; i < rows; ++i) eta[i] += model.coef[j] * (columns[j][i] - model.mean[j]) / model.sd[j];
  }
  for (double& e : eta) e = 1.0 / (1.0 + std::exp(-e));
  return eta;
}

std::vector<double> contributions(const LogisticRiskModel& model, const Columns& columns, std::size_t row) {
  std::vector<double> out(columns.size(), 0.0);
  for (std::size_t j = 0; j < columns.size(); ++j)
    if (model.sd[j] > 0) out[j] = model.coef[j] * (columns[j][row] - model.mean[j]) / model.sd[j];
  return out;
}

}  // namespace ticketlens::analysis::risk
