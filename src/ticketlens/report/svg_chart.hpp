#pragma once
// Inline SVG charts for the HTML report, drawn in C++ (no script, nothing third-party). Every
// chart is readable without colour: each mark carries its value as text, series differ by fill
// pattern (solid, hatched) as well as colour, and the <svg> has a role, a title and a
// description for screen readers. Charts scale to their container (viewBox, width 100%).
#include <optional>
#include <string>
#include <vector>

namespace ticketlens::report::svg {

/// How a series is filled: kSolid (dark) or kHatched (diagonal lines, lighter) so that two
/// series stay apart in grey-scale print and for colour-blind readers.
enum class Fill { kSolid, kHatched };

struct BarSeries {
  std::string name;                         ///< legend text, e.g. "this week"
  std::vector<std::optional<double>> values;  ///< one per category; nullopt draws "n/a"
  std::vector<std::string> labels;          ///< the text beside each bar (same length as values)
  Fill fill = Fill::kSolid;
};

/// Horizontal bars, one group per category (its label above the bars), 1–3 series per group.
/// Bars scale to the largest value (0 at the left). Values < 0 are drawn as 0.
struct BarChart {
  std::string id;           ///< unique in the page (pattern ids derive from it)
  std::string title;        ///< the <title> and aria-label
  std::string description;  ///< the <desc>: what the chart shows, in a sentence
  std::vector<std::string> categories;
  std::vector<BarSeries> series;
};
std::string bar_chart(const BarChart& chart);

/// A line over ordered points (e.g. 8 weeks): markers, each with its value as text, x labels
/// under the axis, an optional dashed horizontal reference line with its own text (a target).
struct LineChart {
  std::string id, title, description;
  std::vector<std::string> x_labels;
  std::vector<std::optional<double>> values;  ///< nullopt leaves a gap
  std::vector<std::string> value_labels;      ///< text above each marker
  std::optional<double> reference;            ///< e.g. the 80% line of a Pareto
  std::string reference_label;
};
std::string line_chart(const LineChart& chart);

/// Step curves over a numeric x axis from 0, y from 0 to 1 shown as percent (Kaplan–Meier
/// survival): each series a step line (solid or dashed) with an optional shaded band between
/// `lower` and `upper`, and its last value as text at its end. Points are (x[i], y[i]); the curve
/// holds y[i] until x[i + 1]. Non-finite values end the series' line there. `x_ticks` are drawn
/// with `x_tick_labels` under the axis; `x_label` names the axis.
struct StepSeries {
  std::string name;
  std::vector<double> x, y, lower, upper;  ///< lower/upper empty: no band
  bool dashed = false;
};
struct StepChart {
  std::string id, title, description, x_label;
  std::vector<double> x_ticks;
  std::vector<std::string> x_tick_labels;
  std::vector<StepSeries> series;
};
std::string step_chart(const StepChart& chart);

/// A grid of cells, rows × columns, each shaded by its value on [min, max] (light to dark) and
/// carrying its text; a nullopt cell is left white with "–". Row labels at the left, column
/// labels on top.
struct Heatmap {
  std::string id, title, description;
  std::vector<std::string> row_labels, column_labels;
  std::vector<std::vector<std::optional<double>>> values;  ///< [row][column]
  std::vector<std::vector<std::string>> labels;            ///< [row][column], the cell text
  double min = 0, max = 1;
};
std::string heatmap(const Heatmap& chart);

/// XML text escaping (& < > " ').
std::string escape(std::string_view text);

namespace detail {
/// The opening <svg> of a chart (viewBox width 480) with its title and description.
std::string open_svg(const std::string& id, double height, const std::string& title, const std::string& desc);
}  // namespace detail

}  // namespace ticketlens::report::svg
