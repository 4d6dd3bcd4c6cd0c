// Ticket text by world row and the predicted labels stored apart from the given ones.
#include <gtest/gtest.h>

#include <map>

#include "store_test_support.hpp"
#include "ticketlens/store/predictions.hpp"
#include "ticketlens/store/ticket_text.hpp"
#include "ticketlens/store/world_loader.hpp"

namespace ticketlens::store::test {
namespace {

TEST_F(StoreTest, TicketTextsByRowFollowTheWorldsRowsAndTheWindow) {
  ingest_all();
  const auto world = load_world(*store_);
  // t4 01-02, t3 01-04, t1 01-05, t2 01-06; the window [01-04, 01-06) holds t3 and t1.
  const auto texts = ticket_texts_by_row(*store_, world, *parse_timestamp("2026-01-04"), *parse_timestamp("2026-01-06"));
  ASSERT_EQ(texts.size(), world.tickets.size());
  std::map<std::string, std::string> by_id;
  for (std::size_t r = 0; r < texts.size(); ++r) by_id[std::string(world.tickets.ids.at(world.tickets.id[r]))] = texts[r];
  EXPECT_EQ(by_id["t3"], "Refund, please");
  EXPECT_EQ(by_id["t1"], "Invoice wrong");
  EXPECT_EQ(by_id["t4"], "");
  EXPECT_EQ(by_id["t2"], "");
}

TEST_F(StoreTest, PredictionsAreReplacedPerFieldAndLeaveTheGivenLabelsAlone) {
  ingest_all();
  EXPECT_EQ(store_->schema_version(), 3);
  const std::vector<TicketPrediction> first = {{"t2", "account_access", 0.91, "model", "category.bin", 100},
                                               {"t4", std::nullopt, 0.31, "model", "category.bin", 100}};
  save_predictions(*store_, "category", first);
  save_predictions(*store_, "root_cause", std::vector<TicketPrediction>{{"t1", "product", 1, "rule", "rules", 100}});
  const std::vector<TicketPrediction> second = {{"t2", "bug", 0.7, "model", "category.bin", 200}};
  save_predictions(*store_, "category", second);
  const auto cat = load_predictions(*store_, "category");
  ASSERT_EQ(cat.size(), 1u);
  EXPECT_EQ(cat[0].ticket_id, "t2");
  EXPECT_EQ(cat[0].label, "bug");
  EXPECT_DOUBLE_EQ(cat[0].confidence, 0.7);
  EXPECT_EQ(cat[0].predicted_at, 200);
  const auto rc = load_predictions(*store_, "root_cause");
  ASSERT_EQ(rc.size(), 1u);
  EXPECT_EQ(rc[0].source, "rule");
  save_predictions(*store_, "category", first);
  EXPECT_FALSE(load_predictions(*store_, "category")[1].label.has_value());  // uncategorised
  // The given category of t2 is untouched.
  auto s = store_->db().prepare("SELECT category FROM tickets WHERE ticket_id = 't2'");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.column_text(0), "login");
}

}  // namespace
}  // namespace ticketlens::store::test
