#pragma once
// Reads a canonical file (CSV with a header row, or JSON lines) as rows of text values aligned
// to a kind's schema columns. Typing and validation happen in the validator.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ticketlens/ingest/byte_source.hpp"
#include "ticketlens/model/schema.hpp"

namespace ticketlens::ingest {

enum class FileFormat { kCsv, kJsonLines };

/// From the extension: .csv → CSV; .jsonl, .ndjson, .json → JSON lines. Throws Error(kUsage).
FileFormat format_from_path(std::string_view path);

struct TextRow {
  std::int64_t line = 0;
  /// One value per schema column, in schema order; empty = missing. Valid until next().
  std::vector<std::string_view> values;
  std::string error;  ///< non-empty: the row could not be read (bad quoting, bad JSON, UTF-8)
  std::string error_field;  ///< the field `error` is about; empty = the whole row
  /// The file the row came from when not the input's own (an importer's source file).
  std::string_view file;
};

class RowReader {
 public:
  virtual ~RowReader() = default;
  virtual bool next(TextRow& row) = 0;
  /// Columns present in the input that the schema does not know (ignored, reported once).
  [[nodiscard]] virtual const std::vector<std::string>& unknown_columns() const = 0;
};

/// Opens a reader. For CSV it reads the header at once: a header missing required columns
/// throws Error(kDataRejected) naming the missing and the unknown columns; an empty file yields
/// no rows. `chunk`: bytes read at a time (tests use tiny chunks).
std::unique_ptr<RowReader> open_row_reader(ByteSource& source, FileFormat format,
                                           const model::KindSchema& schema,
                                           std::size_t chunk = kDefaultChunkSize);

}  // namespace ticketlens::ingest
