#include "ticketlens/store/predictions.hpp"

namespace ticketlens::store {

void save_predictions(Store& store, std::string_view field, std::span<const TicketPrediction> predictions) {
  auto& db = store.db();
  Transaction tx(db);
  db.prepare("DELETE FROM ticket_predictions WHERE field = ?").bind(1, field).step();
  auto insert = db.prepare(
      "INSERT INTO ticket_predictions (ticket_id, field, label, confidence, source, model, predicted_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  for (const auto& p : predictions) {
    insert.reset();
    insert.bind(1, std::string_view(p.ticket_id)).bind(2, field);
    if (p.label) insert.bind(3, std::string_view(*p.label));
    else insert.bind_null(3);
    insert.bind(4, p.confidence).bind(5, std::string_view(p.source)).bind(6, std::string_view(p.model));
    insert.bind(7, std::int64_t{p.predicted_at});
    insert.step();
  }
  tx.commit();
}

std::vector<TicketPrediction> load_predictions(Store& store, std::string_view field) {
  std::vector<TicketPrediction> out;
  auto s = store.db().prepare(
      "SELECT ticket_id, label, confidence, source, model, predicted_at FROM ticket_predictions WHERE field = ? "
      "ORDER BY ticket_id");
  s.bind(1, field);
  while (s.step()) {
    TicketPrediction p;
    p.ticket_id = std::string(s.column_text(0));
    if (!s.is_null(1)) p.label = std::string(s.column_text(1));
    p.confidence = s.column_double(2);
    p.source = std::string(s.column_text(3));
    p.model = std::string(s.column_text(4));
    p.predicted_at = s.column_int(5);
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace ticketlens::store
