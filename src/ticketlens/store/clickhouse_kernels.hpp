#pragma once
// The event kernels (model/event_kernels.hpp) run as SQL in ClickHouse: the tickets or the
// window bounds go with the query as an external table, the GROUP BY runs on every shard next to
// its accounts' events, and only one row per ticket, account or account-week comes back.
#include <memory>
#include <string>
#include <vector>

#include "ticketlens/model/event_kernels.hpp"
#include "ticketlens/store/clickhouse_events.hpp"

namespace ticketlens::store {

class ClickHouseEventKernels final : public model::EventKernels {
 public:
  /// `live`: the live ClickHouse segments of the store's manifest (only their rows are read).
  ClickHouseEventKernels(std::shared_ptr<const ClickHouseEvents> events, std::vector<std::string> live)
      : events_(std::move(events)), live_(std::move(live)) {}
  [[nodiscard]] std::vector<std::uint32_t> events_before_tickets(const model::World& world,
                                                                 Timestamp window_seconds) const override;
  [[nodiscard]] std::vector<std::uint8_t> active_accounts(const model::World& world, Timestamp from,
                                                          Timestamp to) const override;
  [[nodiscard]] std::vector<model::AccountWeek> weekly_activity(const model::World& world, Timestamp from,
                                                                   Timestamp to) const override;
  [[nodiscard]] const char* name() const noexcept override { return "clickhouse"; }

 private:
  std::shared_ptr<const ClickHouseEvents> events_;
  std::vector<std::string> live_;
};

}  // namespace ticketlens::store
