//===- CamelsTest.cpp - Tests of the CAMELS-US reader ---------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "dgm/runtime/Camels.h"
#include "dgm/runtime/Evapotranspiration.h"
#include "dgm/runtime/File.h"

#include "TempDir.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <numeric>

using namespace dgm::rt;

namespace {

const std::string camelsDir = std::string(DGM_EXAMPLES_DATA) + "/camels_us";

template <typename T> T ok(Result<T> r) {
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? std::move(*r) : T{};
}

template <typename T> std::string failure(Result<T> r) {
  EXPECT_FALSE(r.ok()) << "no error";
  return r.ok() ? "" : r.error().message;
}

const char *forcingHeader =
    "  44.82\n 133.00\n 587675987\n"
    "Year Mnth Day Hr dayl(s) prcp(mm/day) srad(W/m2) swe(mm) tmax(C) "
    "tmin(C) vp(Pa)\n";

/// A forcing row in the layout of the real files.
std::string row(const char *date, double prcp, double tmax, double tmin) {
  char buffer[200];
  std::snprintf(buffer, sizeof buffer,
                "%s 12\t31185.97\t%.2f\t189.56\t0.00\t%.2f\t%.2f\t202.51\n",
                date, prcp, tmax, tmin);
  return buffer;
}

/// A CAMELS directory in `dir`, with the files of one gauge in the given
/// places (relative to dir); an empty text leaves a file out.
void makeFile(const dgm::test::TempDir &dir, const std::string &relative,
              const std::string &text) {
  std::filesystem::path p(dir.path(relative));
  std::filesystem::create_directories(p.parent_path());
  dir.write(relative, text);
}

/// The directory of a TempDir, without the trailing '/' of path("").
std::string root(const dgm::test::TempDir &dir) {
  std::string p = dir.path("");
  p.pop_back();
  return p;
}

std::string realFile(const std::string &relative) {
  Result<std::string> text = readTextFile(camelsDir + "/" + relative);
  EXPECT_TRUE(text.ok()) << (text.ok() ? "" : text.error().message);
  return text.ok() ? *text : "";
}

//===----------------------------------------------------------------------===//
// The real files in examples/data/camels_us
//===----------------------------------------------------------------------===//

// A gauge id that lost its leading zero (or became 1022500.0) in a
// spreadsheet: the error names the gauge that exists.
TEST(Camels, GaugeWithoutLeadingZeroSuggestsTheGauge) {
  for (const char *id : {"1022500", "1022500.0"}) {
    Result<CamelsBasin> b = readCamelsBasin(camelsDir, id);
    ASSERT_FALSE(b.ok()) << id;
    EXPECT_NE(b.error().message.find("did you mean gauge '01022500'?"),
              std::string::npos)
        << b.error().message;
  }
  // No suggestion for a gauge that is not there in any spelling.
  Result<CamelsBasin> none = readCamelsBasin(camelsDir, "1234567");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().message.find("did you mean"), std::string::npos);
}

