//===- RunCommand.cpp - `dgm run` -----------------------------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Order of work: cheap checks first (the command line, the output file, the
// forcing file's structure), then the model (which may need compiling), then
// everything that needs both (columns, --param/--init), then the run.
//
//===----------------------------------------------------------------------===//

#include "RunCommand.h"
#include "BasinData.h"
#include "BasinRun.h"
#include "BasinTable.h"
#include "Bindings.h"
#include "ChartImage.h"
#include "Messages.h"
#include "ModelSource.h"
#include "Options.h"
#include "Plot.h"
#include "Report.h"
#include "Suggest.h"

#include "dgm/runtime/CSV.h"
#include "dgm/runtime/Camels.h"
#include "dgm/runtime/File.h"
#include "dgm/runtime/Format.h"
#include "dgm/runtime/Metrics.h"
#include "dgm/runtime/Simulation.h"

#include <algorithm>
#include <iostream>
#include <iterator>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

using namespace dgm::cli;
using namespace dgm::rt;

namespace {
const OptionSpec runOptions[] = {
    {"forcing", 0, ArgKind::Value, "FILE",
     "CSV file of forcings: a header row of column names,\n"
     "then one row per time step. Each forcing is read from\n"
     "the column of its name, a dynamic parameter from its\n"
     "column if there is one; other columns are ignored"},
    {"camels", 0, ArgKind::Value, "DIR",
     "Read the basin from CAMELS-US files under DIR instead\n"
     "(basin_mean_forcing/daymet, usgs_streamflow,\n"
     "camels_attributes_v2.0): series P, T, Tmin, Tmax,\n"
     "PET (Hargreaves), dayl, srad, vp, swe, Qobs (mm/d)"},
    {"basin", 0, ArgKind::Value, "GAUGE",
     "The CAMELS gauge id to run, e.g. 01022500"},
    {"steps", 0, ArgKind::Value, "N",
     "Run N steps of a model that reads no forcings (a decay,\n"
     "an ODE test), instead of --forcing or --camels"},
    {"params", 0, ArgKind::Value, "TABLE",
     "Run many basins: a CSV with a 'basin' column (CAMELS\n"
     "gauge ids, or what '{basin}' in --forcing stands for)\n"
     "and a column per parameter to set (or state, for its\n"
     "initial value). Prints a table of the basins' scores;\n"
     "-o 'out/{basin}.csv' writes a file per basin, another\n"
     "-o one table with a basin column"},
    {"components", 0, ArgKind::Value, "N",
     "Run N components per basin (default: the model's\n"
     "'components N;'; models without components run 1)"},
    {"warmup", 0, ArgKind::Value, "STEPS",
     "Run the first STEPS steps only to spin up the states;\n"
     "results, outputs and scores start after them"},
    {"plot", 0, ArgKind::Value, "FILE.svg",
     "Draw the hydrograph: the output Q (or --sim) and the\n"
     "observations, as an SVG or PNG image (by the extension;\n"
     "'{basin}' in FILE makes one per basin of --params)"},
    {"balance", 0, ArgKind::Flag, "",
     "Report the largest closure error of the model's water\n"
     "balance (its 'balance { ... }'): the output\n"
     "balance_error, change in storage minus (in - out) * dt"},
    {"obs", 0, ArgKind::Value, "NAME",
     "The observed series to score against (default: Qobs,\n"
     "when the data has it)"},
    {"sim", 0, ArgKind::Value, "OUTPUT",
     "The output scored against the observations (default: Q)"},
    {"param", 0, ArgKind::List, "NAME=VALUE",
     "Set a parameter (default: the model's); repeatable"},
    {"init", 0, ArgKind::List, "STATE=VALUE",
     "Set a state's initial value (default: the model's);\n"
     "repeatable"},
    {"output", 'o', ArgKind::Value, "FILE",
     "Write the results as CSV to FILE ('-': stdout)\n"
     "instead of printing a summary"},
    {"states", 0, ArgKind::Flag, "",
     "Add a CSV column per state (its value after each step)"},
    {"force", 0, ArgKind::Flag, "", "Replace the -o FILE if it exists"},
    {"precision", 0, ArgKind::Value, "f32|f64",
     "Compile .dgm in single (f32) or double (f64, default)\n"
     "precision; results are written as doubles either way"},
    {"", 'O', ArgKind::Value, "N",
     "Optimisation level for compiling .dgm (default: -O2)", "-O0..-O3"},
    {"cache-dir", 0, ArgKind::Value, "DIR",
     "Where compiled models are kept (default:\n"
     "$DGM_CACHE_DIR, else $XDG_CACHE_HOME/dgm, else\n"
     "~/.cache/dgm)"},
    {"no-cache", 0, ArgKind::Flag, "",
     "Compile into a temporary directory; neither read nor\n"
     "fill the cache"},
    {"missing-value", 0, ArgKind::Value, "V",
     "The number that marks a missing value (default: -999\n"
     "and -9999); empty cells, NA, NaN and nan are always\n"
     "missing"},
    {"allow-missing", 0, ArgKind::Flag, "",
     "Run even if a forcing has missing values: they enter\n"
     "the model as NaN (a warning says how many)"},
    {"calendar", 0, ArgKind::Value, "standard|noleap",
     "The calendar of the forcing file's dates: standard\n"
     "(Gregorian, the default) or noleap (365_day: no\n"
     "29 February, as climate models write)"},
    {"verbose", 'v', ArgKind::Flag, "",
     "Say whether the compiled model came from the cache,\n"
     "and where it is"},
    {"help", 'h', ArgKind::Flag, "", "Show this help"},
};

constexpr const char *runCommandName = "dgm run";

void printRunHelp() {
  std::printf(
      "USAGE: dgm run MODEL --forcing FILE [options]\n"
      "       dgm run MODEL --camels DIR --basin GAUGE [options]\n"
      "       dgm run MODEL --camels DIR --params TABLE [options]\n"
      "       dgm run MODEL --forcing 'DIR/{basin}.csv' --params TABLE [options]\n"
      "       dgm run MODEL --steps N [options]\n"
      "\n"
      "Runs MODEL for one basin over every row of the forcing file (or every "
      "day\nof a CAMELS basin). MODEL is "
      "a\n"
      ".dgm file, compiled through a cache so that an unchanged model is not\n"
      "compiled again, or an already compiled .so.\n"
      "\n"
      "Without -o, prints a summary: for each output its min / mean / max / "
      "sum\n"
      "over the steps, for each state its min / mean / max and final value.\n"
      "With -o, writes one CSV row per step: the forcing file's date (or "
      "time)\n"
      "column if it has one, then one column per output.\n"
      "When the data has observations (Qobs, or --obs NAME), prints the NSE "
      "and\nKGE of the output Q (or --sim OUTPUT) over the days with an "
      "observation.\n"
      "\n"
      "OPTIONS:\n"
      "%s"
      "\n"
      "EXAMPLES:\n"
      "  dgm run hbv.dgm --forcing basin.csv\n"
      "  dgm run hbv.dgm --forcing basin.csv --param FC=300 -o out.csv\n"
      "  dgm run hbv.dgm --camels data/camels_us --basin 01022500 --warmup "
      "365\n",
      formatOptionsHelp(runOptions).c_str());
}

/// The settings of one run, from the command line.
struct RunSettings : RunConfig {
  std::string modelPath;
  std::string forcingPath;
  std::string camelsDir, gauge;
  std::string plotPath;
  std::string paramsTable;
  std::vector<std::string> params, inits;
  std::optional<std::string> outputPath;
  bool states = false, force = false, allowMissing = false;
  std::optional<double> missingValue;
  CalendarKind calendar = CalendarKind::Standard;
  ModelSourceOptions source;
  /// --steps N: a run without data, of a model that reads no forcings.
  int64_t steps = 0;
};

/// Reads the parsed command line into RunSettings. Errors are usage errors
/// except for a bad --missing-value number (exit code 1 like other values).
int readSettings(const ParsedArgs &args, RunSettings &s) {
  if (args.positionals.empty())
    return reportUsageError(
        "no MODEL given; expected the .dgm file (or compiled .so) to run",
        runCommandName);
  if (args.positionals.size() > 1)
    return reportUsageError("unexpected argument '" + args.positionals[1] +
                                "'; dgm run takes one MODEL",
                            runCommandName);
  s.modelPath = args.positionals[0];
  std::optional<std::string> forcing = args.value("forcing");
  std::optional<std::string> camels = args.value("camels");
  std::optional<std::string> basin = args.value("basin");
  bool steps = args.value("steps").has_value();
  if (forcing && camels)
    return reportUsageError("--forcing and --camels are two sources of the "
                            "same data; give one",
                            runCommandName);
  if (steps && (forcing || camels))
    return reportUsageError(std::string("--steps is for a model that reads no "
                                        "forcings; with --") +
                                (forcing ? "forcing" : "camels") +
                                " the steps are the data's",
                            runCommandName);
  if (!forcing && !camels && !steps)
    return reportUsageError(
        "no --forcing FILE (or --camels DIR --basin GAUGE) given; expected "
        "the CSV file of forcings (or --steps N for a model that reads none)",
        runCommandName);
  if (camels && !basin && !args.value("params"))
    return reportUsageError("--camels needs --basin GAUGE (or --params TABLE "
                            "of basins): which basin to run",
                            runCommandName);
  if (basin && !camels)
    return reportUsageError("--basin chooses a basin of --camels DIR",
                            runCommandName);
  if (basin && args.value("params"))
    return reportUsageError("--basin runs one basin, and --params TABLE runs "
                            "the basins of its rows; give one of them",
                            runCommandName);
  s.forcingPath = forcing.value_or("");
  s.camelsDir = camels.value_or("");
  s.gauge = basin.value_or("");
  auto count = [&](const char *option, int64_t min, int64_t &out) -> int {
    std::optional<std::string> text = args.value(option);
    if (!text)
      return 0;
    int64_t v = 0;
    auto [end, ec] =
        std::from_chars(text->data(), text->data() + text->size(), v);
    if (text->empty() || ec != std::errc() ||
        end != text->data() + text->size() || v < min)
      return reportUsageError(
          "invalid value '" + *text + "' for --" + option +
              "; expected a whole number of at least " + std::to_string(min) +
              (ec == std::errc::result_out_of_range ? " (this one is too large)"
                                                    : ""),
          runCommandName);
    out = v;
    return 0;
  };
  if (int status = count("components", 1, s.components))
    return status;
  // The limit of `components N;` in a model (ParseTreeTransformer.cpp).
  if (s.components > (int64_t{1} << 20))
    return reportUsageError("invalid value '" + std::to_string(s.components) +
                                "' for --components; expected a whole number "
                                "from 1 to 1048576",
                            runCommandName);
  if (int status = count("warmup", 0, s.warmup))
    return status;
  if (int status = count("steps", 1, s.steps))
    return status;
  s.obsName = args.value("obs");
  s.paramsTable = args.value("params").value_or("");
  s.simName = args.value("sim").value_or("Q");
  s.simExplicit = args.value("sim").has_value();
  s.balance = args.has("balance");
  s.plotPath = args.value("plot").value_or("");
  s.params = args.values("param");
  s.inits = args.values("init");
  s.outputPath = args.value("output");
  s.states = args.has("states");
  s.force = args.has("force");
  s.allowMissing = args.has("allow-missing");
  if (std::optional<std::string> calendar = args.value("calendar")) {
    if (*calendar == "noleap" || *calendar == "365_day")
      s.calendar = CalendarKind::NoLeap;
    else if (*calendar != "standard" && *calendar != "gregorian" &&
             *calendar != "proleptic_gregorian")
      return reportUsageError("unknown --calendar '" + *calendar +
                                  "'; expected standard (gregorian) or "
                                  "noleap (365_day)",
                              runCommandName);
  }
  s.source.verbose = args.has("verbose");
  s.source.noCache = args.has("no-cache");
  s.source.cacheDir = args.value("cache-dir").value_or("");
  if (std::optional<std::string> precision = args.value("precision")) {
    if (*precision != "f32" && *precision != "f64")
      return reportUsageError("invalid --precision '" + *precision +
                                  "'; expected f32 or f64",
                              runCommandName);
    s.source.scalarBits = *precision == "f32" ? 32 : 64;
    s.source.precisionGiven = true;
  }
  if (std::optional<std::string> level = args.value("O")) {
    if (level->size() != 1 || (*level)[0] < '0' || (*level)[0] > '3')
      return reportUsageError("invalid optimisation level '-O" + *level +
                                  "'; expected -O0, -O1, -O2 or -O3",
                              runCommandName);
    s.source.optLevel = static_cast<unsigned>((*level)[0] - '0');
    s.source.optLevelGiven = true;
  }
  if (std::optional<std::string> text = args.value("missing-value")) {
    double v = 0;
    auto [end, ec] =
        std::from_chars(text->data(), text->data() + text->size(), v);
    if (text->empty() || ec != std::errc() ||
        end != text->data() + text->size() || !std::isfinite(v))
      return reportError(Error{"invalid value '" + *text +
                               "' for --missing-value; expected a number such "
                               "as -9999"});
    s.missingValue = v;
  }
  return 0;
}

/// Writes `text` to stdout, reporting a failed write (a full disk, a closed
/// pipe) instead of exiting 0.
int writeStdout(const std::string &text) {
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() ||
      std::fflush(stdout) != 0)
    return reportError(Error{"cannot write the results to stdout"});
  return 0;
}

