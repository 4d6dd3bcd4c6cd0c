#include "ticketlens/analysis/retention/account_survival.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "ticketlens/common/error.hpp"

namespace ticketlens::analysis::retention {
namespace {

constexpr Timestamp kOpen = std::numeric_limits<Timestamp>::max();

}  // namespace

std::optional<Timestamp> first_churn(const model::SubscriptionTable& s, const std::vector<std::uint32_t>& rows,
                                     Timestamp as_of) {
  Timestamp covered = model::kNoTime;  // end of the current run of overlapping subscriptions
  for (auto r : rows) {
    if (s.started_at[r] > as_of) break;
    const Timestamp end = s.ended_at[r] == model::kNoTime || s.ended_at[r] > as_of ? kOpen : s.ended_at[r];
    if (covered != model::kNoTime && s.started_at[r] > covered) return covered;  // a gap: churn
    covered = covered == model::kNoTime ? end : std::max(covered, end);
  }
  if (covered == model::kNoTime || covered == kOpen) return std::nullopt;
  return covered;
}

std::vector<std::vector<std::uint32_t>> subscriptions_by_account(const model::World& world) {
  const auto& s = world.subscriptions;
  std::vector<std::vector<std::uint32_t>> rows(world.accounts.size());
  for (std::uint32_t i = 0; i < s.size(); ++i) rows[s.account[i]].push_back(i);
  for (auto& r : rows)
    std::stable_sort(r.begin(), r.end(), [&](auto x, auto y) { return s.started_at[x] < s.started_at[y]; });
  return rows;
}

Timestamp resolve_as_of(const model::World& world, const std::optional<std::string>& as_of) {
  if (as_of) {
    auto t = parse_timestamp(*as_of);
    if (!t)
      throw Error(ErrorCode::kUsage,
                  fmt::format("--as-of '{}' is not a date; give e.g. 2026-06-30 or 2026-06-30T12:00:00Z", *as_of));
    return *t;
  }
  Timestamp end = world.data_end;
  const auto& s = world.subscriptions;
  if (end == model::kNoTime)
    for (std::size_t i = 0; i < s.size(); ++i) {
      end = std::max(end, s.started_at[i]);
      if (s.ended_at[i] != model::kNoTime) end = std::max(end, s.ended_at[i]);
    }
  if (end == model::kNoTime)
    throw Error(ErrorCode::kNotFound, "the workspace holds no events, tickets or subscriptions; ingest data first");
  return end;
}

std::optional<Timestamp> first_churn(const model::World& world, std::uint32_t account, Timestamp as_of) {
  const auto& s = world.subscriptions;
  std::vector<std::uint32_t> rows;
  for (std::uint32_t i = 0; i < s.size(); ++i)
    if (s.account[i] == account) rows.push_back(i);
  std::stable_sort(rows.begin(), rows.end(), [&](auto x, auto y) { return s.started_at[x] < s.started_at[y]; });
  return first_churn(s, rows, as_of);
}

SurvivalData account_survival(const model::World& world, Timestamp as_of) {
  SurvivalData out;
  out.as_of = as_of;
  const auto& s = world.subscriptions;
  const auto rows = subscriptions_by_account(world);
  for (std::uint32_t a = 0; a < world.accounts.size(); ++a) {
    Timestamp entry = world.accounts.signup_at[a];
    if (entry != model::kNoTime && entry > as_of) {
      ++out.signed_up_later;
      continue;
    }
    if (rows[a].empty() || s.started_at[rows[a].front()] > as_of) {
      ++out.without_subscription;
      continue;
    }
    if (entry == model::kNoTime) entry = s.started_at[rows[a].front()];
    AccountSpell spell;
    spell.account = a;
    spell.entry = entry;
    const auto churn = first_churn(s, rows[a], as_of);
    spell.churned = churn.has_value();
    spell.exit = std::max(entry, churn.value_or(as_of));
    spell.days = static_cast<double>(spell.exit - entry) / static_cast<double>(kSecondsPerDay);
    out.spells.push_back(spell);
  }
  return out;
}

}  // namespace ticketlens::analysis::retention
