//===- CalendarTest.cpp - Tests of dates and date cells -------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "dgm/runtime/Calendar.h"

#include <cstdio>

#include "gtest/gtest.h"

using namespace dgm::rt;

namespace {

TEST(Calendar, DayOfYear) {
  EXPECT_EQ(dayOfYear(2001, 1, 1), 1);
  EXPECT_EQ(dayOfYear(2001, 12, 31), 365);
  EXPECT_EQ(dayOfYear(2000, 12, 31), 366); // divisible by 400: leap
  EXPECT_EQ(dayOfYear(2000, 3, 1), 61);
  EXPECT_EQ(dayOfYear(2001, 3, 1), 60);
  EXPECT_EQ(dayOfYear(2000, 2, 29), 60);
  EXPECT_EQ(dayOfYear(1900, 2, 29), 0); // divisible by 100: not leap
  EXPECT_EQ(dayOfYear(2001, 2, 29), 0);
  EXPECT_EQ(dayOfYear(2001, 4, 31), 0);
  EXPECT_EQ(dayOfYear(2001, 13, 1), 0);
  EXPECT_EQ(dayOfYear(2001, 0, 1), 0);
  EXPECT_EQ(dayOfYear(2001, 1, 0), 0);
}

TEST(Calendar, CalendarDate) {
  EXPECT_EQ((CalendarDate{1970, 1, 1}).dayNumber(), 0);
  EXPECT_EQ((CalendarDate{1969, 12, 31}).dayNumber(), -1);
  EXPECT_EQ((CalendarDate{2000, 3, 1}).dayNumber() -
                (CalendarDate{2000, 2, 28}).dayNumber(),
            2);
  EXPECT_EQ((CalendarDate{2000, 1, 1}).dayNumber(), 10957);
  EXPECT_EQ((CalendarDate{2000, 2, 3}).toString(), "2000-02-03");
  EXPECT_TRUE((CalendarDate{2000, 2, 29}).valid());
  EXPECT_FALSE((CalendarDate{2100, 2, 29}).valid());
}

TEST(Calendar, Next) {
  EXPECT_EQ((CalendarDate{2001, 5, 7}).next(), (CalendarDate{2001, 5, 8}));
  EXPECT_EQ((CalendarDate{2001, 4, 30}).next(), (CalendarDate{2001, 5, 1}));
  EXPECT_EQ((CalendarDate{2000, 2, 28}).next(), (CalendarDate{2000, 2, 29}));
  EXPECT_EQ((CalendarDate{2001, 2, 28}).next(), (CalendarDate{2001, 3, 1}));
  EXPECT_EQ((CalendarDate{1999, 12, 31}).next(), (CalendarDate{2000, 1, 1}));
  // next() agrees with dayNumber() over four centuries (leap rules included).
  CalendarDate d{1900, 1, 1};
  for (int i = 0; i < 146097; ++i) {
    CalendarDate after = d.next();
    ASSERT_TRUE(after.valid()) << d.toString();
    ASSERT_EQ(after.dayNumber(), d.dayNumber() + 1) << d.toString();
    d = after;
  }
  EXPECT_EQ(d, (CalendarDate{2300, 1, 1}));
}

TEST(Calendar, DescribeDuration) {
  EXPECT_EQ(describeDuration(86400), "1 day");
  EXPECT_EQ(describeDuration(3 * 86400), "3 days");
  EXPECT_EQ(describeDuration(3600), "1 hour");
  EXPECT_EQ(describeDuration(6 * 3600), "6 hours");
  EXPECT_EQ(describeDuration(90 * 60), "90 minutes");
  EXPECT_EQ(describeDuration(1), "1 second");
  EXPECT_EQ(describeDuration(0), "0 seconds");
  EXPECT_EQ(describeDuration(-86400), "-1 day");
}

TEST(Calendar, ParseDates) {
  std::optional<Timestamp> t = parseTimestamp("1980-10-01");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->date, (CalendarDate{1980, 10, 1}));
  EXPECT_FALSE(t->hasTime);
  EXPECT_EQ(t->secondOfDay, 0);
  EXPECT_EQ(t->seconds(), (CalendarDate{1980, 10, 1}).dayNumber() * 86400);

  EXPECT_TRUE(parseTimestamp("2000-02-29"));
  EXPECT_FALSE(parseTimestamp("2001-02-29")); // no such day
  EXPECT_FALSE(parseTimestamp("2001-13-01"));
  EXPECT_FALSE(parseTimestamp("2001-1-1"));   // two digits each
  EXPECT_FALSE(parseTimestamp("10/01/1980")); // not ISO: a label
  EXPECT_FALSE(parseTimestamp("1980-10-01x"));
  EXPECT_FALSE(parseTimestamp(""));
  EXPECT_FALSE(parseTimestamp("day 1"));
}

