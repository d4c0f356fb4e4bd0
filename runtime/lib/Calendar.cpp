//===- Calendar.cpp - Dates of the Gregorian calendar ---------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "dgm/runtime/Calendar.h"

#include <cstdio>

using namespace dgm::rt;

int dgm::rt::dayOfYear(int year, int month, int day) {
  static constexpr int daysBefore[12] = {0,   31,  59,  90,  120, 151,
                                         181, 212, 243, 273, 304, 334};
  static constexpr int daysIn[12] = {31, 28, 31, 30, 31, 30,
                                     31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1)
    return 0;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int length = daysIn[month - 1] + (leap && month == 2 ? 1 : 0);
  if (day > length)
    return 0;
  return daysBefore[month - 1] + day + (leap && month > 2 ? 1 : 0);
}

bool CalendarDate::valid() const { return dayOfYear(year, month, day) != 0; }

std::string CalendarDate::toString() const {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

std::int64_t CalendarDate::dayNumber() const {
  // Howard Hinnant's days_from_civil.
  std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
  std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  std::int64_t yoe = y - era * 400;
  std::int64_t mp = (month + 9) % 12; // March = 0
  std::int64_t doy = (153 * mp + 2) / 5 + day - 1;
  std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CalendarDate CalendarDate::next() const {
  CalendarDate after{year, month, day + 1};
  if (!after.valid()) {
    after.day = 1;
    if (++after.month > 12) {
      after.month = 1;
      ++after.year;
    }
  }
  return after;
}

std::string dgm::rt::describeDuration(std::int64_t seconds) {
  auto count = [](std::int64_t n, const char *unit) {
    return std::to_string(n) + " " + unit + (n == 1 || n == -1 ? "" : "s");
  };
  if (seconds != 0 && seconds % 86400 == 0)
    return count(seconds / 86400, "day");
  if (seconds != 0 && seconds % 3600 == 0)
    return count(seconds / 3600, "hour");
  if (seconds != 0 && seconds % 60 == 0)
    return count(seconds / 60, "minute");
  return count(seconds, "second");
}

namespace {
/// Reads exactly `count` digits at `at`, advancing it.
std::optional<int> digits(std::string_view text, std::size_t &at,
                          std::size_t count) {
  if (at + count > text.size())
    return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    char c = text[at + i];
    if (c < '0' || c > '9')
      return std::nullopt;
    value = value * 10 + (c - '0');
  }
  at += count;
  return value;
}

bool expect(std::string_view text, std::size_t &at, char c) {
  if (at >= text.size() || text[at] != c)
    return false;
  ++at;
  return true;
}
} // namespace

namespace {
/// The numbers of a date cell in the shape of parseTimestamp, whether or not
/// they name a real date or time.
struct TimestampFields {
  int year = 0, month = 0, day = 0;
  bool hasTime = false;
  int hour = 0, minute = 0, second = 0;
};

std::optional<TimestampFields> readFields(std::string_view text) {
  TimestampFields f;
  std::size_t at = 0;
  std::optional<int> year = digits(text, at, 4);
  if (!year || !expect(text, at, '-'))
    return std::nullopt;
  std::optional<int> month = digits(text, at, 2);
  if (!month || !expect(text, at, '-'))
    return std::nullopt;
  std::optional<int> day = digits(text, at, 2);
  if (!day)
    return std::nullopt;
  f.year = *year;
  f.month = *month;
  f.day = *day;
  if (at == text.size())
    return f;
  if (text[at] != 'T' && text[at] != ' ')
    return std::nullopt;
  ++at;
  std::optional<int> hour = digits(text, at, 2);
  if (!hour || !expect(text, at, ':'))
    return std::nullopt;
  std::optional<int> minute = digits(text, at, 2);
  if (!minute)
    return std::nullopt;
  if (at < text.size() && text[at] == ':') {
    ++at;
    std::optional<int> second = digits(text, at, 2);
    if (!second)
      return std::nullopt;
    f.second = *second;
  }
  if (at < text.size() && text[at] == 'Z')
    ++at;
  if (at != text.size())
    return std::nullopt;
  f.hasTime = true;
  f.hour = *hour;
  f.minute = *minute;
  return f;
}
} // namespace

std::optional<Timestamp> dgm::rt::parseTimestamp(std::string_view text) {
  std::optional<TimestampFields> f = readFields(text);
  if (!f || impossibleTimestamp(text))
    return std::nullopt;
  Timestamp stamp;
  stamp.date = CalendarDate{f->year, f->month, f->day};
  stamp.hasTime = f->hasTime;
  stamp.secondOfDay = f->hour * 3600 + f->minute * 60 + f->second;
  return stamp;
}

std::optional<std::string>
dgm::rt::impossibleTimestamp(std::string_view text) {
  static const char *const months[12] = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  std::optional<TimestampFields> f = readFields(text);
  if (!f)
    return std::nullopt;
  if (f->month < 1 || f->month > 12)
    return "there is no month " + std::to_string(f->month);
  if (!CalendarDate{f->year, f->month, f->day}.valid()) {
    if (f->day == 0)
      return std::string("there is no day 0");
    if (f->month == 2 && f->day == 29)
      return std::to_string(f->year) +
             " is not a leap year: its February has 28 days";
    int length = 28;
    while (CalendarDate{f->year, f->month, length + 1}.valid())
      ++length;
    return std::string(months[f->month - 1]) +
           (f->month == 2 ? " " + std::to_string(f->year) : std::string()) +
           " has " + std::to_string(length) + " days";
  }
  if (f->hour > 23)
    return "hour " + std::to_string(f->hour) + " is beyond 23";
  if (f->minute > 59)
    return "minute " + std::to_string(f->minute) + " is beyond 59";
  if (f->second > 59)
    return "second " + std::to_string(f->second) + " is beyond 59";
  return std::nullopt;
}

std::int64_t dgm::rt::leapDaysBetween(const CalendarDate &from,
                                      const CalendarDate &to) {
  auto leap = [](int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; };
  std::int64_t count = 0;
  for (int year = from.year; year <= to.year; ++year) {
    if (!leap(year))
      continue;
    CalendarDate feb29{year, 2, 29};
    if (feb29.dayNumber() > from.dayNumber() &&
        feb29.dayNumber() <= to.dayNumber())
      ++count;
  }
  return count;
}

int dgm::rt::dayOfYearIn(CalendarKind calendar, const CalendarDate &date) {
  int doy = dayOfYear(date.year, date.month, date.day);
  if (calendar == CalendarKind::Standard || doy == 0)
    return doy;
  if (date.month == 2 && date.day == 29)
    return 0;
  // After February of a leap year, one day less.
  return date.month > 2 && dayOfYear(date.year, 2, 29) != 0 ? doy - 1 : doy;
}
