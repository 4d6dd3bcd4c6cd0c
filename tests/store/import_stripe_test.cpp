// Stripe through the canonical ingest: MRR normalised from prices (hand-worked figures), trials,
// identity, malformed files; and the Fivetran seeds of dbt_stripe.
#include <gtest/gtest.h>

#include "import_test_support.hpp"
#include "ticketlens/ingest/import/subscription_mrr.hpp"

namespace ticketlens::store::test {
namespace {

const fs::path kData = fs::path(TICKETLENS_TEST_DATA) / "importers" / "stripe";

ingest::PriceItem price(double cents, const char* currency, const char* interval, std::int64_t count,
                        std::int64_t quantity) {
  ingest::PriceItem p;
  p.amount_minor = cents;
  p.currency = currency;
  p.interval = interval;
  p.interval_count = count;
  p.quantity = quantity;
  return p;
}

TEST(SubscriptionMrrTest, NormalisesIntervalsQuantitiesAndCurrencies) {
  // 3 × $49/month + $1,200/year = 147 + 100.
  EXPECT_DOUBLE_EQ(*ingest::subscription_mrr({price(4900, "usd", "month", 1, 3),
                                              price(120000, "usd", "year", 1, 1)}, {}),
                   247.0);
  // 2 × $300 per 3 months = $200/month; $10/week = 10 × 52 / 12.
  EXPECT_DOUBLE_EQ(*ingest::subscription_mrr({price(30000, "usd", "month", 3, 2)}, {}), 200.0);
  EXPECT_DOUBLE_EQ(*ingest::subscription_mrr({price(1000, "usd", "week", 1, 1)}, {}), 520.0 / 12.0);
  // Yen has no minor unit: 12,000 is ¥12,000.
  EXPECT_DOUBLE_EQ(*ingest::subscription_mrr({price(12000, "jpy", "month", 1, 1)}, {}), 12000.0);
  // No amount at all: unknown, not zero.
  ingest::PriceItem unknown;
  EXPECT_FALSE(ingest::subscription_mrr({unknown}, {}).has_value());
}

TEST(SubscriptionMrrTest, RecurringDiscountsLowerMrrOneOffDiscountsDoNot) {
  ingest::Discount forever20{20.0, std::nullopt, "forever"};
  ingest::Discount once5{std::nullopt, 500.0, "once"};
  ingest::Discount repeating15{std::nullopt, 1500.0, "repeating"};
  EXPECT_DOUBLE_EQ(*ingest::subscription_mrr({price(24700, "usd", "month", 1, 1)}, {forever20}), 197.6);
  EXPECT_DOUBLE_EQ(*ingest::subscription_mrr({price(24700, "usd", "month", 1, 1)}, {once5}), 247.0);
  // $15 off each quarter is $5 a month.
  EXPECT_DOUBLE_EQ(*ingest::subscription_mrr({price(30000, "usd", "month", 3, 2)}, {repeating15}), 195.0);
  // Never below zero.
  EXPECT_DOUBLE_EQ(*ingest::subscription_mrr({price(1000, "usd", "month", 1, 1)}, {repeating15}), 0.0);
}

TEST_F(ImportTest, StripeApiJsonMapsSubscriptionsWithMonthlyMrr) {
  seed_known_customer();  // account acme, user u-carla <carla@acme.io>
  const auto run = import("stripe", {kData / "customers.json", kData / "subscriptions.json"});
  ASSERT_TRUE(run.result.committed) << rejects_text(run.result);
  EXPECT_EQ(run.result.total_rejected, 0);
  const std::string cols = "account_id, started_at, ended_at, mrr, plan";
  // sub_1: (3 × 49 + 1200 / 12) × 0.8; matched by email (case-insensitive) to acme.
  EXPECT_EQ(row("subscriptions", "stripe-sub_1", cols),
            (std::vector<std::string>{"acme", "2026-01-01T00:00:00Z", "", "197.6", "Team+Support"}));
  // sub_2: 2 × 300 / 3 − 15 / 3, canceled; Globex is unknown, so the customer becomes an account.
  EXPECT_EQ(row("subscriptions", "stripe-sub_2", cols),
            (std::vector<std::string>{"stripe-cus_B", "2026-02-01T00:00:00Z", "2026-06-01T00:00:00Z",
                                      "195.0", "Pro quarterly"}));
  EXPECT_EQ(row("accounts", "stripe-cus_B", "name, signup_at"),
            (std::vector<std::string>{"Globex", "2026-02-01T00:00:00Z"}));
  // sub_3: ¥12,000 (zero-decimal); revenue starts when the trial ends; metadata.account_id.
  EXPECT_EQ(row("subscriptions", "stripe-sub_3", cols),
            (std::vector<std::string>{"acme", "2026-03-15T00:00:00Z", "", "12000.0", "Tokyo"}));
  // sub_4: $10/week; the metered item adds nothing; a one-off coupon does not lower MRR.
  EXPECT_EQ(row("subscriptions", "stripe-sub_4", "mrr, plan"),
            (std::vector<std::string>{"43.33", "Weekly+API calls"}));
  // sub_5 is still in its trial: not revenue yet.
  EXPECT_EQ(row("subscriptions", "stripe-sub_5", "mrr"), (std::vector<std::string>{"<no row stripe-sub_5>"}));
  EXPECT_EQ(count("subscriptions"), 4);
  EXPECT_EQ(run.imported.skipped.at("subscriptions still in their trial (not revenue yet)"), 1);
  EXPECT_EQ(run.imported.identity.matched.at("email"), 1);
  EXPECT_EQ(run.imported.identity.matched.at("external_id"), 1);
  EXPECT_EQ(run.imported.identity.matched.at("organization"), 2);
  bool currency_note = false;
  for (const auto& n : run.imported.notes) currency_note |= n.find("2 currencies") != std::string::npos;
  EXPECT_TRUE(currency_note);
  // Idempotent: the same files again change nothing.
  const auto again = import("stripe", {kData / "customers.json", kData / "subscriptions.json"});
  ASSERT_TRUE(again.result.committed) << rejects_text(again.result);
  EXPECT_FALSE(again.result.changed());
}

TEST_F(ImportTest, StripeMalformedSubscriptionsNameFileLineAndLandNothing) {
  seed_known_customer();
  const auto run = import("stripe", {kData / "customers.json", kData / "subscriptions_bad.json"});
  EXPECT_FALSE(run.result.committed) << rejects_text(run.result);
  ASSERT_EQ(run.result.first_rejects.size(), 2u) << rejects_text(run.result);
  const auto label = (kData / "subscriptions_bad.json").string();
  EXPECT_EQ(run.result.first_rejects[0].file, label);
  EXPECT_EQ(run.result.first_rejects[0].line, 4);
  EXPECT_EQ(run.result.first_rejects[0].field, "data[0].id");
  EXPECT_NE(run.result.first_rejects[0].reason.find("not object"), std::string::npos)
      << run.result.first_rejects[0].reason;
  EXPECT_EQ(run.result.first_rejects[1].line, 5);
  EXPECT_EQ(run.result.first_rejects[1].field, "data[1].start_date");
  EXPECT_EQ(count("subscriptions"), 0);
  EXPECT_EQ(count("accounts"), 1);  // only the seeded one

  try {
    import("stripe", {kData / "subscriptions_truncated.json"});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kDataRejected);
    const std::string what = e.what();
    EXPECT_NE(what.find("subscriptions_truncated.json:10:"), std::string::npos) << what;
  }
  EXPECT_EQ(count("subscriptions"), 0);
}

TEST_F(ImportTest, StripeDbtSeedsMapSubscriptionItemsToPlans) {
  const fs::path seeds = dataset("dbt-stripe-seeds");
  if (seeds.empty()) GTEST_SKIP() << "dataset dbt-stripe-seeds not found under " << TICKETLENS_DATASETS;
  const auto run = import("stripe", {seeds / "customer_data.csv", seeds / "subscription_history_data.csv",
                                     seeds / "subscription_data.csv", seeds / "subscription_item_data.csv",
                                     seeds / "plan_data.csv", seeds / "price_data.csv",
                                     seeds / "product_data.csv", seeds / "coupon_data.csv",
                                     seeds / "subscription_discount_data.csv",
                                     seeds / "invoice_line_item_data.csv", seeds / "charge_data.csv"});
  ASSERT_TRUE(run.result.committed) << rejects_text(run.result);
  EXPECT_EQ(run.result.total_rejected, 0);
  // Two subscriptions; their customers are not in customer_data, so each becomes an account.
  // Items: sdgfs4536 → plan zb1 ($1,500/month) × 1; sfjytkyu876 → plan ab2 ($1,500/month) × 2.
  // Both have a one-day trial ending 2021-02-19 14:16:37, when revenue starts; both are
  // `active` with an ended_at, which is ignored (said in a note).
  const std::string cols = "account_id, started_at, ended_at, mrr, plan";
  EXPECT_EQ(row("subscriptions", "stripe-sdgfs4536", cols),
            (std::vector<std::string>{"stripe-sdf6547", "2021-02-19T14:16:37Z", "", "1500.0", "zb1"}));
  EXPECT_EQ(row("subscriptions", "stripe-sfjytkyu876", cols),
            (std::vector<std::string>{"stripe-123fsdf", "2021-02-19T14:16:37Z", "", "3000.0", "ab2"}));
  EXPECT_EQ(count("subscriptions"), 2);
  EXPECT_EQ(count("accounts"), 2);
  bool ignored_charge = false, live_ended = false;
  for (const auto& n : run.imported.notes) {
    ignored_charge |= n.find("ignored table 'charge_data'") != std::string::npos;
    live_ended |= n.find("2 subscription(s) with an ended_at but a live status") != std::string::npos;
  }
  EXPECT_TRUE(ignored_charge);
  EXPECT_TRUE(live_ended);
}

}  // namespace
}  // namespace ticketlens::store::test
