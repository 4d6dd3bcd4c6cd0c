#include "ticketlens/stats/cox.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"
#include "ticketlens/common/error.hpp"

namespace ticketlens::stats {
namespace {

using testing::as_double;
using testing::as_flags;
using testing::as_vector;
using testing::Columns;
using testing::expect_vector_near;
using testing::kRTolerance;
using testing::reference;

// Owns the columns a CoxData points into.
struct CoxCase {
  Columns columns;
  std::vector<std::uint8_t> event;
  std::vector<std::int32_t> strata;
  CoxData data;
  CoxOptions options;
};

std::unique_ptr<CoxCase> make_case(const std::string& name) {
  auto c = std::make_unique<CoxCase>();
  std::vector<std::string> covariates;
  std::string strata_column;
  if (name.rfind("lung", 0) == 0) {
    c->columns = testing::complete_cases(testing::read_csv("lung.csv"),
                                         {"time", "event", "age", "sex", "ph_ecog"});
    covariates = {"age", "sex", "ph_ecog"};
    if (name == "lung_strata") {
      covariates = {"age", "ph_ecog"};
      strata_column = "sex";
    }
    if (name == "lung_constant") {
      c->columns["one"] = std::vector<double>(c->columns["age"].size(), 1.0);
      covariates = {"age", "one", "sex"};
    }
    if (name == "lung_one_iteration") c->options.max_iterations = 1;
  } else if (name.rfind("veteran_split", 0) == 0) {
    c->columns = testing::read_csv("veteran_split.csv");
    c->columns["time"] = c->columns["stop"];
    c->data.start = c->columns["start"];
    covariates = {"trt", "karno", "age"};
    if (name == "veteran_split_tv") covariates = {"trt", "prior", "karno_early", "karno_late"};
    if (name == "veteran_split_breslow") covariates = {"trt", "karno_early", "karno_late"};
  } else if (name.rfind("followup_split", 0) == 0) {
    // Rows that start after the last event time (make_reference.R): the risk-set sweep must not
    // remove a row before it has entered (issue 4).
    c->columns = testing::read_csv("followup_split.csv");
    c->columns["time"] = c->columns["stop"];
    c->data.start = c->columns["start"];
    covariates = {"x", "age", "switched"};
  } else if (name.rfind("veteran", 0) == 0) {
    c->columns = testing::read_csv("veteran.csv");
    for (int level = 2; level <= 4; ++level) {
      auto& dummy = c->columns["cell" + std::to_string(level)];
      for (double v : c->columns["celltype"]) dummy.push_back(v == level ? 1.0 : 0.0);
    }
    covariates = {"trt", "karno", "diagtime", "age", "prior", "cell2", "cell3", "cell4"};
    if (name == "veteran_factor") {
      covariates = {"trt", "karno", "cell2", "cell3", "cell4"};
      c->data.terms = {0, 1, 2, 2, 2};
      c->data.term_names = {"trt", "karno", "celltype"};
    }
  } else if (name.rfind("ovarian", 0) == 0) {
    c->columns = testing::read_csv("ovarian.csv");
    covariates = name == "ovarian_breslow" ? std::vector<std::string>{"age", "rx"}
                                           : std::vector<std::string>{"age", "resid_ds", "rx",
                                                                      "ecog_ps"};
  } else {
    throw std::runtime_error("unknown case " + name);
  }
  if (name.find("breslow") != std::string::npos) c->options.ties = CoxTies::kBreslow;
  c->event = as_flags(c->columns.at("event"));
  c->data.stop = c->columns.at("time");
  c->data.event = c->event;
  if (!strata_column.empty()) {
    for (double v : c->columns.at(strata_column)) c->strata.push_back(static_cast<std::int32_t>(v));
    c->data.strata = c->strata;
  }
  for (const auto& column : covariates) {
    c->data.covariates.push_back(c->columns.at(column));
    c->data.names.push_back(column);
  }
  return c;
}

TEST(CoxTest, MatchesCoxphOnReferenceCases) {
  for (const auto& [name, ref] : reference()["cox"].items()) {
    SCOPED_TRACE(name);
    const auto c = make_case(name);
    const CoxFit fit = cox_regression(c->data, c->options);
    EXPECT_EQ(fit.n, static_cast<std::int64_t>(as_double(ref["n"])));
    EXPECT_EQ(fit.events, static_cast<std::int64_t>(as_double(ref["events"])));
    if (name == "lung_one_iteration") {
      EXPECT_FALSE(fit.converged);
      EXPECT_EQ(fit.iterations, 1);
    } else {
      EXPECT_TRUE(fit.converged);
      EXPECT_EQ(fit.iterations, static_cast<int>(as_double(ref["iter"])));
    }
    const auto coef = as_vector(ref["coef"]);
    const auto se = as_vector(ref["se"]);
    ASSERT_EQ(fit.coefficients.size(), coef.size());
    for (std::size_t j = 0; j < coef.size(); ++j) {
      const CoxCoefficient& cj = fit.coefficients[j];
      EXPECT_EQ(cj.aliased, std::isnan(coef[j])) << cj.name;
      if (cj.aliased) continue;
      EXPECT_REL(cj.coef, coef[j], kRTolerance) << cj.name;
      EXPECT_REL(cj.se, se[j], kRTolerance) << cj.name;
      EXPECT_REL(cj.hazard_ratio, std::exp(coef[j]), kRTolerance);
      EXPECT_FALSE(cj.may_be_infinite);
    }
    const auto loglik = as_vector(ref["loglik"]);
    EXPECT_REL(fit.loglik_null, loglik[0], 1e-10);
    EXPECT_REL(fit.loglik, loglik[1], 1e-10);
    EXPECT_REL(fit.score_test.chisq, as_double(ref["score_test"]), kRTolerance);
    EXPECT_REL(fit.wald_test.chisq, as_double(ref["wald_test"]), kRTolerance);
    EXPECT_REL(fit.lr_test.chisq, as_double(ref["lr_test"]), kRTolerance);
    EXPECT_REL(fit.concordance.value, as_double(ref["concordance"]), kRTolerance);
    EXPECT_REL(fit.concordance.std_err, as_double(ref["concordance_se"]), kRTolerance);
    if (ref.contains("zph_chisq")) {
      const auto chisq = as_vector(ref["zph_chisq"]);
      const auto p = as_vector(ref["zph_p"]);
      ASSERT_EQ(fit.ph_terms.size() + 1, chisq.size());
      const auto df = as_vector(ref["zph_df"]);
      for (std::size_t t = 0; t < fit.ph_terms.size(); ++t) {
        EXPECT_REL(fit.ph_terms[t].chisq, chisq[t], kRTolerance) << fit.ph_terms[t].name;
        EXPECT_REL(fit.ph_terms[t].p, p[t], kRTolerance) << fit.ph_terms[t].name;
        EXPECT_EQ(fit.ph_terms[t].df, static_cast<int>(df[t]));
      }
      EXPECT_REL(fit.ph_global.chisq, chisq.back(), kRTolerance);
      EXPECT_REL(fit.ph_global.p, p.back(), kRTolerance);
    }
    expect_vector_near(fit.baseline.time, as_vector(ref["basehaz_time"]), 0, "basehaz time");
    expect_vector_near(fit.baseline.cumhaz, as_vector(ref["basehaz_hazard"]), kRTolerance,
                       "basehaz");
  }
}

TEST(CoxTest, SplittingIntoCountingProcessRowsChangesNothing) {
  const auto split = make_case("veteran_split_same");
  auto whole = std::make_unique<CoxCase>();
  whole->columns = testing::read_csv("veteran.csv");
  whole->event = as_flags(whole->columns.at("event"));
  whole->data.stop = whole->columns.at("time");
  whole->data.event = whole->event;
  for (const char* column : {"trt", "karno", "age"}) {
    whole->data.covariates.push_back(whole->columns.at(column));
  }
  const CoxFit a = cox_regression(split->data);
  const CoxFit b = cox_regression(whole->data);
  for (std::size_t j = 0; j < 3; ++j) {
    EXPECT_REL(a.coefficients[j].coef, b.coefficients[j].coef, 1e-10);
    EXPECT_REL(a.coefficients[j].se, b.coefficients[j].se, 1e-10);
  }
  EXPECT_REL(a.loglik, b.loglik, 1e-12);
}

TEST(CoxTest, TiesAtOneTimeEfronDiffersFromBreslow) {
  // Everyone dies at the same time: the partial likelihood is flat in Breslow's beta direction
  // only through the ties; both must still give finite, converged answers.
  const std::vector<double> stop{5, 5, 5, 5, 8, 8};
  const std::vector<std::uint8_t> event{1, 1, 1, 0, 1, 0};
  const std::vector<double> x{1, 0, 1, 0, 0, 1};
  CoxData data;
  data.stop = stop;
  data.event = event;
  data.covariates = {x};
  CoxOptions breslow;
  breslow.ties = CoxTies::kBreslow;
  const CoxFit efron_fit = cox_regression(data);
  const CoxFit breslow_fit = cox_regression(data, breslow);
  EXPECT_TRUE(efron_fit.converged);
  EXPECT_TRUE(breslow_fit.converged);
  EXPECT_NE(efron_fit.loglik_null, breslow_fit.loglik_null);
}

TEST(CoxTest, AllCensoredGivesNoEstimate) {
  const std::vector<double> stop{1, 2, 3};
  const std::vector<std::uint8_t> event{0, 0, 0};
  const std::vector<double> x{0.5, 1.5, 2.0};
  CoxData data;
  data.stop = stop;
  data.event = event;
  data.covariates = {x};
  const CoxFit fit = cox_regression(data);
  EXPECT_EQ(fit.events, 0);
  EXPECT_TRUE(fit.coefficients[0].aliased);
  EXPECT_TRUE(std::isnan(fit.coefficients[0].coef));
  EXPECT_TRUE(std::isnan(fit.concordance.value));
}

TEST(CoxTest, MonotoneLikelihoodIsFlaggedNotLooped) {
  // x perfectly orders the deaths: the MLE is at infinity.
  const std::vector<double> stop{1, 2, 3, 4, 5, 6};
  const std::vector<std::uint8_t> event{1, 1, 1, 1, 1, 0};
  const std::vector<double> x{6, 5, 4, 3, 2, 1};
  CoxData data;
  data.stop = stop;
  data.event = event;
  data.covariates = {x};
  const CoxFit fit = cox_regression(data);
  EXPECT_LE(fit.iterations, 20);
  EXPECT_TRUE(fit.coefficients[0].may_be_infinite || !fit.converged);
}

TEST(CoxTest, RejectsBadInput) {
  const std::vector<double> stop{1, 2};
  const std::vector<double> start{1, 0};
  const std::vector<std::uint8_t> event{1, 0};
  const std::vector<double> x{0, std::nan("")};
  CoxData data;
  data.stop = stop;
  data.event = event;
  data.covariates = {x};
  EXPECT_THROW(cox_regression(data), Error);
  const std::vector<double> fine{0, 1};
  data.covariates = {fine};
  data.start = start;  // start == stop in row 0
  EXPECT_THROW(cox_regression(data), Error);
}

}  // namespace
}  // namespace ticketlens::stats
