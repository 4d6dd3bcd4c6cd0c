#include "ticketlens/ingest/row_reader.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <simdjson.h>

#include <algorithm>
#include <cstring>

#include "ticketlens/common/error.hpp"
#include "ticketlens/ingest/csv_reader.hpp"

namespace ticketlens::ingest {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

class CsvRowReader final : public RowReader {
 public:
  CsvRowReader(ByteSource& source, const model::KindSchema& schema, std::size_t chunk)
      : csv_(source, chunk), source_name_(source.name()), width_(schema.columns.size()) {
    CsvRecord header;
    if (!csv_.next(header)) return;  // empty file: no rows
    if (!header.error.empty())
      throw Error(ErrorCode::kDataRejected,
                  fmt::format("{}:{}: header: {}", source_name_, header.line, header.error));
    std::vector<bool> seen(width_, false);
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
      const std::string name = lower(trim(header.fields[i]));
      const int idx = model::column_index(schema, name);
      if (idx < 0) {
        if (!name.empty()) unknown_.push_back(std::string(trim(header.fields[i])));
        mapping_.push_back(-1);
        continue;
      }
      if (seen[static_cast<std::size_t>(idx)])
        throw Error(ErrorCode::kDataRejected,
                    fmt::format("{}:{}: header: column '{}' appears twice", source_name_,
                                header.line, name));
      seen[static_cast<std::size_t>(idx)] = true;
      mapping_.push_back(idx);
    }
    std::vector<std::string> missing;
    for (std::size_t c = 0; c < width_; ++c)
      if (schema.columns[c].required && !seen[c]) missing.emplace_back(schema.columns[c].name);
    if (!missing.empty())
      throw Error(
          ErrorCode::kDataRejected,
          fmt::format("{}:{}: header: missing required column(s) {} for {}{}; expected columns: {}",
                      source_name_, header.line, fmt::join(missing, ", "), schema.name,
                      unknown_.empty() ? std::string()
                                       : fmt::format("; unknown column(s) {}", fmt::join(unknown_, ", ")),
                      fmt::join(column_names(schema), ",")));
  }

  bool next(TextRow& row) override {
    if (mapping_.empty()) return false;
    if (!csv_.next(record_)) return false;
    row.line = record_.line;
    row.error = record_.error;
    row.values.assign(width_, std::string_view());
    if (!row.error.empty()) return true;
    if (record_.fields.size() != mapping_.size()) {
      row.error = fmt::format("has {} fields, the header has {}", record_.fields.size(),
                              mapping_.size());
      return true;
    }
    for (std::size_t i = 0; i < mapping_.size(); ++i)
      if (mapping_[i] >= 0) row.values[static_cast<std::size_t>(mapping_[i])] = record_.fields[i];
    return true;
  }

  [[nodiscard]] const std::vector<std::string>& unknown_columns() const override {
    return unknown_;
  }

 private:
  static std::vector<std::string_view> column_names(const model::KindSchema& schema) {
    std::vector<std::string_view> out;
    for (const auto& c : schema.columns) out.push_back(c.name);
    return out;
  }

  CsvReader csv_;
  std::string source_name_;
  std::size_t width_;
  std::vector<int> mapping_;
  std::vector<std::string> unknown_;
  CsvRecord record_;
};

class JsonLinesRowReader final : public RowReader {
 public:
  JsonLinesRowReader(ByteSource& source, const model::KindSchema& schema, std::size_t chunk)
      : buffer_(source, chunk), schema_(schema), width_(schema.columns.size()) {
    storage_.resize(width_);
  }

  bool next(TextRow& row) override {
    for (;;) {
      std::string_view v = buffer_.view();
      if (!started_) {
        started_ = true;
        // The mark may straddle the first refills when chunks are tiny.
        if (buffer_.ensure(3) && buffer_.view().substr(0, 3) == "\xEF\xBB\xBF")
          buffer_.consume(3);
        continue;
      }
      const char* nl = static_cast<const char*>(std::memchr(v.data(), '\n', v.size()));
      if (!nl && !buffer_.eof()) {
        if (buffer_.refill()) continue;
        v = buffer_.view();
      }
      if (v.empty()) return false;
      const std::size_t len = nl ? static_cast<std::size_t>(nl - v.data()) : v.size();
      std::string_view line = v.substr(0, len);
      buffer_.consume(nl ? len + 1 : len);
      const std::int64_t line_no = line_++;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (trim(line).empty()) continue;
      parse_line(line, line_no, row);
      return true;
    }
  }