/// `pattern` with every "{basin}" replaced by `id`.
std::string substituteBasin(std::string pattern, const std::string &id) {
  // Continue after each replacement: an id may itself contain "{basin}".
  for (std::size_t at = 0;
       (at = pattern.find("{basin}", at)) != std::string::npos;
       at += id.size())
    pattern.replace(at, 7, id);
  return pattern;
}

/// The --forcing table at `path`. The table is parsed twice (its structure
/// before the model compiles, its series for the run), so what can be read
/// only once, "-" (standard input) or a pipe (`--forcing <(...)`,
/// /dev/stdin, a FIFO), is read once and kept.
Result<CsvTable> readForcingTable(const std::string &path,
                                  const CsvOptions &csvOptions) {
  if (path != "-" && !isStreamFile(path))
    return CsvTable::readFile(path, csvOptions);
  static std::map<std::string, std::string> streams;
  auto [it, first] = streams.try_emplace(path);
  if (first) {
    if (path == "-") {
      it->second.assign(std::istreambuf_iterator<char>(std::cin), {});
    } else {
      std::ifstream in(path, std::ios::binary);
      if (!in)
        return Error{"cannot read '" + path + "'"};
      it->second.assign(std::istreambuf_iterator<char>(in), {});
    }
  }
  return CsvTable::parse(it->second, path == "-" ? "<stdin>" : path,
                         csvOptions);
}

