#pragma once
// Ticket text (subject, body) is not part of the World (it is large and only a few analyses read
// it); this reads it from the store for the tickets an analysis names.
#include <span>
#include <string>
#include <vector>

#include "ticketlens/store/store.hpp"

namespace ticketlens::store {

/// "subject body" of each ticket id, in order ("" for an id not in the store).
std::vector<std::string> ticket_texts(Store& store, std::span<const std::string> ticket_ids);

}  // namespace ticketlens::store
