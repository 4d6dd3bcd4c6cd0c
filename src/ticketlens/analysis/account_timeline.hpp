#pragma once
// One account over time, for the account page of the dashboard and anyone drilling into an
// account: product events, errors, sessions and tickets per UTC day, and its MRR as a step series.
#include <cstdint>
#include <vector>

#include "ticketlens/analysis/period.hpp"
#include "ticketlens/model/world.hpp"

namespace ticketlens::analysis {

struct AccountDay {
  Timestamp day = 0;  ///< 00:00 UTC
  std::int64_t events = 0, errors = 0, sessions = 0, tickets = 0;
};

struct MrrStep {
  Timestamp at = 0;  ///< from this moment on...
  double mrr = 0;    ///< ...the sum of the MRR of the account's active subscriptions
};

struct AccountTimeline {
  std::uint32_t account = 0;
  Period period;                       ///< whole UTC days
  std::vector<AccountDay> days;        ///< every day of the period, oldest first
  std::vector<MrrStep> mrr;            ///< every change of MRR (starts and ends of subscriptions)
  std::vector<std::uint32_t> tickets;  ///< ticket rows of the account created in the period
  std::vector<std::uint32_t> subscriptions;  ///< subscription rows of the account (all)
  Timestamp churned_at = model::kNoTime;     ///< end of its last subscription, if none is active
};

/// The account's timeline over `period` (widened to whole UTC days). An account without events
/// or tickets gets days of zeros. Error(kInvalidInput) for an account index out of range or a
/// period longer than 20 years.
AccountTimeline account_timeline(const model::World& world, std::uint32_t account, Period period);

/// The default period of an account page: from its signup (or its first event or ticket, if
/// earlier) to the end of the data.
Period account_lifetime(const model::World& world, std::uint32_t account);

}  // namespace ticketlens::analysis