TEST(Calendar, ParseTimes) {
  std::optional<Timestamp> t = parseTimestamp("1980-10-01T06:30");
  ASSERT_TRUE(t);
  EXPECT_TRUE(t->hasTime);
  EXPECT_EQ(t->secondOfDay, 6 * 3600 + 30 * 60);
  t = parseTimestamp("1980-10-01 23:59:59Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->secondOfDay, 86399);
  EXPECT_EQ(parseTimestamp("1980-10-02 00:00")->seconds() -
                parseTimestamp("1980-10-01 00:00")->seconds(),
            86400);
  EXPECT_FALSE(parseTimestamp("1980-10-01T24:00"));
  EXPECT_FALSE(parseTimestamp("1980-10-01T12:60"));
  EXPECT_FALSE(parseTimestamp("1980-10-01T12"));
  EXPECT_FALSE(parseTimestamp("1980-10-01T12:00:00+01:00"));
  EXPECT_FALSE(parseTimestamp("1980-10-01 "));
}

TEST(Calendar, ImpossibleTimestampsSayWhy) {
  EXPECT_EQ(impossibleTimestamp("2001-02-29"),
            "2001 is not a leap year: its February has 28 days");
  EXPECT_EQ(impossibleTimestamp("1900-02-29"),
            "1900 is not a leap year: its February has 28 days");
  EXPECT_EQ(impossibleTimestamp("2000-02-30"), "February 2000 has 29 days");
  EXPECT_EQ(impossibleTimestamp("2000-06-31"), "June has 30 days");
  EXPECT_EQ(impossibleTimestamp("2000-00-10"), "there is no month 0");
  EXPECT_EQ(impossibleTimestamp("2000-01-00"), "there is no day 0");
  EXPECT_EQ(impossibleTimestamp("2000-01-01T25:00"), "hour 25 is beyond 23");
  EXPECT_EQ(impossibleTimestamp("2000-01-01 12:60"), "minute 60 is beyond 59");
  EXPECT_EQ(impossibleTimestamp("2000-01-01 12:00:61"),
            "second 61 is beyond 59");
  // Real dates, and text of another shape, have nothing to report.
  for (const char *text : {"2000-02-29", "2000-01-01T23:59:59", "day 1",
                           "10/01/1980", "2000-01-01T12"})
    EXPECT_FALSE(impossibleTimestamp(text)) << text;
  // Every date parseTimestamp rejects in the right shape has a reason.
  for (int month = 1; month <= 12; ++month)
    for (int day = 1; day <= 31; ++day) {
      char text[16];
      std::snprintf(text, sizeof text, "2001-%02d-%02d", month, day);
      EXPECT_EQ(!parseTimestamp(text), impossibleTimestamp(text).has_value())
          << text;
    }
}

TEST(Calendar, NoLeap) {
  // The 29 Februaries after `from`, up to and including `to`.
  EXPECT_EQ(leapDaysBetween({2004, 2, 28}, {2004, 3, 1}), 1);
  EXPECT_EQ(leapDaysBetween({2004, 2, 29}, {2004, 3, 1}), 0);
  EXPECT_EQ(leapDaysBetween({2004, 2, 28}, {2004, 2, 29}), 1);
  EXPECT_EQ(leapDaysBetween({2003, 1, 1}, {2003, 12, 31}), 0);
  EXPECT_EQ(leapDaysBetween({1899, 1, 1}, {2001, 1, 1}), 25); // not 1900
  // Independently: count by walking the days.
  CalendarDate from{1999, 12, 1}, d = from;
  int feb29 = 0;
  for (int i = 0; i < 3000; ++i) {
    d = d.next();
    feb29 += d.month == 2 && d.day == 29;
    ASSERT_EQ(leapDaysBetween(from, d), feb29) << d.toString();
  }
  // Day of the year: 1 March is day 60 in every noleap year.
  EXPECT_EQ(dayOfYearIn(CalendarKind::NoLeap, {2004, 3, 1}), 60);
  EXPECT_EQ(dayOfYearIn(CalendarKind::NoLeap, {2003, 3, 1}), 60);
  EXPECT_EQ(dayOfYearIn(CalendarKind::NoLeap, {2004, 12, 31}), 365);
  EXPECT_EQ(dayOfYearIn(CalendarKind::NoLeap, {2004, 2, 29}), 0);
  EXPECT_EQ(dayOfYearIn(CalendarKind::Standard, {2004, 12, 31}), 366);
  EXPECT_EQ(dayOfYearIn(CalendarKind::Standard, {2004, 2, 29}), 60);
}

} // namespace