// Expected numbers computed independently from the text files (Python, with
// the FAO-56 equations and the brief's unit conversion).
TEST(Camels, ReadsRealBasin01022500) {
  CamelsBasin b = ok(readCamelsBasin(camelsDir, "01022500"));
  EXPECT_EQ(b.gauge, "01022500");
  ASSERT_EQ(b.numDays(), 1461u); // 2000-01-01 .. 2003-12-31
  EXPECT_EQ(b.dates.front(), (CalendarDate{2000, 1, 1}));
  EXPECT_EQ(b.dates.back(), (CalendarDate{2003, 12, 31}));
  EXPECT_EQ(b.latitude, 44.82);
  EXPECT_EQ(b.elevation, 133.0);
  EXPECT_EQ(b.areaKm2, 573.6); // area_gages2, not the forcing file's 587.7
  EXPECT_EQ(b.topoPath, camelsDir + "/camels_attributes_v2.0/camels_topo.txt");
  EXPECT_EQ(b.areaSource, "area_gages2 in " + b.topoPath);
  EXPECT_TRUE(b.warnings.empty());
  EXPECT_EQ(
      b.forcingPath,
      camelsDir +
          "/basin_mean_forcing/daymet/01022500_lump_cida_forcing_leap.txt");
  EXPECT_EQ(b.streamflowPath,
            camelsDir + "/usgs_streamflow/01022500_streamflow_qc.txt");

  // Every series has one value per day.
  for (const std::string &name : CamelsBasin::seriesNames()) {
    const std::vector<double> *s = b.series(name);
    ASSERT_NE(s, nullptr) << name;
    EXPECT_EQ(s->size(), b.numDays()) << name;
  }
  EXPECT_EQ(b.series("Q"), nullptr);

  // First row: 2000 01 01 12 31185.97 0.00 189.56 0.00 -2.36 -14.36 202.51
  EXPECT_EQ(b.P[0], 0.0);
  EXPECT_EQ(b.dayl[0], 31185.97);
  EXPECT_EQ(b.srad[0], 189.56);
  EXPECT_EQ(b.swe[0], 0.0);
  EXPECT_EQ(b.Tmax[0], -2.36);
  EXPECT_EQ(b.Tmin[0], -14.36);
  EXPECT_EQ(b.vp[0], 202.51);
  EXPECT_NEAR(b.T[0], -8.36, 1e-12);
  EXPECT_NEAR(b.PET[0], 0.333274, 1e-6); // Ra(44.82, J=1) = 10.8605
  // 2000-07-01 (index 182): tmax 20.09, tmin 11.10.
  EXPECT_EQ(b.dates[182], (CalendarDate{2000, 7, 1}));
  EXPECT_NEAR(b.PET[182], 3.909727, 1e-6);
  // 255 ft3/s over 573.6 km2.
  EXPECT_NEAR(b.Qobs[0], 255 * 0.0283168 * 86400 * 1000 / 573.6e6, 1e-12);
  EXPECT_NEAR(b.Qobs[0], 1.0876495, 1e-7);

  // The streamflow ends on 2002-12-31; the forcing goes on through 2003.
  EXPECT_EQ(b.qobsCount, 1096u);
  EXPECT_TRUE(std::isfinite(b.Qobs[1095]));
  for (std::size_t i = 1096; i < b.numDays(); ++i)
    ASSERT_TRUE(std::isnan(b.Qobs[i])) << b.dates[i].toString();
  double qSum = 0, petSum = 0;
  for (std::size_t i = 0; i < 1096; ++i)
    qSum += b.Qobs[i];
  for (double p : b.PET)
    petSum += p;
  EXPECT_NEAR(qSum / 1096, 1.5568238, 1e-6);
  EXPECT_NEAR(petSum / 1461, 2.3405288, 1e-6);
  EXPECT_NEAR(std::accumulate(b.P.begin(), b.P.end(), 0.0), 4723.56, 1e-8);
}

TEST(Camels, ReadsAllExampleBasins) {
  for (const char *gauge : {"01022500", "01547700", "02064000", "03015500"}) {
    SCOPED_TRACE(gauge);
    CamelsBasin b = ok(readCamelsBasin(camelsDir, gauge));
    EXPECT_GE(b.numDays(), 1096u);
    EXPECT_EQ(b.qobsCount, 1096u);
    EXPECT_TRUE(b.warnings.empty());
    for (std::size_t i = 0; i < b.numDays(); ++i) {
      ASSERT_TRUE(std::isfinite(b.PET[i]) && b.PET[i] >= 0.0) << i;
      ASSERT_LE(b.Tmin[i], b.Tmax[i]) << i;
      ASSERT_GE(b.P[i], 0.0) << i;
    }
  }
}

