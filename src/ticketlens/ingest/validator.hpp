#pragma once
// Turns a row of text values into typed values per the canonical schema, or says exactly which
// field is wrong and why. Nothing is coerced silently: a value either parses as its type or the
// row is rejected.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ticketlens/model/schema.hpp"

// simdjson stays out of this header: its parser's layout depends on compile definitions
// (SIMDJSON_THREADS_ENABLED) that only the library sees, so a Validator constructed by a target
// that includes simdjson.h without them would be another size than the library expects.
namespace simdjson::dom {
class parser;
}

namespace ticketlens::ingest {

struct Value {
  enum class Type : std::uint8_t { kNull, kInt, kReal, kText };
  Type type = Type::kNull;
  std::int64_t i = 0;     ///< kInt (timestamps, integers, booleans)
  double d = 0;           ///< kReal
  std::string_view text;  ///< kText; valid until the next validate()
};

/// One rejected row: `file:line: field: reason`.
struct Reject {
  std::string file;
  std::int64_t line = 0;
  std::string field;
  std::string reason;
};

class Validator {
 public:
  explicit Validator(const model::KindSchema& schema);
  ~Validator();
  Validator(Validator&&) noexcept;
  Validator& operator=(Validator&&) = delete;
  Validator(const Validator&) = delete;
  Validator& operator=(const Validator&) = delete;

  /// Validates one row; on success fills `out` (one Value per column) and returns nullopt; else
  /// returns the first problem as (field, reason).
  std::optional<std::pair<std::string, std::string>> validate(
      const std::vector<std::string_view>& values, std::vector<Value>& out);

  /// A 64-bit hash of the typed row (the content hash used for idempotency).
  [[nodiscard]] static std::uint64_t content_hash(const std::vector<Value>& values) noexcept;
  /// The key hash of a row: its key columns, or the whole row for events without event_id.
  [[nodiscard]] std::uint64_t key_hash(const std::vector<Value>& values) const noexcept;
  /// The row's key as text (for messages and SQLite), joined with '|' for composite keys.
  [[nodiscard]] std::string key_text(const std::vector<Value>& values) const;

  [[nodiscard]] const model::KindSchema& schema() const noexcept { return schema_; }

 private:
  const model::KindSchema& schema_;
  std::vector<int> key_columns_;
  std::vector<std::string> scratch_;  // per column, for normalised text (lowercased enums)
  std::unique_ptr<simdjson::dom::parser> json_;
};

}  // namespace ticketlens::ingest