/// Reads the series of one basin: the --forcing CSV (with {basin}
/// substituted) or the CAMELS files.
Result<BasinData> loadBasin(const LoadedModel &model, const BasinJob &job,
                            const RunSettings &s, const MissingPolicy &policy,
                            const CsvOptions &csvOptions) {
  std::vector<std::string> extra{s.obsName.value_or("Qobs")};
  if (s.steps) {
    BasinData none;
    none.description = "no forcings"; // as the REPL says (:steps)
    none.numSteps = static_cast<std::size_t>(s.steps);
    return none;
  }
  if (!s.camelsDir.empty())
    return loadCamelsBasin(s.camelsDir, job.id.empty() ? s.gauge : job.id,
                           model, policy);
  std::string path = substituteBasin(s.forcingPath, job.id);
  Result<CsvTable> table = readForcingTable(path, csvOptions);
  if (!table)
    return table.takeError();
  if (table->numRows() == 0)
    return Error{"'" + path +
                 "' has a header but no data rows; expected one row per "
                 "time step"};
  return loadCsvBasin(*table, model, extra, policy, s.calendar);
}

/// With --warmup and a table of basins, every basin's record must be longer
/// than the warm-up. Checked before the first basin runs, against an upper
/// bound of each record's steps (the lines of its file, counted, not
/// parsed, and only until there are more than the warm-up: a few KB of a
/// long record), so that a short record stops the run at once rather than
/// at its basin's turn. A basin that passes may still be too short once its
/// file is read (the bound counts header lines too): runOnBasin checks
/// again.
Result<void> checkWarmupBeforeRun(const RunSettings &s,
                                  const std::vector<BasinJob> &jobs) {
  if (s.warmup <= 0 || jobs.size() < 2 || s.steps || s.forcingPath == "-")
    return success();
  const std::size_t warmup = static_cast<std::size_t>(s.warmup);
  std::size_t tooShort = 0;
  std::string first;
  std::map<std::string, std::size_t> rowsOfFile; // one --forcing for all
  for (const BasinJob &job : jobs) {
    std::size_t atMost = 0;
    std::string where;
    if (!s.camelsDir.empty()) {
      Result<std::size_t> days =
          countCamelsForcingDaysAtMost(s.camelsDir, job.id, warmup);
      if (!days)
        continue; // its own error, when the basin is read
      atMost = *days;
      where = "its CAMELS forcing file has at most " + std::to_string(atMost) +
              " days";
    } else {
      std::string path = substituteBasin(s.forcingPath, job.id);
      auto known = rowsOfFile.find(path);
      if (known == rowsOfFile.end()) {
        // The header and more than `warmup` rows: enough to know.
        Result<std::size_t> lines = countLines(path, LineKind::Any, warmup + 1);
        if (!lines)
          continue;
        known = rowsOfFile.emplace(path, *lines ? *lines - 1 : 0).first;
      }
      atMost = known->second;
      where = "'" + path + "' has at most " + std::to_string(atMost) + " rows";
    }
    if (atMost > warmup)
      continue;
    if (tooShort++ == 0)
      first = "basin '" + job.id + "': " + where;
  }
  if (tooShort == 0)
    return success();
  return Error{std::to_string(tooShort) + " of " + std::to_string(jobs.size()) +
               " basins have no steps left to run after a warm-up of " +
               std::to_string(warmup) + " steps; the first: " + first +
               ". Shorten --warmup, or leave those basins out of --params '" +
               s.paramsTable + "'"};
}

