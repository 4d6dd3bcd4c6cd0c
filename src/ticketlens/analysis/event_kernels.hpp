#pragma once
// The event reductions (model/event_kernels.hpp) over the World's own event columns: the
// embedded backend.
#include <cstdint>
#include <vector>

#include "ticketlens/model/event_kernels.hpp"
#include "ticketlens/model/world.hpp"

namespace ticketlens::analysis {

using model::AccountWeek;
using model::WeekActiveAccounts;

/// The kernels over the World's own event columns.
class EmbeddedEventKernels final : public model::EventKernels {
 public:
  [[nodiscard]] std::vector<std::uint32_t> events_before_tickets(const model::World& world,
                                                                 Timestamp window_seconds) const override;
  [[nodiscard]] std::vector<std::uint8_t> active_accounts(const model::World& world, Timestamp from,
                                                          Timestamp to) const override;
  [[nodiscard]] std::vector<AccountWeek> weekly_activity(const model::World& world, Timestamp from,
                                                         Timestamp to) const override;
  [[nodiscard]] const char* name() const noexcept override { return "embedded"; }
};

/// Monday 00:00 UTC of the week holding t.
Timestamp week_start_utc(Timestamp t) noexcept;
/// Weekly active accounts from per-account weeks, sorted by week.
std::vector<WeekActiveAccounts> weekly_active_accounts(const std::vector<AccountWeek>& activity);

}  // namespace ticketlens::analysis
