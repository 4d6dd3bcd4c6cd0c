#pragma once
// Ticket text (subject, body) is not part of the World (it is large and only a few analyses read
// it); this reads it from the store for the tickets an analysis names.
#include <span>
#include <string>
#include <vector>

#include "ticketlens/common/time.hpp"
#include "ticketlens/model/world.hpp"
#include "ticketlens/store/store.hpp"

namespace ticketlens::store {

/// "subject body" of each ticket id, in order ("" for an id not in the store).
std::vector<std::string> ticket_texts(Store& store, std::span<const std::string> ticket_ids);

/// Which text of a ticket: "subject body" (categorisation) or the subject alone (themes).
enum class TextParts { kSubjectAndBody, kSubject };

/// The text (`parts`) per row of world.tickets for the tickets created in [from, to); "" for the
/// other rows and for tickets without text. The world must come from this store.
std::vector<std::string> ticket_texts_by_row(Store& store, const model::World& world, Timestamp from, Timestamp to,
                                             TextParts parts = TextParts::kSubjectAndBody);

}  // namespace ticketlens::store
