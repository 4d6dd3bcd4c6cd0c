#pragma once
// Per-account risk features at a cut-off instant, computed only from what is known then
// (docs/metrics.md "Risk scores"): events at or before the cut-off; tickets created by then;
// a ticket's handling, escalation and CSAT only once it was solved by then; subscriptions as
// active at the cut-off. Nothing after the cut-off changes a feature (tested by shifting the
// future).
//
// Rows are the accounts "at risk" at the cut-off: signed up by then with a subscription active at
// it (started_at <= t < ended_at, or no end).
#include <cstdint>
#include <string>
#include <vector>

#include "ticketlens/model/config.hpp"
#include "ticketlens/model/world.hpp"

namespace ticketlens::analysis::risk {

struct FeatureMatrix {
  Timestamp cutoff = 0;
  std::vector<std::string> names;             ///< feature names, in column order
  std::vector<std::uint32_t> accounts;        ///< account index per row
  std::vector<std::vector<double>> columns;   ///< one per feature, one value per row
  std::vector<double> arr;                    ///< ARR at the cut-off, per row
  [[nodiscard]] std::size_t rows() const noexcept { return accounts.size(); }
  /// Column index of a feature name; npos when absent.
  [[nodiscard]] std::size_t column(const std::string& name) const;
};

/// The feature names for this world, in column order: the fixed features, one tickets-per-category
/// column per ticket category of the world, and tier dummies against the first tier (sorted).
std::vector<std::string> feature_names(const model::World& world);

/// The features of every account at risk at `cutoff`.
FeatureMatrix account_features(const model::World& world, const model::Config& config, Timestamp cutoff);

}  // namespace ticketlens::analysis::risk
