// Fuzzes the JSON-lines row reader and the validator behind it. Properties beyond "no crash":
// the rows are the same whatever the chunk size, and line numbers increase.
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "ticketlens/ingest/byte_source.hpp"
#include "ticketlens/ingest/row_reader.hpp"
#include "ticketlens/ingest/validator.hpp"

namespace {

using namespace ticketlens;

struct Row {
  std::int64_t line;
  std::vector<std::string> values;
  std::string error;
  bool operator==(const Row&) const = default;
};

std::vector<Row> read_rows(const std::string& bytes, model::Kind kind, std::size_t chunk) {
  auto source = ingest::memory_source(bytes, "fuzz.jsonl");
  const auto& schema = model::schema_of(kind);
  auto reader = ingest::open_row_reader(*source, ingest::FileFormat::kJsonLines, schema, chunk);
  ingest::Validator validator(schema);
  std::vector<Row> out;
  ingest::TextRow row;
  std::vector<ingest::Value> values;
  while (reader->next(row)) {
    FUZZ_CHECK(row.values.size() == schema.columns.size());
    FUZZ_CHECK(out.empty() || row.line > out.back().line);
    Row r{row.line, {}, row.error};
    for (auto v : row.values) r.values.emplace_back(v);
    if (row.error.empty() && !validator.validate(row.values, values)) {
      (void)ingest::Validator::content_hash(values);
      (void)validator.key_hash(values);
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  const std::size_t chunk = 1 + size % 13;
  // The whole input in one chunk: what the default 4 MiB chunk does for any fuzz-sized input,
  // without allocating 4 MiB per run (ASan makes that slow).
  const std::size_t whole_chunk = size + 1;
  // Events: every column type (timestamps, bool, integer, JSON object); tickets: lists, enums.
  const auto events = read_rows(bytes, model::Kind::kEvents, whole_chunk);
  FUZZ_CHECK(read_rows(bytes, model::Kind::kEvents, chunk) == events);
  read_rows(bytes, model::Kind::kTickets, chunk);
  read_rows(bytes, model::Kind::kSurveys, whole_chunk);
  return 0;
}