// Without camels_topo.txt the area comes from the forcing file, and the
// result says so.
TEST(Camels, AreaFallsBackToForcingFileWithWarning) {
  dgm::test::TempDir dir;
  const std::string f =
      "basin_mean_forcing/daymet/01022500_lump_cida_forcing_leap.txt";
  const std::string q = "usgs_streamflow/01022500_streamflow_qc.txt";
  makeFile(dir, f, realFile(f));
  makeFile(dir, q, realFile(q));
  CamelsBasin b = ok(readCamelsBasin(root(dir), "01022500"));
  EXPECT_EQ(b.areaKm2, 587.675987);
  EXPECT_TRUE(b.topoPath.empty());
  EXPECT_EQ(b.areaSource, "the forcing file " + b.forcingPath);
  EXPECT_NEAR(b.Qobs[0], 255 * 0.0283168 * 86400 * 1000 / 587.675987e6, 1e-12);
  ASSERT_EQ(b.warnings.size(), 1u);
  EXPECT_EQ(b.warnings[0],
            "no camels_topo.txt (looked for '" + root(dir) +
                "/camels_attributes_v2.0/camels_topo.txt' and '" + root(dir) +
                "/camels_topo.txt'); Qobs of gauge '01022500' is converted "
                "to mm/d with the area in the forcing file, 587.675987 km2, "
                "instead of area_gages2");
}

// The published archive groups the files by HUC-02 region in subfolders.
TEST(Camels, FindsFilesInRegionSubfolders) {
  dgm::test::TempDir dir;
  const std::string f = "01022500_lump_cida_forcing_leap.txt";
  const std::string q = "01022500_streamflow_qc.txt";
  makeFile(dir, "basin_mean_forcing/daymet/01/" + f,
           realFile("basin_mean_forcing/daymet/" + f));
  makeFile(dir, "usgs_streamflow/01/" + q, realFile("usgs_streamflow/" + q));
  makeFile(dir, "usgs_streamflow/02/other.txt", "x");
  makeFile(dir, "camels_topo.txt", "gauge_id;area_gages2\n01022500;573.6\n");
  // A trailing '/' on the directory does not double in the paths.
  CamelsBasin b = ok(readCamelsBasin(root(dir) + "/", "01022500"));
  EXPECT_EQ(b.forcingPath, root(dir) + "/basin_mean_forcing/daymet/01/" + f);
  EXPECT_EQ(b.streamflowPath, root(dir) + "/usgs_streamflow/01/" + q);
  EXPECT_EQ(b.topoPath, root(dir) + "/camels_topo.txt");
  EXPECT_EQ(b.areaKm2, 573.6);
  EXPECT_EQ(b.qobsCount, 1096u);

  // The same file in two regions is ambiguous.
  makeFile(dir, "usgs_streamflow/03/" + q, realFile("usgs_streamflow/" + q));
  std::string e = failure(readCamelsBasin(root(dir), "01022500"));
  EXPECT_EQ(e, "found more than one streamflow file of gauge '01022500': '" +
                   root(dir) + "/usgs_streamflow/01/" + q + "', '" + root(dir) +
                   "/usgs_streamflow/03/" + q + "'; keep only one");

  // So is a copy next to the region folders: neither shadows the other.
  ASSERT_EQ(std::remove((root(dir) + "/usgs_streamflow/03/" + q).c_str()), 0);
  makeFile(dir, "usgs_streamflow/" + q, realFile("usgs_streamflow/" + q));
  e = failure(readCamelsBasin(root(dir), "01022500"));
  EXPECT_EQ(e, "found more than one streamflow file of gauge '01022500': '" +
                   root(dir) + "/usgs_streamflow/01/" + q + "', '" + root(dir) +
                   "/usgs_streamflow/" + q + "'; keep only one");
}

//===----------------------------------------------------------------------===//
// Errors of readCamelsBasin
//===----------------------------------------------------------------------===//

