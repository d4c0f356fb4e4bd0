//===- Camels.cpp - Reading CAMELS-US basin data --------------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "dgm/runtime/Camels.h"
#include "dgm/runtime/CSV.h"
#include "dgm/runtime/Evapotranspiration.h"
#include "dgm/runtime/File.h"
#include "dgm/runtime/Format.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <optional>
#include <system_error>

using namespace dgm::rt;

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

bool isBlank(char c) { return c == ' ' || c == '\t'; }

/// A whitespace-separated token and its 1-based column.
struct Token {
  std::string_view text;
  std::size_t col;
};

/// One line of a text file, without its line ending.
struct Line {
  std::string_view text;
  std::size_t number; // 1-based
  bool unterminated;  // the last line of a file that does not end in '\n'
};

/// Splits `text` into lines (LF or CRLF; a last line without a newline is a
/// line).
std::vector<Line> splitLines(std::string_view text) {
  std::vector<Line> lines;
  std::size_t pos = 0, number = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos)
      end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    lines.push_back({line, ++number, end == text.size()});
    pos = end + 1;
  }
  return lines;
}

std::vector<Token> tokens(std::string_view line) {
  std::vector<Token> out;
  std::size_t pos = 0;
  while (pos < line.size()) {
    while (pos < line.size() && isBlank(line[pos]))
      ++pos;
    if (pos >= line.size())
      break;
    std::size_t begin = pos;
    while (pos < line.size() && !isBlank(line[pos]))
      ++pos;
    out.push_back({line.substr(begin, pos - begin), begin + 1});
  }
  return out;
}

bool blank(std::string_view line) { return tokens(line).empty(); }

std::optional<double> parseDouble(std::string_view text) {
  if (text.size() > 1 && text.front() == '+' && text[1] != '-')
    text.remove_prefix(1);
  double value = 0;
  auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size())
    return std::nullopt;
  return value;
}

std::optional<int> parseInt(std::string_view text) {
  int value = 0;
  auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size())
    return std::nullopt;
  return value;
}

std::string inQuotes(std::string_view s) { return "'" + std::string(s) + "'"; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char &c : out)
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  return out;
}

/// Reads the three date fields of a row, checking that the date exists.
Result<CalendarDate> parseDate(const std::string &file, const Line &line,
                               const Token &year, const Token &month,
                               const Token &day) {
  const Token *fields[3] = {&year, &month, &day};
  const char *names[3] = {"year", "month", "day"};
  int values[3] = {};
  for (int i = 0; i < 3; ++i) {
    std::optional<int> v = parseInt(fields[i]->text);
    if (!v)
      return Error{formatLocatedError(
          file, line.number, fields[i]->col, line.text,
          std::string("expected the ") + names[i] +
              " (a whole number), found " + inQuotes(fields[i]->text))};
    values[i] = *v;
  }
  CalendarDate date{values[0], values[1], values[2]};
  if (!date.valid())
    return Error{formatLocatedError(
        file, line.number, year.col, line.text,
        "no such date: year " + std::to_string(values[0]) + ", month " +
            std::to_string(values[1]) + ", day " + std::to_string(values[2]))};
  return date;
}

/// The path of `name` in `base` or in one subfolder of `base` (CAMELS
/// groups files by HUC-02 region: base/01/name). `what` and the paths tried
/// go into the error.
Result<std::string> findFile(const std::string &base, const std::string &name,
                             const std::string &what) {
  namespace fs = std::filesystem;
  std::string direct = base + "/" + name;
  std::error_code ec;
  // The file itself and any copy in a region subfolder: a stale copy must
  // not silently shadow (or be shadowed by) the other.
  std::vector<std::string> found;
  if (fs::is_regular_file(direct, ec))
    found.push_back(direct);
  if (fs::is_directory(base, ec)) {
    fs::directory_iterator it(base, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      std::error_code ec2;
      if (!it->is_directory(ec2))
        continue;
      std::string candidate = it->path().string() + "/" + name;
      if (fs::is_regular_file(candidate, ec2))
        found.push_back(candidate);
    }
    if (ec)
      return Error{"cannot list '" + base + "' while looking for the " + what +
                   ": " + ec.message()};
  }
  if (found.size() == 1)
    return found.front();
  if (found.size() > 1) {
    std::sort(found.begin(), found.end());
    std::string list;
    for (const std::string &f : found)
      list += (list.empty() ? "'" : "', '") + f;
    return Error{"found more than one " + what + ": " + list +
                 "'; keep only one"};
  }
  return Error{"cannot find the " + what + ": looked for '" + direct +
               "' and '" + base + "/*/" + name + "'"};
}

