#pragma once
// Redaction of personal data in free text (ticket subjects and bodies, names, notes) before it
// reaches a report. Definitions and edge cases: docs/metrics.md "Redaction".
#include <string>
#include <string_view>

namespace ticketlens {

inline constexpr std::string_view kRedactedEmail = "[email]";
inline constexpr std::string_view kRedactedPhone = "[phone]";

/// `text` with every email address replaced by "[email]" and every phone number by "[phone]".
/// Email: local@domain.tld (local of letters, digits and . _ % + -; a dotted domain whose last
/// label has at least two letters). Phone: digit groups of 1-5 digits joined by single spaces,
/// dashes or dots, optionally with a group in parentheses, holding 10-15 digits in all; or a
/// leading `+` and 8-15 digits (any group length). Not a phone: ISO dates and times, decimals,
/// a bare run of digits without `+` (ids), anything glued to a letter. Never throws.
std::string redact_pii(std::string_view text);

}  // namespace ticketlens
