//===- BasinData.cpp - The input series of one basin for `dgm run` --------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "BasinData.h"

#include "Messages.h"
#include "Suggest.h"

#include "dgm/runtime/Calendar.h"
#include "dgm/runtime/Camels.h"
#include "dgm/runtime/Evapotranspiration.h"
#include "dgm/runtime/Format.h"
#include "dgm/runtime/UnitText.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <optional>

using namespace dgm::cli;
using namespace dgm::rt;

namespace {

std::string missingCount(std::size_t n) {
  return std::to_string(n) + (n == 1 ? " missing value" : " missing values");
}

/// The names of the series a model reads: forcings (required) and dynamic
/// parameters (optional: a constant value is used without a series).
std::vector<std::string> forcingNames(const LoadedModel &model) {
  std::vector<std::string> names;
  for (const dgm_variable &f : model.forcings())
    names.push_back(f.name);
  return names;
}

/// A value of -999 or below in a column of data is almost always a marker
/// of missing data that this run does not treat as one (--missing-value
/// gave another): a warning, since a real series may go that low only in
/// units no hydrological data uses. Once per column, at the first.
void warnMarkerLikeValues(const CsvTable &table, const std::string &column,
                          const std::vector<double> &values,
                          const MissingPolicy &policy) {
  for (std::size_t r = 0; r < values.size(); ++r)
    if (values[r] <= -999) {
      reportWarning("column '" + column + "' of '" + table.fileName() +
                    "' has " + formatNumber(values[r]) + " at line " +
                    std::to_string(table.lineNumber(r)) +
                    ", which looks like a missing-value marker, but this "
                    "run's missing values are " +
                    policy.kinds +
                    ": it is read as a number (--missing-value " +
                    formatNumber(values[r]) + " would make it missing)");
      return;
    }
}

/// Whether `b` is the first of the month after `a`'s month, `a` a first:
/// rows of monthly data.
bool isMonthApart(const CalendarDate &a, const CalendarDate &b) {
  return a.day == 1 && b.day == 1 &&
         (b.year * 12 + b.month) - (a.year * 12 + a.month) == 1;
}

/// How to run monthly rows: months differ in length, dgm's steps do not.
std::string monthlyNote(const LoadedModel &model) {
  return "the rows are months, which differ in length, but model '" +
         std::string(model.name()) + "' steps " +
         describeDuration(model.stepSeconds()) +
         " and dgm's steps have a fixed length; to run the rows as "
         "consecutive steps (a model of monthly amounts), name the column "
         "'label' instead: its cells then label the rows of the results, "
         "unchecked";
}

/// Checks that a CSV file's date column advances one model step per row: a
/// gap, a repeated row or data at another interval would otherwise run
/// silently as if the rows were consecutive steps. Returns each row's day of
/// the year, or nothing when the column holds labels rather than dates (its
/// first cell is not YYYY-MM-DD).
Result<std::vector<double>> checkStepDates(const CsvTable &table,
                                           std::size_t column,
                                           const std::vector<std::string> &dates,
                                           const LoadedModel &model,
                                           CalendarKind calendar) {
  const bool noLeap = calendar == CalendarKind::NoLeap;
  const std::int64_t stepSeconds = model.stepSeconds();
  const std::string step = describeDuration(stepSeconds);
  std::vector<double> doy;
  std::optional<Timestamp> previous;
  for (std::size_t r = 0; r < table.numRows(); ++r) {
    const std::string &text = dates[r];
    std::optional<Timestamp> stamp = parseTimestamp(text);
    if (!stamp) {
      if (std::optional<std::string> why = impossibleTimestamp(text)) {
        // The standard calendar's reason ("February 2000 has 29 days") is
        // not this calendar's.
        if (noLeap && (why->starts_with("February") ||
                       why->find("leap year") != std::string::npos))
          why = "February has 28 days in the noleap (365_day) calendar";
        return Error{table.diagnostic(r, column,
                                      "'" + text + "' is not a real date: " +
                                          *why)};
      }
      // A first cell that starts like a date but is not one (a time zone, an
      // hour 25) is a mistake, not a label.
      // Also 2000-1-1 and 2000/01/01: dates in another spelling, which
      // would otherwise be taken as labels and never checked.
      auto digit = [&](std::size_t i) {
        return i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]));
      };
      bool looksLikeDate = digit(0) && digit(1) && digit(2) && digit(3) &&
                           text.size() > 5 &&
                           (text[4] == '-' || text[4] == '/') && digit(5);
      bool yearMonth = text.size() == 7 && looksLikeDate && text[4] == '-' &&
                       digit(6);
      // The same spelling for the first row and the rows after it: a time
      // zone in row 400 deserves the reason as much as one in row 1.
      const char *spelling =
          "expected YYYY-MM-DD (zero-padded, with '-'), optionally with a "
          "time hh:mm or hh:mm:ss, in UTC ('Z' or no zone; no offset like "
          "+01:00)";
      if (looksLikeDate)
        return Error{
            table.diagnostic(r, column,
                             "cannot read the date '" + text + "': " +
                                 spelling) +
            (yearMonth && r == 0 ? "\ndgm: note: " + monthlyNote(model)
                                 : "")};
      if (r == 0)
        return std::vector<double>{};
      return Error{table.diagnostic(
          r, column,
          "expected a date YYYY-MM-DD like the rows above, found '" + text +
              "'")};
    }
    if (noLeap && stamp->date.month == 2 && stamp->date.day == 29)
      return Error{table.diagnostic(
          r, column,
          "'" + text + "' is not a date of the noleap calendar (--calendar "
          "noleap): its years have no 29 February")};
    if (previous) {
      std::int64_t gap = stamp->seconds() - previous->seconds();
      // The noleap calendar's years have no 29 February: a step from 28
      // February to 1 March of a leap year is one day.
      if (noLeap && gap > 0)
        gap -= 86400 * leapDaysBetween(previous->date, stamp->date);
      if (gap != stepSeconds) {
        const std::string &before = dates[r - 1];
        bool daily = stepSeconds == 86400 && !previous->hasTime;
        CalendarDate expected = previous->date.next();
        if (noLeap && expected.month == 2 && expected.day == 29)
          expected = expected.next();
        std::string message =
            (daily ? "expected the day after " + before
                   : "expected the time " + step + " after " + before) +
            " (line " + std::to_string(table.lineNumber(r - 1)) + ")" +
            (daily ? ", " + expected.toString() : "") +
            ", found " + text;
        std::string note;
        std::string steps = "model '" + std::string(model.name()) +
                            "' steps " + step;
        if (gap <= 0)
          message += "; the rows must be in increasing date order without "
                     "repeats";
        else
          message += ", " + describeDuration(gap) + " later";
        bool skipsLeapDay = !noLeap &&
                            gap - 86400 * leapDaysBetween(previous->date,
                                                          stamp->date) ==
                                stepSeconds;
        if (gap > 0 && isMonthApart(previous->date, stamp->date))
          note = monthlyNote(model);
        else if (gap > stepSeconds)
          note = steps + ", so the file needs a row for every step; a step "
                         "without data can be a row of empty values (with "
                         "--allow-missing)" +
                 (skipsLeapDay
                      ? "\ndgm: note: the file skips 29 February, as the "
                        "'noleap' (365_day) calendar of climate models does; "
                        "if it uses that calendar, pass --calendar noleap"
                      : "");
        else if (gap > 0)
          note = steps + "; sum or average the data to one row per step "
                         "first";
        return Error{table.diagnostic(r, column, message) +
                     (note.empty() ? "" : "\ndgm: note: " + note)};
      }
    }
    previous = stamp;
    doy.push_back(dayOfYearIn(calendar, stamp->date));
  }
  return doy;
}

