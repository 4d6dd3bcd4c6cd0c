#pragma once
// The dimensions a ticket measure can be broken down by, in one registry by name, so the CLI,
// the server and the snapshot use the same words. A missing value is its own group, "(missing)":
// a ticket is never dropped from a breakdown for lack of a field.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ticketlens/model/world.hpp"

namespace ticketlens::analysis {

enum class Dimension : std::uint8_t {
  kCategory,
  kProductArea,
  kChannel,
  kPriority,
  kTier,
  kRegion,
  kRootCause,
  kTeam,
  kAssignee,
  kWeek,  ///< ISO week of created_at, `2026-W47`
};

inline constexpr std::string_view kMissingGroup = "(missing)";

/// The registry's names, in the order of the enum.
std::span<const std::string_view> dimension_names();
std::string_view dimension_name(Dimension d);
/// Parses one name; Error(kUsage) listing the valid names otherwise.
Dimension parse_dimension(std::string_view name);
/// Parses `category,channel` (spaces allowed, empty = none); Error(kUsage) on an unknown name or
/// a repeated one.
std::vector<Dimension> parse_dimensions(std::string_view list);

/// A ticket's value of a dimension (row in TicketTable), or kMissingGroup.
std::string dimension_value(const model::World& world, Dimension d, std::size_t ticket_row);
/// true for the dimensions of the account (tier, region) rather than of the ticket.
bool is_account_dimension(Dimension d) noexcept;
/// An account's value of an account dimension (kMissingGroup otherwise or when missing).
std::string account_dimension_value(const model::World& world, Dimension d, std::uint32_t account);

}  // namespace ticketlens::analysis
