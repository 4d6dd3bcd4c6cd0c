// Fuzzes the streaming CSV reader and the CSV row reader. Properties beyond "no crash": the
// records are the same whatever the chunk size (records straddling refills), line numbers
// increase, and every field of a good record is valid UTF-8.
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/ingest/byte_source.hpp"
#include "ticketlens/ingest/csv_reader.hpp"
#include "ticketlens/ingest/row_reader.hpp"
#include "ticketlens/ingest/validator.hpp"

namespace {

using namespace ticketlens;

struct Record {
  std::int64_t line;
  std::vector<std::string> fields;
  std::string error;
  bool operator==(const Record&) const = default;
};

std::vector<Record> read_records(const std::string& bytes, std::size_t chunk) {
  auto source = ingest::memory_source(bytes, "fuzz.csv");
  ingest::CsvReader reader(*source, chunk);
  std::vector<Record> out;
  ingest::CsvRecord record;
  while (reader.next(record)) {
    Record r{record.line, {}, record.error};
    if (record.error.empty())
      for (auto f : record.fields) {
        FUZZ_CHECK(ingest::is_valid_utf8(f));
        r.fields.emplace_back(f);
      }
    FUZZ_CHECK(out.empty() || r.line > out.back().line);
    out.push_back(std::move(r));
  }
  return out;
}

void read_rows(const std::string& bytes, model::Kind kind, std::size_t chunk) {
  auto source = ingest::memory_source(bytes, "fuzz.csv");
  const auto& schema = model::schema_of(kind);
  try {
    auto reader = ingest::open_row_reader(*source, ingest::FileFormat::kCsv, schema, chunk);
    ingest::Validator validator(schema);
    ingest::TextRow row;
    std::vector<ingest::Value> values;
    while (reader->next(row)) {
      FUZZ_CHECK(row.values.size() == schema.columns.size());
      if (row.error.empty() && !validator.validate(row.values, values)) {
        (void)ingest::Validator::content_hash(values);
        (void)validator.key_hash(values);
        (void)validator.key_text(values);
      }
    }
  } catch (const Error& e) {
    FUZZ_CHECK(e.code() == ErrorCode::kDataRejected);  // a bad header
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  // Small chunks so that records straddle refills at every offset; the chunk size comes from
  // the input's length so each input is deterministic.
  const std::size_t chunk = 1 + size % 13;
  // The whole input in one chunk: what the default 4 MiB chunk does for any fuzz-sized input,
  // without allocating 4 MiB per run (ASan makes that slow).
  const std::size_t whole_chunk = size + 1;
  const auto whole = read_records(bytes, whole_chunk);
  FUZZ_CHECK(read_records(bytes, chunk) == whole);
  // A header that names columns of two kinds: accounts (few columns), tickets (every type).
  read_rows(bytes, model::Kind::kAccounts, chunk);
  read_rows(bytes, model::Kind::kTickets, whole_chunk);
  read_rows(bytes, model::Kind::kSurveys, chunk);
  return 0;
}
