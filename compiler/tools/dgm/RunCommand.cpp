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
#include "Bindings.h"
#include "Messages.h"
#include "ModelSource.h"
#include "Options.h"
#include "Report.h"
#include "Suggest.h"

#include "dgm/runtime/CSV.h"
#include "dgm/runtime/File.h"
#include "dgm/runtime/Format.h"
#include "dgm/runtime/Simulation.h"

#include <charconv>
#include <cmath>
#include <cstdio>

using namespace dgm::cli;
using namespace dgm::rt;

namespace {

const OptionSpec runOptions[] = {
    {"forcing", 0, ArgKind::Value, "FILE",
     "CSV file of forcings: a header row of column names,\n"
     "then one row per time step. Each forcing is read from\n"
     "the column of its name; other columns are ignored"},
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
     "The number that marks a missing value (default: -999);\n"
     "empty cells, NA, NaN and nan are always missing"},
    {"allow-missing", 0, ArgKind::Flag, "",
     "Run even if a forcing has missing values: they enter\n"
     "the model as NaN (a warning says how many)"},
    {"verbose", 'v', ArgKind::Flag, "",
     "Say whether the compiled model came from the cache,\n"
     "and where it is"},
    {"help", 'h', ArgKind::Flag, "", "Show this help"},
};

constexpr const char *runCommandName = "dgm run";

void printRunHelp() {
  std::printf(
      "USAGE: dgm run MODEL --forcing FILE [options]\n"
      "\n"
      "Runs MODEL for one basin over every row of the forcing file. MODEL is "
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
      "\n"
      "OPTIONS:\n"
      "%s"
      "\n"
      "EXAMPLES:\n"
      "  dgm run hbv.dgm --forcing basin.csv\n"
      "  dgm run hbv.dgm --forcing basin.csv --param k=0.1 -o out.csv\n",
      formatOptionsHelp(runOptions).c_str());
}