  [[nodiscard]] const std::vector<std::string>& unknown_columns() const override {
    return unknown_;
  }

 private:
  void parse_line(std::string_view line, std::int64_t line_no, TextRow& row) {
    row.line = line_no;
    row.error.clear();
    row.values.assign(width_, std::string_view());
    if (!is_valid_utf8(line)) {
      row.error = "invalid UTF-8 (the file must be UTF-8 encoded)";
      return;
    }
    simdjson::dom::element doc;
    if (auto err = parser_.parse(line.data(), line.size(), true).get(doc)) {
      row.error = fmt::format("invalid JSON: {}", simdjson::error_message(err));
      return;
    }
    simdjson::dom::object obj;
    if (doc.get_object().get(obj)) {
      row.error = "a JSON lines row must be a JSON object";
      return;
    }
    for (auto field : obj) {
      const std::string key = lower(field.key);
      const int idx = model::column_index(schema_, key);
      if (idx < 0) {
        if (std::find(unknown_.begin(), unknown_.end(), field.key) == unknown_.end() &&
            unknown_.size() < 100)
          unknown_.emplace_back(field.key);
        continue;
      }
      auto c = static_cast<std::size_t>(idx);
      std::string& out = storage_[c];
      out.clear();
      const auto& column = schema_.columns[c];
      switch (field.value.type()) {
        case simdjson::dom::element_type::NULL_VALUE:
          break;
        case simdjson::dom::element_type::STRING:
          out = std::string_view(field.value.get_string().value_unsafe());
          break;
        case simdjson::dom::element_type::INT64:
          out = std::to_string(field.value.get_int64().value_unsafe());
          break;
        case simdjson::dom::element_type::UINT64:
          out = std::to_string(field.value.get_uint64().value_unsafe());
          break;
        case simdjson::dom::element_type::DOUBLE:
          out = fmt::format("{}", field.value.get_double().value_unsafe());
          break;
        case simdjson::dom::element_type::BOOL:
          out = field.value.get_bool().value_unsafe() ? "1" : "0";
          break;
        case simdjson::dom::element_type::ARRAY:
          if (column.type == model::ColumnType::kList) {
            // A named array: value_unsafe() returns a reference into the temporary result,
            // which a range-for over it would outlive.
            const simdjson::dom::array items = field.value.get_array().value_unsafe();
            for (auto item : items) {
              std::string_view s;
              if (item.get_string().get(s)) {
                row.error = fmt::format("{}: list items must be strings", column.name);
                return;
              }
              if (!out.empty()) out += ';';
              out += s;
            }
          } else {
            out = simdjson::minify(field.value);
          }
          break;
        case simdjson::dom::element_type::OBJECT:
          out = simdjson::minify(field.value);
          break;
      }
      row.values[c] = out;
    }
  }

  ChunkBuffer buffer_;
  const model::KindSchema& schema_;
  std::size_t width_;
  simdjson::dom::parser parser_;
  std::vector<std::string> storage_;
  std::vector<std::string> unknown_;
  std::int64_t line_ = 1;
  bool started_ = false;
};

}  // namespace

FileFormat format_from_path(std::string_view path) {
  const std::string p = lower(path);
  auto ends_with = [&](std::string_view suffix) {
    return p.size() >= suffix.size() && p.compare(p.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends_with(".csv")) return FileFormat::kCsv;
  if (ends_with(".jsonl") || ends_with(".ndjson") || ends_with(".json")) return FileFormat::kJsonLines;
  throw Error(ErrorCode::kUsage,
              fmt::format("{}: unknown file type; canonical files end in .csv or .jsonl", path));
}

std::unique_ptr<RowReader> open_row_reader(ByteSource& source, FileFormat format,
                                           const model::KindSchema& schema, std::size_t chunk) {
  if (format == FileFormat::kCsv) return std::make_unique<CsvRowReader>(source, schema, chunk);
  return std::make_unique<JsonLinesRowReader>(source, schema, chunk);
}

}  // namespace ticketlens::ingest
