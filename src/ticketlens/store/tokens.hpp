#pragma once
// API tokens of the dashboard server (`ticketlens token create|list|revoke`), in the workspace's
// store (table api_tokens, schema version 2). Only the SHA-256 of a token is stored: the secret
// is shown once, when it is created, and cannot be read back.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ticketlens/common/time.hpp"
#include "ticketlens/store/store.hpp"

namespace ticketlens::store {

struct ApiToken {
  std::string name;
  std::string prefix;  ///< the secret's first characters, to tell tokens apart
  Timestamp created_at = 0;
  std::optional<Timestamp> revoked_at;
};

/// Creates a token and returns its secret (`tl_` and 64 hex digits from a cryptographic random
/// source). Error(kUsage) when the name is empty, longer than 64 characters, has characters other
/// than letters, digits, `-`, `_`, `.`, or an active token already has it.
std::string create_token(Store& store, std::string_view name, Timestamp now);
/// Every token, active and revoked, oldest first.
std::vector<ApiToken> list_tokens(Store& store);
/// Revokes the active token of that name; Error(kNotFound) when there is none.
void revoke_token(Store& store, std::string_view name, Timestamp now);
/// The name of the active token whose secret this is, else nullopt (unknown or revoked).
std::optional<std::string> verify_token(Store& store, std::string_view secret);

}  // namespace ticketlens::store
