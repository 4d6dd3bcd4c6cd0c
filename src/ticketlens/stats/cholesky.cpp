#include "ticketlens/stats/cholesky.hpp"

#include <cmath>

#include "ticketlens/common/error.hpp"

namespace ticketlens::stats {

Cholesky::Cholesky(std::span<const double> matrix, std::size_t n, double tolerance)
    : n_(n), factor_(matrix.begin(), matrix.end()) {
  if (matrix.size() != n * n) {
    throw Error(ErrorCode::kInvalidInput, "Cholesky: matrix size is not n*n");
  }
  auto at = [this](std::size_t i, std::size_t j) -> double& { return factor_[i * n_ + j]; };
  double largest = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    if (at(i, i) > largest) largest = at(i, i);
    for (std::size_t j = i + 1; j < n; ++j) at(i, j) = 0.0;
  }
  const double threshold = largest == 0.0 ? tolerance : largest * tolerance;
  for (std::size_t i = 0; i < n; ++i) {
    const double pivot = at(i, i);
    if (!std::isfinite(pivot) || pivot < threshold) {
      at(i, i) = 0.0;
      for (std::size_t j = i + 1; j < n; ++j) at(j, i) = 0.0;
      continue;
    }
    ++rank_;
    for (std::size_t j = i + 1; j < n; ++j) {
      const double ratio = at(j, i) / pivot;
      at(j, i) = ratio;
      at(j, j) -= ratio * ratio * pivot;
      for (std::size_t k = j + 1; k < n; ++k) at(k, j) -= ratio * at(k, i);
    }
  }
}

void Cholesky::solve(std::span<double> b) const {
  if (b.size() != n_) throw Error(ErrorCode::kInvalidInput, "Cholesky::solve: size mismatch");
  auto at = [this](std::size_t i, std::size_t j) { return factor_[i * n_ + j]; };
  for (std::size_t i = 0; i < n_; ++i) {
    double sum = b[i];
    for (std::size_t j = 0; j < i; ++j) sum -= at(i, j) * b[j];
    b[i] = sum;
  }
  for (std::size_t ii = n_; ii-- > 0;) {
    if (at(ii, ii) == 0.0) {
      b[ii] = 0.0;
      continue;
    }
    double sum = b[ii] / at(ii, ii);
    for (std::size_t j = ii + 1; j < n_; ++j) sum -= at(j, ii) * b[j];
    b[ii] = sum;
  }
}

std::vector<double> Cholesky::inverse() const {
  std::vector<double> result(n_ * n_, 0.0);
  std::vector<double> column(n_);
  for (std::size_t j = 0; j < n_; ++j) {
    if (is_singular(j)) continue;
    std::fill(column.begin(), column.end(), 0.0);
    column[j] = 1.0;
    solve(column);
    for (std::size_t i = 0; i < n_; ++i) result[i * n_ + j] = is_singular(i) ? 0.0 : column[i];
  }
  // Symmetrize against rounding.
  for (std::size_t i = 0; i < n_; ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      const double mean = 0.5 * (result[i * n_ + j] + result[j * n_ + i]);
      result[i * n_ + j] = mean;
      result[j * n_ + i] = mean;
    }
  }
  return result;
}

}  // namespace ticketlens::stats
