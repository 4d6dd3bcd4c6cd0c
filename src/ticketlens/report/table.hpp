#pragma once
// A small tabular result that every data-printing command renders as an aligned text table,
// CSV (RFC 4180) or JSON (an array of objects; numbers stay numbers, NaN becomes null).
#include <nlohmann/json.hpp>

#include <ostream>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ticketlens::report {

using Cell = std::variant<std::monostate, std::string, std::int64_t, double>;

struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;
  int precision = 4;  ///< significant decimals for doubles in text and CSV

  void add_row(std::vector<Cell> row) { rows.push_back(std::move(row)); }
};

enum class Format { kTable, kJson, kCsv };
/// "table", "json", "csv"; throws Error(kUsage) otherwise.
Format parse_format(std::string_view name);

void render(const Table& table, Format format, std::ostream& out);
void render_text(const Table& table, std::ostream& out);
void render_csv(const Table& table, std::ostream& out);
nlohmann::json to_json(const Table& table);

/// RFC 4180 quoting of one CSV field (quotes only when needed).
std::string csv_escape(std::string_view field);

}  // namespace ticketlens::report
