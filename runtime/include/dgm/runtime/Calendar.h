//===- Calendar.h - Dates of the Gregorian calendar -------------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The dates that forcing files carry: CAMELS rows (year, month, day fields)
// and the date column of a CSV file ("1980-10-01", maybe with a time of
// day). Models step one day, so the readers check that rows are consecutive
// days, and PET formulas need the day of the year.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_RUNTIME_CALENDAR_H
#define DGM_RUNTIME_CALENDAR_H

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dgm::rt {

/// The day of the year (1..366) of a calendar date, or 0 if the date is not
/// valid (Gregorian calendar).
int dayOfYear(int year, int month, int day);

/// A day of the Gregorian calendar.
struct CalendarDate {
  int year = 0;
  int month = 0;
  int day = 0;

  friend bool operator==(const CalendarDate &, const CalendarDate &) = default;
  /// "YYYY-MM-DD".
  std::string toString() const;
  /// Days since 1970-01-01 (negative before); only for valid dates.
  std::int64_t dayNumber() const;
  /// Whether the date exists (month 1..12, day within the month).
  bool valid() const;
  /// The day after this one (valid dates only).
  CalendarDate next() const;
};

/// A cell of a date column: "YYYY-MM-DD", optionally followed by 'T' or a
/// space and a time "hh:mm" or "hh:mm:ss" (and an optional 'Z').
struct Timestamp {
  CalendarDate date;
  int secondOfDay = 0; // 0 when the cell has no time
  bool hasTime = false;

  /// Seconds since 1970-01-01T00:00.
  std::int64_t seconds() const {
    return date.dayNumber() * 86400 + secondOfDay;
  }
};

/// The calendars of date columns: the Gregorian one, or the 365-day year
/// without 29 February that climate models write ("noleap", CF's
/// "365_day").
enum class CalendarKind { Standard, NoLeap };

/// The number of 29 Februaries in the days after `from` up to and including
/// `to` (from <= to; Gregorian dates): what a noleap calendar leaves out
/// between them.
std::int64_t leapDaysBetween(const CalendarDate &from, const CalendarDate &to);

/// The day of the year in `calendar` (1..365 for NoLeap: 1 March is day 60
/// every year); 0 if the date does not exist in it.
int dayOfYearIn(CalendarKind calendar, const CalendarDate &date);

/// A duration for messages, in the largest unit that divides it: "1 day",
/// "6 hours", "90 minutes", "1 second".
std::string describeDuration(std::int64_t seconds);

/// Parses a date cell as above; nullopt when the text has another shape or
/// names a date or time that does not exist (2001-02-29, 24:00).
std::optional<Timestamp> parseTimestamp(std::string_view text);

/// For text shaped like a timestamp (YYYY-MM-DD, with an optional time) that
/// names no real date or time, why: "2001 has no 29 February", "there is no
/// month 13", "hour 24 is beyond 23". nullopt for any other text.
std::optional<std::string> impossibleTimestamp(std::string_view text);

} // namespace dgm::rt

#endif // DGM_RUNTIME_CALENDAR_H
