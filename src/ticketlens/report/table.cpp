#include "ticketlens/report/table.hpp"

#include <fmt/format.h>

#include <cmath>

#include "ticketlens/common/error.hpp"

namespace ticketlens::report {
namespace {

std::string cell_text(const Cell& c, int precision) {
  if (std::holds_alternative<std::monostate>(c)) return "";
  if (auto* s = std::get_if<std::string>(&c)) return *s;
  if (auto* i = std::get_if<std::int64_t>(&c)) return std::to_string(*i);
  const double d = std::get<double>(c);
  if (std::isnan(d)) return "NA";
  if (std::isinf(d)) return d > 0 ? "Inf" : "-Inf";
  return fmt::format("{:.{}f}", d, precision);
}

bool is_numeric(const Cell& c) {
  return std::holds_alternative<std::int64_t>(c) || std::holds_alternative<double>(c);
}

// Display width in code points, so UTF-8 names align.
std::size_t display_width(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
  return n;
}

}  // namespace

Format parse_format(std::string_view name) {
  if (name == "table") return Format::kTable;
  if (name == "json") return Format::kJson;
  if (name == "csv") return Format::kCsv;
  throw Error(ErrorCode::kUsage,
              fmt::format("unknown format '{}': use table, json or csv", name));
}

std::string csv_escape(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char ch : field) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
  return out;
}

void render_text(const Table& table, std::ostream& out) {
  std::vector<std::size_t> width(table.columns.size());
  std::vector<bool> numeric(table.columns.size(), true);
  for (std::size_t c = 0; c < table.columns.size(); ++c) width[c] = display_width(table.columns[c]);
  std::vector<std::vector<std::string>> text;
  text.reserve(table.rows.size());
  for (const auto& row : table.rows) {
    auto& line = text.emplace_back();
    for (std::size_t c = 0; c < row.size() && c < width.size(); ++c) {
      line.push_back(cell_text(row[c], table.precision));
      width[c] = std::max(width[c], display_width(line.back()));
      if (!is_numeric(row[c]) && !std::holds_alternative<std::monostate>(row[c]))
        numeric[c] = false;
    }
  }
  auto pad = [&](const std::string& s, std::size_t c) {
    const std::size_t fill = width[c] - display_width(s);
    return numeric[c] ? std::string(fill, ' ') + s : s + std::string(fill, ' ');
  };
  for (std::size_t c = 0; c < table.columns.size(); ++c)
    out << (c ? "  " : "") << pad(table.columns[c], c);
  out << '\n';
  for (std::size_t c = 0; c < table.columns.size(); ++c)
    out << (c ? "  " : "") << std::string(width[c], '-');
  out << '\n';
  for (const auto& line : text) {
    for (std::size_t c = 0; c < line.size(); ++c) out << (c ? "  " : "") << pad(line[c], c);
    out << '\n';
  }
}

void render_csv(const Table& table, std::ostream& out) {
  for (std::size_t c = 0; c < table.columns.size(); ++c)
    out << (c ? "," : "") << csv_escape(table.columns[c]);
  out << '\n';
  for (const auto& row : table.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      out << (c ? "," : "");
      if (auto* d = std::get_if<double>(&row[c]); d && std::isfinite(*d))
        out << fmt::format("{}", *d);  // full precision for machines
      else
        out << csv_escape(cell_text(row[c], table.precision));
    }
    out << '\n';
  }
}

nlohmann::json to_json(const Table& table) {
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& row : table.rows) {
    nlohmann::json obj = nlohmann::json::object();
    for (std::size_t c = 0; c < row.size() && c < table.columns.size(); ++c) {
      const Cell& cell = row[c];
      nlohmann::json v;
      if (auto* s = std::get_if<std::string>(&cell)) v = *s;
      else if (auto* i = std::get_if<std::int64_t>(&cell)) v = *i;
      else if (auto* d = std::get_if<double>(&cell)) v = std::isfinite(*d) ? nlohmann::json(*d) : nlohmann::json();
      obj[table.columns[c]] = std::move(v);
    }
    arr.push_back(std::move(obj));
  }
  return arr;
}

void render(const Table& table, Format format, std::ostream& out) {
  switch (format) {
    case Format::kTable: render_text(table, out); break;
    case Format::kCsv: render_csv(table, out); break;
    case Format::kJson: out << to_json(table).dump(2) << '\n'; break;
  }
}

}  // namespace ticketlens::report