TEST(Camels, MissingFiles) {
  dgm::test::TempDir dir;
  std::string base = root(dir);
  EXPECT_EQ(failure(readCamelsBasin(base, "01022500")),
            "cannot find the daymet forcing file of gauge '01022500': looked "
            "for '" +
                base +
                "/basin_mean_forcing/daymet/01022500_lump_cida_forcing_leap."
                "txt' and '" +
                base +
                "/basin_mean_forcing/daymet/*/01022500_lump_cida_forcing_"
                "leap.txt'");
  makeFile(dir, "basin_mean_forcing/daymet/01022500_lump_cida_forcing_leap.txt",
           std::string(forcingHeader) + row("2000 01 01", 1, 2, 1));
  EXPECT_EQ(
      failure(readCamelsBasin(base, "01022500")),
      "cannot find the streamflow file of gauge '01022500': looked for '" +
          base + "/usgs_streamflow/01022500_streamflow_qc.txt' and '" + base +
          "/usgs_streamflow/*/01022500_streamflow_qc.txt'");
  EXPECT_EQ(failure(readCamelsBasin(base + "/nothing", "01022500")),
            "cannot read the CAMELS directory '" + base +
                "/nothing': No such file or directory");
  EXPECT_EQ(failure(readCamelsBasin(base, "01022500", {.forcing = "era5"})),
            "unknown CAMELS forcing data set 'era5'; expected 'daymet', "
            "'maurer' or 'nldas'");
  EXPECT_EQ(failure(readCamelsBasin(base, "../01022500")),
            "invalid gauge id '../01022500'; expected a USGS gauge number such "
            "as '01022500'");
  EXPECT_EQ(failure(readCamelsBasin(base, "")),
            "invalid gauge id ''; expected a USGS gauge number such as "
            "'01022500'");
}

TEST(Camels, GaugeNotInTopo) {
  dgm::test::TempDir dir;
  makeFile(dir, "basin_mean_forcing/daymet/01022500_lump_cida_forcing_leap.txt",
           std::string(forcingHeader) + row("2000 01 01", 1, 2, 1));
  makeFile(dir, "usgs_streamflow/01022500_streamflow_qc.txt",
           "01022500 2000 01 01   255.00 A:e\n");
  makeFile(dir, "camels_attributes_v2.0/camels_topo.txt",
           "gauge_id;gauge_lat;area_gages2\n01013500;47.2;2252.7\n");
  std::string topo = dir.path("camels_attributes_v2.0/camels_topo.txt");
  EXPECT_EQ(failure(readCamelsBasin(root(dir), "01022500")),
            topo + ": error: gauge '01022500' not found in column 'gauge_id' "
                   "(1 basins)");
}

// An error in one of the files comes back with its path and line, and the
// other forcing data sets are found by name.
TEST(Camels, ErrorsInFilesAndOtherForcingSets) {
  dgm::test::TempDir dir;
  const std::string f =
      "basin_mean_forcing/maurer/01022500_lump_maurer_forcing_leap.txt";
  makeFile(dir, f,
           std::string(forcingHeader) + row("2000 01 01", 1, 2, 1) +
               "2000 01 02 12 31185.97\n");
  makeFile(dir, "usgs_streamflow/01022500_streamflow_qc.txt",
           "01022500 2000 01 01   255.00 A:e\n");
  std::string e =
      failure(readCamelsBasin(root(dir), "01022500", {.forcing = "maurer"}));
  EXPECT_EQ(e.substr(0, e.find('\n')),
            root(dir) + "/" + f +
                ":6:23: error: expected 11 fields as in the column names on "
                "line 4, found 5");
  makeFile(dir, f, std::string(forcingHeader) + row("2000 01 01", 1, 2, 1));
  CamelsBasin b =
      ok(readCamelsBasin(root(dir), "01022500", {.forcing = "maurer"}));
  EXPECT_EQ(b.forcingPath, root(dir) + "/" + f);
  EXPECT_EQ(b.qobsCount, 1u);
  // The daymet file is not there.
  EXPECT_NE(failure(readCamelsBasin(root(dir), "01022500"))
                .find("cannot find the daymet forcing file"),
            std::string::npos);
}

//===----------------------------------------------------------------------===//
// The forcing file
//===----------------------------------------------------------------------===//

