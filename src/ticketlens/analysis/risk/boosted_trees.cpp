#include "ticketlens/analysis/risk/boosted_trees.hpp"

#include <fmt/format.h>
#include <xgboost/c_api.h>

#include <limits>
#include <utility>

#include "ticketlens/common/error.hpp"

namespace ticketlens::analysis::risk {
namespace {

void check(int status, std::string_view what) {
  if (status != 0) throw Error(ErrorCode::kInternal, fmt::format("XGBoost {}: {}", what, XGBGetLastError()));
}

// A DMatrix from row-major floats, freed on scope exit.
class Matrix {
 public:
  Matrix(const Columns& columns, const std::vector<std::uint8_t>* outcome) {
    const std::size_t rows = columns.empty() ? 0 : columns.front().size();
    std::vector<float> data(rows * columns.size());
    for (std::size_t j = 0; j < columns.size(); ++j)
      for (std::size_t i = 0; i < rows; ++i) data[i * columns.size() + j] = static_cast<float>(columns[j][i]);
    check(XGDMatrixCreateFromMat(data.data(), rows, columns.size(), std::numeric_limits<float>::quiet_NaN(), &handle_),
          "DMatrix");
    if (outcome) {
      std::vector<float> labels(outcome->begin(), outcome->end());
      check(XGDMatrixSetFloatInfo(handle_, "label", labels.data(), labels.size()), "labels");
    }
  }
  Matrix(const Matrix&) = delete;
  Matrix& operator=(const Matrix&) = delete;
  ~Matrix() { XGDMatrixFree(handle_); }
  [[nodiscard]] DMatrixHandle get() const { return handle_; }

 private:
  DMatrixHandle handle_ = nullptr;
};

}  // namespace

BoostedTrees BoostedTrees::fit(const Columns& columns, const std::vector<std::uint8_t>& outcome,
                               const BoostedTreesParams& params) {
  if (columns.empty() || outcome.empty() || columns.front().size() != outcome.size())
    throw Error(ErrorCode::kInvalidInput, "boosted trees: need feature columns as long as the outcome");
  const Matrix train(columns, &outcome);
  BoosterHandle booster = nullptr;
  DMatrixHandle handles[] = {train.get()};
  check(XGBoosterCreate(handles, 1, &booster), "create");
  BoostedTrees model(booster);
  auto set = [&](const char* name, const std::string& value) {
    check(XGBoosterSetParam(booster, name, value.c_str()), fmt::format("parameter {}", name));
  };
  set("objective", "binary:logistic");
  set("tree_method", "hist");
  set("max_depth", std::to_string(params.max_depth));
  set("eta", fmt::format("{}", params.learning_rate));
  set("subsample", fmt::format("{}", params.subsample));
  set("min_child_weight", fmt::format("{}", params.min_child_weight));
  set("seed", std::to_string(params.seed % 2147483647));
  set("nthread", std::to_string(params.threads));
  set("verbosity", "0");
  for (int round = 0; round < params.rounds; ++round)
    check(XGBoosterUpdateOneIter(booster, round, train.get()), "training");
  return model;
}

BoostedTrees BoostedTrees::load(const std::filesystem::path& file) {
  if (!std::filesystem::exists(file))
    throw Error(ErrorCode::kIo, fmt::format("model file {} does not exist", file.string()));
  BoosterHandle booster = nullptr;
  check(XGBoosterCreate(nullptr, 0, &booster), "create");
  BoostedTrees model(booster);
  if (XGBoosterLoadModel(booster, file.string().c_str()) != 0)
    throw Error(ErrorCode::kIo, fmt::format("cannot read model {}: {}", file.string(), XGBGetLastError()));
  return model;
}

BoostedTrees::BoostedTrees(BoostedTrees&& other) noexcept : booster_(std::exchange(other.booster_, nullptr)) {}

BoostedTrees& BoostedTrees::operator=(BoostedTrees&& other) noexcept {
  std::swap(booster_, other.booster_);
  return *this;
}

BoostedTrees::~BoostedTrees() {
  if (booster_) XGBoosterFree(booster_);
}

std::vector<double> BoostedTrees::predict(const Columns& columns) const {
  const Matrix m(columns, nullptr);
  bst_ulong const* shape = nullptr;
  bst_ulong dims = 0;
  float const* result = nullptr;
  check(XGBoosterPredictFromDMatrix(booster_, m.get(),
                                    R"({"type": 0, "training": false, "iteration_begin": 0, "iteration_end": 0, "strict_shape": false})",
                                    &shape, &dims, &result),
        "prediction");
  const std::size_t rows = columns.empty() ? 0 : columns.front().size();
  return std::vector<double>(result, result + rows);
}

void BoostedTrees::save(const std::filesystem::path& file) const {
  check(XGBoosterSaveModel(booster_, file.string().c_str()), fmt::format("saving {}", file.string()));
}

}  // namespace ticketlens::analysis::risk
