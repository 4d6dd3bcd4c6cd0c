#include "ticketlens/stats/logistic.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"
#include "ticketlens/common/error.hpp"

namespace ticketlens::stats {
namespace {

using testing::as_double;
using testing::as_vector;
using testing::Columns;
using testing::kRTolerance;
using testing::reference;

void expect_matches_glm(const LogisticFit& fit, const nlohmann::json& ref) {
  const auto coef = as_vector(ref["coef"]);
  const auto se = as_vector(ref["se"]);
  ASSERT_EQ(fit.coefficients.size(), coef.size());
  for (std::size_t j = 0; j < coef.size(); ++j) {
    const auto& c = fit.coefficients[j];
    EXPECT_EQ(c.aliased, std::isnan(coef[j])) << c.name;
    if (c.aliased) continue;
    EXPECT_REL(c.coef, coef[j], kRTolerance) << c.name;
    EXPECT_REL(c.se, se[j], kRTolerance) << c.name;
  }
  EXPECT_REL(fit.deviance, as_double(ref["deviance"]), 1e-9);
  EXPECT_REL(fit.null_deviance, as_double(ref["null_deviance"]), 1e-12);
  EXPECT_REL(fit.aic, as_double(ref["aic"]), 1e-9);
  EXPECT_EQ(fit.iterations, static_cast<int>(as_double(ref["iter"])));
  EXPECT_EQ(fit.converged, ref["converged"].get<bool>());
  EXPECT_FALSE(fit.separation);
}

LogisticFit fit_columns(const Columns& data, const std::string& outcome,
                        const std::vector<std::string>& covariates) {
  LogisticData input;
  input.outcome = data.at(outcome);
  for (const auto& name : covariates) {
    input.covariates.push_back(data.at(name));
    input.names.push_back(name);
  }
  return logistic_regression(input);
}

TEST(LogisticTest, MatchesGlmOnVeteran) {
  Columns veteran = testing::read_csv("veteran.csv");
  for (double t : veteran["time"]) veteran["long"].push_back(t > 100 ? 1.0 : 0.0);
  expect_matches_glm(fit_columns(veteran, "long", {"trt", "karno", "age", "prior"}),
                     reference()["logistic"]["veteran"]);
}

TEST(LogisticTest, MatchesGlmOnLung) {
  const Columns lung = testing::complete_cases(testing::read_csv("lung.csv"),
                                               {"event", "age", "sex", "ph_ecog", "wt_loss"});
  expect_matches_glm(fit_columns(lung, "event", {"age", "sex", "ph_ecog", "wt_loss"}),
                     reference()["logistic"]["lung"]);
}

TEST(LogisticTest, MatchesGlmOnOvarian) {
  const Columns ovarian = testing::read_csv("ovarian.csv");
  expect_matches_glm(fit_columns(ovarian, "event", {"age", "rx"}),
                     reference()["logistic"]["ovarian"]);
}

TEST(LogisticTest, ConstantCovariateIsAliased) {
  Columns lung = testing::complete_cases(testing::read_csv("lung.csv"),
                                         {"event", "age", "sex", "ph_ecog", "wt_loss"});
  lung["one"] = std::vector<double>(lung["age"].size(), 1.0);
  const LogisticFit fit = fit_columns(lung, "event", {"age", "one", "sex"});
  expect_matches_glm(fit, reference()["logistic"]["lung_constant"]);
  EXPECT_EQ(fit.rank, 3);
}

TEST(LogisticTest, CompleteSeparationIsReportedAndTerminates) {
  const std::vector<double> x{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  const std::vector<double> y{0, 0, 0, 0, 0, 1, 1, 1, 1, 1};
  LogisticData data;
  data.outcome = y;
  data.covariates = {x};
  const LogisticFit fit = logistic_regression(data);
  EXPECT_TRUE(fit.separation);
  EXPECT_LE(fit.iterations, 25);
  EXPECT_LT(fit.deviance, 1e-6);
}

TEST(LogisticTest, QuasiSeparationIsReported) {
  const std::vector<double> x{1, 2, 3, 4, 5, 5, 6, 7, 8, 9};
  const std::vector<double> y{0, 0, 0, 0, 0, 1, 1, 1, 1, 1};
  LogisticData data;
  data.outcome = y;
  data.covariates = {x};
  EXPECT_TRUE(logistic_regression(data).separation);
}

TEST(LogisticTest, RejectsBadInput) {
  const std::vector<double> y{0, 1, 2};
  const std::vector<double> x{1, 2, 3};
  LogisticData data;
  data.outcome = y;
  data.covariates = {x};
  EXPECT_THROW(logistic_regression(data), Error);
  const std::vector<double> y01{0, 1, 1};
  const std::vector<double> nan_x{1, std::nan(""), 3};
  data.outcome = y01;
  data.covariates = {nan_x};
  EXPECT_THROW(logistic_regression(data), Error);
  EXPECT_THROW(logistic_regression(LogisticData{}), Error);
}

}  // namespace
}  // namespace ticketlens::stats

namespace ticketlens::stats {
namespace {

TEST(LogisticTest, StoppingEarlySaysNotConverged) {
  const Columns ovarian = testing::read_csv("ovarian.csv");
  LogisticData data;
  data.outcome = ovarian.at("event");
  data.covariates = {ovarian.at("age"), ovarian.at("rx")};
  LogisticOptions options;
  options.max_iterations = 2;
  const LogisticFit fit = logistic_regression(data, options);
  EXPECT_FALSE(fit.converged);
  EXPECT_EQ(fit.iterations, 2);
  EXPECT_TRUE(std::isfinite(fit.coefficients[1].coef));
}

}  // namespace
}  // namespace ticketlens::stats
