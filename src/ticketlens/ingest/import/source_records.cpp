#include "ticketlens/ingest/import/source_records.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <sstream>

#include "ticketlens/common/error.hpp"
#include "ticketlens/ingest/byte_source.hpp"
#include "ticketlens/ingest/csv_reader.hpp"

namespace ticketlens::ingest {
namespace {

using nlohmann::json;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::kIo, fmt::format("cannot open {}", path.string()));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::int64_t line_at(std::string_view text, std::size_t byte) {
  byte = std::min(byte, text.size());
  return 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(byte), '\n');
}

// The line where each element of the record arrays starts: the root array's elements (key "")
// or those of arrays directly under the root object (by key). The text is valid JSON.
std::map<std::string, std::vector<std::int64_t>> element_lines(std::string_view t) {
  std::map<std::string, std::vector<std::int64_t>> out;
  std::vector<char> stack;
  std::string key_at_root, last_string;
  std::int64_t line = 1;
  bool root_object = false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (c == '\n') {
      ++line;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == ',' || c == ':') continue;
    const bool in_target = (!root_object && stack.size() == 1 && stack[0] == '[') ||
                           (root_object && stack.size() == 2 && stack[1] == '[');
    if (c == ']' || c == '}') {
      stack.pop_back();
      continue;
    }
    if (in_target) out[root_object ? key_at_root : std::string()].push_back(line);
    if (c == '{' || c == '[') {
      if (stack.empty() && c == '{') root_object = true;
      if (root_object && stack.size() == 1 && c == '[') key_at_root = last_string;
      stack.push_back(c);
      continue;
    }
    if (c == '"') {
      std::size_t j = i + 1;
      std::string s;
      while (j < t.size() && t[j] != '"') {
        if (t[j] == '\\') ++j;
        if (j < t.size()) s += t[j];
        ++j;
      }
      if (stack.size() == 1) last_string = std::move(s);
      i = j;
      continue;
    }
    // A scalar: skip to its end.
    while (i + 1 < t.size() && std::string_view(",]}\n \t\r").find(t[i + 1]) == std::string_view::npos) ++i;
  }
  return out;
}

void read_csv(SourceFile& file, const std::string& text) {
  auto source = memory_source(text, file.label);
  CsvReader reader(*source);
  CsvRecord rec;
  SourceTable& table = file.tables.emplace_back();
  table.name = file.stem;
  std::vector<std::string> header;
  while (reader.next(rec)) {
    if (!rec.error.empty())
      throw Error(ErrorCode::kDataRejected, fmt::format("{}:{}: {}", file.label, rec.line, rec.error));
    if (header.empty()) {
      for (auto f : rec.fields) header.push_back(lower(f));
      continue;
    }
    if (rec.fields.size() != header.size())
      throw Error(ErrorCode::kDataRejected,
                  fmt::format("{}:{}: has {} fields, the header has {}", file.label, rec.line,
                              rec.fields.size(), header.size()));
    json obj = json::object();
    for (std::size_t i = 0; i < header.size(); ++i)
      obj[header[i]] = rec.fields[i].empty() ? json(nullptr) : json(std::string(rec.fields[i]));
    table.records.push_back({std::move(obj), rec.line, static_cast<std::int64_t>(table.records.size())});
  }
}

void read_json_lines(SourceFile& file, const std::string& text) {
  SourceTable& table = file.tables.emplace_back();
  table.name = file.stem;
  std::int64_t line = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string_view l(text.data() + pos, nl - pos);
    ++line;
    pos = nl + 1;
    if (l.find_first_not_of(" \t\r") == std::string_view::npos) {
      if (nl == text.size()) break;
      continue;
    }
    json value;
    try {
      value = json::parse(l);
    } catch (const json::parse_error& e) {
      throw Error(ErrorCode::kDataRejected,
                  fmt::format("{}:{}: invalid JSON at byte {} of the line: {} (nothing landed)",
                              file.label, line, e.byte, e.what()));
    }
    if (!value.is_object())
      throw Error(ErrorCode::kDataRejected,
                  fmt::format("{}:{}: each line must be a JSON object", file.label, line));
    table.records.push_back({std::move(value), line, static_cast<std::int64_t>(table.records.size())});
  }
}

