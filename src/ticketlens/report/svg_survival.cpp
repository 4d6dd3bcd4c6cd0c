// The survival charts of the report: Kaplan–Meier step curves with their bands, and the cohort
// retention heatmap. Same conventions as svg_chart.cpp: values as text, series apart without
// colour (solid vs dashed lines; darker cells carry white text).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "ticketlens/report/svg_chart.hpp"

namespace ticketlens::report::svg {
namespace {

constexpr double kWidth = 480;
constexpr const char* kInk = "#1f2937";
constexpr const char* kSeriesColour[] = {"#2b5797", "#b4501e"};
constexpr const char* kBandColour[] = {"#2b5797", "#b4501e"};

}  // namespace

std::string step_chart(const StepChart& c) {
  constexpr double kHeight = 260, kTop = 30, kBottom = 44, kLeft = 40, kRight = 64;
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  double max_x = 0;
  for (double t : c.x_ticks) max_x = std::max(max_x, t);
  for (const auto& s : c.series)
    for (double x : s.x)
      if (std::isfinite(x)) max_x = std::max(max_x, x);
  if (max_x <= 0) max_x = 1;
  auto px = [&](double x) { return kLeft + x / max_x * plot_w; };
  auto py = [&](double y) { return kTop + (1 - std::clamp(y, 0.0, 1.0)) * plot_h; };

  std::string out = detail::open_svg(c.id, kHeight, c.title, c.description);
  // Axes, y grid at 0, 25, 50, 75, 100%.
  for (int pct = 0; pct <= 100; pct += 25) {
    const double y = py(pct / 100.0);
    out += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{2:.1f}\" y2=\"{1:.1f}\" stroke=\"#d5dae1\"/>"
        "<text x=\"{3:.1f}\" y=\"{4:.1f}\" text-anchor=\"end\" fill=\"{5}\" font-size=\"11\">{6}%</text>\n",
        kLeft, y, kLeft + plot_w, kLeft - 4, y + 4, kInk, pct);
  }
  const double base = py(0);
  out += fmt::format("<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{2:.1f}\" y2=\"{1:.1f}\" stroke=\"{3}\"/>\n", kLeft,
                     base, kLeft + plot_w, kInk);
  for (std::size_t i = 0; i < c.x_ticks.size(); ++i) {
    const double x = px(c.x_ticks[i]);
    out += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"{3}\"/>"
        "<text x=\"{0:.1f}\" y=\"{4:.1f}\" text-anchor=\"middle\" fill=\"{3}\" font-size=\"11\">{5}</text>\n",
        x, base, base + 4, kInk, base + 16, escape(i < c.x_tick_labels.size() ? c.x_tick_labels[i] : ""));
  }
  out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" fill=\"{}\" font-size=\"12\">{}</text>\n",
                     kLeft + plot_w / 2, kHeight - 6, kInk, escape(c.x_label));

  // Legend on top: a line sample in the series' own stroke, then its name.
  double lx = kLeft;
  for (std::size_t k = 0; k < c.series.size(); ++k) {
    const auto& s = c.series[k];
    out += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"12\" x2=\"{1:.1f}\" y2=\"12\" stroke=\"{2}\" stroke-width=\"2.5\"{3}/>"
        "<text x=\"{4:.1f}\" y=\"16\" fill=\"{5}\">{6}</text>\n",
        lx, lx + 22, kSeriesColour[k % 2], s.dashed ? " stroke-dasharray=\"6 4\"" : "", lx + 27, kInk, escape(s.name));
    lx += 27 + 7.6 * static_cast<double>(s.name.size()) + 18;
  }

  // The drawable prefix of each series: points until the first non-finite value.
  std::vector<std::size_t> drawable(c.series.size(), 0);
  for (std::size_t k = 0; k < c.series.size(); ++k) {
    const auto& s = c.series[k];
    std::size_t& n = drawable[k];
    while (n < s.x.size() && n < s.y.size() && std::isfinite(s.x[n]) && std::isfinite(s.y[n])) ++n;
  }
  // Whether a series ends highest: its end label goes above the curve, the others' below.
  auto ends_highest = [&](std::size_t k) {
    const double mine = c.series[k].y[drawable[k] - 1];
    for (std::size_t j = 0; j < c.series.size(); ++j)
      if (j != k && drawable[j] > 0 && c.series[j].y[drawable[j] - 1] > mine) return false;
    return true;
  };

  for (std::size_t k = 0; k < c.series.size(); ++k) {
    const auto& s = c.series[k];
    const std::size_t n = drawable[k];
    if (n == 0) continue;
    // Band: the step polygon of upper forwards, lower backwards, over the points that have both.
    std::size_t nb = 0;
    while (nb < n && nb < s.lower.size() && nb < s.upper.size() && std::isfinite(s.lower[nb]) &&
           std::isfinite(s.upper[nb]))
      ++nb;
    if (nb > 0) {
      std::string band;
      for (std::size_t i = 0; i < nb; ++i) {
        const double x_end = px(i + 1 < nb ? s.x[i + 1] : s.x[i]);
        band += fmt::format("{}{:.1f} {:.1f} L{:.1f} {:.1f} ", i == 0 ? "M" : "L", px(s.x[i]), py(s.upper[i]), x_end,
                            py(s.upper[i]));
      }
      for (std::size_t i = nb; i-- > 0;) {
        const double x_end = px(i + 1 < nb ? s.x[i + 1] : s.x[i]);
        band += fmt::format("L{:.1f} {:.1f} L{:.1f} {:.1f} ", x_end, py(s.lower[i]), px(s.x[i]), py(s.lower[i]));
      }
      out += fmt::format("<path class=\"band\" d=\"{}Z\" fill=\"{}\" fill-opacity=\"0.15\" stroke=\"none\"/>\n", band,
                         kBandColour[k % 2]);
    }
    std::string path = fmt::format("M{:.1f} {:.1f} ", px(s.x[0]), py(s.y[0]));
    for (std::size_t i = 1; i < n; ++i)
      path += fmt::format("H{:.1f} V{:.1f} ", px(s.x[i]), py(s.y[i]));
    out += fmt::format("<path class=\"curve\" d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\"{}/>\n", path,
                       kSeriesColour[k % 2], s.dashed ? " stroke-dasharray=\"6 4\"" : "");
    // The last value as text at the end of the curve: above it for the highest end, below it
    // for the others, so two ends close together do not overlap.
    const double end_y = py(s.y[n - 1]) + (ends_highest(k) ? -4.0 : 12.0);
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" fill=\"{}\" font-weight=\"600\">{:.1f}%</text>\n",
                       px(s.x[n - 1]) + 4, end_y, kInk, 100 * s.y[n - 1]);
  }
  out += "</svg>\n";
  return out;
}

