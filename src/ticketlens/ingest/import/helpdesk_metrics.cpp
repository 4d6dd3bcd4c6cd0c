#include "ticketlens/ingest/import/helpdesk_metrics.hpp"

#include <algorithm>
#include <string>

namespace ticketlens::ingest {

HelpdeskMetrics helpdesk_metrics(Timestamp created_at, std::string_view current_status,
                                 std::vector<HelpdeskComment> comments,
                                 std::vector<StatusChange> history) {
  HelpdeskMetrics m;
  std::stable_sort(comments.begin(), comments.end(),
                   [](const HelpdeskComment& a, const HelpdeskComment& b) { return a.at < b.at; });
  for (std::size_t i = 1; i < comments.size(); ++i) {
    const auto& c = comments[i];
    if (!c.by_agent || !c.is_public) continue;
    ++m.replies;
    if (!m.first_reply_at && c.at >= created_at) m.first_reply_at = c.at;
  }
  std::stable_sort(history.begin(), history.end(),
                   [](const StatusChange& a, const StatusChange& b) { return a.at < b.at; });
  std::string previous;
  for (const auto& h : history) {
    if (h.status == previous) continue;  // a repeated value is no transition
    if (previous == "solved" && h.status != "closed" && h.status != "deleted") ++m.reopens;
    if (h.status == "solved") m.solved_at = h.at;
    previous = h.status;
  }
  if (current_status != "solved" && current_status != "closed") m.solved_at.reset();
  return m;
}

}  // namespace ticketlens::ingest
