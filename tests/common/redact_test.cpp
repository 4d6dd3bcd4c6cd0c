// Redaction of emails and phone numbers in free text, and what must be left alone.
#include "ticketlens/common/redact.hpp"

#include <gtest/gtest.h>

namespace ticketlens {
namespace {

TEST(RedactTest, EmailsAreReplaced) {
  EXPECT_EQ(redact_pii("from jane.doe+billing@example.co.uk, cc ops@acme.io."), "from [email], cc [email].");
  EXPECT_EQ(redact_pii("<x_y%z@sub-domain.example.com>"), "<[email]>");
  EXPECT_EQ(redact_pii("a@b.com"), "[email]");
}

TEST(RedactTest, NotEmails) {
  EXPECT_EQ(redact_pii("@mention and user@localhost and a@b.c and x@1.23"),
            "@mention and user@localhost and a@b.c and x@1.23");
}

TEST(RedactTest, PhoneNumbersAreReplaced) {
  EXPECT_EQ(redact_pii("call 555-123-4567 now"), "call [phone] now");
  EXPECT_EQ(redact_pii("call (555) 123-4567 or (555)123-4567"), "call [phone] or [phone]");
  EXPECT_EQ(redact_pii("+1 (555) 123-4567"), "[phone]");
  EXPECT_EQ(redact_pii("UK +44 20 7946 0958; FR 01 23 45 67 89; +4915112345678."),
            "UK [phone]; FR [phone]; [phone].");
  EXPECT_EQ(redact_pii("555.123.4567"), "[phone]");
}

TEST(RedactTest, DatesNumbersAndIdsAreLeftAlone) {
  for (const char* keep : {"2026-11-02", "2026-11-02T10:15:00Z", "2026-11-02..2026-11-09", "2026-W47",
                           "exposed_arr_pct = 57.14", "USD 1,234,567", "1234567.891", "order 5551234567",
                           "acct_555-123-4567", "v4.12.3", "555-1234", "tickets 12 34"})
    EXPECT_EQ(redact_pii(keep), keep) << keep;
}

TEST(RedactTest, EmptyAndPlainTextPassThrough) {
  EXPECT_EQ(redact_pii(""), "");
  EXPECT_EQ(redact_pii("Export to CSV fails — émoji ✓"), "Export to CSV fails — émoji ✓");
}

}  // namespace
}  // namespace ticketlens
