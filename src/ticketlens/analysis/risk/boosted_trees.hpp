#pragma once
// Gradient-boosted trees for the risk targets, through XGBoost's C API (Debian's libxgboost-dev):
// binary:logistic on the same feature columns as the logistic model, fixed seed, so a fit is
// reproducible. The model can be written as XGBoost's JSON model file and read back.
// XGBoost failures throw Error(kInternal) with XGBoost's message; reading a missing or corrupt
// model file throws Error(kIo).
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "ticketlens/analysis/risk/logistic_model.hpp"

namespace ticketlens::analysis::risk {

struct BoostedTreesParams {
  int rounds = 200;
  int max_depth = 4;
  double learning_rate = 0.05;
  double subsample = 0.8;
  double min_child_weight = 5;
  std::uint64_t seed = 1;
  /// XGBoost's nthread (OpenMP threads). 1 avoids OpenMP's busy waiting between the many short
  /// parallel regions of a small fit (perf of the ASan risk test on the shared 2-core machine
  /// with 2: 48% of the CPU samples in libgomp, 2.6% in XGBoost itself).
  int threads = 2;
};

class BoostedTrees {
 public:
  /// Fits on `columns` (one vector per feature) and 0/1 `outcome`.
  static BoostedTrees fit(const Columns& columns, const std::vector<std::uint8_t>& outcome,
                          const BoostedTreesParams& params);
  /// Reads a model written by save().
  static BoostedTrees load(const std::filesystem::path& file);

  BoostedTrees(BoostedTrees&&) noexcept;
  BoostedTrees& operator=(BoostedTrees&&) noexcept;
  ~BoostedTrees();

  /// Predicted probabilities of each row.
  [[nodiscard]] std::vector<double> predict(const Columns& columns) const;
  /// Writes XGBoost's JSON model file.
  void save(const std::filesystem::path& file) const;

 private:
  explicit BoostedTrees(void* booster) : booster_(booster) {}
  void* booster_ = nullptr;
};

}  // namespace ticketlens::analysis::risk