/// Loads, spins up and runs one basin.
Result<BasinRun> runBasin(const LoadedModel &model, const BasinJob &job,
                          const std::vector<double> &initValues,
                          const RunSettings &s, const MissingPolicy &policy,
                          const CsvOptions &csvOptions) {
  Result<BasinData> data = loadBasin(model, job, s, policy, csvOptions);
  if (!data)
    return data.takeError();
  std::vector<double> initial = initValues;
  for (auto [state, value] : job.initialStates)
    initial[state] = value;
  Result<BasinRun> run = runOnBasin(model, std::move(*data), job.paramValues,
                                    job.explicitParams, initial, s);
  if (run)
    run->id = job.id;
  return run;
}

/// The files of a run, checked before any basin runs (a late error would
/// come after hours): every basin's --forcing file (or CAMELS forcing and
/// streamflow files) exists; no output is an
/// input (not even --force replaces data with results); no two outputs
/// share a file (basins 'x' and './x', -o and a basin's plot).
Result<void> checkFilesBeforeRun(const RunSettings &s,
                                 const std::vector<BasinJob> &jobs,
                                 bool toFile) {
  std::map<std::string, std::string> inputs; // key -> what it is
  inputs[fileKey(s.modelPath)] = "the model '" + s.modelPath + "'";
  if (!s.paramsTable.empty())
    inputs[fileKey(s.paramsTable)] =
        "the --params table '" + s.paramsTable + "'";
  if (s.steps) {
    // No data files.
  } else if (s.forcingPath == "-") {
    // Standard input redirected from a file is that file (a pipe is not
    // any file a result could be written to).
    inputs[fileKey("/dev/stdin")] =
        "the file standard input reads (--forcing -)";
    // Standard input holds one table: one basin.
    if (jobs.size() > 1)
      return Error{"--forcing - (standard input) holds one basin's table; "
                   "with --params give a file per basin, as in "
                   "--forcing 'DIR/{basin}.csv'"};
  } else if (s.camelsDir.empty()) {
    std::vector<std::string> absent;
    for (const BasinJob &job : jobs) {
      std::string path = substituteBasin(s.forcingPath, job.id);
      if (!fileExists(path))
        absent.push_back(path);
      inputs[fileKey(path)] = "the --forcing file '" + path + "'";
    }
    if (!absent.empty()) {
      std::string list;
      for (std::size_t i = 0; i < absent.size() && i < 3; ++i)
        list += (i ? ", '" : "'") + absent[i] + "'";
      if (absent.size() > 3)
        list += " and " + std::to_string(absent.size() - 3) + " more";
      return Error{std::to_string(absent.size()) + " of " +
                   std::to_string(jobs.size()) +
                   " basins have no forcing file: " + list + " (--forcing '" +
                   s.forcingPath + "')"};
    }
  } else {
    // Every gauge's files, found (not read) before the first basin runs,
    // and kept from being written over.
    std::size_t missing = 0;
    std::optional<Error> first;
    for (const BasinJob &job : jobs) {
      std::string gauge = job.id.empty() ? s.gauge : job.id;
      Result<std::vector<std::string>> files =
          camelsBasinInputFiles(s.camelsDir, gauge);
      if (!files) {
        ++missing;
        if (!first)
          first = Error{"basin '" + gauge + "': " + files.error().message};
        continue;
      }
      for (const std::string &path : *files)
        inputs[fileKey(path)] =
            "a CAMELS file of basin '" + gauge + "' ('" + path + "')";
    }
    // One basin's missing file is its own run's error, said as it runs.
    if (first && jobs.size() > 1)
      return Error{std::to_string(missing) + " of " +
                   std::to_string(jobs.size()) +
                   " basins cannot be read from --camels '" + s.camelsDir +
                   "'; the first: " + first->message};
  }
  std::map<std::string, std::string> outputs; // key -> who writes it
  for (const BasinJob &job : jobs)
    for (auto [pattern, option] :
         {std::pair{toFile ? *s.outputPath : std::string(), "-o"},
          std::pair{s.plotPath, "--plot"}}) {
      if (pattern.empty())
        continue;
      bool perBasin = pattern.find("{basin}") != std::string::npos;
      std::string path = substituteBasin(pattern, job.id);
      if (isStreamFile(path))
        continue;
      std::string key = fileKey(path);
      if (auto in = inputs.find(key); in != inputs.end())
        return Error{std::string(option) + " '" + path + "' is " + in->second +
                     "; results never replace an input, even with --force: "
                     "choose another name"};
      std::string writer = std::string(option) +
                           (perBasin ? " for basin '" + job.id + "'" : "");
      auto [it, fresh] = outputs.emplace(key, writer);
      if (!fresh && it->second != writer)
        return Error{"'" + path + "' would be written twice, by " + it->second +
                     " and by " + writer + "; give each its own name"};
    }
  return success();
}

