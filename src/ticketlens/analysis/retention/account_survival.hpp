#pragma once
// Account survival from signup to churn: the time-to-event data every retention analysis starts
// from. Time is in days since signup. The event is the account's FIRST churn: the first instant
// at which none of its subscriptions is active and no new one starts at that same instant (a plan
// change that ends one subscription and starts the next is not churn). A later reactivation does
// not undo it. Accounts still subscribed are censored at `as_of`.
//
// Only what is known at `as_of` counts: subscriptions starting after it are ignored, and one that
// ends after it is still active. Accounts that signed up after `as_of` or never had a
// subscription starting by then are left out (and counted). An account without signup_at enters
// at the start of its first subscription. A churn at or before signup has time 0.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ticketlens/model/world.hpp"

namespace ticketlens::analysis::retention {

struct AccountSpell {
  std::uint32_t account = 0;  ///< account index in the World
  Timestamp entry = 0;        ///< signup (else first subscription start)
  Timestamp exit = 0;         ///< first churn, or as_of when censored
  bool churned = false;
  double days = 0;            ///< (exit - entry) in days, >= 0
};

struct SurvivalData {
  Timestamp as_of = 0;
  std::vector<AccountSpell> spells;  ///< in account order
  std::int64_t without_subscription = 0;  ///< left out: no subscription started by as_of
  std::int64_t signed_up_later = 0;       ///< left out: signup after as_of
};

/// The observation instant: --as-of D (a date or date-time) when given, else the data's end
/// (world.data_end, the latest event or ticket; else the latest subscription change).
/// Error(kUsage) for a malformed date; Error(kNotFound) for a world without any time in it.
Timestamp resolve_as_of(const model::World& world, const std::optional<std::string>& as_of);

/// The first churn of an account as known at `as_of`, or nullopt while it is still subscribed
/// (or never subscribed).
std::optional<Timestamp> first_churn(const model::World& world, std::uint32_t account, Timestamp as_of);

/// The same from the account's subscription rows in started_at order (subscriptions_by_account).
std::optional<Timestamp> first_churn(const model::SubscriptionTable& subscriptions,
                                     const std::vector<std::uint32_t>& rows, Timestamp as_of);

SurvivalData account_survival(const model::World& world, Timestamp as_of);

/// Per account index: the subscription rows of the account, in started_at order.
std::vector<std::vector<std::uint32_t>> subscriptions_by_account(const model::World& world);

}  // namespace ticketlens::analysis::retention
