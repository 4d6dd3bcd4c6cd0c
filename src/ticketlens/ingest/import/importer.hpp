#pragma once
// Importers: a source's export (Zendesk, Stripe, Segment...) mapped to canonical rows. An
// importer only maps; the rows then go through canonical ingest (store::ingest) — the same
// validation, transaction, upsert and lineage as a canonical file — so an import is atomic and
// idempotent and its errors are `file:line: field: reason` in the source's own files.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ticketlens/ingest/import/identity.hpp"
#include "ticketlens/ingest/row_reader.hpp"
#include "ticketlens/model/schema.hpp"

namespace ticketlens::ingest {

/// One canonical row and where it came from (a source file and line, or record).
struct CanonicalRow {
  std::string file;
  std::int64_t line = 0;
  std::vector<std::string> values;  ///< one per schema column; empty = missing
  std::string error_field;          ///< non-empty: the source record is bad (row is rejected)
  std::string error;
};

/// The rows of one canonical kind an import produced.
struct CanonicalTable {
  model::Kind kind = model::Kind::kAccounts;
  std::vector<CanonicalRow> rows;

  explicit CanonicalTable(model::Kind k) : kind(k) {}
  /// Appends a row (all columns empty) and returns it; set values with set().
  CanonicalRow& add(std::string file, std::int64_t line);
  /// Sets a column by name (asserts that the schema has it).
  void set(CanonicalRow& row, std::string_view column, std::string value) const;
  /// A row rejected at the source (missing key, wrong type): it reaches the ingest as a reject.
  void reject(std::string file, std::int64_t line, std::string field, std::string reason);
};

struct ImportResult {
  std::vector<CanonicalTable> tables;  ///< at most one per kind
  IdentityReport identity;
  /// What the source lacks or what was left out, for the user (e.g. "no handle time: cost is
  /// estimated from [costs].default_handle_minutes").
  std::vector<std::string> notes;
  std::map<std::string, std::int64_t> skipped;  ///< reason → records deliberately not imported

  /// The table of `kind`, added if absent. References stay valid when other kinds are added.
  CanonicalTable& table(model::Kind kind);
};

struct ImportOptions {
  IdentityOrder identity_order = default_identity_order();
};

class Importer {
 public:
  virtual ~Importer() = default;
  [[nodiscard]] virtual std::string_view name() const = 0;
  /// One line for --help and docs: what files it reads.
  [[nodiscard]] virtual std::string_view reads() const = 0;
  /// Maps the files. Throws Error(kDataRejected) with `file:line` for a file it cannot read at
  /// all (truncated JSON, a table it does not know); bad records become rejected rows.
  virtual ImportResult import(const std::vector<std::filesystem::path>& files,
                              const IdentityIndex& known, const ImportOptions& options) const = 0;
};

/// The registry: every source by name.
const Importer* find_importer(std::string_view name);
std::vector<std::string_view> importer_names();

/// A RowReader over a canonical table, so canonical ingest reads an import like a file.
std::unique_ptr<RowReader> table_row_reader(std::shared_ptr<const CanonicalTable> table);

}  // namespace ticketlens::ingest
