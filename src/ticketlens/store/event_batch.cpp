#include "ticketlens/store/event_batch.hpp"

#include <algorithm>
#include <numeric>

namespace ticketlens::store {

// Codes keep their meaning: the dictionaries are copied whole (a few unused entries are cheaper
// than re-interning every row).
EventBatch EventBatch::select(const std::vector<std::uint32_t>& rows) const {
  EventBatch out;
  out.account_ids = account_ids;
  out.names = names;
  out.product_areas = product_areas;
  out.platforms = platforms;
  auto pick = [&](const auto& from, auto& to) {
    to.resize(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) to[i] = from[rows[i]];
  };
  pick(ts, out.ts);
  pick(account, out.account);
  pick(name, out.name);
  pick(product_area, out.product_area);
  pick(platform, out.platform);
  pick(is_error, out.is_error);
  pick(duration_ms, out.duration_ms);
  pick(key_hash, out.key_hash);
  pick(content_hash, out.content_hash);
  auto pick_strings = [&](const StringColumn& from, StringColumn& to) {
    std::size_t bytes = 0;
    for (auto r : rows) bytes += from.offsets[r + 1] - from.offsets[r];
    to.chars.reserve(bytes);
    to.offsets.reserve(rows.size() + 1);
    for (auto r : rows) to.push_back(from.at(r));
  };
  pick_strings(user_id, out.user_id);
  pick_strings(session_id, out.session_id);
  pick_strings(event_id, out.event_id);
  pick_strings(properties, out.properties);
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