int run(const RunSettings &s) {
  const bool toFile = s.outputPath && *s.outputPath != "-";
  const bool perBasinFiles =
      toFile && s.outputPath->find("{basin}") != std::string::npos;
  if (s.states && !s.outputPath)
    reportWarning("--states adds columns to the CSV of -o; the summary shows "
                  "the states anyway");
  if (s.calendar != CalendarKind::Standard && !s.camelsDir.empty())
    return reportError(Error{"--calendar applies to the dates of a --forcing "
                             "file; CAMELS files use the standard calendar"});
  if (s.missingValue && !s.camelsDir.empty())
    return reportError(Error{"--missing-value applies to the cells of a "
                             "--forcing file; CAMELS files mark a missing "
                             "flow with -999, which dgm reads as missing "
                             "already"});
  if (s.paramsTable == "-")
    return reportError(Error{"--params - : the parameter table is read from a "
                             "file, not from standard input; give its file "
                             "name"});
  if (perBasinFiles && s.paramsTable.empty())
    return reportError(Error{"-o '" + *s.outputPath +
                             "' names a file per basin ({basin}), but only "
                             "--params TABLE runs several basins"});
  if (s.plotPath.find("{basin}") != std::string::npos &&
      s.paramsTable.empty())
    return reportError(Error{"--plot '" + s.plotPath +
                             "' names a file per basin ({basin}), but only "
                             "--params TABLE runs several basins"});
  if (!s.plotPath.empty() && !imageFormatOf(s.plotPath) &&
      !isStreamFile(s.plotPath))
    return reportError(
        Error{"--plot '" + s.plotPath + "': " +
              (fileExtension(s.plotPath).empty()
                   ? std::string("no image extension")
                   : "unsupported image format '" + fileExtension(s.plotPath) +
                         "'") +
              "; use .svg or .png"});
  if (s.camelsDir.empty() &&
      s.forcingPath.find("{basin}") != std::string::npos &&
      s.paramsTable.empty())
    return reportError(Error{"--forcing '" + s.forcingPath +
                             "' names a file per basin ({basin}), but only "
                             "--params TABLE runs several basins"});
  // Refuse before any work, so that a long run does not end in this error.
  if (toFile && !perBasinFiles)
    if (std::optional<std::string> why = unwritablePathReason(*s.outputPath))
      return reportError(
          Error{"cannot write '" + *s.outputPath + "': " + *why});
  if (toFile && !perBasinFiles && !s.force && wouldOverwrite(*s.outputPath))
    return reportError(Error{"refusing to overwrite '" + *s.outputPath +
                             "'; pass --force to replace it"});

  CsvOptions csvOptions;
  if (s.missingValue)
    csvOptions.missingValues = {*s.missingValue};
  MissingPolicy policy;
  policy.allowMissing = s.allowMissing;
  policy.kinds = "empty, NA, NaN";
  for (double v : csvOptions.missingValues)
    policy.kinds += ", " + formatNumber(v);
  if (std::size_t last = policy.kinds.rfind(", "); last != std::string::npos)
    policy.kinds.replace(last, 2, " or ");

  // The forcing file's structure is checked before compiling the model.
  if (!s.steps && s.camelsDir.empty() &&
      s.forcingPath.find("{basin}") == std::string::npos)
    if (Result<CsvTable> read = readForcingTable(s.forcingPath, csvOptions);
        !read)
      return reportError(read.error());

  Result<LoadedModel> model = obtainModel(s.modelPath, s.source);
  if (!model)
    return reportError(model.error());

  if (s.steps && !model->forcings().empty()) {
    std::string names;
    for (const dgm_variable &f : model->forcings())
      names += (names.empty() ? "" : ", ") + std::string(f.name);
    return reportError(Error{"model '" + std::string(model->name()) +
                             "' reads forcings (" + names +
                             "); --steps runs a model that reads none: give "
                             "--forcing FILE or --camels DIR"});
  }

  // --sim names the output to score and plot: a typo is an error now, not a
  // warning after the run. So is drawing the default Q of a model without.
  if ((s.simExplicit || !s.plotPath.empty()) &&
      !model->indexOf(VarKind::Output, s.simName)) {
    if (model->indexOf(VarKind::State, s.simName))
      return reportError(Error{
          "--sim: '" + s.simName + "' is a state of model '" +
          std::string(model->name()) +
          "', not an output; --sim picks the output to score and plot "
          "(states are in the summary, and in -o's CSV with --states)"});
    std::vector<std::string> outputs;
    for (const dgm_variable &v : model->outputs())
      outputs.push_back(v.name);
    std::string problem =
        s.simExplicit
            ? "--sim: model '" + std::string(model->name()) +
                  "' has no output '" + s.simName + "'" +
                  didYouMean(s.simName, outputs)
            : "--plot draws the output 'Q', which model '" +
                  std::string(model->name()) +
                  "' does not have; choose the output to draw with --sim "
                  "OUTPUT";
    return reportError(
        Error{problem + "\ndgm: note: its outputs are: " + joinNames(outputs)});
  }

  // Before any basin starts (with --params, it was found in the first).
  if (s.components > 1 && model->descriptor().default_components == 0)
    return reportError(Error{"model '" + std::string(model->name()) +
                             "' has no components (no 'components N;'), so it "
                             "runs with exactly 1, not " +
                             std::to_string(s.components)});

  std::vector<double> paramValues, initValues;
  for (const dgm_variable &p : model->params())
    paramValues.push_back(p.default_value);
  for (const dgm_variable &v : model->states())
    initValues.push_back(v.default_value);
  if (Result<void> ok =
          applyAssignments(*model, VarKind::Param, s.params, paramValues);
      !ok)
    return reportError(ok.error());
  if (Result<void> ok =
          applyAssignments(*model, VarKind::State, s.inits, initValues);
      !ok)
    return reportError(ok.error());

  std::set<std::size_t> explicitParams;
  for (const std::string &assignment : s.params)
    if (std::optional<std::size_t> p = model->indexOf(
            VarKind::Param, assignment.substr(0, assignment.find('='))))
      explicitParams.insert(*p);
  std::vector<BasinJob> jobs;
  if (s.paramsTable.empty()) {
    jobs.push_back({"", paramValues, explicitParams, {}});
  } else {
    Result<std::vector<BasinJob>> table =
        readParamsTable(*model, s.paramsTable, paramValues);
    if (!table)
      return reportError(table.error());
    jobs = std::move(*table);
    for (BasinJob &job : jobs)
      job.explicitParams.insert(explicitParams.begin(), explicitParams.end());
    // A parameter ensemble on one basin's data is legitimate, and a
    // forgotten {basin} is a common slip: say which it is.
    if (jobs.size() > 1 && s.camelsDir.empty() &&
        s.forcingPath.find("{basin}") == std::string::npos)
      reportNote("every row of '" + s.paramsTable + "' runs on the same "
                 "forcing file '" + s.forcingPath + "' (for a file per "
                 "basin, put '{basin}' in --forcing)");
  }

  // Refuse before any work, so that a long run does not end in these errors.
  if (Result<void> files = checkFilesBeforeRun(s, jobs, toFile); !files)
    return reportError(files.error());
  if (Result<void> lengths = checkWarmupBeforeRun(s, jobs); !lengths)
    return reportError(lengths.error());
  if (!s.plotPath.empty() && jobs.size() > 1 &&
      s.plotPath.find("{basin}") == std::string::npos)
    return reportError(Error{"--plot '" + s.plotPath + "' would hold one basin of " +
                             std::to_string(jobs.size()) +
                             "; put '{basin}' in the name for a file each"});
  for (const BasinJob &job : jobs)
    for (const std::string &pattern :
         {toFile ? *s.outputPath : std::string(), s.plotPath}) {
      if (pattern.empty())
        continue;
      std::string path = substituteBasin(pattern, job.id);
      if (std::optional<std::string> why = unwritablePathReason(path))
        return reportError(Error{"cannot write '" + path + "': " + *why});
    }
  if (!s.force)
    for (const BasinJob &job : jobs)
      for (const std::string &pattern :
           {perBasinFiles ? *s.outputPath : std::string(), s.plotPath}) {
        if (pattern.empty() ||
            (jobs.size() > 1 && pattern.find("{basin}") == std::string::npos))
          continue;
        std::string path = substituteBasin(pattern, job.id);
        if (wouldOverwrite(path))
          return reportError(Error{"refusing to overwrite '" + path +
                                   "'; pass --force to replace it"});
      }

  std::vector<BasinRun> runs;
  constexpr std::size_t kNonFiniteWarnings = 5;
  std::size_t nonFiniteRuns = 0;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    if (jobs.size() > 1)
      std::fprintf(stderr, "dgm: [%zu/%zu] basin %s\n", i + 1, jobs.size(),
                   jobs[i].id.c_str());
    Result<BasinRun> run =
        runBasin(*model, jobs[i], initValues, s, policy, csvOptions);
    if (!run) {
      Error e = run.takeError();
      if (!jobs[i].id.empty())
        e.message = "basin '" + jobs[i].id + "': " + e.message;
      return reportError(e);
    }
    // A table of many basins says the first few, then how many more.
    if (run->nonFiniteWarning && ++nonFiniteRuns <= kNonFiniteWarnings)
      reportWarning(*run->nonFiniteWarning);
    runs.push_back(std::move(*run));
  }
  if (nonFiniteRuns > kNonFiniteWarnings)
    reportWarning(std::to_string(nonFiniteRuns - kNonFiniteWarnings) +
                  " more basins have results that are not finite (NaN or "
                  "infinite); the warnings above show the first " +
                  std::to_string(kNonFiniteWarnings));

  if (!s.plotPath.empty()) {
    if (runs.size() > 1 && s.plotPath.find("{basin}") == std::string::npos)
      return reportError(Error{"--plot '" + s.plotPath +
                               "' would hold one basin of " +
                               std::to_string(runs.size()) +
                               "; put '{basin}' in the name for a file each"});
    for (const BasinRun &run : runs) {
      std::string path = substituteBasin(s.plotPath, run.id);
      // Checked before the run; checked again in case the file appeared.
      if (!s.force && wouldOverwrite(path))
        return reportError(Error{"'" + path + "' already exists"});
      std::string error;
      if (!writeChartImage(hydrograph(*model, run, s), path, error))
        return reportError(Error{error});
    }
  }

  auto report = [&](const BasinRun &run) {
    return RunReport{*model, run.results, run.data, run.first,
                     run.scores.lines};
  };
  if (runs.size() == 1 && s.paramsTable.empty()) {
    RunReport single = report(runs[0]);
    if (!s.outputPath)
      return writeStdout(formatSummary(single));
    std::string csv = formatResultCsv(single, s.states);
    if (!toFile) {
      for (const std::string &line : single.scores)
        std::fprintf(stderr, "dgm: %s\n", line.c_str());
      return writeStdout(csv);
    }
    Result<void> written = writeTextFile(
        *s.outputPath, csv, s.force ? Overwrite::Replace : Overwrite::Refuse);
    if (!written)
      return reportError(written.error());
    for (const std::string &line : single.scores)
      std::printf("%s\n", line.c_str());
    if (s.source.verbose)
      std::fprintf(stderr, "dgm: wrote %lld rows to '%s'\n",
                   static_cast<long long>(runs[0].results.numSteps),
                   s.outputPath->c_str());
    return 0;
  }

  // Several basins: a file each, or one long table with a basin column.
  std::string summary = formatBasinTable(runs, *model, s);
  if (!s.outputPath)
    return writeStdout(summary);
  if (perBasinFiles) {
    for (const BasinRun &run : runs) {
      std::string path = substituteBasin(*s.outputPath, run.id);
      Result<void> written =
          writeTextFile(path, formatResultCsv(report(run), s.states),
                        s.force ? Overwrite::Replace : Overwrite::Refuse);
      if (!written)
        return reportError(written.error());
    }
    return writeStdout(summary);
  }
  // One set of columns for all basins: a date column if any basin has
  // dates (named as in the first that has), empty for those without.
  std::optional<std::string> dateColumn;
  for (const BasinRun &run : runs)
    if (!run.data.dates.empty()) {
      dateColumn = run.data.dateColumn;
      break;
    }
  std::string csv;
  for (std::size_t i = 0; i < runs.size(); ++i)
    csv += formatResultCsv(report(runs[i]), s.states, runs[i].id,
                           /*header=*/i == 0, dateColumn);
  if (!toFile) {
    std::fputs(summary.c_str(), stderr);
    return writeStdout(csv);
  }
  Result<void> written = writeTextFile(
      *s.outputPath, csv, s.force ? Overwrite::Replace : Overwrite::Refuse);
  if (!written)
    return reportError(written.error());
  return writeStdout(summary);
}
} // namespace

int dgm::cli::runCommand(const std::vector<std::string> &args) {
  Result<ParsedArgs> parsed = parseArgs(runOptions, args);
  if (!parsed)
    return reportUsageError(parsed.error().message, runCommandName);
  if (parsed->has("help")) {
    printRunHelp();
    return 0;
  }
  RunSettings settings;
  if (int status = readSettings(*parsed, settings))
    return status;
  return run(settings);
}
