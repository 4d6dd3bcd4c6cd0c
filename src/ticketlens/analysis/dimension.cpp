#include "ticketlens/analysis/dimension.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "ticketlens/common/error.hpp"
#include "ticketlens/model/schema.hpp"

namespace ticketlens::analysis {
namespace {

constexpr std::string_view kNames[] = {"category", "product_area", "channel",   "priority",
                                       "tier",     "region",       "root_cause", "team",
                                       "assignee", "week"};

std::string text_or_missing(const Dictionary& dict, std::uint32_t code) {
  if (code == model::kNone || code >= dict.size()) return std::string(kMissingGroup);
  return std::string(dict.at(code));
}

std::string vocabulary_or_missing(std::span<const std::string_view> vocabulary, std::uint8_t code) {
  if (code == model::kNoCode || code >= vocabulary.size()) return std::string(kMissingGroup);
  return std::string(vocabulary[code]);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

}  // namespace

std::span<const std::string_view> dimension_names() { return kNames; }

std::string_view dimension_name(Dimension d) { return kNames[static_cast<std::size_t>(d)]; }

Dimension parse_dimension(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kNames); ++i)
    if (kNames[i] == name) return static_cast<Dimension>(i);
  throw Error(ErrorCode::kUsage, fmt::format("unknown dimension '{}': use one of {}", name,
                                             fmt::join(kNames, ", ")));
}

std::vector<Dimension> parse_dimensions(std::string_view list) {
  std::vector<Dimension> out;
  while (!list.empty()) {
    const auto comma = list.find(',');
    const auto item = trim(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    if (item.empty()) continue;
    const Dimension d = parse_dimension(item);
    if (std::find(out.begin(), out.end(), d) != out.end())
      throw Error(ErrorCode::kUsage, fmt::format("dimension '{}' given twice", item));
    out.push_back(d);
  }
  return out;
}

bool is_account_dimension(Dimension d) noexcept {
  return d == Dimension::kTier || d == Dimension::kRegion;
}

std::string account_dimension_value(const model::World& world, Dimension d, std::uint32_t account) {
  const auto& a = world.accounts;
  if (account == model::kNone || account >= a.size()) return std::string(kMissingGroup);
  if (d == Dimension::kTier) return text_or_missing(a.tiers, a.tier[account]);
  if (d == Dimension::kRegion) return text_or_missing(a.regions, a.region[account]);
  return std::string(kMissingGroup);
}

std::string dimension_value(const model::World& world, Dimension d, std::size_t row) {
  const auto& t = world.tickets;
  switch (d) {
    case Dimension::kCategory: return text_or_missing(t.categories, t.category[row]);
    case Dimension::kProductArea: return text_or_missing(world.product_areas, t.product_area[row]);
    case Dimension::kChannel: return vocabulary_or_missing(model::kChannels, t.channel[row]);
    case Dimension::kPriority: return vocabulary_or_missing(model::kPriorities, t.priority[row]);
    case Dimension::kRootCause: return vocabulary_or_missing(model::kRootCauses, t.root_cause[row]);
    case Dimension::kTeam: return text_or_missing(t.teams, t.team[row]);
    case Dimension::kAssignee: return text_or_missing(t.assignees, t.assignee[row]);
    case Dimension::kWeek: return format_iso_week(iso_week_of(t.created_at[row]));
    case Dimension::kTier:
    case Dimension::kRegion: return account_dimension_value(world, d, t.account[row]);
  }
  return std::string(kMissingGroup);
}

}  // namespace ticketlens::analysis
