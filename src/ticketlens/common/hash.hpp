#pragma once
// Fast non-cryptographic hashing (dedup keys, checksums of derived caches) and SHA-256 (lineage).
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

namespace ticketlens {

/// 64-bit hash of bytes; stable across runs and machines (it is stored in segment files).
std::uint64_t hash64(std::string_view bytes, std::uint64_t seed = 0) noexcept;
inline std::uint64_t hash64(std::span<const std::byte> bytes, std::uint64_t seed = 0) noexcept {
  return hash64(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), seed);
}
/// Mixes two hashes (order-sensitive).
constexpr std::uint64_t hash_combine(std::uint64_t a, std::uint64_t b) noexcept {
  a ^= b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2);
  a ^= a >> 33;
  a *= 0xff51afd7ed558ccdULL;
  a ^= a >> 33;
  return a;
}

/// Lowercase hex SHA-256 of a file, read in chunks (never whole into memory).
std::string sha256_file(const std::filesystem::path& path);
/// Lowercase hex SHA-256 of a string.
std::string sha256_hex(std::string_view bytes);

}  // namespace ticketlens
