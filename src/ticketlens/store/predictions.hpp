#pragma once
// Predicted ticket labels (`ticketlens categorize apply`), kept apart from the labels the
// helpdesk gave: table ticket_predictions (schema version 3), one row per (ticket, field).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ticketlens/common/time.hpp"
#include "ticketlens/store/store.hpp"

namespace ticketlens::store {

struct TicketPrediction {
  std::string ticket_id;
  std::optional<std::string> label;  ///< nullopt: left uncategorised (confidence below threshold)
  double confidence = 0;             ///< 1 for a rule
  std::string source;                ///< "rule" or "model"
  std::string model;                 ///< the model file's name, or the rule's label for a rule
  Timestamp predicted_at = 0;
};

/// Replaces every stored prediction of `field` ("category" or "root_cause") with these, in one
/// transaction.
void save_predictions(Store& store, std::string_view field, std::span<const TicketPrediction> predictions);
/// The stored predictions of `field`, by ticket id.
std::vector<TicketPrediction> load_predictions(Store& store, std::string_view field);

}  // namespace ticketlens::store
