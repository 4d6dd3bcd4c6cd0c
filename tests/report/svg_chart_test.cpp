// The SVG charts: values as text, patterns for the second series, gaps for missing values.
#include "ticketlens/report/svg_chart.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace ticketlens::report::svg {
namespace {

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

TEST(SvgChartTest, BarChartLabelsEveryBarAndHatchesTheSecondSeries) {
  BarChart c{"areas", "Tickets by area", "desc", {"billing", "reports <beta>"},
             {{"this week", {4.0, 2.0}, {"4", "2"}, Fill::kSolid}, {"previous", {1.0, std::nullopt}, {"1", ""}, Fill::kHatched}}};
  const auto svg = bar_chart(c);
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("<title id=\"areas-title\">Tickets by area</title>"), std::string::npos);
  EXPECT_NE(svg.find("reports &lt;beta&gt;"), std::string::npos);  // escaped
  EXPECT_NE(svg.find("this week: 4"), std::string::npos);
  EXPECT_NE(svg.find("previous: n/a"), std::string::npos);  // a missing value says so
  EXPECT_EQ(count(svg, "url(#areas-hatch)"), 2u);           // legend swatch + one hatched bar
  EXPECT_EQ(count(svg, "<rect class=\"bar\""), 3u);  // bars of 4, 2 and 1; none for n/a
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
}

TEST(SvgChartTest, LongestBarLeavesRoomForTheLongestValueText) {
  BarChart c{"b", "t", "d", {"a", "b"}, {{"s", {10.0, 5.0}, {"1234567890", "5"}, Fill::kSolid}}};
  const auto svg = bar_chart(c);
  EXPECT_NE(svg.find("width=\"396.0\""), std::string::npos) << svg;  // 480 − 8 − 10 × 7.6
  EXPECT_NE(svg.find("width=\"198.0\""), std::string::npos);
}

TEST(SvgChartTest, LineChartBreaksAtMissingValuesAndLabelsPoints) {
  LineChart c{"trend", "Tickets", "d", {"W1", "W2", "W3", "W4"}, {3.0, std::nullopt, 5.0, 6.0}, {"3", "", "5", "6"},
              std::nullopt, ""};
  const auto svg = line_chart(c);
  EXPECT_EQ(count(svg, "<circle"), 3u);
  const auto d = svg.substr(svg.find("<path d=\""), svg.find("\" fill=\"none\"") - svg.find("<path d=\""));
  EXPECT_EQ(count(d, "M"), 2u) << d;
  EXPECT_EQ(count(d, "L"), 1u) << d;
  EXPECT_NE(svg.find(">n/a</text>"), std::string::npos);
  for (const char* label : {">W1<", ">W4<", ">6<"}) EXPECT_NE(svg.find(label), std::string::npos) << label;
}

TEST(SvgChartTest, StepChartDrawsStepsBandsAndEndValues) {
  StepChart c;
  c.id = "km";
  c.title = "Survival";
  c.description = "d";
  c.x_label = "months";
  c.x_ticks = {0, 6, 12};
  c.x_tick_labels = {"0", "6", "12"};
  c.series = {{"with <x>", {0, 6, 12}, {1.0, 0.8, 0.5}, {1.0, 0.7, 0.4}, {1.0, 0.9, 0.6}, false},
              {"without", {0, 6, 12}, {1.0, 0.9, std::nan("")}, {}, {}, true}};
  const auto svg = step_chart(c);
  EXPECT_EQ(count(svg, "<path class=\"curve\""), 2u);
  EXPECT_EQ(count(svg, "<path class=\"band\""), 1u);  // the second series has no band
  EXPECT_EQ(count(svg, "stroke-dasharray"), 2u);      // legend sample and curve of the dashed series
  EXPECT_NE(svg.find(">50.0%</text>"), std::string::npos);  // end values as text
  EXPECT_NE(svg.find(">90.0%</text>"), std::string::npos);  // the line stops at the NaN
  EXPECT_NE(svg.find("with &lt;x&gt;"), std::string::npos);
  // Steps: horizontal then vertical moves. 480 wide, plot from x 40 to 416; y from 30 to 216.
  const auto first = svg.substr(svg.find("<path class=\"curve\" d=\""));
  EXPECT_EQ(first.rfind("<path class=\"curve\" d=\"M40.0 30.0 H228.0 V67.2 H416.0 V123.0 ", 0), 0u) << first;
}

TEST(SvgChartTest, HeatmapShadesCellsAndMarksMissingOnes) {
  Heatmap h;
  h.id = "cohorts";
  h.title = "Retention";
  h.description = "d";
  h.row_labels = {"2025-01", "2025-02"};
  h.column_labels = {"6 months", "12 months"};
  h.values = {{100.0, 0.0}, {50.0, std::nullopt}};
  h.labels = {{"100%", "0%"}, {"50%", ""}};
  h.min = 0;
  h.max = 100;
  const auto svg = heatmap(h);
  EXPECT_EQ(count(svg, "<rect class=\"cell\""), 4u);
  EXPECT_NE(svg.find("fill=\"#1e3f73\""), std::string::npos);  // 100: darkest
  EXPECT_NE(svg.find("fill=\"#eef3fa\""), std::string::npos);  // 0: lightest
  EXPECT_NE(svg.find("fill=\"#8699b7\""), std::string::npos) << svg;  // 50: halfway (lround)
  EXPECT_NE(svg.find(">–</text>"), std::string::npos);
  EXPECT_NE(svg.find("fill=\"#ffffff\">100%</text>"), std::string::npos);  // white on dark
}

}  // namespace
}  // namespace ticketlens::report::svg
