#pragma once
// The canonical input contract (DESIGN.md): the nine entity kinds, their columns, types,
// vocabularies and keys. One source of truth for ingest validation, the store's tables, the demo
// writer and docs/input-format.md.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ticketlens::model {

enum class Kind : std::uint8_t {
  kAccounts,
  kUsers,
  kEvents,
  kTickets,
  kIssues,
  kSubscriptions,
  kReleases,
  kSurveys,
  kAssignments,
};
inline constexpr int kKindCount = 9;

enum class ColumnType : std::uint8_t {
  kId,         ///< a non-empty string identifier (trimmed)
  kString,     ///< free text
  kTimestamp,  ///< ISO-8601 or epoch seconds, stored as UTC seconds
  kInteger,    ///< a whole number, with bounds
  kReal,       ///< a finite number, with bounds
  kBool01,     ///< 0 or 1 (also true/false)
  kEnum,       ///< one of a vocabulary, case-insensitive on input, stored lowercase
  kJson,       ///< a JSON object as text
  kList,       ///< values separated by ';'
};

struct Column {
  std::string_view name;
  ColumnType type;
  bool required = false;
  std::span<const std::string_view> vocabulary = {};  ///< for kEnum
  double min = 0;                                      ///< for kInteger, kReal
  double max = 0;                                      ///< for kInteger, kReal
  std::optional<Kind> references = std::nullopt;      ///< an id of another kind
};

struct KindSchema {
  Kind kind;
  std::string_view name;  ///< "tickets": the file stem and the store table
  std::span<const Column> columns;
  /// The columns whose values identify a row (the upsert key); empty = the whole row (events
  /// without event_id are deduplicated on the whole row).
  std::span<const std::string_view> key;
  /// Kinds that must be ingested before this one (references).
  std::span<const Kind> depends_on;
};

const KindSchema& schema_of(Kind kind);
std::span<const KindSchema> all_schemas();
std::optional<Kind> kind_from_name(std::string_view name);
/// The kind a file name implies: `tickets.csv`, `events-2026-11.jsonl`, `my_accounts.csv`...
std::optional<Kind> kind_from_file_name(std::string_view file_name);
/// Index of a column in its kind's schema, or -1.
int column_index(const KindSchema& schema, std::string_view column);

// Vocabularies (DESIGN.md).
inline constexpr std::string_view kChannels[] = {"email", "chat", "phone", "web", "social"};
inline constexpr std::string_view kPriorities[] = {"low", "normal", "high", "urgent"};
inline constexpr std::string_view kRootCauses[] = {"product", "onboarding", "documentation",
                                                   "sales_expectation", "other"};
inline constexpr std::string_view kEscalations[] = {"none", "tier2", "product", "engineering"};
inline constexpr std::string_view kSurveyKinds[] = {"nps", "csat", "ces"};

}  // namespace ticketlens::model
