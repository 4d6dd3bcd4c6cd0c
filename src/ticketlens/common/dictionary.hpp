#pragma once
// A string dictionary: each distinct string gets a dense 32-bit code, in order of first sight.
// The lookup index (open addressing over 64-bit hashes) is built lazily, so a dictionary read
// from a cache costs only its strings until someone looks a string up.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ticketlens {

class Dictionary {
 public:
  static constexpr std::uint32_t kMissing = 0xFFFFFFFFu;  ///< code of an empty/missing value

  /// Code of `s`, adding it if new. The empty string maps to kMissing.
  std::uint32_t intern(std::string_view s);
  /// Code of `s` if present (kMissing for the empty string).
  [[nodiscard]] std::optional<std::uint32_t> find(std::string_view s) const;
  /// The string of a code; "" for kMissing.
  [[nodiscard]] std::string_view at(std::uint32_t code) const {
    return code == kMissing ? std::string_view() : std::string_view(strings_[code]);
  }
  [[nodiscard]] std::size_t size() const noexcept { return strings_.size(); }
  [[nodiscard]] const std::vector<std::string>& strings() const noexcept { return strings_; }
  /// Replaces the contents with these strings (distinct, non-empty), codes in order.
  void assign(std::vector<std::string> strings);

 private:
  void build_index() const;
  void insert_slot(std::uint64_t hash, std::uint32_t code) const;
  [[nodiscard]] std::size_t probe(std::string_view s, std::uint64_t hash) const;

  std::vector<std::string> strings_;
  // Index: slot → code+1 (0 = empty), with the string's hash beside it to skip most compares.
  mutable std::vector<std::uint32_t> slots_;
  mutable std::vector<std::uint64_t> slot_hash_;
  mutable bool indexed_ = true;
};

}  // namespace ticketlens
