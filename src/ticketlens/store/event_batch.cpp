#include "ticketlens/store/event_batch.hpp"

#include <algorithm>
#include <numeric>

namespace ticketlens::store {

EventBatch EventBatch::select(const std::vector<std::uint32_t>& rows) const {
  EventBatch out;
  const std::size_t n = rows.size();
  out.ts.reserve(n);
  out.account.reserve(n);
  out.name.reserve(n);
  out.product_area.reserve(n);
  out.platform.reserve(n);
  out.is_error.reserve(n);
  out.duration_ms.reserve(n);
  out.key_hash.reserve(n);
  out.content_hash.reserve(n);
  for (std::uint32_t r : rows) {
    out.ts.push_back(ts[r]);
    out.account.push_back(out.account_ids.intern(account_ids.at(account[r])));
    out.name.push_back(out.names.intern(names.at(name[r])));
    out.product_area.push_back(out.product_areas.intern(product_areas.at(product_area[r])));
    out.platform.push_back(out.platforms.intern(platforms.at(platform[r])));
    out.is_error.push_back(is_error[r]);
    out.duration_ms.push_back(duration_ms[r]);
    out.user_id.push_back(user_id.at(r));
    out.session_id.push_back(session_id.at(r));
    out.event_id.push_back(event_id.at(r));
    out.properties.push_back(properties.at(r));
    out.key_hash.push_back(key_hash[r]);
    out.content_hash.push_back(content_hash[r]);
  }
  return out;
}

std::vector<std::uint32_t> EventBatch::order_by_account_time() const {
  std::vector<std::uint32_t> order(size());
  std::iota(order.begin(), order.end(), 0u);
  // Rank account codes by their id text so segments agree on the order.
  std::vector<std::uint32_t> rank(account_ids.size());
  {
    std::vector<std::uint32_t> by_text(account_ids.size());
    std::iota(by_text.begin(), by_text.end(), 0u);
    std::sort(by_text.begin(), by_text.end(), [&](std::uint32_t a, std::uint32_t b) {
      return account_ids.at(a) < account_ids.at(b);
    });
    for (std::uint32_t i = 0; i < by_text.size(); ++i) rank[by_text[i]] = i;
  }
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const auto ra = rank[account[a]], rb = rank[account[b]];
    if (ra != rb) return ra < rb;
    if (ts[a] != ts[b]) return ts[a] < ts[b];
    return key_hash[a] < key_hash[b];
  });
  return order;
}

}  // namespace ticketlens::store
