#include "ticketlens/model/world.hpp"

namespace ticketlens::model {

std::size_t World::event_bytes() const noexcept {
  const auto& e = events;
  return e.ts.capacity() * sizeof(Timestamp) + e.user.capacity() * 4 + e.session.capacity() * 4 +
         e.name.capacity() * 4 + e.product_area.capacity() * 2 + e.platform.capacity() +
         e.is_error.capacity() + e.account_offsets.capacity() * 8;
}

}  // namespace ticketlens::model
