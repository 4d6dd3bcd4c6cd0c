#pragma once
// A string dictionary: each distinct string gets a dense 32-bit code, in order of first sight.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ticketlens {

class Dictionary {
 public:
  static constexpr std::uint32_t kMissing = 0xFFFFFFFFu;  ///< code of an empty/missing value

  /// Code of `s`, adding it if new. The empty string maps to kMissing.
  std::uint32_t intern(std::string_view s);
  /// Code of `s` if present.
  [[nodiscard]] std::optional<std::uint32_t> find(std::string_view s) const;
  /// The string of a code; "" for kMissing.
  [[nodiscard]] std::string_view at(std::uint32_t code) const {
    return code == kMissing ? std::string_view() : std::string_view(strings_[code]);
  }
  [[nodiscard]] std::size_t size() const noexcept { return strings_.size(); }
  [[nodiscard]] const std::vector<std::string>& strings() const noexcept { return strings_; }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>{}(s);
    }
  };
  std::vector<std::string> strings_;
  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> codes_;
};

}  // namespace ticketlens
