#pragma once
// A source's export file as records: a CSV table (one record per row, values as strings), JSON
// lines (one record per line), or one JSON document holding arrays of records (an API page such
// as {"tickets": [...]} or a bare array). Each record knows its line in the file, so importers
// report `file:line`; in a minified document every record is on line 1, and the record index
// says which.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace ticketlens::ingest {

struct SourceRecord {
  nlohmann::json value;  ///< an object (CSV: every column, empty cells as null)
  std::int64_t line = 0;
  std::int64_t index = 0;  ///< 0-based position in its array or file
};

struct SourceTable {
  std::string name;  ///< CSV/JSON lines: the file stem; a document: the array's key ("" for a bare array)
  std::vector<SourceRecord> records;
};

struct SourceFile {
  std::filesystem::path path;
  std::string label;  ///< the path as given
  std::string stem;   ///< lowercase file name without extension
  std::vector<SourceTable> tables;  ///< CSV and JSON lines: one; a document: one per array key
  /// A JSON document that is one object (e.g. GET /tickets/1): its top-level keys.
  std::optional<SourceRecord> single_object;
  bool document = false;  ///< one JSON document (records are named by index as well as line)
};

/// Reads a .csv, .jsonl/.ndjson or .json file (a .json file whose first non-blank byte starts a
/// line-delimited stream of objects is read as JSON lines). Throws Error(kDataRejected) naming
/// `file:line` for invalid JSON (e.g. truncated) or invalid CSV; Error(kIo) if unreadable.
SourceFile read_source_file(const std::filesystem::path& path);

/// Field access that says what is wrong: text of a string, number or bool (numbers printed
/// exactly); "" for null or absent.
std::string text_of(const nlohmann::json& record, std::string_view key);
/// `field` as the user should look for it: `tickets[3].created_at` inside a document, else `field`.
std::string field_place(const SourceFile& file, const SourceTable& table, const SourceRecord& record,
                        std::string_view field);

}  // namespace ticketlens::ingest