/// Checks that a gauge id can be part of a file name.
Result<void> checkGauge(const std::string &gauge) {
  bool ok = !gauge.empty() && gauge != "." && gauge != "..";
  for (char c : gauge)
    if (c == '/' || c == '\\' || c == ';' || isBlank(c) || c == '\n' ||
        c == '\r' || c == '\0')
      ok = false;
  if (!ok)
    return Error{"invalid gauge id " + inQuotes(gauge) +
                 "; expected a USGS gauge number such as '01022500'"};
  return success();
}

/// Whether two gauge ids name the same gauge: equal, or equal once leading
/// zeros are dropped (a spreadsheet turns '01022500' into 1022500).
bool sameGauge(std::string_view a, std::string_view b) {
  if (a == b)
    return true;
  auto strip = [](std::string_view s) {
    while (s.size() > 1 && s.front() == '0')
      s.remove_prefix(1);
    return s;
  };
  auto digits = [](std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
      return c >= '0' && c <= '9';
    });
  };
  return digits(a) && digits(b) && strip(a) == strip(b);
}

} // namespace

//===----------------------------------------------------------------------===//
// Forcing
//===----------------------------------------------------------------------===//

Result<CamelsForcing> dgm::rt::parseCamelsForcing(std::string_view text,
                                                  const std::string &fileName) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF")
    text.remove_prefix(3);
  std::vector<Line> lines = splitLines(text);
  CamelsForcing forcing;
  forcing.path = fileName;

  // The three header lines: one number each.
  struct HeaderValue {
    const char *what;
    double *target;
  };
  HeaderValue header[3] = {{"the latitude in degrees", &forcing.latitude},
                           {"the elevation in m", &forcing.elevation},
                           {"the basin area in m2", &forcing.areaM2}};
  for (std::size_t i = 0; i < 3; ++i) {
    std::string expected = std::string("expected ") + header[i].what +
                           " on line " + std::to_string(i + 1) +
                           " of a CAMELS forcing file";
    if (i >= lines.size())
      return Error{fileName + ": error: " +
                   (text.empty()
                        ? std::string("the file is empty")
                        : "the file ends after " +
                              std::to_string(lines.size()) +
                              (lines.size() == 1 ? " line" : " lines")) +
                   "; " + expected +
                   " (3 header lines: latitude, elevation, area; then the "
                   "column names and one row per day)"};
    const Line &line = lines[i];
    std::vector<Token> t = tokens(line.text);
    if (t.size() != 1)
      return Error{formatLocatedError(
          fileName, line.number, t.size() > 1 ? t[1].col : 1, line.text,
          expected + ", a single number; found " +
              (t.empty() ? std::string("an empty line")
                         : std::to_string(t.size()) + " fields"))};
    std::optional<double> v = parseDouble(t[0].text);
    if (!v || !std::isfinite(*v))
      return Error{
          formatLocatedError(fileName, line.number, t[0].col, line.text,
                             expected + ", found " + inQuotes(t[0].text))};
    if (i == 0 && !(*v >= -90.0 && *v <= 90.0))
      return Error{
          formatLocatedError(fileName, line.number, t[0].col, line.text,
                             "the latitude must be within [-90, 90] degrees, "
                             "found " +
                                 std::string(t[0].text))};
    if (i == 2 && !(*v > 0.0))
      return Error{formatLocatedError(
          fileName, line.number, t[0].col, line.text,
          "the basin area must be positive, found " + std::string(t[0].text))};
    *header[i].target = *v;
  }

  // The column names.
  if (lines.size() < 4 || blank(lines[3].text))
    return Error{fileName + ":4: error: expected the column names on line 4 "
                            "of a CAMELS forcing file, e.g. 'Year Mnth Day Hr "
                            "dayl(s) prcp(mm/day) srad(W/m2) swe(mm) tmax(C) "
                            "tmin(C) vp(Pa)'"};
  const Line &headerLine = lines[3];
  std::vector<Token> names = tokens(headerLine.text);
  for (std::size_t i = 0; i < names.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (lower(names[i].text) == lower(names[j].text))
        return Error{formatLocatedError(
            fileName, headerLine.number, names[i].col, headerLine.text,
            "duplicate column name " + inQuotes(names[i].text) +
                "; it is also column " + std::to_string(j + 1))};
  enum { Year, Month, Day, Dayl, Prcp, Srad, Swe, Tmax, Tmin, Vp, NumWanted };
  const char *wanted[NumWanted] = {
      "Year",       "Mnth",    "Day",     "dayl(s)", "prcp(mm/day)",
      "srad(W/m2)", "swe(mm)", "tmax(C)", "tmin(C)", "vp(Pa)"};
  std::size_t index[NumWanted];
  for (int w = 0; w < NumWanted; ++w) {
    auto it = std::find_if(names.begin(), names.end(), [&](const Token &t) {
      return lower(t.text) == lower(wanted[w]);
    });
    if (it == names.end()) {
      std::string list;
      for (const Token &t : names)
        list += (list.empty() ? "'" : ", '") + std::string(t.text) + "'";
      return Error{
          formatLocatedError(fileName, headerLine.number, 1, headerLine.text,
                             "no column " + inQuotes(wanted[w]) +
                                 " in the column names (found " + list +
                                 "); expected 'Year Mnth Day Hr dayl(s) "
                                 "prcp(mm/day) srad(W/m2) swe(mm) tmax(C) "
                                 "tmin(C) vp(Pa)'")};
    }
    index[w] = static_cast<std::size_t>(it - names.begin());
  }
  std::vector<double> *series[NumWanted] = {
      nullptr,       nullptr,      nullptr,       &forcing.dayl, &forcing.prcp,
      &forcing.srad, &forcing.swe, &forcing.tmax, &forcing.tmin, &forcing.vp};

  // The daily rows.
  std::optional<CalendarDate> previous;
  std::size_t previousLine = 0;
  for (std::size_t l = 4; l < lines.size(); ++l) {
    const Line &line = lines[l];
    std::vector<Token> t = tokens(line.text);
    if (t.empty())
      continue; // blank line (e.g. at the end)
    if (t.size() != names.size()) {
      std::string message = "expected " + std::to_string(names.size()) +
                            " fields as in the column names on line " +
                            std::to_string(headerLine.number) + ", found " +
                            std::to_string(t.size());
      if (t.size() < names.size() && line.unterminated)
        message += " (is the file truncated?)";
      std::size_t col =
          t.size() > names.size() ? t[names.size()].col : line.text.size() + 1;
      return Error{
          formatLocatedError(fileName, line.number, col, line.text, message)};
    }
    Result<CalendarDate> date = parseDate(fileName, line, t[index[Year]],
                                          t[index[Month]], t[index[Day]]);
    if (!date)
      return date.takeError();
    if (previous) {
      CalendarDate next = previous->next();
      if (*date != next) {
        return Error{formatLocatedError(
            fileName, line.number, t[index[Year]].col, line.text,
            "expected the day after " + previous->toString() + " (line " +
                std::to_string(previousLine) + "), " + next.toString() +
                ", found " + date->toString() +
                "; a forcing file needs one row per day, in order, without "
                "gaps")};
      }
    }
    previous = *date;
    previousLine = line.number;
    forcing.dates.push_back(*date);
    for (int w = Dayl; w < NumWanted; ++w) {
      const Token &cell = t[index[w]];
      std::optional<double> v = parseDouble(cell.text);
      if (!v || !std::isfinite(*v))
        return Error{formatLocatedError(
            fileName, line.number, cell.col, line.text,
            "expected a number in column " + inQuotes(names[index[w]].text) +
                ", found " + inQuotes(cell.text))};
      // -999 marks a missing value, as in the streamflow files; it enters as
      // NaN, which the caller reports (or runs with, --allow-missing).
      double value = *v == -999.0 ? NaN : *v;
      bool mayBeNegative = w == Tmax || w == Tmin;
      // Air temperatures beyond any on record are another missing-value
      // code (-9999) or a broken file, not weather.
      if (mayBeNegative && (value < -100.0 || value > 100.0))
        return Error{formatLocatedError(
            fileName, line.number, cell.col, line.text,
            "air temperature " + std::string(cell.text) + " in column " +
                inQuotes(names[index[w]].text) +
                " is outside [-100, 100] degC; only -999 marks a missing "
                "value")};
      if (value < 0.0 && !mayBeNegative)
        return Error{formatLocatedError(
            fileName, line.number, cell.col, line.text,
            "negative value " + std::string(cell.text) + " in column " +
                inQuotes(names[index[w]].text) +
                "; only -999 (missing) may be negative")};
      series[w]->push_back(value);
    }
  }
  if (forcing.dates.empty())
    return Error{fileName + ": error: no daily rows after the column names "
                            "on line 4"};
  return forcing;
}

