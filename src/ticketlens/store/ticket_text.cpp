#include "ticketlens/store/ticket_text.hpp"

namespace ticketlens::store {

std::vector<std::string> ticket_texts(Store& store, std::span<const std::string> ticket_ids) {
  std::vector<std::string> out;
  out.reserve(ticket_ids.size());
  auto stmt = store.db().prepare("SELECT coalesce(subject, ''), coalesce(body, '') FROM tickets WHERE ticket_id = ?");
  for (const auto& id : ticket_ids) {
    stmt.reset();
    stmt.bind(1, std::string_view(id));
    std::string text;
    if (stmt.step()) {
      text = std::string(stmt.column_text(0));
      text += ' ';
      text += stmt.column_text(1);
    }
    out.push_back(std::move(text));
  }
  return out;
}

std::vector<std::string> ticket_texts_by_row(Store& store, const model::World& world, Timestamp from, Timestamp to,
                                             TextParts parts) {
  const auto& t = world.tickets;
  std::vector<std::string> out(t.size());
  std::vector<std::uint32_t> row_of(t.ids.size(), model::kNone);
  for (std::size_t r = 0; r < t.size(); ++r) row_of[t.id[r]] = static_cast<std::uint32_t>(r);
  auto stmt = store.db().prepare(
      "SELECT ticket_id, coalesce(subject, ''), coalesce(body, '') FROM tickets WHERE created_at >= ? AND "
      "created_at < ?");
  stmt.bind(1, std::int64_t{from});
  stmt.bind(2, std::int64_t{to});
  while (stmt.step()) {
    const auto code = t.ids.find(stmt.column_text(0));
    if (!code || *code >= row_of.size() || row_of[*code] == model::kNone) continue;
    std::string text(stmt.column_text(1));
    const auto body = parts == TextParts::kSubject ? std::string_view() : stmt.column_text(2);
    if (!text.empty() && !body.empty()) text += ' ';
    text += body;
    out[row_of[*code]] = std::move(text);
  }
  return out;
}

}  // namespace ticketlens::store