/// The settings of one run, from the command line.
struct RunSettings {
  std::string modelPath;
  std::string forcingPath;
  std::vector<std::string> params, inits;
  std::optional<std::string> outputPath;
  bool states = false, force = false, allowMissing = false;
  std::optional<double> missingValue;
  ModelSourceOptions source;
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
  if (!forcing)
    return reportUsageError(
        "no --forcing FILE given; expected the CSV file of forcings",
        runCommandName);
  s.forcingPath = *forcing;
  s.params = args.values("param");
  s.inits = args.values("init");
  s.outputPath = args.value("output");
  s.states = args.has("states");
  s.force = args.has("force");
  s.allowMissing = args.has("allow-missing");
  s.source.verbose = args.has("verbose");
  s.source.noCache = args.has("no-cache");
  s.source.cacheDir = args.value("cache-dir").value_or("");
  if (std::optional<std::string> level = args.value("O")) {
    if (level->size() != 1 || (*level)[0] < '0' || (*level)[0] > '3')
      return reportUsageError("invalid optimisation level '-O" + *level +
                                  "'; expected -O0, -O1, -O2 or -O3",
                              runCommandName);
    s.source.optLevel = static_cast<unsigned>((*level)[0] - '0');
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

/// The forcing values of every model forcing, in the ABI layout for one
/// basin ([forcing][step]), or an error (a missing column, a cell that is
/// not a number, missing values without --allow-missing).
Result<std::vector<double>> readForcings(const LoadedModel &model,
                                         const CsvTable &table,
                                         const RunSettings &s,
                                         const CsvOptions &csvOptions) {
  std::vector<std::string> missingColumns, modelForcings;
  for (const dgm_variable &f : model.forcings()) {
    modelForcings.push_back(
        std::string(f.name) +
        (f.unit[0] ? std::string(" (") + f.unit + ")" : ""));
    if (!table.columnIndex(f.name))
      missingColumns.push_back(f.name);
  }
  if (!missingColumns.empty()) {
    std::string list;
    for (const std::string &c : missingColumns)
      list += (list.empty() ? "'" : ", '") + c + "'";
    std::string message =
        "'" + table.fileName() + "' has no column for " +
        (missingColumns.size() == 1 ? "forcing " : "forcings ") + list +
        " of model '" + std::string(model.name()) + "'";
    if (missingColumns.size() == 1)
      message += didYouMean(missingColumns[0], table.columnNames());
    message +=
        "\ndgm: note: the file's columns are: " +
        joinNames(table.columnNames()) +
        "\ndgm: note: the model's forcings are: " + joinNames(modelForcings);
    return Error{message};
  }

  // What counts as missing, for the message: the tokens and sentinels.
  std::string missingKinds = "empty, NA, NaN";
  for (double v : csvOptions.missingValues)
    missingKinds += ", " + formatNumber(v);
  if (std::size_t last = missingKinds.rfind(", "); last != std::string::npos)
    missingKinds.replace(last, 2, " or ");
  std::size_t steps = table.numRows();
  std::vector<double> values;
  values.reserve(model.forcings().size() * steps);
  for (const dgm_variable &f : model.forcings()) {
    Result<NumericColumn> column = table.numericColumn(f.name);
    if (!column)
      return column.takeError();
    if (column->missingCount > 0) {
      std::string count =
          std::to_string(column->missingCount) +
          (column->missingCount == 1 ? " missing value" : " missing values");
      if (!s.allowMissing)
        return Error{table.diagnostic(
                         column->firstMissingRow, *table.columnIndex(f.name),
                         "column '" + std::string(f.name) + "' has " + count +
                             " (" + missingKinds + "); the first is here") +
                     "\ndgm: note: fill them in, or pass --allow-missing to "
                     "run with NaN in their place"};
      reportWarning("column '" + std::string(f.name) + "' of '" +
                    table.fileName() + "' has " + count + " (first at line " +
                    std::to_string(column->firstMissingLine) +
                    "); they enter the model as NaN");
    }
    values.insert(values.end(), column->values.begin(), column->values.end());
  }
  return values;
}

/// Writes `text` to stdout, reporting a failed write (a full disk, a closed
/// pipe) instead of exiting 0.
int writeStdout(const std::string &text) {
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() ||
      std::fflush(stdout) != 0)
    return reportError(Error{"cannot write the results to stdout"});
  return 0;
}

int run(const RunSettings &s) {
  const bool toFile = s.outputPath && *s.outputPath != "-";
  if (s.states && !s.outputPath)
    reportWarning("--states adds columns to the CSV of -o; the summary shows "
                  "the states anyway");
  // Refuse before any work, so that a long run does not end in this error.
  if (toFile && !s.force && fileExists(*s.outputPath))
    return reportError(Error{"refusing to overwrite '" + *s.outputPath +
                             "'; pass --force to replace it"});

  CsvOptions csvOptions;
  if (s.missingValue)
    csvOptions.missingValues = {*s.missingValue};
  Result<CsvTable> table = CsvTable::readFile(s.forcingPath, csvOptions);
  if (!table)
    return reportError(table.error());

  if (table->numRows() == 0)
    return reportError(Error{"'" + s.forcingPath +
                             "' has a header but no data rows; expected one "
                             "row per time step"});

  Result<LoadedModel> model = obtainModel(s.modelPath, s.source);
  if (!model)
    return reportError(model.error());

  Result<SimulationInputs> inputs =
      makeInputs(*model, 1, static_cast<int64_t>(table->numRows()));
  if (!inputs)
    return reportError(inputs.error());
  if (Result<void> ok =
          applyAssignments(*model, VarKind::Param, s.params, inputs->params);
      !ok)
    return reportError(ok.error());
  if (Result<void> ok =
          applyAssignments(*model, VarKind::State, s.inits, inputs->initStates);
      !ok)
    return reportError(ok.error());
  if (Result<void> ok = checkAllParamsSet(*model, inputs->params); !ok)
    return reportError(ok.error());

  Result<std::vector<double>> forcings =
      readForcings(*model, *table, s, csvOptions);
  if (!forcings)
    return reportError(forcings.error());
  inputs->forcings = std::move(*forcings);

  SimulationOptions options;
  options.trajectory = true; // for --states and the summary's state columns
  Result<SimulationOutputs> results = simulate(*model, *inputs, options);
  if (!results)
    return reportError(results.error());

  RunReport report{*model, *results, *table, findTimeColumn(*table)};
  if (!s.outputPath)
    return writeStdout(formatSummary(report));
  std::string csv = formatResultCsv(report, s.states);
  if (!toFile)
    return writeStdout(csv);
  Result<void> written = writeTextFile(
      *s.outputPath, csv, s.force ? Overwrite::Replace : Overwrite::Refuse);
  if (!written)
    return reportError(written.error());
  if (s.source.verbose)
    std::fprintf(stderr, "dgm: wrote %zu rows to '%s'\n", table->numRows(),
                 s.outputPath->c_str());
  return 0;
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
