#pragma once
// The account dimensions a retention figure can be split by, in one registry by name: tier,
// region, industry and cohort (the signup month, `2025-03`). A missing value is its own group,
// "(missing)"; `all` puts every account in one group.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "ticketlens/model/world.hpp"

namespace ticketlens::analysis::retention {

enum class AccountGrouping : std::uint8_t { kAll, kTier, kRegion, kIndustry, kCohort };

std::span<const std::string_view> account_grouping_names();  ///< in the order of the enum
std::string_view account_grouping_name(AccountGrouping g);
/// Parses one name; Error(kUsage) listing the valid names otherwise.
AccountGrouping parse_account_grouping(std::string_view name);
/// The group of an account; `entry` is its signup (used by kCohort).
std::string account_group(const model::World& world, AccountGrouping g, std::uint32_t account, Timestamp entry);
/// `2025-03`: the calendar month of t.
std::string month_label(Timestamp t);

}  // namespace ticketlens::analysis::retention