Error missingForcings(const LoadedModel &model,
                      const std::vector<std::string> &missing,
                      const std::string &source,
                      const std::vector<std::string> &available) {
  std::vector<std::string> modelForcings;
  for (const dgm_variable &f : model.forcings())
    modelForcings.push_back(
        std::string(f.name) +
        (f.unit[0] ? std::string(" (") + f.unit + ")" : ""));
  std::string list;
  for (const std::string &c : missing)
    list += (list.empty() ? "'" : ", '") + c + "'";
  std::string message = source + " has no " +
                        (missing.size() == 1 ? "series" : "series") + " for " +
                        (missing.size() == 1 ? "forcing " : "forcings ") +
                        list + " of model '" + std::string(model.name()) + "'";
  if (missing.size() == 1)
    message += didYouMean(missing[0], available);
  message +=
      "\ndgm: note: its series are: " + joinNames(available) +
      "\ndgm: note: the model's forcings are: " + joinNames(modelForcings);
  return Error{message};
}

/// The units of the series loadCamelsBasin provides (Camels.h).
std::map<std::string, std::string> camelsUnits() {
  return {{"P", "mm/d"},    {"Tmax", "degC"}, {"Tmin", "degC"},
          {"T", "degC"},    {"PET", "mm/d"},  {"dayl", "s"},
          {"srad", "W/m^2"}, {"vp", "Pa"},     {"swe", "mm"},
          {"Qobs", "mm/d"}, {"latitude", "deg"}};
}

