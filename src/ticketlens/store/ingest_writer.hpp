#pragma once
// Canonical ingest into the store: validate every row, check references, upsert by id, and log
// lineage — all in one transaction per call, so a command lands completely or not at all.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ticketlens/ingest/import/importer.hpp"
#include "ticketlens/ingest/row_reader.hpp"
#include "ticketlens/ingest/validator.hpp"
#include "ticketlens/model/schema.hpp"
#include "ticketlens/store/store.hpp"

namespace ticketlens::store {

class SegmentStorage;

struct IngestInput {
  std::filesystem::path path;  ///< a file; or empty, and then `body` holds the bytes
  std::string body;
  std::string label;  ///< name in messages and the log (the path, or e.g. "POST /api/ingest")
  model::Kind kind = model::Kind::kAccounts;
  ingest::FileFormat format = ingest::FileFormat::kCsv;
  /// An importer's rows (then `path` and `body` are unused): validated and upserted like a
  /// file's; rejects name each row's own source file; lineage hashes `sources`.
  std::shared_ptr<const ingest::CanonicalTable> rows;
  std::vector<std::filesystem::path> sources;
  std::string format_name;  ///< the log's format for imported rows, e.g. "zendesk"
};

/// A canonical CSV file as an input, labelled with its path.
IngestInput file_input(const std::filesystem::path& path, model::Kind kind);
/// One input per table of an import, labelled `SOURCE KIND` (e.g. "zendesk tickets").
std::vector<IngestInput> import_inputs(const ingest::ImportResult& imported, std::string_view source,
                                       const std::vector<std::filesystem::path>& files);
/// What the workspace knows for identity matching: accounts, and users with their emails.
ingest::IdentityIndex known_identities(Store& store);

struct IngestOptions {
  bool skip_bad_rows = false;          ///< land good rows, write bad ones to a rejects CSV
  std::size_t max_reported = 50;       ///< rejects kept for printing (all are counted)
  std::filesystem::path rejects_dir;   ///< default: WORKSPACE/rejects
  std::size_t flush_rows = 4'000'000;  ///< events per segment written
  std::function<void(const std::string&)> progress;  ///< may be empty
  /// Where new event segments go: null = segment files in the workspace (the embedded backend);
  /// a ClickHouseSegmentStorage for [events] backend = "clickhouse".
  std::shared_ptr<SegmentStorage> events_storage;
};

struct FileResult {
  std::string label, kind, format, sha256;
  std::int64_t size = 0;
  std::int64_t inserted = 0, updated = 0, unchanged = 0, rejected = 0;
  std::vector<std::string> unknown_columns;
  std::string rejects_file;  ///< set when --skip-bad-rows wrote one
};

struct IngestResult {
  std::vector<FileResult> files;
  std::vector<ingest::Reject> first_rejects;  ///< up to max_reported
  std::int64_t total_rejected = 0;
  bool committed = false;  ///< false: rows were rejected and nothing landed
  std::int64_t command_id = 0;
  double seconds = 0;
  [[nodiscard]] bool changed() const {
    for (const auto& f : files)
      if (f.inserted || f.updated) return true;
    return false;
  }
};

/// Ingests inputs (accounts first, whatever the order given). Throws Error for I/O failures,
/// a bad header (kDataRejected) or a store failure; row problems are returned as rejects.
IngestResult ingest(Store& store, std::vector<IngestInput> inputs, const IngestOptions& options);

}  // namespace ticketlens::store
