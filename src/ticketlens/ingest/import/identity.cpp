#include "ticketlens/ingest/import/identity.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "ticketlens/common/error.hpp"

namespace ticketlens::ingest {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

IdentityOrder default_identity_order() {
  return {MatchMethod::kExternalId, MatchMethod::kEmail, MatchMethod::kDomain,
          MatchMethod::kOrganization};
}

MatchMethod match_method_from_name(std::string_view name) {
  if (name == "external_id") return MatchMethod::kExternalId;
  if (name == "email") return MatchMethod::kEmail;
  if (name == "domain") return MatchMethod::kDomain;
  if (name == "organization") return MatchMethod::kOrganization;
  throw Error(ErrorCode::kConfig,
              fmt::format("unknown identity match method '{}'; use external_id, email, domain or "
                          "organization",
                          name));
}

std::string_view match_method_name(MatchMethod m) {
  switch (m) {
    case MatchMethod::kExternalId: return "external_id";
    case MatchMethod::kEmail: return "email";
    case MatchMethod::kDomain: return "domain";
    case MatchMethod::kOrganization: return "organization";
  }
  return "?";
}

std::string email_domain(std::string_view email) {
  const auto at = email.rfind('@');
  if (at == std::string_view::npos || at + 1 >= email.size()) return {};
  return lower(email.substr(at + 1));
}

bool is_free_mail_domain(std::string_view domain) {
  static constexpr std::array<std::string_view, 13> kFree = {
      "gmail.com",   "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com",
      "live.com",    "icloud.com",     "me.com",    "aol.com",     "proton.me",
      "protonmail.com", "gmx.com",     "mail.com"};
  return std::find(kFree.begin(), kFree.end(), domain) != kFree.end();
}

void IdentityIndex::add_user(const std::string& user_id, const std::string& account_id,
                             std::string_view email) {
  account_of_user[user_id] = account_id;
  if (email.empty()) return;
  user_of_email.emplace(lower(email), user_id);
  const std::string domain = email_domain(email);
  if (domain.empty() || is_free_mail_domain(domain) || ambiguous_domains_.count(domain)) return;
  auto [it, fresh] = account_of_domain.emplace(domain, account_id);
  if (!fresh && it->second != account_id) {
    account_of_domain.erase(it);
    ambiguous_domains_[domain] = true;
  }
}

std::optional<Match> IdentityResolver::resolve(const IdentityClaim& claim) {
  for (MatchMethod m : order_) {
    std::optional<Match> found;
    switch (m) {
      case MatchMethod::kExternalId:
        if (!claim.external_id.empty()) {
          if (known_.accounts.count(claim.external_id)) {
            found = Match{claim.external_id, {}, m};
          } else if (auto it = known_.account_of_user.find(claim.external_id);
                     it != known_.account_of_user.end()) {
            found = Match{it->second, claim.external_id, m};
          }
        }
        break;
      case MatchMethod::kEmail:
        if (!claim.email.empty())
          if (auto it = known_.user_of_email.find(lower(claim.email)); it != known_.user_of_email.end())
            found = Match{known_.account_of_user.at(it->second), it->second, m};
        break;
      case MatchMethod::kDomain: {
        std::vector<std::string> domains = claim.domains;
        if (!claim.email.empty()) domains.push_back(email_domain(claim.email));
        for (const auto& d : domains)
          if (auto it = known_.account_of_domain.find(lower(d)); it != known_.account_of_domain.end()) {
            found = Match{it->second, {}, m};
            break;
          }
        break;
      }
      case MatchMethod::kOrganization:
        if (!claim.organization_account.empty()) found = Match{claim.organization_account, {}, m};
        break;
    }
    if (found) {
      ++report_.matched[std::string(match_method_name(m))];
      return found;
    }
  }
  ++report_.unmatched;
  if (report_.unmatched_examples.size() < 5) report_.unmatched_examples.push_back(claim.example);
  return std::nullopt;
}

}  // namespace ticketlens::ingest