/// The forcings whose declared unit is not that of their series: dgm
/// converts no units, so T : K on data in degC would run on wrong numbers.
std::optional<Error> unitClashes(const LoadedModel &model,
                                 const BasinData &basin) {
  std::vector<std::string> clashes;
  for (const dgm_variable &f : model.forcings()) {
    auto it = basin.units.find(f.name);
    if (f.unit[0] && it != basin.units.end() && !sameUnit(f.unit, it->second))
      clashes.push_back("forcing '" + std::string(f.name) +
                        "' is declared in " + f.unit + ", but " +
                        basin.description + " has '" + f.name + "' in " +
                        it->second);
  }
  if (clashes.empty())
    return std::nullopt;
  std::string message = clashes.front();
  for (std::size_t i = 1; i < clashes.size(); ++i)
    message += "\ndgm: error: " + clashes[i];
  return Error{message + "\ndgm: note: dgm converts no units; declare the " +
               (clashes.size() == 1 ? "forcing" : "forcings") +
               " in the data's units, and convert in the model if its "
               "equations want others"};
}

} // namespace

Result<BasinData> dgm::cli::loadCsvBasin(const CsvTable &table,
                                         const LoadedModel &model,
                                         const std::vector<std::string> &extra,
                                         const MissingPolicy &policy,
                                         CalendarKind calendar) {
  BasinData basin;
  basin.description = "'" + table.fileName() + "'";
  basin.numSteps = table.numRows();

  std::optional<std::size_t> dateColumn;
  for (const char *name : {"date", "time", "Date", "DATE", "Time", "TIME"})
    if ((dateColumn = table.columnIndex(name))) {
      basin.dateColumn = table.columnNames()[*dateColumn];
      for (std::size_t r = 0; r < table.numRows(); ++r)
        basin.dates.emplace_back(table.cell(r, *dateColumn));
      break;
    }
  // A `label` column (when there is no date) names the rows in the results
  // and is not checked: months, hydrological years, event names.
  if (!dateColumn)
    if (std::optional<std::size_t> labels = table.columnIndex("label")) {
      basin.dateColumn = "label";
      for (std::size_t r = 0; r < table.numRows(); ++r)
        basin.dates.emplace_back(table.cell(r, *labels));
    }
  for (std::size_t r = 0; r < table.numRows(); ++r)
    basin.lines.push_back(table.lineNumber(r));
  basin.available = table.columnNames();
  // A date column and a time column (hh:mm) together are one timestamp.
  if (dateColumn && !table.columnNames()[*dateColumn].starts_with("T") &&
      !table.columnNames()[*dateColumn].starts_with("t") && !basin.dates.empty())
    for (const char *name : {"time", "Time", "TIME"})
      if (std::optional<std::size_t> timeColumn = table.columnIndex(name)) {
        // A bad time is shown at its own cell (not as a bad date).
        auto badTime = [&](std::size_t r, const std::string &time) {
          return Error{table.diagnostic(
              r, *timeColumn,
              "expected a time of day hh:mm in column '" +
                  table.columnNames()[*timeColumn] + "'" +
                  (r > 0 ? " like the rows above" : "") + ", found '" + time +
                  "'")};
        };
        std::string first(table.cell(0, *timeColumn));
        if (!parseTimestamp(basin.dates[0] + "T" + first)) {
          // A cell with ':' is meant as a time of day (the column used to
          // be dropped silently); anything else is not a time column.
          if (parseTimestamp(basin.dates[0]) &&
              first.find(':') != std::string::npos)
            return badTime(0, first);
          break; // the date column alone
        }
        for (std::size_t r = 0; r < table.numRows(); ++r) {
          std::string time(table.cell(r, *timeColumn));
          if (r > 0 && parseTimestamp(basin.dates[r]) &&
              !parseTimestamp(basin.dates[r] + "T" + time))
            return badTime(r, time);
          basin.dates[r] += "T" + time;
        }
        break;
      }
  if (dateColumn) {
    Result<std::vector<double>> doy =
        checkStepDates(table, *dateColumn, basin.dates, model, calendar);
    if (!doy)
      return doy.takeError();
    // A model may read the day of the year (PET formulas): from the dates.
    if (!table.columnIndex("doy") && !doy->empty())
      basin.series["doy"] = std::move(*doy);
  }

  std::vector<std::string> missing;
  for (const std::string &name : forcingNames(model))
    if (!table.columnIndex(name) && !basin.find(name))
      missing.push_back(name);
  if (!missing.empty()) {
    Error e =
        missingForcings(model, missing, basin.description, table.columnNames());
    // The wording users of CSV files know: columns.
    std::string &m = e.message;
    for (auto [from, to] : {std::pair<std::string, std::string>{
                                "has no series for", "has no column for"},
                            {"its series are", "the file's columns are"}})
      if (std::size_t at = m.find(from); at != std::string::npos)
        m.replace(at, from.size(), to);
    m += otherSeparatorNote(table.columnNames());
    return e;
  }
  for (const dgm_variable &f : model.forcings()) {
    if (!table.columnIndex(f.name))
      continue; // derived above (doy)
    Result<NumericColumn> column = table.numericColumn(f.name);
    if (!column)
      return column.takeError();
    if (column->missingCount > 0) {
      std::string count = missingCount(column->missingCount);
      if (!policy.allowMissing)
        return Error{table.diagnostic(
                         column->firstMissingRow, *table.columnIndex(f.name),
                         "column '" + std::string(f.name) + "' has " + count +
                             " (" + policy.kinds + "); the first is here") +
                     "\ndgm: note: fill them in, or pass --allow-missing to "
                     "run with NaN in their place"};
      reportWarning("column '" + std::string(f.name) + "' of '" +
                    table.fileName() + "' has " + count + " (first at line " +
                    std::to_string(column->firstMissingLine) +
                    "); they enter the model as NaN");
    }
    warnMarkerLikeValues(table, f.name, column->values, policy);
    basin.series[f.name] = std::move(column->values);
  }
  // Optional series: dynamic parameters and observations.
  std::vector<std::string> optional = extra;
  for (const dgm_variable &p : model.params())
    if (p.flags & DGM_DYNAMIC)
      optional.push_back(p.name);
  for (const std::string &name : optional) {
    // A column that differs only in case ('a' for 'A') would be ignored
    // silently, and the parameter keep one value for every step.
    if (!table.columnIndex(name))
      for (const std::string &column : table.columnNames())
        if (column.size() == name.size() &&
            std::equal(column.begin(), column.end(), name.begin(),
                       [](char a, char b) {
                         return std::tolower(static_cast<unsigned char>(a)) ==
                                std::tolower(static_cast<unsigned char>(b));
                       }) &&
            !model.indexOf(VarKind::Forcing, column))
          reportWarning("column '" + column + "' of " + basin.description +
                        " is not read: names are case-sensitive; did you "
                        "mean '" + name + "'?");
    if (!table.columnIndex(name) || basin.series.count(name))
      continue;
    Result<NumericColumn> column = table.numericColumn(name);
    if (!column) {
      // An error only if the series is used (runOnBasin): observations of
      // an output the model lacks, or a series that --param replaces, are
      // not read.
      basin.unusableSeries[name] = column.error().message;
      continue;
    }
    if (!model.find(VarKind::Param, name)) // observations
      warnMarkerLikeValues(table, name, column->values, policy);
    // A dynamic parameter's values are checked here, where the cell can be
    // shown (the runtime would name only a step of the run); the error is
    // given when the series is used (runOnBasin).
    if (const dgm_variable *param = model.find(VarKind::Param, name)) {
      std::size_t col = *table.columnIndex(name);
      for (std::size_t r = 0; r < column->values.size(); ++r) {
        double v = column->values[r];
        std::string what = "parameter '" + name + "'";
        if (std::isnan(v)) {
          basin.unusableSeries[name] = table.diagnostic(
              r, col,
              what + " has no value here; a dynamic parameter needs one at "
                     "every step");
          break;
        }
        if (v < param->lower || v > param->upper) {
          basin.unusableSeries[name] = table.diagnostic(
              r, col,
              what + " is " + formatNumber(v) + " here, outside its bounds [" +
                  formatNumber(param->lower) + ", " +
                  formatNumber(param->upper) + "]");
          break;
        }
      }
    }
    basin.series[name] = std::move(column->values);
  }
  return basin;
}

