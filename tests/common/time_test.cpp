#include "ticketlens/common/time.hpp"

#include <gtest/gtest.h>

namespace ticketlens {
namespace {

TEST(TimeTest, ParsesDateOnlyAsMidnightUtc) {
  EXPECT_EQ(parse_timestamp("1970-01-02"), 86400);
  EXPECT_EQ(parse_timestamp("2026-11-02"), 1793577600);
}

TEST(TimeTest, ParsesZuluOffsetsAndFractions) {
  EXPECT_EQ(parse_timestamp("2026-11-02T10:15:00Z"), 1793577600 + 10 * 3600 + 15 * 60);
  EXPECT_EQ(parse_timestamp("2026-11-02T12:15:00+02:00"), 1793577600 + 10 * 3600 + 15 * 60);
  EXPECT_EQ(parse_timestamp("2026-11-02T05:15:00-0500"), 1793577600 + 10 * 3600 + 15 * 60);
  EXPECT_EQ(parse_timestamp("2026-11-02 10:15:00.123Z"), 1793577600 + 10 * 3600 + 15 * 60);
  EXPECT_EQ(parse_timestamp("2026-11-02T10:15"), 1793577600 + 10 * 3600 + 15 * 60);
}

TEST(TimeTest, ParsesEpochSeconds) {
  EXPECT_EQ(parse_timestamp("1793577600"), 1793577600);
  EXPECT_EQ(parse_timestamp("0"), 0);
}

TEST(TimeTest, RejectsMalformedTimes) {
  EXPECT_FALSE(parse_timestamp(""));
  EXPECT_FALSE(parse_timestamp("2026-02-30"));
  EXPECT_FALSE(parse_timestamp("2026-13-01"));
  EXPECT_FALSE(parse_timestamp("2026-11-02T25:00:00Z"));
  EXPECT_FALSE(parse_timestamp("2026-11-02T10:00:00Q"));
  EXPECT_FALSE(parse_timestamp("yesterday"));
  EXPECT_FALSE(parse_timestamp("12.5"));
}

TEST(TimeTest, FormatsRoundTrip) {
  const Timestamp t = *parse_timestamp("2024-02-29T23:59:59Z");
  EXPECT_EQ(format_timestamp(t), "2024-02-29T23:59:59Z");
  EXPECT_EQ(format_date(t), "2024-02-29");
  EXPECT_EQ(format_timestamp(-1), "1969-12-31T23:59:59Z");
}

TEST(TimeTest, IsoWeeksFollowTheStandard) {
  // 2026-11-16 is the Monday of 2026-W47.
  EXPECT_EQ(iso_week_of(*parse_timestamp("2026-11-16")), (IsoWeek{2026, 47}));
  EXPECT_EQ(iso_week_of(*parse_timestamp("2026-11-22T23:59:59Z")), (IsoWeek{2026, 47}));
  // 2021-01-03 (Sunday) belongs to 2020-W53; 2024-12-30 to 2025-W01.
  EXPECT_EQ(iso_week_of(*parse_timestamp("2021-01-03")), (IsoWeek{2020, 53}));
  EXPECT_EQ(iso_week_of(*parse_timestamp("2024-12-30")), (IsoWeek{2025, 1}));
  EXPECT_EQ(iso_week_start({2026, 47}), *parse_timestamp("2026-11-16"));
  EXPECT_EQ(parse_iso_week("2026-W47"), (IsoWeek{2026, 47}));
  EXPECT_TRUE(parse_iso_week("2026-W53"));   // 2026 has 53 ISO weeks
  EXPECT_FALSE(parse_iso_week("2025-W53"));  // 2025 has 52
  EXPECT_TRUE(parse_iso_week("2020-W53"));
  EXPECT_EQ(format_iso_week({2026, 3}), "2026-W03");
}

TEST(TimeTest, MonthBoundaries) {
  const Timestamp t = *parse_timestamp("2026-12-15T10:00:00Z");
  EXPECT_EQ(month_start(t), *parse_timestamp("2026-12-01"));
  EXPECT_EQ(next_month_start(t), *parse_timestamp("2027-01-01"));
}

TEST(DurationTest, ParsesMinutesHoursDaysWeeks) {
  EXPECT_EQ(parse_duration("24h"), 24 * 3600);
  EXPECT_EQ(parse_duration("90m"), 90 * 60);
  EXPECT_EQ(parse_duration("7d"), 7 * 86400);
  EXPECT_EQ(parse_duration("2w"), 14 * 86400);
  EXPECT_EQ(parse_duration("0h"), 0);
  EXPECT_FALSE(parse_duration("24").has_value());
  EXPECT_FALSE(parse_duration("h").has_value());
  EXPECT_FALSE(parse_duration("-1h").has_value());
  EXPECT_FALSE(parse_duration("1.5h").has_value());
}

}  // namespace
}  // namespace ticketlens