TEST(CamelsForcing, ParsesByColumnName) {
  // Columns in another order and spelt as in the NLDAS files; CRLF endings;
  // no newline at the end.
  std::string text = "  -33.5\r\n 10\r\n 2.5e6\r\n"
                     "Year Mnth Day Hr Tmin(C) Tmax(C) Dayl(s) PRCP(mm/day) "
                     "SRAD(W/m2) SWE(mm) Vp(Pa)\r\n"
                     "2000 02 28 12 1.5 10.25 40000 3.5 200 0 500\r\n"
                     "2000 02 29 12 -2 4 40100 0 210 1.5 400\r\n"
                     "2000 03 01 12 0 8 40200 12 220 0 450";
  CamelsForcing f = ok(parseCamelsForcing(text, "f.txt"));
  EXPECT_EQ(f.latitude, -33.5);
  EXPECT_EQ(f.elevation, 10.0);
  EXPECT_EQ(f.areaM2, 2.5e6);
  ASSERT_EQ(f.dates.size(), 3u);
  EXPECT_EQ(f.dates[1], (CalendarDate{2000, 2, 29}));
  EXPECT_EQ(f.tmin, (std::vector<double>{1.5, -2, 0}));
  EXPECT_EQ(f.tmax, (std::vector<double>{10.25, 4, 8}));
  EXPECT_EQ(f.dayl, (std::vector<double>{40000, 40100, 40200}));
  EXPECT_EQ(f.prcp, (std::vector<double>{3.5, 0, 12}));
  EXPECT_EQ(f.srad, (std::vector<double>{200, 210, 220}));
  EXPECT_EQ(f.swe, (std::vector<double>{0, 1.5, 0}));
  EXPECT_EQ(f.vp, (std::vector<double>{500, 400, 450}));
}

std::string forcingError(const std::string &text) {
  return failure(parseCamelsForcing(text, "f.txt"));
}

TEST(CamelsForcing, MalformedRows) {
  std::string h = forcingHeader;
  EXPECT_EQ(forcingError(h + "2000 01 01 12\t31185.97\t0.00\t189.56\t0.00\t"
                             "abc\t-14.36\t202.51\n"),
            "f.txt:5:41: error: expected a number in column 'tmax(C)', found "
            "'abc'\n"
            "2000 01 01 12\t31185.97\t0.00\t189.56\t0.00\tabc\t-14.36\t202.51\n"
            "             \t        \t    \t      \t    \t^");
  EXPECT_EQ(forcingError(h + row("2000 01 01", 1, 2, 1) +
                         "2000 01 02 12 31185.97 0.00 189.56 0.00 1 0"),
            "f.txt:6:44: error: expected 11 fields as in the column names on "
            "line 4, found 10 (is the file truncated?)\n"
            "2000 01 02 12 31185.97 0.00 189.56 0.00 1 0\n"
            "                                           ^");
  EXPECT_EQ(forcingError(h + row("2000 01 01", 1, 2, 1) +
                         "2000 01 02 12 1 2 3 4 5 6 7 8\n"),
            "f.txt:6:29: error: expected 11 fields as in the column names on "
            "line 4, found 12\n"
            "2000 01 02 12 1 2 3 4 5 6 7 8\n"
            "                            ^");
  EXPECT_EQ(
      forcingError(h + row("2000 01 01", 1, 2, 1) + row("2000 01 03", 1, 2, 1)),
      "f.txt:6:1: error: expected the day after 2000-01-01 (line 5), "
      "2000-01-02, found 2000-01-03; a forcing file needs one row per "
      "day, in order, without gaps\n" +
          row("2000 01 03", 1, 2, 1) + "^");
  EXPECT_EQ(
      forcingError(h + row("2000 12 31", 1, 2, 1) + row("2000 12 31", 1, 2, 1)),
      "f.txt:6:1: error: expected the day after 2000-12-31 (line 5), "
      "2001-01-01, found 2000-12-31; a forcing file needs one row per "
      "day, in order, without gaps\n" +
          row("2000 12 31", 1, 2, 1) + "^");
  EXPECT_EQ(forcingError(h + row("2001 02 29", 1, 2, 1)),
            "f.txt:5:1: error: no such date: year 2001, month 2, day 29\n" +
                row("2001 02 29", 1, 2, 1) + "^");
  EXPECT_EQ(forcingError(h + row("2001 0x 01", 1, 2, 1)),
            "f.txt:5:6: error: expected the month (a whole number), found "
            "'0x'\n" +
                row("2001 0x 01", 1, 2, 1) + "     ^");
  // Only -999 marks a missing value; other negative values of quantities
  // that cannot be negative are errors (temperatures may be negative).
  EXPECT_EQ(forcingError(h + "2000 01 01 12 1 -50 1 1 1 1 1\n"),
            "f.txt:5:17: error: negative value -50 in column 'prcp(mm/day)'; "
            "only -999 (missing) may be negative\n"
            "2000 01 01 12 1 -50 1 1 1 1 1\n"
            "                ^");
  // Temperatures beyond any on record: another missing-value code, say.
  EXPECT_EQ(forcingError(h + "2000 01 01 12 1 1 1 1 -9999 1 1\n"),
            "f.txt:5:23: error: air temperature -9999 in column 'tmax(C)' is "
            "outside [-100, 100] degC; only -999 marks a missing value\n"
            "2000 01 01 12 1 1 1 1 -9999 1 1\n"
            "                      ^");
  // nan and inf are not data.
  EXPECT_NE(forcingError(h + "2000 01 01 12 1 nan 1 1 1 1 1\n")
                .find("expected a number in column 'prcp(mm/day)', found "
                      "'nan'"),
            std::string::npos);
}

