#pragma once
// Events in columnar form, as one segment file holds them: low-cardinality strings dictionary-
// encoded, high-cardinality ones (ids, JSON properties) as a string heap.
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "ticketlens/common/dictionary.hpp"
#include "ticketlens/common/time.hpp"

namespace ticketlens::store {

/// Strings stored back to back; row i is chars[offsets[i], offsets[i+1]). Empty = missing.
struct StringColumn {
  std::vector<std::uint64_t> offsets{0};
  std::string chars;
  void push_back(std::string_view s) {
    chars.append(s);
    offsets.push_back(chars.size());
  }
  [[nodiscard]] std::string_view at(std::size_t i) const {
    return {chars.data() + offsets[i], static_cast<std::size_t>(offsets[i + 1] - offsets[i])};
  }
  [[nodiscard]] std::size_t size() const noexcept { return offsets.size() - 1; }
};

constexpr std::int64_t kMissingInt = std::numeric_limits<std::int64_t>::min();
constexpr std::int8_t kMissingFlag = -1;

struct EventBatch {
  std::vector<Timestamp> ts;
  std::vector<std::uint32_t> account;       ///< codes into account_ids
  std::vector<std::uint32_t> name;          ///< codes into names
  std::vector<std::uint32_t> product_area;  ///< codes into product_areas (kMissing allowed)
  std::vector<std::uint32_t> platform;      ///< codes into platforms (kMissing allowed)
  std::vector<std::int8_t> is_error;        ///< 0, 1 or kMissingFlag
  std::vector<std::int64_t> duration_ms;    ///< or kMissingInt
  StringColumn user_id, session_id, event_id, properties;
  std::vector<std::uint64_t> key_hash, content_hash;
  Dictionary account_ids, names, product_areas, platforms;

  [[nodiscard]] std::size_t size() const noexcept { return ts.size(); }
  /// A batch holding rows `rows` of this one, in that order (dictionaries rebuilt).
  [[nodiscard]] EventBatch select(const std::vector<std::uint32_t>& rows) const;
  /// The row order sorting by (account id, ts), as a permutation.
  [[nodiscard]] std::vector<std::uint32_t> order_by_account_time() const;
};

}  // namespace ticketlens::store
