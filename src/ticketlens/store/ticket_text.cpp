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

}  // namespace ticketlens::store
