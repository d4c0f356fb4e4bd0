//===- BasinData.h - The input series of one basin for `dgm run` -*- C++
//-*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Whatever the source (a CSV file, CAMELS files), `dgm run` sees one basin
// as named daily series: forcings, series for dynamic parameters, and
// observations. Loading checks missing values of the series the model reads,
// with the file, line and column when there is one.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_TOOLS_DGM_BASINDATA_H
#define DGM_TOOLS_DGM_BASINDATA_H

#include "dgm/runtime/CSV.h"
#include "dgm/runtime/Calendar.h"
#include "dgm/runtime/Model.h"
#include "dgm/runtime/Result.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dgm::cli {

struct BasinData {
  /// For messages and reports: "'basin.csv'" or "CAMELS basin 01022500".
  std::string description;
  /// One label per step ("1980-10-01"), or empty.
  std::vector<std::string> dates;
  /// The name of the date column in written CSV.
  std::string dateColumn = "date";
  std::size_t numSteps = 0;
  /// Every series available, by name (NaN = missing).
  std::map<std::string, std::vector<double>> series;
  /// Every name the source offers (a CSV file's columns, the CAMELS
  /// series), read or not: for "did you mean" in messages.
  std::vector<std::string> available;
  /// The line of the source file each step comes from (CSV files), or
  /// empty: where a message about a step without a date points.
  std::vector<std::size_t> lines;
  /// The unit of a series, where the source defines it (the CAMELS files:
  /// P in mm/d, T in degC, ...); the model's declared units are checked
  /// against these.
  std::map<std::string, std::string> units;
  /// The basin's latitude, when the source gives it.
  std::optional<double> latitude;
  /// A series that cannot be used, with the located error to give when it
  /// is: a cell that is not a number, or a dynamic parameter's value outside
  /// its bounds. It is an error only if the series is used (no --param
  /// replaces the parameter; the model has the output that observations
  /// are scored against).
  std::map<std::string, std::string> unusableSeries;

  const std::vector<double> *find(const std::string &name) const {
    auto it = series.find(name);
    return it == series.end() ? nullptr : &it->second;
  }
};

struct MissingPolicy {
  /// Run with NaN in place of missing forcing values (a warning says how
  /// many) instead of refusing.
  bool allowMissing = false;
  /// For the message: what counts as missing ("empty, NA, NaN, -999 or -9999").
  std::string kinds;
};

/// A basin from a CSV file: the model's forcings (required), and every
/// other numeric column that names a dynamic parameter or `extraColumns`
/// (observations). Its date column, if any, must advance one model step per
/// row in `calendar`.
dgm::rt::Result<BasinData>
loadCsvBasin(const dgm::rt::CsvTable &table, const dgm::rt::LoadedModel &model,
             const std::vector<std::string> &extraColumns,
             const MissingPolicy &policy,
             dgm::rt::CalendarKind calendar = dgm::rt::CalendarKind::Standard);

/// A basin from CAMELS-US files under `dir` (see runtime/Camels.h): P, T,
/// Tmin, Tmax, PET (Hargreaves), dayl, srad, vp, swe and Qobs (mm/d).
dgm::rt::Result<BasinData> loadCamelsBasin(const std::string &dir,
                                           const std::string &gauge,
                                           const dgm::rt::LoadedModel &model,
                                           const MissingPolicy &policy);

} // namespace dgm::cli

#endif // DGM_TOOLS_DGM_BASINDATA_H