Result<CamelsForcing> dgm::rt::readCamelsForcing(const std::string &path) {
  Result<std::string> text = readTextFile(path);
  if (!text)
    return text.takeError();
  return parseCamelsForcing(*text, path);
}

//===----------------------------------------------------------------------===//
// Streamflow
//===----------------------------------------------------------------------===//

Result<CamelsStreamflow>
dgm::rt::parseCamelsStreamflow(std::string_view text,
                               const std::string &fileName,
                               const std::string &gauge) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF")
    text.remove_prefix(3);
  CamelsStreamflow flow;
  flow.path = fileName;
  std::optional<CalendarDate> previous;
  std::size_t previousLine = 0;
  std::vector<Line> lines = splitLines(text);
  for (std::size_t l = 0; l < lines.size(); ++l) {
    const Line &line = lines[l];
    std::vector<Token> t = tokens(line.text);
    if (t.empty())
      continue;
    if (t.size() < 5 || t.size() > 6) {
      std::string message =
          "expected 'gauge year month day discharge flag' (5 or 6 fields), "
          "found " +
          std::to_string(t.size()) + (t.size() == 1 ? " field" : " fields");
      if (t.size() < 5 && line.unterminated)
        message += " (is the file truncated?)";
      std::size_t col = t.size() > 6 ? t[6].col : line.text.size() + 1;
      return Error{
          formatLocatedError(fileName, line.number, col, line.text, message)};
    }
    if (!sameGauge(t[0].text, gauge))
      return Error{
          formatLocatedError(fileName, line.number, t[0].col, line.text,
                             "expected gauge " + inQuotes(gauge) + ", found " +
                                 inQuotes(t[0].text) +
                                 "; is this the streamflow of another basin?")};
    Result<CalendarDate> date = parseDate(fileName, line, t[1], t[2], t[3]);
    if (!date)
      return date.takeError();
    if (previous && date->dayNumber() <= previous->dayNumber())
      return Error{formatLocatedError(
          fileName, line.number, t[1].col, line.text,
          "the date " + date->toString() + " is not after the date " +
              previous->toString() + " on line " +
              std::to_string(previousLine) +
              "; the rows must be in increasing date order "
              "without repeats")};
    previous = *date;
    previousLine = line.number;
    std::optional<double> q = parseDouble(t[4].text);
    if (!q || std::isinf(*q))
      return Error{
          formatLocatedError(fileName, line.number, t[4].col, line.text,
                             "expected the discharge in ft3/s (a number, -999 "
                             "if missing), found " +
                                 inQuotes(t[4].text))};
    double value = *q;
    if (value == -999.0 || std::isnan(value)) {
      value = NaN;
      ++flow.missingCount;
    } else if (value < 0.0) {
      return Error{
          formatLocatedError(fileName, line.number, t[4].col, line.text,
                             "negative discharge " + std::string(t[4].text) +
                                 "; only -999 (missing) may be negative")};
    }
    flow.dates.push_back(*date);
    flow.discharge.push_back(value);
  }
  if (flow.dates.empty())
    return Error{fileName + ": error: " +
                 (text.empty() ? std::string("the file is empty")
                               : "the file has no data rows") +
                 "; expected rows of 'gauge year month day discharge flag'"};
  return flow;
}

