#include "ticketlens/stats/kaplan_meier.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/stats/survival_summary.hpp"

namespace ticketlens::stats {
namespace {

using testing::as_double;
using testing::as_flags;
using testing::as_vector;
using testing::expect_vector_near;
using testing::kRTolerance;
using testing::reference;
using testing::to_doubles;

struct KmInput {
  std::vector<double> time;
  std::vector<std::uint8_t> event;
};

KmInput input_for(const std::string& name) {
  auto subset = [](const std::string& file, const std::string& column, double value) {
    const auto data = testing::read_csv(file);
    KmInput in;
    for (std::size_t i = 0; i < data.at("time").size(); ++i) {
      if (!column.empty() && data.at(column)[i] != value) continue;
      in.time.push_back(data.at("time")[i]);
      in.event.push_back(static_cast<std::uint8_t>(data.at("event")[i]));
    }
    return in;
  };
  if (name.rfind("lung_female", 0) == 0) return subset("lung.csv", "sex", 2.0);
  if (name.rfind("lung", 0) == 0) return subset("lung.csv", "", 0.0);
  if (name.rfind("veteran", 0) == 0) return subset("veteran.csv", "", 0.0);
  if (name.rfind("ovarian", 0) == 0) return subset("ovarian.csv", "", 0.0);
  if (name == "flat_half") return {{1, 2, 2, 3, 4, 4, 5, 6}, {1, 1, 0, 1, 0, 0, 1, 1}};
  if (name == "ends_at_half") return {{1, 2, 3, 4}, {1, 1, 0, 0}};
  if (name == "all_censored") return {{3, 1, 2, 2}, {0, 0, 0, 0}};
  if (name == "ties_one_time") return {{5, 5, 5, 5, 5}, {1, 1, 0, 1, 0}};
  throw std::runtime_error("unknown case " + name);
}

TEST(KaplanMeierTest, MatchesSurvfitOnReferenceCases) {
  for (const auto& [name, ref] : reference()["km"].items()) {
    SCOPED_TRACE(name);
    const KmInput in = input_for(name);
    KaplanMeierOptions options;
    options.ci = parse_ci_transform(ref["conf_type"].get<std::string>().c_str());
    const SurvivalCurve curve = kaplan_meier(in.time, in.event, options);
    expect_vector_near(curve.time, as_vector(ref["time"]), 0, "time");
    expect_vector_near(to_doubles(curve.n_risk), as_vector(ref["n_risk"]), 0, "n_risk");
    expect_vector_near(to_doubles(curve.n_event), as_vector(ref["n_event"]), 0, "n_event");
    expect_vector_near(to_doubles(curve.n_censor), as_vector(ref["n_censor"]), 0, "n_censor");
    expect_vector_near(curve.survival, as_vector(ref["surv"]), 1e-12, "surv");
    expect_vector_near(curve.std_err, as_vector(ref["std_err"]), 1e-10, "std_err");
    expect_vector_near(curve.lower, as_vector(ref["lower"]), kRTolerance, "lower");
    expect_vector_near(curve.upper, as_vector(ref["upper"]), kRTolerance, "upper");
    expect_vector_near(curve.cumhaz, as_vector(ref["cumhaz"]), 1e-12, "cumhaz");
    expect_vector_near(curve.std_cumhaz, as_vector(ref["std_chaz"]), 1e-12, "std_chaz");

    const double probs[] = {0.25, 0.5, 0.75};
    const auto quantiles = survival_quantiles(curve, probs);
    const auto q = as_vector(ref["quantile"]);
    const auto ql = as_vector(ref["quantile_lower"]);
    const auto qu = as_vector(ref["quantile_upper"]);
    for (std::size_t i = 0; i < 3; ++i) {
      EXPECT_REL(quantiles[i].value, q[i], 1e-12) << "quantile " << probs[i];
      EXPECT_REL(quantiles[i].lower, ql[i], 1e-12) << "lower " << probs[i];
      EXPECT_REL(quantiles[i].upper, qu[i], 1e-12) << "upper " << probs[i];
    }
    const RestrictedMean rmst = restricted_mean(curve, as_double(ref["tau"]));
    EXPECT_REL(rmst.value, as_double(ref["rmean"]), 1e-10);
    EXPECT_REL(rmst.std_err, as_double(ref["rmean_se"]), 1e-10);
  }
}

TEST(KaplanMeierTest, AllCensoredKeepsSurvivalAtOne) {
  const std::vector<double> time{4, 2, 9};
  const std::vector<std::uint8_t> event{0, 0, 0};
  const SurvivalCurve curve = kaplan_meier(time, event);
  for (double s : curve.survival) EXPECT_EQ(s, 1.0);
  for (double h : curve.cumhaz) EXPECT_EQ(h, 0.0);
  EXPECT_TRUE(std::isnan(survival_median(curve).value));
}

TEST(KaplanMeierTest, MedianAtExactHalfIsMidpointOfFlatStretch) {
  // S = 3/4, 1/2 (at 2), 1/2, then 0 at 6: median halfway between 2 and 6.
  const std::vector<double> time{1, 2, 4, 6};
  const std::vector<std::uint8_t> event{1, 1, 0, 1};
  const SurvivalCurve curve = kaplan_meier(time, event);
  EXPECT_DOUBLE_EQ(survival_median(curve).value, 4.0);
}

TEST(KaplanMeierTest, EmptyInputGivesEmptyCurve) {
  const SurvivalCurve curve = kaplan_meier({}, {});
  EXPECT_EQ(curve.n, 0);
  EXPECT_TRUE(curve.time.empty());
  EXPECT_TRUE(std::isnan(survival_median(curve).value));
  EXPECT_TRUE(std::isnan(restricted_mean(curve, 10).value));
}

TEST(KaplanMeierTest, RejectsBadInput) {
  const std::vector<double> time{1, 2};
  const std::vector<std::uint8_t> one_event{1};
  EXPECT_THROW(kaplan_meier(time, one_event), Error);
  const std::vector<double> nan_time{1, std::nan("")};
  const std::vector<std::uint8_t> events{1, 0};
  EXPECT_THROW(kaplan_meier(nan_time, events), Error);
  const std::vector<std::uint8_t> bad_flag{1, 2};
  EXPECT_THROW(kaplan_meier(time, bad_flag), Error);
}

}  // namespace
}  // namespace ticketlens::stats
