//===- Camels.h - Reading CAMELS-US basin data ------------------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Reads one basin of CAMELS-US (Newman et al. 2015, HESS 19; Addor et al.
// 2017, HESS 21) from the data set's own files, so that a model can be run
// on any of the 671 basins without a conversion step:
//
//   <dir>/basin_mean_forcing/<source>/<gauge>_lump_cida_forcing_leap.txt
//       (or in a subfolder of <source>/, as in the published archive, where
//       the files are grouped by HUC-02 region: daymet/01/...)
//       3 header lines: latitude (degrees), elevation (m), area (m2); then a
//       column header `Year Mnth Day Hr dayl(s) prcp(mm/day) srad(W/m2)
//       swe(mm) tmax(C) tmin(C) vp(Pa)` and whitespace-separated daily rows.
//       Columns are found by name (ignoring case: the Maurer and NLDAS files
//       spell them `PRCP(mm/day)`, `Tmax(C)`...), not by position. The rows
//       must be consecutive days.
//   <dir>/usgs_streamflow/<gauge>_streamflow_qc.txt (or in a subfolder)
//       `gauge year month day Q(ft3/s) flag`, whitespace-separated, dates
//       increasing; Q = -999 is missing.
//   <dir>/camels_attributes_v2.0/camels_topo.txt (or <dir>/camels_topo.txt)
//       ';'-separated with columns gauge_id and area_gages2 (km2).
//
// The result is aligned on the forcing file's days: Qobs is NaN where the
// streamflow is missing or outside its record. Discharge is converted to a
// depth over the basin,
//
//   Qobs [mm/d] = Q [ft3/s] * 0.0283168 [m3/ft3] * 86400 [s/d] * 1000 [mm/m]
//                 / (area_gages2 [km2] * 1e6 [m2/km2]),
//
// with the forcing file's area when camels_topo.txt is absent (a warning
// says so). PET is not in CAMELS; it is computed with Hargreaves
// (Evapotranspiration.h) from tmin, tmax, the latitude and the day of the
// year.
//
// The reader is strict, like the CSV reader: a malformed line is an error of
// the form
//
//   path:line:col: error: expected a number in column 'tmax(C)', found 'x'
//   2000 01 02 12  31302.05  0.00 ...
//                                   ^
//
// and a missing file names every path that was tried.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_RUNTIME_CAMELS_H
#define DGM_RUNTIME_CAMELS_H

#include "dgm/runtime/Result.h"

#include <cstddef>
#include "dgm/runtime/Calendar.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dgm::rt {

/// The contents of a CAMELS basin-mean forcing file, as they are.
struct CamelsForcing {
  std::string path;
  double latitude = 0.0;  // degrees, negative south
  double elevation = 0.0; // m
  double areaM2 = 0.0;    // m2
  std::vector<CalendarDate> dates;
  std::vector<double> dayl; // s
  std::vector<double> prcp; // mm/d
  std::vector<double> srad; // W/m2
  std::vector<double> swe;  // mm
  std::vector<double> tmax; // degC
  std::vector<double> tmin; // degC
  std::vector<double> vp;   // Pa
};

/// The contents of a CAMELS streamflow file.
struct CamelsStreamflow {
  std::string path;
  std::vector<CalendarDate> dates;
  std::vector<double> discharge; // ft3/s, NaN where missing (-999)
  std::size_t missingCount = 0;
};

/// One basin, ready to run a model on.
struct CamelsBasin {
  std::string gauge;
  std::vector<CalendarDate> dates; // consecutive days, from the forcing file
  double latitude = 0.0;           // degrees, from the forcing file
  double elevation = 0.0;          // m, from the forcing file
  double areaKm2 = 0.0;            // the area used for Qobs (see areaSource)
  /// Where areaKm2 comes from: "area_gages2 in <path>" or "the forcing file
  /// <path>".
  std::string areaSource;

  // Daily series, one value per entry of `dates`.
  std::vector<double> P;    // precipitation, mm/d (prcp)
  std::vector<double> Tmax; // degC
  std::vector<double> Tmin; // degC
  std::vector<double> T;    // (Tmax + Tmin) / 2, degC
  std::vector<double> PET;  // Hargreaves, mm/d
  std::vector<double> dayl; // day length, s
  std::vector<double> srad; // shortwave radiation, W/m2
  std::vector<double> vp;   // vapour pressure, Pa
  std::vector<double> swe;  // snow water equivalent, mm
  std::vector<double> Qobs; // observed streamflow, mm/d; NaN where missing

  /// Days with an observed streamflow (finite Qobs).
  std::size_t qobsCount = 0;
  /// Things a user should know that are not errors (e.g. the area fallback).
  std::vector<std::string> warnings;
  std::string forcingPath, streamflowPath, topoPath; // topoPath may be empty

  std::size_t numDays() const { return dates.size(); }
  /// The series called `name` (one of seriesNames()), or null.
  const std::vector<double> *series(std::string_view name) const;
  /// "P", "Tmax", "Tmin", "T", "PET", "dayl", "srad", "vp", "swe", "Qobs".
  static const std::vector<std::string> &seriesNames();
};

struct CamelsOptions {
  /// The forcing data set: "daymet" (the default), "maurer" or "nldas",
  /// the subfolders of basin_mean_forcing/.
  std::string forcing = "daymet";
};

/// Every file readCamelsBasin would read for `gauge` that exists: its
/// forcing and streamflow files and the topography tables (found, not
/// read), or the error readCamelsBasin would give for a missing one. A run
/// of many basins checks them all first, and refuses to write its results
/// over any of them.
Result<std::vector<std::string>>
camelsBasinInputFiles(const std::string &dir, const std::string &gauge,
                      const CamelsOptions &options = {});

/// At least as many as the days of `gauge`'s forcing file (its lines that
/// start with a digit: every day's row, and any header line that does),
/// counted without parsing it and only until more than `stopAbove` are
/// found (countLines), so that a run of many basins can check its warm-up
/// against every basin before the first one runs.
Result<std::size_t> countCamelsForcingDaysAtMost(
    const std::string &dir, const std::string &gauge,
    std::size_t stopAbove = SIZE_MAX, const CamelsOptions &options = {});

/// Reads the basin `gauge` (e.g. "01022500") from the CAMELS directory
/// `dir` (the folder holding basin_mean_forcing/ and usgs_streamflow/).
Result<CamelsBasin> readCamelsBasin(const std::string &dir,
                                    const std::string &gauge,
                                    const CamelsOptions &options = {});

/// Parses the text of a forcing file; `fileName` is used in messages.
Result<CamelsForcing> parseCamelsForcing(std::string_view text,
                                         const std::string &fileName);
Result<CamelsForcing> readCamelsForcing(const std::string &path);

/// Parses the text of a streamflow file; every row must be of `gauge`.
Result<CamelsStreamflow> parseCamelsStreamflow(std::string_view text,
                                               const std::string &fileName,
                                               const std::string &gauge);
Result<CamelsStreamflow> readCamelsStreamflow(const std::string &path,
                                              const std::string &gauge);

/// area_gages2 (km2) of `gauge` in the text of camels_topo.txt.
Result<double> parseCamelsTopoArea(std::string_view text,
                                   const std::string &fileName,
                                   const std::string &gauge);
Result<double> readCamelsTopoArea(const std::string &path,
                                  const std::string &gauge);

/// ft3/s to mm/d over a basin of `areaKm2` (see above).
double cubicFeetPerSecondToMmPerDay(double discharge, double areaKm2);

} // namespace dgm::rt

#endif // DGM_RUNTIME_CAMELS_H
