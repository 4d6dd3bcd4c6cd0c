#include "ticketlens/report/svg_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace ticketlens::report::svg {
namespace {

// A narrow canvas keeps text legible when the chart shrinks to a phone's width.
constexpr double kWidth = 480;
constexpr double kFont = 13;
constexpr double kCharWidth = 7.6;  // a generous average advance of a 13-unit sans-serif glyph
constexpr const char* kInk = "#1f2937";
constexpr const char* kSolid = "#2b5797";
constexpr const char* kHatch = "#6b8fc7";

}  // namespace

std::string detail::open_svg(const std::string& id, double height, const std::string& title,
                             const std::string& desc) {
  return fmt::format(
      "<svg id=\"{0}\" class=\"chart\" viewBox=\"0 0 {1} {2:.0f}\" width=\"100%\" role=\"img\" "
      "aria-labelledby=\"{0}-title {0}-desc\" xmlns=\"http://www.w3.org/2000/svg\" "
      "font-family=\"system-ui, sans-serif\" font-size=\"{3}\">\n"
      "<title id=\"{0}-title\">{4}</title><desc id=\"{0}-desc\">{5}</desc>\n",
      escape(id), kWidth, height, kFont, escape(title), escape(desc));
}

namespace {

using detail::open_svg;

std::string hatch_pattern(const std::string& id) {
  return fmt::format(
      "<defs><pattern id=\"{}-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
      "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#ffffff\"/>"
      "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"{}\" stroke-width=\"3\"/></pattern></defs>\n",
      escape(id), kHatch);
}

std::string fill_attrs(const std::string& id, Fill fill) {
  return fill == Fill::kSolid ? fmt::format("fill=\"{}\"", kSolid)
                              : fmt::format("fill=\"url(#{}-hatch)\" stroke=\"{}\"", escape(id), kHatch);
}

}  // namespace

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string bar_chart(const BarChart& c) {
  constexpr double kLegend = 24, kLabel = 18, kBar = 14, kGap = 3, kGroupGap = 10;
  const std::size_t n_series = c.series.size();
  double max_value = 0;
  for (const auto& s : c.series)
    for (const auto& v : s.values)
      if (v && std::isfinite(*v)) max_value = std::max(max_value, *v);
  const double group_height = kLabel + static_cast<double>(n_series) * (kBar + kGap) + kGroupGap;
  const double height = kLegend + static_cast<double>(c.categories.size()) * group_height + 4;
  // The longest bar leaves room for the longest value text beside it (never less than half).
  std::size_t longest = 0;
  for (const auto& s : c.series)
    for (const auto& l : s.labels)
      longest = std::max(longest, l.size() + (n_series > 1 ? s.name.size() + 2 : 0));
  const double span = std::max(kWidth / 2, kWidth - 8 - kCharWidth * static_cast<double>(longest));

  std::string out = open_svg(c.id, height, c.title, c.description) + hatch_pattern(c.id);
  // Legend: a swatch in the series' own fill, then its name.
  double x = 0;
  for (const auto& s : c.series) {
    out += fmt::format("<rect x=\"{:.0f}\" y=\"4\" width=\"14\" height=\"14\" {}/>", x, fill_attrs(c.id, s.fill));
    out += fmt::format("<text x=\"{:.0f}\" y=\"16\" fill=\"{}\">{}</text>\n", x + 19, kInk, escape(s.name));
    x += 19 + 8.0 * static_cast<double>(s.name.size()) + 18;
  }
  double y = kLegend;
  for (std::size_t i = 0; i < c.categories.size(); ++i) {
    out += fmt::format("<g class=\"bar-group\"><text x=\"0\" y=\"{:.0f}\" fill=\"{}\" font-weight=\"600\">{}</text>\n",
                       y + 13, kInk, escape(c.categories[i]));
    double by = y + kLabel;
    for (const auto& s : c.series) {
      // Plain values rather than a copied optional: g++ -O3 warns (falsely) about the latter.
      const bool present = i < s.values.size() && s.values[i].has_value();
      const double value = present ? s.values[i].value() : 0.0;
      const std::string label = i < s.labels.size() ? s.labels[i] : "";
      const double len = present && std::isfinite(value) && max_value > 0 ? std::max(0.0, value) / max_value * span : 0;
      if (len > 0)
        out += fmt::format("<rect class=\"bar\" x=\"0\" y=\"{:.0f}\" width=\"{:.1f}\" height=\"{:.0f}\" {}/>", by, len, kBar,
                           fill_attrs(c.id, s.fill));
      out += fmt::format("<text x=\"{:.1f}\" y=\"{:.0f}\" fill=\"{}\">{}{}</text>\n", len + 5, by + 11, kInk,
                         n_series > 1 ? escape(s.name) + ": " : std::string(), escape(present ? label : "n/a"));
      by += kBar + kGap;
    }
    out += "</g>\n";
    y += group_height;
  }
  out += "</svg>\n";
  return out;
}

