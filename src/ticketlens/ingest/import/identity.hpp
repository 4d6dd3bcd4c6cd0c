#pragma once
// Identity matching: a helpdesk requester or organisation, a billing customer or an analytics
// user is matched to a canonical account (and user) by external id, email or email domain, in a
// configurable order; or, as the last resort, the source's own organisation becomes an account.
// What matches nothing is counted with examples, never dropped silently.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ticketlens::ingest {

enum class MatchMethod : std::uint8_t {
  kExternalId,    ///< the source's external id (or organisation external id) is an account_id
  kEmail,         ///< the email is a known user's email → that user's account
  kDomain,        ///< the email's domain belongs to exactly one account (free-mail excluded)
  kOrganization,  ///< the source's organisation/company/customer becomes an account
};
using IdentityOrder = std::vector<MatchMethod>;

IdentityOrder default_identity_order();
/// "external_id", "email", "domain", "organization". Throws Error(kConfig) for another name.
MatchMethod match_method_from_name(std::string_view name);
std::string_view match_method_name(MatchMethod m);

/// What the workspace already knows (built from the store before an import).
struct IdentityIndex {
  std::map<std::string, std::string, std::less<>> account_of_user;   ///< user_id → account
  std::map<std::string, std::string, std::less<>> user_of_email;     ///< lowercase email → user
  std::map<std::string, std::string, std::less<>> account_of_domain;  ///< only unambiguous
  std::map<std::string, bool, std::less<>> accounts;                 ///< account ids
  /// Adds a user (and derives its domain; a domain seen for two accounts is dropped).
  void add_user(const std::string& user_id, const std::string& account_id, std::string_view email);
  void add_account(const std::string& account_id) { accounts[account_id] = true; }

 private:
  std::map<std::string, bool, std::less<>> ambiguous_domains_;
};

/// Everything a source knows about one person or organisation.
struct IdentityClaim {
  std::string external_id;      ///< e.g. a Zendesk organisation's external_id
  std::string email;            ///< the requester's / customer's email
  std::vector<std::string> domains;  ///< organisation domains (Zendesk domain_names)
  std::string organization_account;  ///< the account id the source's own organisation would get
  std::string example;          ///< how to name it in the report (e.g. "requester 123 <a@b.com>")
};

struct Match {
  std::string account_id;
  std::string user_id;  ///< set when matched by email to a known user
  MatchMethod method = MatchMethod::kExternalId;
};

struct IdentityReport {
  std::map<std::string, std::int64_t> matched;  ///< method name → count
  std::int64_t unmatched = 0;
  std::vector<std::string> unmatched_examples;  ///< up to 5
};

class IdentityResolver {
 public:
  IdentityResolver(const IdentityIndex& known, IdentityOrder order)
      : known_(known), order_(std::move(order)) {}
  /// The first method in order that matches; nullopt (counted and kept as an example) if none.
  std::optional<Match> resolve(const IdentityClaim& claim);
  [[nodiscard]] const IdentityReport& report() const noexcept { return report_; }

 private:
  const IdentityIndex& known_;
  IdentityOrder order_;
  IdentityReport report_;
};

/// "a@Example.com" → "example.com"; empty if not an email.
std::string email_domain(std::string_view email);
/// Gmail, Outlook and the like: a domain shared by unrelated people, never matched on.
bool is_free_mail_domain(std::string_view domain);

}  // namespace ticketlens::ingest
