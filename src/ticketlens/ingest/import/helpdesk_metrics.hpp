#pragma once
// Ticket metrics from a helpdesk's comment stream and status history, as fivetran/dbt_zendesk
// defines them (docs/importers.md): first reply, full resolution, reopens and agent replies.
// Shared by the Zendesk, Intercom and Freshdesk adapters.
#include <cstdint>
#include <optional>
#include <vector>

#include "ticketlens/common/time.hpp"

namespace ticketlens::ingest {

struct HelpdeskComment {
  Timestamp at = 0;
  bool by_agent = false;
  bool is_public = true;
};

struct StatusChange {
  Timestamp at = 0;
  std::string status;  ///< lowercase: new, open, pending, hold, solved, closed
};

struct HelpdeskMetrics {
  std::optional<Timestamp> first_reply_at;  ///< first public agent comment after creation
  std::optional<Timestamp> solved_at;       ///< the last change to solved (full resolution)
  std::int64_t replies = 0;                 ///< public agent comments, not the opening one
  std::int64_t reopens = 0;                 ///< changes from solved to new/open/pending/hold
};

/// `comments` and `history` in any order. The opening comment (the earliest; the ticket's
/// description) is never a reply. solved_at is left empty when the ticket is not solved or
/// closed now (reopened and still open).
HelpdeskMetrics helpdesk_metrics(Timestamp created_at, std::string_view current_status,
                                 std::vector<HelpdeskComment> comments,
                                 std::vector<StatusChange> history);

}  // namespace ticketlens::ingest
