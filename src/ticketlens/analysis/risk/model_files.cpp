#include "ticketlens/analysis/risk/model_files.hpp"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "ticketlens/common/error.hpp"

namespace ticketlens::analysis::risk {
namespace {

namespace fs = std::filesystem;

void write_json(const fs::path& file, const nlohmann::json& j) {
  std::ofstream out(file);
  out << j.dump(2) << '\n';
  if (!out) throw Error(ErrorCode::kIo, fmt::format("cannot write {}", file.string()));
}

// JSON has no NaN: a left-out coefficient's se/z/p become null.
nlohmann::json numbers(const std::vector<double>& v) {
  nlohmann::json a = nlohmann::json::array();
  for (double x : v) a.push_back(std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr));
  return a;
}

}  // namespace

int latest_model_version(const fs::path& workspace, Target target) {
  const fs::path dir = workspace / "models";
  const std::string prefix = fmt::format("risk-{}-v", target_name(target));
  int latest = 0;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return 0;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(prefix)) continue;
    try {
      latest = std::max(latest, std::stoi(name.substr(prefix.size())));
    } catch (const std::exception&) {
      // not one of ours
    }
  }
  return latest;
}

fs::path save_models(const fs::path& workspace, const RiskReport& r, std::int64_t data_version) {
  const int version = latest_model_version(workspace, r.target) + 1;
  const fs::path dir = workspace / "models" / fmt::format("risk-{}-v{}", target_name(r.target), version);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw Error(ErrorCode::kIo, fmt::format("cannot create {}: {}", dir.string(), ec.message()));
  write_json(dir / "logistic.json", {{"features", r.model.names},
                                     {"mean", numbers(r.model.mean)},
                                     {"sd", numbers(r.model.sd)},
                                     {"intercept", r.model.intercept},
                                     {"coef_per_sd", numbers(r.model.coef)},
                                     {"se", numbers(r.model.se)},
                                     {"converged", r.model.converged}});
  if (r.trees) r.trees->save(dir / "xgboost.json");
  nlohmann::json evaluations = nlohmann::json::array();
  for (const auto& e : r.evaluations)
    evaluations.push_back({{"model", e.model}, {"auc", e.auc}, {"auc_lower", e.auc_lower}, {"auc_upper", e.auc_upper}});
  std::vector<std::string> cutoffs;
  for (auto t : r.train_cutoffs) cutoffs.push_back(format_date(t));
  write_json(dir / "meta.json", {{"version", version},
                                 {"target", std::string(target_name(r.target))},
                                 {"as_of", format_timestamp(r.as_of)},
                                 {"horizon_days", r.horizon_days},
                                 {"train_cutoffs", cutoffs},
                                 {"train_rows", r.train_rows},
                                 {"train_positives", r.train_positives},
                                 {"data_version", data_version},
                                 {"evaluation", evaluations},
                                 {"files", r.trees ? nlohmann::json{"logistic.json", "xgboost.json"}
                                                   : nlohmann::json{"logistic.json"}}});
  return dir;
}

}  // namespace ticketlens::analysis::risk
