#include "ticketlens/analysis/retention/account_grouping.hpp"

#include <fmt/format.h>

#include <array>

#include "ticketlens/analysis/dimension.hpp"
#include "ticketlens/common/error.hpp"

namespace ticketlens::analysis::retention {
namespace {

constexpr std::array<std::string_view, 5> kNames = {"all", "tier", "region", "industry", "cohort"};

std::string dictionary_value(const Dictionary& d, std::uint32_t code) {
  if (code == model::kNone || code >= d.size()) return std::string(kMissingGroup);
  const auto v = d.at(code);
  return v.empty() ? std::string(kMissingGroup) : std::string(v);
}

}  // namespace

std::span<const std::string_view> account_grouping_names() { return kNames; }

std::string_view account_grouping_name(AccountGrouping g) { return kNames[static_cast<std::size_t>(g)]; }

AccountGrouping parse_account_grouping(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == name) return static_cast<AccountGrouping>(i);
  throw Error(ErrorCode::kUsage,
              fmt::format("unknown account dimension '{}'; use one of: {}", name, fmt::join(kNames, ", ")));
}

std::string month_label(Timestamp t) {
  const auto d = civil_from_days((t >= 0 ? t : t - kSecondsPerDay + 1) / kSecondsPerDay);
  return fmt::format("{:04}-{:02}", d.year, d.month);
}

std::string account_group(const model::World& world, AccountGrouping g, std::uint32_t account, Timestamp entry) {
  const auto& a = world.accounts;
  switch (g) {
    case AccountGrouping::kAll:
      return "(all)";
    case AccountGrouping::kTier:
      return dictionary_value(a.tiers, a.tier[account]);
    case AccountGrouping::kRegion:
      return dictionary_value(a.regions, a.region[account]);
    case AccountGrouping::kIndustry:
      return dictionary_value(a.industries, a.industry[account]);
    case AccountGrouping::kCohort:
      return month_label(entry);
  }
  return std::string(kMissingGroup);
}

}  // namespace ticketlens::analysis::retention
