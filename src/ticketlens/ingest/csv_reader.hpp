#pragma once
// RFC 4180 CSV, streamed: quoted fields may hold commas, newlines and doubled quotes; CRLF, LF
// or a lone CR end a line; a UTF-8 byte-order mark is skipped; invalid UTF-8 is an error with
// the line.
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "ticketlens/ingest/byte_source.hpp"

namespace ticketlens::ingest {

struct CsvRecord {
  std::int64_t line = 0;                ///< 1-based line where the record starts
  std::vector<std::string_view> fields;  ///< valid until the next call to next()
  std::string error;                     ///< non-empty: the record is malformed (fields unusable)
};

class CsvReader {
 public:
  /// `chunk`: bytes read at a time (the buffer grows for longer records).
  explicit CsvReader(ByteSource& source, std::size_t chunk = kDefaultChunkSize);
  /// Reads the next record (blank lines are skipped); false at the end of the input.
  bool next(CsvRecord& record);

 private:
  // Parses one record starting at the buffer's front. Returns bytes consumed, or 0 when the
  // record is incomplete and more input is needed (and the input has not ended).
  std::size_t parse(CsvRecord& record, bool at_eof);

  ChunkBuffer buffer_;
  std::deque<std::string> scratch_;  // unescaped quoted fields by position (stable addresses)
  std::int64_t line_ = 1;
  bool started_ = false;
};

}  // namespace ticketlens::ingest