bool looks_like_json_lines(const std::string& text) {
  // Two or more top-level values, one per line: the first line alone is a complete object.
  const auto nl = text.find('\n');
  if (nl == std::string::npos) return false;
  const auto rest = text.find_first_not_of(" \t\r\n", nl);
  if (rest == std::string::npos || text[rest] != '{') return false;
  return json::accept(std::string_view(text).substr(0, nl));
}

void read_json_document(SourceFile& file, const std::string& text) {
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    throw Error(ErrorCode::kDataRejected,
                fmt::format("{}:{}: invalid JSON (truncated or malformed): {} (nothing landed)",
                            file.label, line_at(text, e.byte == 0 ? 0 : e.byte - 1), e.what()));
  }
  file.document = true;
  const auto lines = element_lines(text);
  auto add_table = [&](const std::string& name, json& items) {
    SourceTable& table = file.tables.emplace_back();
    table.name = name;
    const auto it = lines.find(name);
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::int64_t line = it != lines.end() && i < it->second.size() ? it->second[i] : 1;
      table.records.push_back({std::move(items[i]), line, static_cast<std::int64_t>(i)});
    }
  };
  if (doc.is_array()) {
    add_table("", doc);
    return;
  }
  if (!doc.is_object())
    throw Error(ErrorCode::kDataRejected,
                fmt::format("{}:1: expected a JSON object or array of records", file.label));
  // One resource (GET /tickets/1) has an id of its own; a page ({"tickets": [...]},
  // {"object": "list", "data": [...]}, {"total": 2, "results": [...]}) does not. The resource's
  // arrays (attachments, tags) are its fields, not tables.
  if (const auto id = doc.find("id"); id != doc.end() && !id->is_structured() && !id->is_null()) {
    file.single_object = SourceRecord{doc, 1, 0};
    return;
  }
  bool any = false;
  for (auto& [key, value] : doc.items()) {
    if (value.is_array() && (value.empty() || value.front().is_object())) {
      add_table(key, value);
      any = true;
    }
  }
  if (!any) file.single_object = SourceRecord{doc, 1, 0};
}

}  // namespace

SourceFile read_source_file(const std::filesystem::path& path) {
  SourceFile file;
  file.path = path;
  file.label = path.string();
  std::string ext = lower(path.extension().string());
  file.stem = lower(path.stem().string());
  const std::string text = slurp(path);
  if (!is_valid_utf8(text))
    throw Error(ErrorCode::kDataRejected,
                fmt::format("{}: invalid UTF-8 (the file must be UTF-8 encoded)", file.label));
  if (ext == ".csv") {
    read_csv(file, text);
  } else if (ext == ".jsonl" || ext == ".ndjson" || (ext == ".json" && looks_like_json_lines(text))) {
    read_json_lines(file, text);
  } else if (ext == ".json") {
    read_json_document(file, text);
  } else {
    throw Error(ErrorCode::kUsage,
                fmt::format("{}: unknown file type; exports end in .json, .jsonl, .ndjson or .csv",
                            file.label));
  }
  return file;
}

std::string text_of(const json& record, std::string_view key) {
  const auto it = record.find(key);
  if (it == record.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_boolean()) return it->get<bool>() ? "true" : "false";
  if (it->is_number_integer()) return it->dump();
  if (it->is_number_float()) return fmt::format("{}", it->get<double>());
  return it->dump();
}

std::string field_place(const SourceFile& file, const SourceTable& table, const SourceRecord& record,
                        std::string_view field) {
  if (!file.document) return std::string(field);
  return fmt::format("{}[{}].{}", table.name.empty() ? "" : table.name, record.index, field);
}

}  // namespace ticketlens::ingest
