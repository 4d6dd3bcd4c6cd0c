#pragma once
// A canonical CSV file written through one large buffer (fmt::memory_buffer), flushed in
// multi-megabyte writes. Fields are quoted per RFC 4180 only when they need it.
#include <fmt/format.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string_view>

#include "ticketlens/common/time.hpp"
#include "ticketlens/model/schema.hpp"

namespace ticketlens::demo::detail {

class CsvOut {
 public:
  /// Opens (truncates) the file and writes the header row of `kind` from the canonical schema.
  CsvOut(const std::filesystem::path& path, model::Kind kind);
  ~CsvOut();
  CsvOut(const CsvOut&) = delete;
  CsvOut& operator=(const CsvOut&) = delete;

  /// A field needing no quoting (ids, enums, numbers built by the generator).
  CsvOut& raw(std::string_view text) {
    sep();
    buffer_.append(text);
    return *this;
  }
  /// Free text: quoted when it holds a comma, quote, CR or LF.
  CsvOut& text(std::string_view text);
  CsvOut& empty() {
    sep();
    return *this;
  }
  CsvOut& integer(std::int64_t value);
  /// Fixed decimals (mrr 2, handle_minutes 1).
  CsvOut& fixed(double value, int decimals);
  /// `2026-11-02T10:15:00Z`; kNever-like values are the caller's business (use empty()).
  CsvOut& time(Timestamp t);
  void end_row();

  /// Hot paths append a whole row (commas included) here, then call end_row().
  fmt::memory_buffer& buffer() { return buffer_; }

  [[nodiscard]] std::int64_t rows() const { return rows_; }
  /// Writes what is buffered and closes; throws Error(kIo) on failure. Called by the destructor
  /// too (silently), so call it explicitly to see errors.
  void close();

 private:
  void sep() {
    if (!first_) buffer_.push_back(',');
    first_ = false;
  }
  void flush();

  std::filesystem::path path_;
  std::FILE* file_ = nullptr;
  fmt::memory_buffer buffer_;
  std::int64_t rows_ = 0;
  bool first_ = true;
};

/// Appends `2026-11-02T10:15:00Z` to out.
void append_timestamp(fmt::memory_buffer& out, Timestamp t);
/// Appends a non-negative integer, zero-padded to at least `width` digits.
void append_number(fmt::memory_buffer& out, std::int64_t value, int width = 1);

}  // namespace ticketlens::demo::detail