Result<CamelsStreamflow>
dgm::rt::readCamelsStreamflow(const std::string &path,
                              const std::string &gauge) {
  Result<std::string> text = readTextFile(path);
  if (!text)
    return text.takeError();
  return parseCamelsStreamflow(*text, path, gauge);
}

//===----------------------------------------------------------------------===//
// Topography (area_gages2)
//===----------------------------------------------------------------------===//

Result<double> dgm::rt::parseCamelsTopoArea(std::string_view text,
                                            const std::string &fileName,
                                            const std::string &gauge) {
  CsvOptions options;
  options.separator = ';';
  Result<CsvTable> table =
      CsvTable::parse(std::string(text), fileName, options);
  if (!table)
    return table.takeError();
  std::optional<std::size_t> idColumn = table->columnIndex("gauge_id");
  std::optional<std::size_t> areaColumn = table->columnIndex("area_gages2");
  if (!idColumn || !areaColumn)
    return Error{fileName + ": error: no column '" +
                 (idColumn ? "area_gages2" : "gauge_id") +
                 "'; expected the CAMELS topography table with columns "
                 "gauge_id and area_gages2 (km2), separated by ';'"};
  std::optional<std::size_t> found;
  for (std::size_t r = 0; r < table->numRows(); ++r) {
    if (!sameGauge(table->cell(r, *idColumn), gauge))
      continue;
    if (found)
      return Error{table->diagnostic(
          r, *idColumn,
          "gauge " + inQuotes(gauge) +
              " appears a second time (first on line " +
              std::to_string(table->lineNumber(*found)) + ")")};
    found = r;
  }
  if (!found)
    return Error{fileName + ": error: gauge " + inQuotes(gauge) +
                 " not found in column 'gauge_id' (" +
                 std::to_string(table->numRows()) + " basins)"};
  std::string_view cell = table->cell(*found, *areaColumn);
  std::optional<double> area = parseDouble(cell);
  if (!area || !std::isfinite(*area) || !(*area > 0.0))
    return Error{table->diagnostic(*found, *areaColumn,
                                   "expected the area of gauge " +
                                       inQuotes(gauge) +
                                       " in km2 (a positive number) in "
                                       "column 'area_gages2', found " +
                                       inQuotes(cell))};
  return *area;
}