TEST(CamelsForcing, MissingValues) {
  // -999 (in any column) is missing: NaN, which loadCamelsBasin reports or,
  // with --allow-missing, runs with.
  CamelsForcing f = ok(parseCamelsForcing(
      std::string(forcingHeader) + "2000 01 01 12 1 -999 1 1 1 1 1\n" +
          "2000 01 02 12 1 2 1 1 -999 -999 1\n",
      "f.txt"));
  ASSERT_EQ(f.prcp.size(), 2u);
  EXPECT_TRUE(std::isnan(f.prcp[0]));
  EXPECT_EQ(f.prcp[1], 2);
  EXPECT_TRUE(std::isnan(f.tmax[1]));
  EXPECT_TRUE(std::isnan(f.tmin[1]));
  EXPECT_EQ(f.tmin[0], 1);
}

TEST(CamelsForcing, MalformedHeader) {
  EXPECT_EQ(forcingError(""),
            "f.txt: error: the file is empty; expected the latitude in degrees "
            "on line 1 of a CAMELS forcing file (3 header lines: latitude, "
            "elevation, area; then the column names and one row per day)");
  EXPECT_EQ(forcingError("44.8\n133\n"),
            "f.txt: error: the file ends after 2 lines; expected the basin "
            "area in m2 on line 3 of a CAMELS forcing file (3 header lines: "
            "latitude, elevation, area; then the column names and one row per "
            "day)");
  EXPECT_EQ(forcingError("44.8\nhigh\n1\n"),
            "f.txt:2:1: error: expected the elevation in m on line 2 of a "
            "CAMELS forcing file, found 'high'\nhigh\n^");
  EXPECT_EQ(forcingError(" 44.8 -70.1\n133\n1\n"),
            "f.txt:1:7: error: expected the latitude in degrees on line 1 of a "
            "CAMELS forcing file, a single number; found 2 fields\n"
            " 44.8 -70.1\n      ^");
  EXPECT_EQ(forcingError("95\n133\n1\n"),
            "f.txt:1:1: error: the latitude must be within [-90, 90] degrees, "
            "found 95\n95\n^");
  EXPECT_EQ(forcingError("45\n133\n0\n"),
            "f.txt:3:1: error: the basin area must be positive, found 0\n0\n^");
  EXPECT_EQ(forcingError("45\n133\n1\n"),
            "f.txt:4: error: expected the column names on line 4 of a CAMELS "
            "forcing file, e.g. 'Year Mnth Day Hr dayl(s) prcp(mm/day) "
            "srad(W/m2) swe(mm) tmax(C) tmin(C) vp(Pa)'");
  EXPECT_EQ(forcingError("45\n133\n1\nYear Mnth Day prcp(mm/day)\n"),
            "f.txt:4:1: error: no column 'dayl(s)' in the column names (found "
            "'Year', 'Mnth', 'Day', 'prcp(mm/day)'); expected 'Year Mnth Day "
            "Hr dayl(s) prcp(mm/day) srad(W/m2) swe(mm) tmax(C) tmin(C) "
            "vp(Pa)'\nYear Mnth Day prcp(mm/day)\n^");
  EXPECT_EQ(forcingError("45\n133\n1\nYear Mnth Day year\n"),
            "f.txt:4:15: error: duplicate column name 'year'; it is also "
            "column 1\nYear Mnth Day year\n              ^");
  EXPECT_EQ(forcingError(std::string(forcingHeader) + "\n\n"),
            "f.txt: error: no daily rows after the column names on line 4");
}

