#pragma once
// Typed access to one source record that remembers what was wrong, for the adapters.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ticketlens/common/time.hpp"
#include "ticketlens/ingest/import/identity.hpp"
#include "ticketlens/ingest/import/source_records.hpp"

namespace ticketlens::ingest {

class RecordReader {
 public:
  RecordReader(const SourceFile& file, const SourceTable& table, const SourceRecord& record)
      : file_(file), table_(table), record_(record) {}

  /// An id: a string or an integer. "" (and problem() says why) when absent or of another type.
  std::string id(std::string_view key);
  /// Any scalar as text; "" for null or absent.
  [[nodiscard]] std::string text(std::string_view key) const { return text_of(record_.value, key); }
  /// ISO-8601 text or epoch seconds (numbers); nullopt (with problem()) when absent or invalid.
  std::optional<Timestamp> time(std::string_view key);
  /// true/false, "TRUE"/"FALSE", 1/0; nullopt when absent.
  std::optional<bool> boolean(std::string_view key);
  /// A whole number (or its text); nullopt when absent; problem() when of another type.
  std::optional<std::int64_t> integer(std::string_view key);
  /// A number (or its text); nullopt when absent; problem() when of another type.
  std::optional<double> number(std::string_view key);
  /// The field as the user finds it: `tickets[3].created_at` inside a JSON document.
  [[nodiscard]] std::string place(std::string_view key) const {
    return field_place(file_, table_, record_, key);
  }
  /// The record as the user finds it: `tickets[3]` inside a JSON document, else "".
  [[nodiscard]] std::string record_place() const {
    std::string p = field_place(file_, table_, record_, "");
    if (!p.empty()) p.pop_back();  // the "." before the (empty) field
    return p;
  }
  /// The last problem found.
  [[nodiscard]] const std::string& problem() const noexcept { return problem_; }
  [[nodiscard]] bool has(std::string_view key) const;

 private:
  const SourceFile& file_;
  const SourceTable& table_;
  const SourceRecord& record_;
  std::string problem_;
};

std::string lowercase(std::string_view s);
std::string join(const std::vector<std::string>& items, std::string_view sep);
/// "ticket_data", "user_data_snowflake" → "ticket", "user" (the Fivetran table a seed holds).
std::string fivetran_table_name(std::string_view stem);
std::optional<std::int64_t> parse_integer(std::string_view text);
std::optional<double> parse_number(std::string_view text);
/// "external_id, email, domain, organization"
std::string identity_order_text(const IdentityOrder& order);

}  // namespace ticketlens::ingest
