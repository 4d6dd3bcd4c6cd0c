#include "ticketlens/common/dictionary.hpp"

#include "ticketlens/common/hash.hpp"

namespace ticketlens {

void Dictionary::assign(std::vector<std::string> strings) {
  strings_ = std::move(strings);
  slots_.clear();
  slot_hash_.clear();
  indexed_ = false;
}

void Dictionary::insert_slot(std::uint64_t hash, std::uint32_t code) const {
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = hash & mask;
  while (slots_[i] != 0) i = (i + 1) & mask;
  slots_[i] = code + 1;
  slot_hash_[i] = hash;
}

void Dictionary::build_index() const {
  std::size_t capacity = 16;
  while (capacity < strings_.size() * 2) capacity *= 2;
  slots_.assign(capacity, 0);
  slot_hash_.assign(capacity, 0);
  for (std::uint32_t c = 0; c < strings_.size(); ++c) insert_slot(hash64(strings_[c]), c);
  indexed_ = true;
}

// The slot holding `s`, or the empty slot where it would go.
std::size_t Dictionary::probe(std::string_view s, std::uint64_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = hash & mask;
  while (slots_[i] != 0 && (slot_hash_[i] != hash || strings_[slots_[i] - 1] != s)) i = (i + 1) & mask;
  return i;
}

std::uint32_t Dictionary::intern(std::string_view s) {
  if (s.empty()) return kMissing;
  if (!indexed_ || slots_.empty()) build_index();
  const std::uint64_t h = hash64(s);
  const std::size_t i = probe(s, h);
  if (slots_[i] != 0) return slots_[i] - 1;
  const auto code = static_cast<std::uint32_t>(strings_.size());
  strings_.emplace_back(s);
  if ((strings_.size()) * 2 > slots_.size()) {
    build_index();
  } else {
    slots_[i] = code + 1;
    slot_hash_[i] = h;
  }
  return code;
}

std::optional<std::uint32_t> Dictionary::find(std::string_view s) const {
  if (s.empty()) return kMissing;
  if (!indexed_ || slots_.empty()) build_index();
  const std::size_t i = probe(s, hash64(s));
  if (slots_[i] == 0) return std::nullopt;
  return slots_[i] - 1;
}

}  // namespace ticketlens