//===----------------------------------------------------------------------===//
// The streamflow file
//===----------------------------------------------------------------------===//

TEST(CamelsStreamflow, MissingValuesAndAlignment) {
  dgm::test::TempDir dir;
  std::string forcing = forcingHeader;
  for (const char *d :
       {"1999 12 30", "1999 12 31", "2000 01 01", "2000 01 02", "2000 01 03"})
    forcing += row(d, 1, 2, 1);
  makeFile(dir, "basin_mean_forcing/daymet/01022500_lump_cida_forcing_leap.txt",
           forcing);
  // The record starts after the forcing, skips a day, has a -999 and goes
  // on past it.
  makeFile(dir, "usgs_streamflow/01022500_streamflow_qc.txt",
           "01022500 1999 12 31   100.00 A\n"
           "01022500 2000 01 02  -999.00 M\n"
           "01022500 2000 01 03   200.00 A:e\n"
           "01022500 2000 01 04   300.00 A\n");
  makeFile(dir, "camels_topo.txt", "gauge_id;area_gages2\n1022500;100\n");
  CamelsBasin b = ok(readCamelsBasin(root(dir), "01022500"));
  ASSERT_EQ(b.numDays(), 5u);
  const double k = 0.0283168 * 86400 * 1000 / 100e6; // per ft3/s
  EXPECT_TRUE(std::isnan(b.Qobs[0]));                // before the record
  EXPECT_NEAR(b.Qobs[1], 100 * k, 1e-15);            // 1999-12-31
  EXPECT_TRUE(std::isnan(b.Qobs[2]));                // not in the record
  EXPECT_TRUE(std::isnan(b.Qobs[3]));                // -999
  EXPECT_NEAR(b.Qobs[4], 200 * k, 1e-15);            // 2000-01-03
  EXPECT_EQ(b.qobsCount, 2u);
  EXPECT_TRUE(b.warnings.empty());
  // T and PET follow from tmin, tmax, the latitude and the day of the year.
  EXPECT_EQ(b.T[2], 1.5);
  EXPECT_EQ(b.PET[0], hargreavesPet(1.0, 2.0, 44.82, 364));
  EXPECT_EQ(b.PET[2], hargreavesPet(1.0, 2.0, 44.82, 1));

  // A record that does not overlap the forcing is a warning, not an error.
  makeFile(dir, "usgs_streamflow/01022500_streamflow_qc.txt",
           "01022500 1980 01 01   100.00 A\n");
  b = ok(readCamelsBasin(root(dir), "01022500"));
  EXPECT_EQ(b.qobsCount, 0u);
  ASSERT_EQ(b.warnings.size(), 1u);
  EXPECT_EQ(b.warnings[0],
            "no observed streamflow of gauge '01022500' between 1999-12-30 and "
            "2000-01-03 (the streamflow file covers 1980-01-01 to "
            "1980-01-01)");
}

std::string flowError(const std::string &text) {
  return failure(parseCamelsStreamflow(text, "q.txt", "01022500"));
}

