#include "ticketlens/ingest/csv_reader.hpp"

#include <cstring>

namespace ticketlens::ingest {

CsvReader::CsvReader(ByteSource& source, std::size_t chunk) : buffer_(source, chunk) {}

bool CsvReader::next(CsvRecord& record) {
  if (!started_) {
    started_ = true;
    // The mark may straddle the first refills when chunks are tiny.
    if (buffer_.ensure(3) && buffer_.view().substr(0, 3) == "\xEF\xBB\xBF") buffer_.consume(3);
  }
  for (;;) {
    std::string_view v = buffer_.view();
    // Skip blank lines. A CR ends a line alone or with the LF after it: at the end of the
    // buffer the next byte decides, so read it first.
    bool need_more = false;
    while (!v.empty() && (v.front() == '\n' || v.front() == '\r')) {
      if (v.front() == '\r') {
        if (v.size() == 1 && !buffer_.eof()) {
          need_more = true;
          break;
        }
        if (v.size() == 1 || v[1] != '\n') ++line_;
      } else {
        ++line_;
      }
      buffer_.consume(1);
      v.remove_prefix(1);
    }
    if (v.empty() || need_more) {
      if (!buffer_.refill() && v.empty()) return false;
      continue;
    }
    const std::size_t used = parse(record, buffer_.eof());
    if (used > 0) {
      buffer_.consume(used);
      return true;
    }
    if (!buffer_.refill()) {
      // The input ended inside the record: parse it as final.
      const std::size_t final_used = parse(record, true);
      buffer_.consume(final_used);
      return true;
    }
  }
}

namespace {

// Line breaks in [s, span_end): LF, and CR not followed by LF (CRLF counts once, at its LF).
// `end` is the end of the buffered input, so a CR just before `span_end` sees its next byte.
std::int64_t count_line_breaks(const char* s, const char* span_end, const char* end) {
  std::int64_t n = 0;
  for (; s < span_end; ++s)
    n += *s == '\n' || (*s == '\r' && (s + 1 == end || s[1] != '\n'));
  return n;
}

}  // namespace

std::size_t CsvReader::parse(CsvRecord& record, bool at_eof) {
  char* const base = buffer_.mutable_data();
  const std::size_t size = buffer_.view().size();
  const char* const end = base + size;
  record.fields.clear();
  record.error.clear();
  record.line = line_;
  std::int64_t newlines = 0;
  char* p = base;
  for (;;) {
    if (p < end && *p == '"') {
      // Quoted field. Without doubled quotes it is a view of the buffer; with them it is
      // unescaped into scratch storage (never in place: the record may still be incomplete).
      const char* field_start = ++p;
      std::string* unescaped = nullptr;
      for (;;) {
        const char* q = static_cast<const char*>(std::memchr(p, '"', static_cast<std::size_t>(end - p)));
        if (!q) {
          if (!at_eof) return 0;
          newlines += count_line_breaks(p, end, end);
          record.error = "unterminated quoted field (a \" opens a field that never closes)";
          line_ += newlines;
          return size;
        }
        newlines += count_line_breaks(p, q, end);
        if (q + 1 < end && q[1] == '"') {  // doubled quote
          if (!unescaped) {
            const std::size_t slot = record.fields.size();
            if (scratch_.size() <= slot) scratch_.resize(slot + 1);
            unescaped = &scratch_[slot];
            unescaped->assign(field_start, static_cast<std::size_t>(q - field_start));
          } else {
            unescaped->append(p, static_cast<std::size_t>(q - p));
          }
          unescaped->push_back('"');
          p = const_cast<char*>(q) + 2;
          continue;
        }
        if (q + 1 == end && !at_eof) return 0;  // cannot tell a closing from a doubled quote yet
        if (unescaped) unescaped->append(p, static_cast<std::size_t>(q - p));
        p = const_cast<char*>(q) + 1;
        if (unescaped)
          record.fields.emplace_back(*unescaped);
        else
          record.fields.emplace_back(field_start, static_cast<std::size_t>(q - field_start));
        break;
      }
      if (p == end) break;
      if (*p == ',') {
        ++p;
        continue;
      }
      if (*p == '\n' || *p == '\r') break;
      record.error = "unexpected character after a closing quote";
      // Resynchronise at the end of this physical line.
      while (p < end && *p != '\n' && *p != '\r') ++p;
      if (p == end && !at_eof) return 0;
      break;
    }
    // Unquoted field: up to the next comma or line end. A quote inside is taken literally.
    const char* s = p;
    while (s < end && *s != ',' && *s != '\n' && *s != '\r') ++s;
    if (s == end && !at_eof) return 0;
    record.fields.emplace_back(p, static_cast<std::size_t>(s - p));
    p = const_cast<char*>(s);
    if (p < end && *p == ',') {
      ++p;
      if (p == end) {
        if (!at_eof) return 0;
        record.fields.emplace_back();  // trailing comma: one more empty field
        break;
      }
      continue;
    }
    break;
  }
  // At a line end (or the end of input).
  if (p < end && *p == '\r') {
    if (p + 1 == end && !at_eof) return 0;
    ++p;
    if (p == end || *p != '\n') ++newlines;  // a lone CR ends a line too
  }
  if (p < end && *p == '\n') {
    ++p;
    ++newlines;
  }
  line_ += newlines;
  if (!record.error.empty()) return static_cast<std::size_t>(p - base);
  for (const auto& f : record.fields) {
    if (!is_valid_utf8(f)) {
      record.error = "invalid UTF-8 (the file must be UTF-8 encoded)";
      break;
    }
  }
  return static_cast<std::size_t>(p - base);
}

}  // namespace ticketlens::ingest
