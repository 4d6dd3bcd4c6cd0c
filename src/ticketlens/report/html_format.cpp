// Formatting helpers shared by the HTML report's sections.
#include <fmt/format.h>

#include <cmath>

#include "ticketlens/report/html_sections.hpp"
#include "ticketlens/report/svg_chart.hpp"

namespace ticketlens::report::html {

std::string escape(std::string_view text) { return svg::escape(text); }

std::optional<double> number(const json& j) {
  if (!j.is_number()) return std::nullopt;
  const double v = j.get<double>();
  return std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
}

std::string fixed(const json& j, int decimals, std::string_view unit) {
  const auto v = number(j);
  return v ? fmt::format("{:.{}f}{}", *v, decimals, unit) : "n/a";
}

std::string p_value(const json& p) {
  const auto v = number(p);
  if (!v) return "n/a";
  return *v < 1e-4 ? fmt::format("{:.1e}", *v) : fmt::format("{:.4f}", *v);
}

std::string money(const json& j, std::string_view currency) {
  const auto v = number(j);
  if (!v) return "n/a";
  const auto whole = static_cast<long long>(std::llround(*v));
  std::string digits = std::to_string(whole < 0 ? -whole : whole), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return fmt::format("{}{} {}", whole < 0 ? "−" : "", currency, out);
}

std::string change(const json& j) {
  const auto v = number(j);
  if (!v) return "–";
  return *v < 0 ? fmt::format("−{:.0f}%", -*v) : fmt::format("+{:.0f}%", *v);
}

std::string text(const json& j, std::string_view key, std::string_view fallback) {
  if (!j.is_object()) return std::string(fallback);
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string(fallback);
}

std::string short_period(std::string_view label) {
  const auto w = label.find("-W");
  return w == std::string_view::npos ? std::string(label) : std::string(label.substr(w + 1));
}

Table::Table(std::string caption, std::initializer_list<std::string_view> columns) : caption_(std::move(caption)) {
  for (auto c : columns) {
    const bool numeric = !c.empty() && c.front() == '>';
    numeric_.push_back(numeric);
    columns_.emplace_back(numeric ? c.substr(1) : c);
  }
}

Table& Table::row(std::vector<std::string> cells) {
  rows_.push_back(std::move(cells));
  return *this;
}

std::string Table::str() const {
  std::string out = "<div class=\"table-wrap\"><table>";
  if (!caption_.empty()) out += "<caption>" + escape(caption_) + "</caption>";
  out += "<thead><tr>";
  for (std::size_t i = 0; i < columns_.size(); ++i)
    out += fmt::format("<th scope=\"col\"{}>{}</th>", numeric_[i] ? " class=\"num\"" : "", escape(columns_[i]));
  out += "</tr></thead><tbody>\n";
  for (const auto& r : rows_) {
    out += "<tr>";
    for (std::size_t i = 0; i < r.size(); ++i)
      out += fmt::format("<td{}>{}</td>", i < numeric_.size() && numeric_[i] ? " class=\"num\"" : "", r[i]);
    out += "</tr>\n";
  }
  out += "</tbody></table></div>\n";
  return out;
}

std::string figures(const std::vector<Figure>& items) {
  std::string out = "<dl class=\"figures\">";
  for (const auto& f : items) {
    out += fmt::format("<div class=\"figure\"><dt>{}</dt><dd>{}</dd>", escape(f.label), escape(f.value));
    if (!f.note.empty()) out += fmt::format("<dd class=\"note\">{}</dd>", escape(f.note));
    out += "</div>";
  }
  out += "</dl>\n";
  return out;
}

}  // namespace ticketlens::report::html