std::string heatmap(const Heatmap& c) {
  constexpr double kTop = 24, kRow = 22, kLabelWidth = 90;
  const std::size_t columns = c.column_labels.size();
  const double cell_w = columns > 0 ? (kWidth - kLabelWidth) / static_cast<double>(columns) : 0;
  const double height = kTop + kRow * static_cast<double>(c.row_labels.size()) + 4;
  std::string out = detail::open_svg(c.id, height, c.title, c.description);
  for (std::size_t j = 0; j < columns; ++j)
    out += fmt::format("<text x=\"{:.1f}\" y=\"16\" text-anchor=\"middle\" fill=\"{}\" font-weight=\"600\">{}</text>\n",
                       kLabelWidth + cell_w * (static_cast<double>(j) + 0.5), kInk, escape(c.column_labels[j]));
  const double span = c.max > c.min ? c.max - c.min : 1;
  for (std::size_t i = 0; i < c.row_labels.size(); ++i) {
    const double y = kTop + kRow * static_cast<double>(i);
    out += fmt::format("<text x=\"0\" y=\"{:.1f}\" fill=\"{}\">{}</text>\n", y + 15, kInk, escape(c.row_labels[i]));
    for (std::size_t j = 0; j < columns; ++j) {
      const bool present = i < c.values.size() && j < c.values[i].size() && c.values[i][j].has_value() &&
                           std::isfinite(c.values[i][j].value());
      const double x = kLabelWidth + cell_w * static_cast<double>(j);
      std::string fill = "#ffffff", ink = kInk;
      if (present) {
        // Light (#eef3fa) to dark (#1e3f73) blue; white text on the darker half.
        const double f = std::clamp((c.values[i][j].value() - c.min) / span, 0.0, 1.0);
        const auto mix = [f](int a, int b) { return static_cast<int>(std::lround(a + (b - a) * f)); };
        fill = fmt::format("#{:02x}{:02x}{:02x}", mix(0xee, 0x1e), mix(0xf3, 0x3f), mix(0xfa, 0x73));
        if (f > 0.5) ink = "#ffffff";
      }
      const std::string text = present && i < c.labels.size() && j < c.labels[i].size() ? c.labels[i][j] : "–";
      out += fmt::format(
          "<rect class=\"cell\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.0f}\" fill=\"{}\" stroke=\"#ffffff\"/>"
          "<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" fill=\"{}\">{}</text>\n",
          x, y, cell_w, kRow, fill, x + cell_w / 2, y + 15, ink, escape(text));
    }
  }
  out += "</svg>\n";
  return out;
}

}  // namespace ticketlens::report::svg