TEST(CamelsStreamflow, ParsesAndRejects) {
  CamelsStreamflow q = ok(parseCamelsStreamflow(
      "01022500 2000 01 01   255.00 A:e\n01022500 2000 01 02  -999.00 M\n"
      "01022500 2000 01 05 1.5\n\n",
      "q.txt", "01022500"));
  ASSERT_EQ(q.dates.size(), 3u);
  EXPECT_EQ(q.dates[2], (CalendarDate{2000, 1, 5}));
  EXPECT_EQ(q.discharge[0], 255.0);
  EXPECT_TRUE(std::isnan(q.discharge[1]));
  EXPECT_EQ(q.discharge[2], 1.5);
  EXPECT_EQ(q.missingCount, 1u);

  EXPECT_EQ(flowError("01031500 2000 01 01 255.00 A\n"),
            "q.txt:1:1: error: expected gauge '01022500', found '01031500'; is "
            "this the streamflow of another basin?\n"
            "01031500 2000 01 01 255.00 A\n^");
  EXPECT_EQ(flowError("01022500 2000 01 02 1 A\n01022500 2000 01 02 1 A\n"),
            "q.txt:2:10: error: the date 2000-01-02 is not after the date "
            "2000-01-02 on line 1; the rows must be in increasing date order "
            "without repeats\n01022500 2000 01 02 1 A\n         ^");
  EXPECT_EQ(flowError("01022500 2000 01 02 -5 A\n"),
            "q.txt:1:21: error: negative discharge -5; only -999 (missing) "
            "may be negative\n01022500 2000 01 02 -5 A\n                    ^");
  EXPECT_EQ(flowError("01022500 2000 01 02 x A\n"),
            "q.txt:1:21: error: expected the discharge in ft3/s (a number, "
            "-999 if missing), found 'x'\n01022500 2000 01 02 x A\n"
            "                    ^");
  EXPECT_EQ(flowError("01022500 2000 01 01 1 A\n01022500 2000 01"),
            "q.txt:2:17: error: expected 'gauge year month day discharge "
            "flag' (5 or 6 fields), found 3 fields (is the file truncated?)\n"
            "01022500 2000 01\n                ^");
  EXPECT_EQ(flowError("01022500 2000 13 01 1 A\n"),
            "q.txt:1:10: error: no such date: year 2000, month 13, day 1\n"
            "01022500 2000 13 01 1 A\n         ^");
  EXPECT_EQ(flowError(""),
            "q.txt: error: the file is empty; expected rows of 'gauge year "
            "month day discharge flag'");
}

TEST(CamelsTopo, Area) {
  const std::string topo = "gauge_id;gauge_lat;area_gages2\n"
                           "01013500;47.2;2252.7\n01022500;44.6;573.6\n"
                           "01030500;45.5;-1\n01031500;45.2;\n";
  EXPECT_EQ(ok(parseCamelsTopoArea(topo, "t.txt", "01022500")), 573.6);
  // A gauge id that lost its leading zero still matches.
  EXPECT_EQ(ok(parseCamelsTopoArea(topo, "t.txt", "1013500")), 2252.7);
  EXPECT_EQ(failure(parseCamelsTopoArea(topo, "t.txt", "01030500")),
            "t.txt:4:15: error: expected the area of gauge '01030500' in km2 "
            "(a positive number) in column 'area_gages2', found '-1'\n"
            "01030500;45.5;-1\n              ^");
  EXPECT_EQ(failure(parseCamelsTopoArea(topo, "t.txt", "01031500")),
            "t.txt:5:15: error: expected the area of gauge '01031500' in km2 "
            "(a positive number) in column 'area_gages2', found ''\n"
            "01031500;45.2;\n              ^");
  EXPECT_EQ(failure(parseCamelsTopoArea(topo, "t.txt", "09999999")),
            "t.txt: error: gauge '09999999' not found in column 'gauge_id' "
            "(4 basins)");
  EXPECT_EQ(failure(parseCamelsTopoArea("gauge_id;area\n1;2\n", "t.txt", "1")),
            "t.txt: error: no column 'area_gages2'; expected the CAMELS "
            "topography table with columns gauge_id and area_gages2 (km2), "
            "separated by ';'");
  EXPECT_EQ(
      failure(parseCamelsTopoArea("gauge_id;area_gages2\n1;2\n01;3\n", "t.txt",
                                  "1")),
      "t.txt:3:1: error: gauge '1' appears a second time (first on line 2)\n"
      "01;3\n^");
}

} // namespace
