#pragma once
// The window linkage kernel: tickets joined to the product events of their account in a window
// before created_at. Events and tickets are both sorted by (account, time), so the join is a
// merge per account (two pointers moving forward), run in parallel over accounts.
//
// Window convention (docs/metrics.md, "Windows"): the window of a ticket created at c with length
// w is [c − w, c): an event exactly w before the ticket counts, an event at the same second as the
// ticket does not (it cannot be shown to precede it).
#include <cstdint>
#include <utility>
#include <vector>

#include "ticketlens/model/world.hpp"

namespace ticketlens::analysis {

/// Event rows of `account` with ts in [from, to), as [first, last) rows of world.events.
std::pair<std::uint64_t, std::uint64_t> account_events_in(const model::World& world,
                                                          std::uint32_t account, Timestamp from,
                                                          Timestamp to);

/// Per ticket row: the number of events of its account in [created_at − window, created_at).
/// window_seconds must be >= 0 (else Error kInvalidInput).
std::vector<std::uint32_t> count_account_events_before(const model::World& world,
                                                       Timestamp window_seconds);

/// Splits the accounts into `parts` contiguous ranges of about equal event + ticket rows
/// (boundaries, size parts + 1), for parallel loops whose cost follows the rows.
std::vector<std::uint32_t> balanced_account_ranges(const model::World& world, std::size_t parts);

}  // namespace ticketlens::analysis
