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

/// "3 days", "1 hour", "90 minutes": the step between two rows, for messages.
std::string describeStep(std::int64_t seconds) {
  auto count = [](std::int64_t n, const char *unit) {
    return std::to_string(n) + " " + unit + (n == 1 ? "" : "s");
  };
  if (seconds % 86400 == 0)
    return count(seconds / 86400, "day");
  if (seconds % 3600 == 0)
    return count(seconds / 3600, "hour");
  if (seconds % 60 == 0)
    return count(seconds / 60, "minute");
  return count(seconds, "second");
}

/// Checks that a CSV file's date column advances one day per row: models
/// step one day, and a gap, a repeated row or hourly data would otherwise
/// run silently as if the rows were consecutive days. Returns each row's day
/// of the year, or nothing when the column holds labels rather than dates
/// (its first cell is not YYYY-MM-DD).
Result<std::vector<double>> checkDailyDates(const CsvTable &table,
                                            std::size_t column) {
  std::vector<double> doy;
  std::optional<Timestamp> previous;
  for (std::size_t r = 0; r < table.numRows(); ++r) {
    std::string text(table.cell(r, column));
    std::optional<Timestamp> stamp = parseTimestamp(text);
    if (!stamp) {
      if (r == 0)
        return std::vector<double>{};
      return Error{table.diagnostic(
          r, column,
          "expected a date YYYY-MM-DD like the rows above, found '" + text +
              "'")};
    }
    if (previous) {
      std::int64_t step = stamp->seconds() - previous->seconds();
      if (step != 86400) {
        std::string before(table.cell(r - 1, column));
        std::string message =
            "expected the day after " + before + " (line " +
            std::to_string(table.lineNumber(r - 1)) + ")" +
            (previous->hasTime ? ""
                               : ", " + previous->date.next().toString()) +
            ", found " + text;
        std::string note;
        if (step <= 0) {
          message += "; the rows must be in increasing date order without "
                     "repeats";
        } else if (step > 86400) {
          message += ", " + describeStep(step) + " later";
          note = "a model steps one day, so the file needs a row for every "
                 "day; a day without data can be a row of empty values "
                 "(with --allow-missing)";
        } else {
          message += ", " + describeStep(step) + " later";
          note = "a model steps one day; sum or average the data to one row "
                 "per day first";
        }
        return Error{table.diagnostic(r, column, message) +
                     (note.empty() ? "" : "\ndgm: note: " + note)};
      }
    }
    previous = stamp;
    doy.push_back(dayOfYear(stamp->date.year, stamp->date.month,
                            stamp->date.day));
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

} // namespace

Result<BasinData> dgm::cli::loadCsvBasin(const CsvTable &table,
                                         const LoadedModel &model,
                                         const std::vector<std::string> &extra,
                                         const MissingPolicy &policy) {
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
  if (dateColumn) {
    Result<std::vector<double>> doy = checkDailyDates(table, *dateColumn);
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
    basin.series[f.name] = std::move(column->values);
  }
  // Optional series: dynamic parameters and observations.
  std::vector<std::string> optional = extra;
  for (const dgm_variable &p : model.params())
    if (p.flags & DGM_DYNAMIC)
      optional.push_back(p.name);
  for (const std::string &name : optional) {
    if (!table.columnIndex(name) || basin.series.count(name))
      continue;
    Result<NumericColumn> column = table.numericColumn(name);
    if (!column)
      return column.takeError();
    basin.series[name] = std::move(column->values);
  }
  return basin;
}

Result<BasinData> dgm::cli::loadCamelsBasin(const std::string &dir,
                                            const std::string &gauge,
                                            const LoadedModel &model,
                                            const MissingPolicy &policy) {
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
  if (!missing.empty())
    return missingForcings(model, missing, basin.description, names);
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
    if (!policy.allowMissing)
      return Error{where + "\ndgm: note: pass --allow-missing to run with "
                           "NaN in their place"};
    reportWarning(where + "; they enter the model as NaN");
  }
  return basin;
}
