#include "ticketlens/store/tokens.hpp"

#include <fmt/format.h>
#include <openssl/rand.h>

#include <array>

#include "ticketlens/common/error.hpp"
#include "ticketlens/common/hash.hpp"

namespace ticketlens::store {
namespace {

void check_name(std::string_view name) {
  const bool ok = !name.empty() && name.size() <= 64 && name.find_first_not_of(
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") == std::string_view::npos;
  if (!ok)
    throw Error(ErrorCode::kUsage, fmt::format("token name '{}' is not valid: use 1 to 64 letters, digits, "
                                               "'-', '_' or '.'", name));
}

std::string random_secret() {
  std::array<unsigned char, 32> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
    throw Error(ErrorCode::kInternal, "the system's random source failed; no token was created");
  std::string out = "tl_";
  for (unsigned char b : bytes) out += fmt::format("{:02x}", b);
  return out;
}

}  // namespace

std::string create_token(Store& store, std::string_view name, Timestamp now) {
  check_name(name);
  auto& db = store.db();
  Transaction tx(db);
  auto existing = db.prepare("SELECT 1 FROM api_tokens WHERE name = ? AND revoked_at IS NULL");
  existing.bind(1, name);
  if (existing.step())
    throw Error(ErrorCode::kUsage, fmt::format("an active token named '{}' exists; revoke it first "
                                               "(ticketlens token revoke {}) or pick another name", name, name));
  const std::string secret = random_secret();
  db.prepare("INSERT INTO api_tokens (sha256, name, prefix, created_at) VALUES (?, ?, ?, ?)")
      .bind(1, sha256_hex(secret))
      .bind(2, name)
      .bind(3, std::string_view(secret).substr(0, 9))
      .bind(4, std::int64_t{now})
      .step();
  tx.commit();
  return secret;
}

std::vector<ApiToken> list_tokens(Store& store) {
  std::vector<ApiToken> out;
  auto s = store.db().prepare("SELECT name, prefix, created_at, revoked_at FROM api_tokens ORDER BY created_at, rowid");
  while (s.step()) {
    ApiToken t{std::string(s.column_text(0)), std::string(s.column_text(1)), s.column_int(2), std::nullopt};
    if (!s.is_null(3)) t.revoked_at = s.column_int(3);
    out.push_back(std::move(t));
  }
  return out;
}

void revoke_token(Store& store, std::string_view name, Timestamp now) {
  auto& db = store.db();
  Transaction tx(db);
  auto s = db.prepare("UPDATE api_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL");
  s.bind(1, std::int64_t{now}).bind(2, name).step();
  if (db.changes() == 0)
    throw Error(ErrorCode::kNotFound, fmt::format("no active token named '{}' (ticketlens token list shows them)", name));
  tx.commit();
}

std::optional<std::string> verify_token(Store& store, std::string_view secret) {
  if (secret.size() != 67 || !secret.starts_with("tl_")) return std::nullopt;
  auto s = store.db().prepare("SELECT name FROM api_tokens WHERE sha256 = ? AND revoked_at IS NULL");
  s.bind(1, sha256_hex(secret));
  if (!s.step()) return std::nullopt;
  return std::string(s.column_text(0));
}

}  // namespace ticketlens::store