Result<BasinData> dgm::cli::loadCamelsBasin(const std::string &dir,
                                            const std::string &gauge,
                                            const LoadedModel &model,
                                            const MissingPolicy &policy) {
  if (model.stepSeconds() != 86400)
    return Error{"CAMELS files hold one row per day, but model '" +
                 std::string(model.name()) + "' steps " +
                 describeDuration(model.stepSeconds()) +
                 "; run it on a CSV file with one row per step (--forcing)"};
  Result<CamelsBasin> camels = readCamelsBasin(dir, gauge);
  if (!camels)
    return camels.takeError();
  for (const std::string &warning : camels->warnings)
    reportWarning(warning);
  BasinData basin;
  basin.description = "CAMELS basin " + camels->gauge;
  basin.numSteps = camels->numDays();
  basin.latitude = camels->latitude;
  std::vector<double> doy;
  for (const CalendarDate &d : camels->dates) {
    basin.dates.push_back(d.toString());
    doy.push_back(dayOfYear(d.year, d.month, d.day));
  }
  basin.series["doy"] = std::move(doy);
  std::vector<std::string> names{"doy"};
  basin.series["latitude"] =
      std::vector<double>(basin.numSteps, camels->latitude);
  names.push_back("latitude");
  for (const std::string &name : CamelsBasin::seriesNames()) {
    if (const std::vector<double> *s = camels->series(name))
      basin.series[name] = *s;
    names.push_back(name);
  }
  std::vector<std::string> missing;
  for (const std::string &name : forcingNames(model))
    if (!basin.find(name))
      missing.push_back(name);
  if (!missing.empty()) {
    Error e = missingForcings(model, missing, basin.description, names);
    // The CAMELS files' own column names, which dgm's series rename.
    static const std::map<std::string, std::string> fileNames = {
        {"prcp", "P"}, {"tavg", "T"}, {"tmean", "T"}, {"QObs", "Qobs"}};
    for (const std::string &name : missing)
      if (auto it = fileNames.find(name); it != fileNames.end())
        e.message += "\ndgm: note: the CAMELS files' '" + name +
                     "' is the series '" + it->second + "' here";
    return e;
  }
  basin.units = camelsUnits();
  basin.available = names;
  if (std::optional<Error> clash = unitClashes(model, basin))
    return *clash;
  // Daymet's tmax below its tmin is a data error; Hargreaves' PET then
  // takes the range as 0.
  std::size_t inverted = 0, firstInverted = 0;
  for (std::size_t t = camels->Tmax.size(); t-- > 0;)
    if (camels->Tmax[t] < camels->Tmin[t]) {
      ++inverted;
      firstInverted = t;
    }
  if (inverted)
    reportWarning("tmax is below tmin on " + std::to_string(inverted) +
                  (inverted == 1 ? " day" : " days") + " of '" +
                  camels->forcingPath + "' (the first on " +
                  basin.dates[firstInverted] +
                  "); T is their mean there, and PET (Hargreaves) takes "
                  "their range as 0");
  for (const dgm_variable &f : model.forcings()) {
    const std::vector<double> &values = *basin.find(f.name);
    std::size_t nans = 0, first = 0;
    for (std::size_t t = values.size(); t-- > 0;)
      if (std::isnan(values[t])) {
        ++nans;
        first = t;
      }
    if (nans == 0)
      continue;
    std::string where = "forcing '" + std::string(f.name) + "' of " +
                        basin.description + " has " + missingCount(nans) +
                        " (the first on " + basin.dates[first] + ")";
    // T and PET are computed: say from what, where the gap really is.
    std::string name = f.name;
    if ((name == "T" || name == "PET") &&
        (std::isnan(camels->Tmax[first]) || std::isnan(camels->Tmin[first])))
      where += ": " + name + " is computed from tmax and tmin, and " +
               (std::isnan(camels->Tmax[first]) ? "tmax" : "tmin") +
               " is missing on that day in '" + camels->forcingPath + "'";
    if (!policy.allowMissing)
      return Error{where + "\ndgm: note: pass --allow-missing to run with "
                           "NaN in their place"};
    reportWarning(where + "; they enter the model as NaN");
  }
  return basin;
}
