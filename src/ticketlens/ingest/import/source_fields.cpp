#include "ticketlens/ingest/import/source_fields.hpp"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <cmath>

namespace ticketlens::ingest {

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

std::string fivetran_table_name(std::string_view stem) {
  std::string s = lowercase(stem);
  for (std::string_view suffix : {"_postgres", "_snowflake", "_redshift", "_bigquery", "_databricks"})
    if (s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0)
      s.resize(s.size() - suffix.size());
  if (s.size() > 5 && s.compare(s.size() - 5, 5, "_data") == 0) s.resize(s.size() - 5);
  return s;
}

std::optional<std::int64_t> parse_integer(std::string_view text) {
  std::int64_t v = 0;
  const auto* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, v);
  if (ec == std::errc() && p == end) return v;
  if (auto d = parse_number(text); d && std::floor(*d) == *d && std::abs(*d) < 9e18)
    return static_cast<std::int64_t>(*d);
  return std::nullopt;
}

std::optional<double> parse_number(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double v = 0;
  const auto* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || p != end || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string identity_order_text(const IdentityOrder& order) {
  std::string out;
  for (auto m : order) {
    if (!out.empty()) out += ", ";
    out += match_method_name(m);
  }
  return out;
}

bool RecordReader::has(std::string_view key) const {
  const auto it = record_.value.find(key);
  return it != record_.value.end() && !it->is_null();
}

std::string RecordReader::id(std::string_view key) {
  const auto it = record_.value.find(key);
  if (it == record_.value.end() || it->is_null()) {
    problem_ = fmt::format("missing {}", key);
    return {};
  }
  if (it->is_string()) {
    std::string s = it->get<std::string>();
    if (s.empty()) problem_ = fmt::format("missing {}", key);
    return s;
  }
  if (it->is_number_integer()) return it->dump();
  problem_ = fmt::format("{} must be a string or an integer, not {}", key, it->type_name());
  return {};
}

std::optional<Timestamp> RecordReader::time(std::string_view key) {
  const auto it = record_.value.find(key);
  if (it == record_.value.end() || it->is_null()) {
    problem_ = fmt::format("missing {}", key);
    return std::nullopt;
  }
  if (it->is_number_integer()) return it->get<std::int64_t>();
  if (it->is_string()) {
    if (auto t = parse_timestamp(it->get<std::string>())) return t;
    problem_ = fmt::format("'{}' is not a time (ISO-8601 or epoch seconds)", it->get<std::string>());
    return std::nullopt;
  }
  problem_ = fmt::format("{} must be a time, not {}", key, it->type_name());
  return std::nullopt;
}

std::optional<bool> RecordReader::boolean(std::string_view key) {
  const auto it = record_.value.find(key);
  if (it == record_.value.end() || it->is_null()) return std::nullopt;
  if (it->is_boolean()) return it->get<bool>();
  if (it->is_number_integer()) return it->get<std::int64_t>() != 0;
  if (it->is_string()) {
    const std::string s = lowercase(it->get<std::string>());
    if (s == "true" || s == "1" || s == "t" || s == "yes") return true;
    if (s == "false" || s == "0" || s == "f" || s == "no") return false;
  }
  problem_ = fmt::format("{} must be true or false", key);
  return std::nullopt;
}

std::optional<std::int64_t> RecordReader::integer(std::string_view key) {
  const auto it = record_.value.find(key);
  if (it == record_.value.end() || it->is_null()) return std::nullopt;
  if (it->is_number_integer()) return it->get<std::int64_t>();
  if (it->is_string())
    if (auto v = parse_integer(it->get<std::string>())) return v;
  problem_ = fmt::format("{} must be a whole number", key);
  return std::nullopt;
}

std::optional<double> RecordReader::number(std::string_view key) {
  const auto it = record_.value.find(key);
  if (it == record_.value.end() || it->is_null()) return std::nullopt;
  if (it->is_number()) return it->get<double>();
  if (it->is_string())
    if (auto v = parse_number(it->get<std::string>())) return v;
  problem_ = fmt::format("{} must be a number", key);
  return std::nullopt;
}

}  // namespace ticketlens::ingest