Result<double> dgm::rt::readCamelsTopoArea(const std::string &path,
                                           const std::string &gauge) {
  Result<std::string> text = readTextFile(path);
  if (!text)
    return text.takeError();
  return parseCamelsTopoArea(*text, path, gauge);
}

double dgm::rt::cubicFeetPerSecondToMmPerDay(double discharge, double areaKm2) {
  return discharge * 0.0283168 * 86400.0 * 1000.0 / (areaKm2 * 1e6);
}

//===----------------------------------------------------------------------===//
// A basin
//===----------------------------------------------------------------------===//

const std::vector<std::string> &CamelsBasin::seriesNames() {
  static const std::vector<std::string> names = {
      "P", "Tmax", "Tmin", "T", "PET", "dayl", "srad", "vp", "swe", "Qobs"};
  return names;
}

const std::vector<double> *CamelsBasin::series(std::string_view name) const {
  const std::vector<double> *all[] = {&P,    &Tmax, &Tmin, &T,   &PET,
                                      &dayl, &srad, &vp,   &swe, &Qobs};
  const std::vector<std::string> &names = seriesNames();
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name)
      return all[i];
  return nullptr;
}

namespace {
/// The two files every CAMELS basin needs, found but not read.
struct CamelsFiles {
  std::string dir, forcing, streamflow;
};

Result<CamelsFiles> findCamelsFiles(const std::string &directory,
                                    const std::string &gauge,
                                    const CamelsOptions &options) {
  // "data/camels/" and "data/camels" name the same files.
  std::string dir = directory;
  while (dir.size() > 1 && dir.back() == '/')
    dir.pop_back();
  if (Result<void> ok = checkGauge(gauge); !ok)
    return ok.takeError();
  std::string forcingSuffix;
  if (options.forcing == "daymet")
    forcingSuffix = "_lump_cida_forcing_leap.txt";
  else if (options.forcing == "maurer")
    forcingSuffix = "_lump_maurer_forcing_leap.txt";
  else if (options.forcing == "nldas")
    forcingSuffix = "_lump_nldas_forcing_leap.txt";
  else
    return Error{"unknown CAMELS forcing data set " +
                 inQuotes(options.forcing) +
                 "; expected 'daymet', 'maurer' or 'nldas'"};
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    return Error{"cannot read the CAMELS directory '" + dir + "': " +
                 (std::filesystem::exists(dir, ec)
                      ? std::string("it is not a directory")
                      : std::string("No such file or directory"))};
  auto findForcing = [&](const std::string &id) {
    return findFile(dir + "/basin_mean_forcing/" + options.forcing,
                    id + forcingSuffix,
                    options.forcing + " forcing file of gauge " + inQuotes(id));
  };
  Result<std::string> forcingPath = findForcing(gauge);
  if (!forcingPath) {
    // A spreadsheet writes 01022500 as 1022500 (or 1022500.0): name the
    // gauge that exists.
    std::string id = gauge;
    if (id.ends_with(".0"))
      id.resize(id.size() - 2);
    bool digits = !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
      return c >= '0' && c <= '9';
    });
    if (digits && id.size() < 8)
      id.insert(0, 8 - id.size(), '0');
    if (id != gauge && digits && findForcing(id))
      return Error{forcingPath.error().message + "; did you mean gauge '" + id +
                   "'? (CAMELS-US gauge ids have 8 digits, and a spreadsheet "
                   "drops the leading zero)"};
    return forcingPath.takeError();
  }
  Result<std::string> flowPath =
      findFile(dir + "/usgs_streamflow", gauge + "_streamflow_qc.txt",
               "streamflow file of gauge " + inQuotes(gauge));
  if (!flowPath)
    return flowPath.takeError();
  return CamelsFiles{dir, *forcingPath, *flowPath};
}
} // namespace

