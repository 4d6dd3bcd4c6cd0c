#include "ticketlens/demo/csv_out.hpp"

#include <cerrno>
#include <cstring>

#include "ticketlens/common/error.hpp"

namespace ticketlens::demo::detail {
namespace {

constexpr std::size_t kFlushBytes = std::size_t{4} << 20;

void append_digits(fmt::memory_buffer& out, std::int64_t v, int width) {
  char tmp[24];
  int n = 0;
  do {
    tmp[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v > 0 || n < width);
  while (n > 0) out.push_back(tmp[--n]);
}

}  // namespace

void append_number(fmt::memory_buffer& out, std::int64_t value, int width) {
  append_digits(out, value, width);
}

void append_timestamp(fmt::memory_buffer& out, Timestamp t) {
  // Dates repeat across millions of rows: remember the last day's text.
  thread_local std::int64_t cached_day = INT64_MIN;
  thread_local char day_text[11];
  std::int64_t day = t / kSecondsPerDay;
  std::int64_t rem = t % kSecondsPerDay;
  if (rem < 0) {
    rem += kSecondsPerDay;
    --day;
  }
  if (day != cached_day) {
    const CivilDate c = civil_from_days(day);
    fmt::format_to_n(day_text, sizeof day_text, "{:04}-{:02}-{:02}T", c.year, c.month, c.day);
    cached_day = day;
  }
  out.append(day_text, day_text + 11);
  append_digits(out, rem / 3600, 2);
  out.push_back(':');
  append_digits(out, (rem / 60) % 60, 2);
  out.push_back(':');
  append_digits(out, rem % 60, 2);
  out.push_back('Z');
}

CsvOut::CsvOut(const std::filesystem::path& path, model::Kind kind) : path_(path) {
  file_ = std::fopen(path.c_str(), "wb");
  if (!file_)
    throw Error(ErrorCode::kIo,
                fmt::format("cannot write {}: {}", path.string(), std::strerror(errno)));
  for (const auto& column : model::schema_of(kind).columns) raw(column.name);
  end_row();
  rows_ = 0;
}

CsvOut::~CsvOut() {
  try {
    close();
  } catch (...) {  // NOLINT(bugprone-empty-catch): the explicit close() reports errors
  }
}

CsvOut& CsvOut::text(std::string_view text) {
  sep();
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    buffer_.append(text);
    return *this;
  }
  buffer_.push_back('"');
  for (char ch : text) {
    if (ch == '"') buffer_.push_back('"');
    buffer_.push_back(ch);
  }
  buffer_.push_back('"');
  return *this;
}

CsvOut& CsvOut::integer(std::int64_t value) {
  sep();
  fmt::format_to(std::back_inserter(buffer_), "{}", value);
  return *this;
}

CsvOut& CsvOut::fixed(double value, int decimals) {
  sep();
  fmt::format_to(std::back_inserter(buffer_), "{:.{}f}", value, decimals);
  return *this;
}

CsvOut& CsvOut::time(Timestamp t) {
  sep();
  append_timestamp(buffer_, t);
  return *this;
}

void CsvOut::end_row() {
  buffer_.push_back('\n');
  first_ = true;
  ++rows_;
  if (buffer_.size() >= kFlushBytes) flush();
}

void CsvOut::flush() {
  if (!file_ || buffer_.size() == 0) return;
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size())
    throw Error(ErrorCode::kIo,
                fmt::format("cannot write {}: {}", path_.string(), std::strerror(errno)));
  buffer_.clear();
}

void CsvOut::close() {
  if (!file_) return;
  std::FILE* f = file_;
  try {
    flush();
  } catch (...) {
    std::fclose(f);
    file_ = nullptr;
    throw;
  }
  file_ = nullptr;
  if (std::fclose(f) != 0)
    throw Error(ErrorCode::kIo,
                fmt::format("cannot close {}: {}", path_.string(), std::strerror(errno)));
}

}  // namespace ticketlens::demo::detail
