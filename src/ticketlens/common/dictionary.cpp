#include "ticketlens/common/dictionary.hpp"

namespace ticketlens {

std::uint32_t Dictionary::intern(std::string_view s) {
  if (s.empty()) return kMissing;
  if (auto it = codes_.find(s); it != codes_.end()) return it->second;
  const auto code = static_cast<std::uint32_t>(strings_.size());
  strings_.emplace_back(s);
  codes_.emplace(strings_.back(), code);
  return code;
}

std::optional<std::uint32_t> Dictionary::find(std::string_view s) const {
  if (s.empty()) return kMissing;
  if (auto it = codes_.find(s); it != codes_.end()) return it->second;
  return std::nullopt;
}

}  // namespace ticketlens
