#include "ticketlens/ingest/validator.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <charconv>
#include <cstring>
#include <cmath>

#include <simdjson.h>

#include "ticketlens/common/hash.hpp"
#include "ticketlens/common/time.hpp"

namespace ticketlens::ingest {
namespace {

using model::ColumnType;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Shortens a value for an error message.
std::string quote(std::string_view s) {
  if (s.size() > 40) return fmt::format("'{}…'", s.substr(0, 40));
  return fmt::format("'{}'", s);
}

std::string format_bound(double v) { return fmt::format("{}", v); }

}  // namespace

Validator::Validator(const model::KindSchema& schema)
    : schema_(schema), scratch_(schema.columns.size()), json_(std::make_unique<simdjson::dom::parser>()) {
  for (auto key : schema.key) key_columns_.push_back(model::column_index(schema, key));
}

Validator::~Validator() = default;
Validator::Validator(Validator&&) noexcept = default;

std::optional<std::pair<std::string, std::string>> Validator::validate(
    const std::vector<std::string_view>& values, std::vector<Value>& out) {
  const auto& cols = schema_.columns;
  out.resize(cols.size());
  for (std::size_t c = 0; c < cols.size(); ++c) {
    const model::Column& col = cols[c];
    Value& v = out[c];
    v = Value{};
    std::string_view raw = values[c];
    const bool trimmed_type = col.type != ColumnType::kString;
    if (trimmed_type) raw = trim(raw);
    if (raw.empty()) {
      if (col.required) return std::pair{std::string(col.name), "required value is missing"};
      continue;
    }
    switch (col.type) {
      case ColumnType::kId:
      case ColumnType::kString:
      case ColumnType::kList:
        v.type = Value::Type::kText;
        v.text = raw;
        break;
      case ColumnType::kTimestamp: {
        auto t = parse_timestamp(raw);
        if (!t)
          return std::pair{std::string(col.name),
                           fmt::format("{} is not a timestamp (use ISO-8601 such as "
                                       "2026-11-02T10:15:00Z, a date, or epoch seconds)",
                                       quote(raw))};
        v.type = Value::Type::kInt;
        v.i = *t;
        break;
      }
      case ColumnType::kInteger: {
        std::int64_t x = 0;
        auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), x);
        if (ec != std::errc() || p != raw.data() + raw.size()) {
          // Accept "3.0" as 3, but not "3.5".
          double d = 0;
          auto [p2, ec2] = std::from_chars(raw.data(), raw.data() + raw.size(), d);
          if (ec2 != std::errc() || p2 != raw.data() + raw.size() || d != std::floor(d) ||
              !std::isfinite(d) || std::fabs(d) > 9e15)
            return std::pair{std::string(col.name),
                             fmt::format("{} is not a whole number", quote(raw))};
          x = static_cast<std::int64_t>(d);
        }
        if (static_cast<double>(x) < col.min || static_cast<double>(x) > col.max)
          return std::pair{std::string(col.name),
                           fmt::format("{} is out of range [{}, {}]", x, format_bound(col.min),
                                       format_bound(col.max))};
        v.type = Value::Type::kInt;
        v.i = x;
        break;
      }
      case ColumnType::kReal: {
        double d = 0;
        auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), d);
        if (ec != std::errc() || p != raw.data() + raw.size() || !std::isfinite(d))
          return std::pair{std::string(col.name), fmt::format("{} is not a number", quote(raw))};
        if (d < col.min || d > col.max)
          return std::pair{std::string(col.name),
                           fmt::format("{} is out of range [{}, {}]", raw, format_bound(col.min),
                                       format_bound(col.max))};
        v.type = Value::Type::kReal;
        v.d = d;
        break;
      }
      case ColumnType::kBool01: {
        std::string& s = scratch_[c];
        s.assign(raw);
        for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (s == "1" || s == "true") v.i = 1;
        else if (s == "0" || s == "false") v.i = 0;
        else
          return std::pair{std::string(col.name),
                           fmt::format("{} is not 0 or 1 (true/false also accepted)", quote(raw))};
        v.type = Value::Type::kInt;
        break;
      }
      case ColumnType::kEnum: {
        std::string& s = scratch_[c];
        s.assign(raw);
        for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        bool ok = false;
        for (auto word : col.vocabulary) ok |= (word == s);
        if (!ok)
          return std::pair{std::string(col.name), fmt::format("{} is not one of {}", quote(raw),
                                                              fmt::join(col.vocabulary, ", "))};
        v.type = Value::Type::kText;
        v.text = s;
        break;
      }
      case ColumnType::kJson: {
        simdjson::dom::element doc;
        if (json_->parse(raw.data(), raw.size(), true).get(doc) ||
            doc.type() != simdjson::dom::element_type::OBJECT)
          return std::pair{std::string(col.name),
                           fmt::format("{} is not a JSON object", quote(raw))};
        v.type = Value::Type::kText;
        v.text = raw;
        break;
      }
    }
  }
  // Cross-field rules that make a row meaningless (data-quality oddities are for `check`).
  if (schema_.kind == model::Kind::kSurveys) {
    const int kind_col = model::column_index(schema_, "kind");
    const int score_col = model::column_index(schema_, "score");
    const std::string_view kind = out[kind_col].type == Value::Type::kNull ? "nps" : out[kind_col].text;
    const double score = out[score_col].d;
    const double lo = kind == "nps" ? 0 : 1;
    const double hi = kind == "nps" ? 10 : kind == "csat" ? 5 : 7;
    if (score < lo || score > hi)
      return std::pair{std::string("score"), fmt::format("{} is out of range [{}, {}] for a {} survey",
                                                         score, lo, hi, kind)};
  }
  return std::nullopt;
}

std::uint64_t Validator::content_hash(const std::vector<Value>& values) noexcept {
  std::uint64_t h = 0x5851f42d4c957f2dULL;
  for (const Value& v : values) {
    switch (v.type) {
      case Value::Type::kNull: h = hash_combine(h, 0x1); break;
      case Value::Type::kInt: h = hash_combine(h, static_cast<std::uint64_t>(v.i) ^ 0x2000); break;
      case Value::Type::kReal: {
        std::uint64_t bits;
        std::memcpy(&bits, &v.d, 8);
        h = hash_combine(h, bits ^ 0x3000);
        break;
      }
      case Value::Type::kText: h = hash_combine(h, hash64(v.text, 0x4000)); break;
    }
  }
  return h;
}

std::uint64_t Validator::key_hash(const std::vector<Value>& values) const noexcept {
  std::uint64_t h = 0x9e3779b97f4a7c15ULL;
  bool any = false;
  for (int c : key_columns_) {
    const Value& v = values[static_cast<std::size_t>(c)];
    if (v.type == Value::Type::kNull) continue;
    any = true;
    h = hash_combine(h, hash64(v.text, 0x77));
  }
  // No key value (events without event_id): the row is its own key, hashed with another seed
  // than the content hash so that key and content together give 128 bits of identity.
  if (!any) return hash_combine(content_hash(values), 0xabcdef12345ULL);
  return h;
}

std::string Validator::key_text(const std::vector<Value>& values) const {
  std::string out;
  for (std::size_t k = 0; k < key_columns_.size(); ++k) {
    if (k) out += '|';
    out += values[static_cast<std::size_t>(key_columns_[k])].text;
  }
  return out;
}

}  // namespace ticketlens::ingest