std::string line_chart(const LineChart& c) {
  constexpr double kHeight = 220, kTop = 26, kBottom = 34, kSide = 28;
  const std::size_t n = c.values.size();
  double max_value = c.reference.value_or(0);
  for (const auto& v : c.values)
    if (v && std::isfinite(*v)) max_value = std::max(max_value, *v);
  if (max_value <= 0) max_value = 1;
  const double plot_h = kHeight - kTop - kBottom;
  const double step = n > 1 ? (kWidth - 2 * kSide) / static_cast<double>(n - 1) : 0;
  auto px = [&](std::size_t i) { return n > 1 ? kSide + step * static_cast<double>(i) : kWidth / 2; };
  auto py = [&](double v) { return kTop + plot_h - std::max(0.0, v) / (max_value * 1.1) * plot_h; };

  std::string out = open_svg(c.id, kHeight, c.title, c.description);
  const double base = kTop + plot_h;
  out += fmt::format("<line x1=\"0\" y1=\"{0:.1f}\" x2=\"{1}\" y2=\"{0:.1f}\" stroke=\"{2}\"/>\n", base, kWidth, kInk);
  if (c.reference) {
    const double ry = py(*c.reference);
    out += fmt::format(
        "<line x1=\"0\" y1=\"{0:.1f}\" x2=\"{1}\" y2=\"{0:.1f}\" stroke=\"{2}\" stroke-dasharray=\"6 4\"/>"
        "<text x=\"{1}\" y=\"{3:.1f}\" text-anchor=\"end\" fill=\"{2}\" font-size=\"11\">{4}</text>\n",
        ry, kWidth, kInk, ry - 4, escape(c.reference_label));
  }
  std::string path;
  bool pen_down = false;
  for (std::size_t i = 0; i < n; ++i) {
    if (!c.values[i] || !std::isfinite(*c.values[i])) {
      pen_down = false;
      continue;
    }
    path += fmt::format("{}{:.1f} {:.1f} ", pen_down ? "L" : "M", px(i), py(*c.values[i]));
    pen_down = true;
  }
  if (!path.empty())
    out += fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\"/>\n", path, kSolid);
  for (std::size_t i = 0; i < n; ++i) {
    const double x = px(i);
    const std::string xl = i < c.x_labels.size() ? c.x_labels[i] : "";
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.0f}\" text-anchor=\"middle\" fill=\"{}\" font-size=\"12\">{}</text>",
                       x, kHeight - 12, kInk, escape(xl));
    const std::string vl = i < c.value_labels.size() ? c.value_labels[i] : "";
    if (c.values[i] && std::isfinite(*c.values[i])) {
      const double y = py(*c.values[i]);
      out += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4.5\" fill=\"#ffffff\" stroke=\"{}\" stroke-width=\"2.5\"/>"
                         "<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" fill=\"{}\" font-weight=\"600\">{}</text>\n",
                         x, y, kSolid, x, y - 9, kInk, escape(vl));
    } else {
      out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" fill=\"{}\">n/a</text>\n", x, base - 6,
                         kInk);
    }
  }
  out += "</svg>\n";
  return out;
}

}  // namespace ticketlens::report::svg
