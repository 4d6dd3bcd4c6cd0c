// The SVG charts: values as text, patterns for the second series, gaps for missing values.
#include "ticketlens/report/svg_chart.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace ticketlens::report::svg
