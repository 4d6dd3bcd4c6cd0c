#pragma once
// Small dense symmetric positive semi-definite systems (information matrices of Cox and logistic
// models, p <= ~50). A generalized Cholesky (L D L') that, like R's cholesky2, treats a pivot below
// `tolerance` x (largest diagonal) as zero: the matching coefficient is aliased (a constant or
// collinear covariate) and gets a zero step, a zero row and column in the inverse.
#include <cstddef>
#include <span>
#include <vector>

namespace ticketlens::stats {

class Cholesky {
 public:
  /// Factors the n x n symmetric matrix `matrix` (row-major; only the lower triangle is read).
  /// Throws Error(kInvalidInput) if the size is not n*n.
  Cholesky(std::span<const double> matrix, std::size_t n, double tolerance);

  [[nodiscard]] std::size_t size() const { return n_; }
  /// Number of non-zero pivots.
  [[nodiscard]] std::size_t rank() const { return rank_; }
  /// True if pivot i was set to zero (column i aliased).
  [[nodiscard]] bool is_singular(std::size_t i) const { return factor_[i * n_ + i] == 0.0; }
  /// Solves A x = b in place; components of singular pivots are set to zero.
  void solve(std::span<double> b) const;
  /// The generalized inverse (row-major n x n); rows and columns of singular pivots are zero.
  [[nodiscard]] std::vector<double> inverse() const;

 private:
  std::size_t n_;
  std::size_t rank_ = 0;
  std::vector<double> factor_;  // unit lower L below the diagonal, D on it
};

}  // namespace ticketlens::stats