/// The topography tables readCamelsBasin looks for, in order.
static std::vector<std::string> topoCandidates(const std::string &dir) {
  return {dir + "/camels_attributes_v2.0/camels_topo.txt",
          dir + "/camels_topo.txt"};
}

Result<std::vector<std::string>>
dgm::rt::camelsBasinInputFiles(const std::string &directory,
                               const std::string &gauge,
                               const CamelsOptions &options) {
  Result<CamelsFiles> files = findCamelsFiles(directory, gauge, options);
  if (!files)
    return files.takeError();
  std::vector<std::string> paths = {files->forcing, files->streamflow};
  for (const std::string &topo : topoCandidates(files->dir))
    if (fileExists(topo))
      paths.push_back(topo);
  return paths;
}

Result<std::size_t> dgm::rt::countCamelsForcingDaysAtMost(
    const std::string &directory, const std::string &gauge,
    std::size_t stopAbove, const CamelsOptions &options) {
  Result<CamelsFiles> files = findCamelsFiles(directory, gauge, options);
  if (!files)
    return files.takeError();
  return countLines(files->forcing, LineKind::StartingWithDigit, stopAbove);
}

Result<CamelsBasin> dgm::rt::readCamelsBasin(const std::string &directory,
                                             const std::string &gauge,
                                             const CamelsOptions &options) {
  Result<CamelsFiles> files = findCamelsFiles(directory, gauge, options);
  if (!files)
    return files.takeError();
  const std::string &dir = files->dir;
  CamelsBasin basin;
  basin.gauge = gauge;

  Result<CamelsForcing> forcing = readCamelsForcing(files->forcing);
  if (!forcing)
    return forcing.takeError();
  basin.forcingPath = files->forcing;

  Result<CamelsStreamflow> flow = readCamelsStreamflow(files->streamflow, gauge);
  if (!flow)
    return flow.takeError();
  basin.streamflowPath = files->streamflow;

  // The area: area_gages2 if there is a topography table, else the forcing
  // file's.
  const std::vector<std::string> candidates = topoCandidates(dir);
  for (const std::string &candidate : candidates) {
    if (fileExists(candidate)) {
      basin.topoPath = candidate;
      break;
    }
  }
  if (!basin.topoPath.empty()) {
    Result<double> area = readCamelsTopoArea(basin.topoPath, gauge);
    if (!area)
      return area.takeError();
    basin.areaKm2 = *area;
    basin.areaSource = "area_gages2 in " + basin.topoPath;
  } else {
    basin.areaKm2 = forcing->areaM2 / 1e6;
    basin.areaSource = "the forcing file " + basin.forcingPath;
    basin.warnings.push_back(
        "no camels_topo.txt (looked for '" + candidates[0] + "' and '" +
        candidates[1] + "'); Qobs of gauge " + inQuotes(gauge) +
        " is converted to mm/d with the area in the forcing file, " +
        formatNumber(basin.areaKm2) + " km2, instead of area_gages2");
  }

  // The series, on the forcing file's days.
  basin.dates = std::move(forcing->dates);
  basin.latitude = forcing->latitude;
  basin.elevation = forcing->elevation;
  basin.P = std::move(forcing->prcp);
  basin.Tmax = std::move(forcing->tmax);
  basin.Tmin = std::move(forcing->tmin);
  basin.dayl = std::move(forcing->dayl);
  basin.srad = std::move(forcing->srad);
  basin.vp = std::move(forcing->vp);
  basin.swe = std::move(forcing->swe);
  std::size_t n = basin.dates.size();
  basin.T.resize(n);
  basin.PET.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const CalendarDate &d = basin.dates[i];
    basin.T[i] = 0.5 * (basin.Tmax[i] + basin.Tmin[i]);
    basin.PET[i] = hargreavesPet(basin.Tmin[i], basin.Tmax[i], basin.latitude,
                                 dayOfYear(d.year, d.month, d.day));
  }
  basin.Qobs.assign(n, NaN);
  std::int64_t first = basin.dates.front().dayNumber();
  for (std::size_t k = 0; k < flow->dates.size(); ++k) {
    std::int64_t i = flow->dates[k].dayNumber() - first;
    if (i < 0 || i >= static_cast<std::int64_t>(n))
      continue;
    double q = flow->discharge[k];
    basin.Qobs[static_cast<std::size_t>(i)] =
        std::isnan(q) ? NaN : cubicFeetPerSecondToMmPerDay(q, basin.areaKm2);
  }
  basin.qobsCount = static_cast<std::size_t>(
      std::count_if(basin.Qobs.begin(), basin.Qobs.end(),
                    [](double q) { return std::isfinite(q); }));
  if (basin.qobsCount == 0)
    basin.warnings.push_back(
        "no observed streamflow of gauge " + inQuotes(gauge) + " between " +
        basin.dates.front().toString() + " and " +
        basin.dates.back().toString() + " (the streamflow file covers " +
        flow->dates.front().toString() + " to " +
        flow->dates.back().toString() + ")");
  return basin;
}
