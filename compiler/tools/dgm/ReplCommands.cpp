//===- ReplCommands.cpp - The `:commands` of `dgm repl` -------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// One function per command, the table that names and documents them (:help
// prints it), and reading the basin data they run on.
//
//===----------------------------------------------------------------------===//

#include "ChartImage.h"
#include "Messages.h"
#include "ReplInput.h"
#include "ReplSession.h"
#include "ReplSupport.h"
#include "Report.h"
#include "Suggest.h"
#include "TerminalPlot.h"

#include "dgm/runtime/CSV.h"
#include "dgm/runtime/Camels.h"
#include "dgm/runtime/File.h"
#include "dgm/runtime/Format.h"
#include "dgm/runtime/Simulation.h"

#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <map>
#include <set>
#include <sys/ioctl.h>
#include <unistd.h>

using namespace dgm::cli;
using namespace dgm::cli::repl;
using namespace dgm::rt;
using dgm::driver::JitTimings;

namespace {

struct CommandInfo {
  const char *name;
  const char *arguments;
  const char *summary;
  bool (ReplSession::*run)(const std::vector<std::string> &);
};

/// The width of the terminal on stdout, or 80.
unsigned terminalWidth() {
  struct winsize size{};
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 &&
      size.ws_col >= 40)
    return size.ws_col;
  return 80;
}

/// "--force" and "-o FILE" among a command's arguments; the rest in order.
struct CommandArgs {
  std::vector<std::string> positionals;
  std::optional<std::string> output;
  bool force = false;
  bool states = false;
  std::optional<std::string> problem;
};

CommandArgs parseCommandArgs(const std::vector<std::string> &args,
                             std::initializer_list<std::string_view> flags) {
  CommandArgs parsed;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string &a = args[i];
    bool allowed = std::find(flags.begin(), flags.end(), a) != flags.end();
    if ((a == "-o" || a == "--output") && allowed) {
      if (i + 1 == args.size()) {
        parsed.problem = "'" + a + "' needs a file name after it";
        return parsed;
      }
      parsed.output = args[++i];
    } else if (a == "--force" && allowed) {
      parsed.force = true;
    } else if (a == "--states" && allowed) {
      parsed.states = true;
    } else if (a.starts_with("-") && a.size() > 1 && !std::isdigit(a[1])) {
      parsed.problem = "unknown option '" + a + "'";
      return parsed;
    } else {
      parsed.positionals.push_back(a);
    }
  }
  // Without -o they would do nothing, silently: say so before anything runs.
  for (auto [given, flag] : {std::pair{parsed.force, "--force"},
                             std::pair{parsed.states, "--states"}})
    if (given && !parsed.output) {
      parsed.problem = std::string(flag) +
                       " goes with -o FILE (it is about the file written), "
                       "as in '-o out.csv " +
                       flag + "'";
      return parsed;
    }
  return parsed;
}

/// The one argument as a whole number of steps, at least `minimum` (and at
/// most 1e8, so that a typo cannot ask for terabytes).
std::optional<int64_t> parseCount(const std::vector<std::string> &args,
                                  int64_t minimum) {
  double n = 0;
  if (args.size() != 1 || !parseNumber(args.front(), n) ||
      n < static_cast<double>(minimum) || n != std::floor(n) || n > 1e8)
    return std::nullopt;
  return static_cast<int64_t>(n);
}

/// Why -o FILE may not be written: its folder is missing, it is a folder,
/// or it exists and --force is not given. Checked before the run.
std::optional<std::string>
overwriteProblem(const CommandArgs &parsed,
                 const std::vector<std::string> &inputs) {
  if (!parsed.output || *parsed.output == "-")
    return std::nullopt;
  for (const std::string &input : inputs)
    if (!input.empty() && !isStreamFile(input) &&
        fileKey(input) == fileKey(*parsed.output))
      return "-o '" + *parsed.output + "' is the input '" + input +
             "'; results never replace an input, even with --force";
  if (std::optional<std::string> why = unwritablePathReason(*parsed.output))
    return "cannot write '" + *parsed.output + "': " + *why;
  if (parsed.force || !wouldOverwrite(*parsed.output))
    return std::nullopt;
  return "'" + *parsed.output + "' exists; add --force to replace it";
}

} // namespace

static const CommandInfo kCommands[] = {
    {"help", "[COMMAND]", "this list, or one command in detail",
     &ReplSession::cmdHelp},
    {"load", "FILE", "compile a .dgm model (in process) and make it current",
     &ReplSession::cmdLoad},
    {"reload", "", "compile the current model's file again (after editing it)",
     &ReplSession::cmdReload},
    {"forcing", "CSV [--calendar noleap] [--allow-missing]",
     "read the forcings (and observations) from a CSV file",
     &ReplSession::cmdForcing},
    {"camels", "DIR GAUGE",
     "read a CAMELS-US basin (forcings, PET, observed flow)",
     &ReplSession::cmdCamels},
    {"set", "NAME=VALUE ...",
     "set a parameter, or a state's initial value, for the next runs",
     &ReplSession::cmdSet},
    {"unset", "NAME ... | all", "back to the model's default values",
     &ReplSession::cmdUnset},
    {"warmup", "[STEPS]", "steps that only spin the states up (default 0)",
     &ReplSession::cmdWarmup},
    {"steps", "[N]",
     "how long to run a model that reads no forcings (default 365)",
     &ReplSession::cmdSteps},
    {"run", "[-o FILE [--states] [--force]]",
     "simulate and print a summary (and scores); -o writes the CSV",
     &ReplSession::cmdRun},
    {"params", "", "the model's parameters: unit, bounds, default, value",
     &ReplSession::cmdParams},
    {"states", "", "the model's states: unit, initial value",
     &ReplSession::cmdStates},
    {"outputs", "", "the model's outputs and their units",
     &ReplSession::cmdOutputs},
    {"forcings", "", "the model's forcings and their units",
     &ReplSession::cmdForcings},
    {"plot", "SERIES [OBS] [-o FILE.png|svg [--force]]",
     "chart a series of the last run (and observations) in the terminal, or "
     "as an image",
     &ReplSession::cmdPlot},
    {"show", "ast|mlir|lowered|llvm", "the current model at a compiler stage",
     &ReplSession::cmdShow},
    {"time", "on|off", "report compile and run times", &ReplSession::cmdTime},
    {"defs", "", "the functions, constants and imports typed so far",
     &ReplSession::cmdDefs},
    {"quit", "", "leave (also :q, :exit, Ctrl-D)", &ReplSession::cmdQuit},
};

std::string ReplSession::helpText() {
  std::string out =
      "Type .dgm text or a command.\n"
      "  an expression      is evaluated:  exp(0.5) * 3\n"
      "  fn/const/import    define names for what follows:  fn f(x) = x^2;\n"
      "  model NAME { ... } becomes the current model (several lines are "
      "fine)\n"
      "The standard library (pet, routing, smooth, units) is imported.\n"
      "\nCommands:\n";
  for (const CommandInfo &c : kCommands) {
    std::string head = std::string(":") + c.name;
    if (c.arguments[0])
      head += std::string(" ") + c.arguments;
    if (head.size() <= 30)
      out += "  " + head + std::string(31 - head.size(), ' ') + c.summary +
             "\n";
    else
      out += "  " + head + "\n" + std::string(33, ' ') + c.summary + "\n";
  }
  out += "\nA typical session:\n"
         "  :load examples/hbv/hbv.dgm\n"
         "  :forcing examples/data/01031500_daily.csv\n"
         "  :warmup 365\n"
         "  :set FC=250 BETA=2\n"
         "  :run\n"
         "  :plot Q Qobs\n";
  return out;
}

std::vector<std::string> ReplSession::commandNames() {
  std::vector<std::string> names;
  for (const CommandInfo &c : kCommands)
    names.push_back(c.name);
  return names;
}

bool ReplSession::runCommand(const std::string &line) {
  std::string_view rest = line;
  rest.remove_prefix(rest.find(':') + 1);
  if (std::optional<std::string> problem = unclosedQuote(rest)) {
    error(*problem);
    return false;
  }
  std::vector<std::string> words = splitWords(rest);
  if (words.empty()) {
    error("expected a command after ':'; type :help for the list");
    return false;
  }
  std::string name = words.front();
  std::vector<std::string> args(words.begin() + 1, words.end());
  if (name == "q" || name == "exit")
    name = "quit";
  if (name == "h" || name == "?")
    name = "help";
  for (const CommandInfo &c : kCommands) {
    if (name != c.name)
      continue;
    if (!c.arguments[0] && !args.empty()) {
      error(":" + name + " takes no arguments");
      return false;
    }
    return (this->*c.run)(args);
  }
  std::vector<std::string> names;
  for (const CommandInfo &c : kCommands)
    names.push_back(c.name);
  std::string suggestion = closestMatch(name, names);
  error("unknown command ':" + name + "'" +
        (suggestion.empty() ? "" : " (did you mean ':" + suggestion + "'?)") +
        "; type :help for the list");
  return false;
}

//===----------------------------------------------------------------------===//
// Commands
//===----------------------------------------------------------------------===//

bool ReplSession::cmdHelp(const std::vector<std::string> &args) {
  if (args.empty()) {
    std::fputs(helpText().c_str(), stdout);
    return true;
  }
  std::string name = args.front();
  if (name.starts_with(":"))
    name.erase(0, 1);
  std::vector<std::string> names;
  for (const CommandInfo &c : kCommands) {
    if (name == c.name) {
      std::printf(":%s %s\n  %s\n", c.name, c.arguments, c.summary);
      return true;
    }
    names.push_back(c.name);
  }
  error("no command ':" + name + "'" + didYouMean(name, names));
  return false;
}

bool ReplSession::requireModel() const {
  if (current.model)
    return true;
  error("no model yet; :load FILE, or type 'model NAME { ... }'");
  return false;
}

bool ReplSession::cmdLoad(const std::vector<std::string> &args) {
  if (args.size() != 1) {
    error(":load takes one file name, as in ':load examples/hbv/hbv.dgm'");
    return false;
  }
  JitTimings timings;
  CurrentModel compiled;
  compiled.file = args.front();
  compiled.jit = jitCompile(compiled.file, "", 0, timings);
  if (!compiled.jit) {
    keptAfterFailure("'" + compiled.file + "'");
    return false;
  }
  return adopt(std::move(compiled), timings);
}

bool ReplSession::cmdReload(const std::vector<std::string> &args) {
  if (!current.model || current.file.empty()) {
    error(":reload needs a model loaded from a file (:load FILE)");
    return false;
  }
  return cmdLoad({current.file});
}

const BasinData *ReplSession::basinData() {
  if (data)
    return &*data;
  if (!current.model)
    return nullptr;
  MissingPolicy policy;
  policy.kinds = "empty, NA, NaN, -999 or -9999";
  policy.allowMissing = allowMissing && source == DataSource::Csv;
  std::vector<std::string> extra{config.obsName.value_or("Qobs")};
  Result<BasinData> loaded = Error{"no data"};
  if (source == DataSource::Csv) {
    Result<CsvTable> table = CsvTable::readFile(csvPath);
    if (!table) {
      error(table.error().message);
      return nullptr;
    }
    if (table->numRows() == 0) {
      error("'" + csvPath + "' has a header but no data rows");
      return nullptr;
    }
    loaded = loadCsvBasin(*table, *current.model, extra, policy, calendar);
  } else if (source == DataSource::Camels) {
    loaded = loadCamelsBasin(camelsDir, gauge, *current.model, policy);
  } else if (current.model->forcings().empty()) {
    // A model that reads nothing (a decay, an ODE test) runs without data.
    BasinData none;
    none.description = "no forcings";
    none.numSteps = static_cast<std::size_t>(steps);
    loaded = std::move(none);
  } else {
    error("no forcings yet; :forcing CSV or :camels DIR GAUGE");
    return nullptr;
  }
  if (!loaded) {
    error(loaded.error().message);
    return nullptr;
  }
  data.emplace(std::move(*loaded));
  return &*data;
}

bool ReplSession::cmdForcing(const std::vector<std::string> &args) {
  // `:forcing FILE [--calendar standard|noleap] [--allow-missing]`, as dgm
  // run's options.
  CalendarKind newCalendar = CalendarKind::Standard;
  bool newAllowMissing = false;
  std::vector<std::string> files;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (arg == "--allow-missing") {
      newAllowMissing = true;
    } else if (arg == "--calendar" || arg.starts_with("--calendar=")) {
      std::string kind = arg == "--calendar"
                             ? (i + 1 < args.size() ? args[++i] : "")
                             : std::string(arg.substr(11));
      if (kind == "noleap" || kind == "365_day") {
        newCalendar = CalendarKind::NoLeap;
      } else if (kind != "standard" && kind != "gregorian" &&
                 kind != "proleptic_gregorian") {
        error("unknown --calendar '" + kind +
              "'; expected standard (gregorian) or noleap (365_day)");
        return false;
      }
    } else if (arg.starts_with("--")) {
      error("unknown option '" + args[i] +
            "' of :forcing; it takes --calendar noleap and --allow-missing");
      return false;
    } else {
      files.push_back(args[i]);
    }
  }
  if (files.size() != 1) {
    error(":forcing takes one CSV file (and optionally --calendar noleap, "
          "--allow-missing), as in ':forcing "
          "examples/data/01031500_daily.csv'");
    return false;
  }
  if (!fileExists(files.front())) {
    error("cannot read '" + files.front() + "': No such file or directory");
    return false;
  }
  // What can be told without a model, now rather than at the next :load.
  if (isDirectory(files.front())) {
    error("'" + files.front() + "' is a folder; :forcing takes a CSV file");
    return false;
  }
  if (files.front().ends_with(".dgm")) {
    error("'" + files.front() + "' is a model; load it with ':load " +
          files.front() + "', and give :forcing its data (a CSV file)");
    return false;
  }
  DataSource oldSource = source;
  std::string oldPath = csvPath;
  CalendarKind oldCalendar = calendar;
  bool oldAllowMissing = allowMissing;
  source = DataSource::Csv;
  csvPath = files.front();
  calendar = newCalendar;
  allowMissing = newAllowMissing;
  data.reset();
  lastRun.reset();
  if (!current.model) {
    note("'" + csvPath + "' is read when a model is loaded");
    return true;
  }
  if (!basinData()) {
    source = oldSource; // keep what worked before
    csvPath = oldPath;
    calendar = oldCalendar;
    allowMissing = oldAllowMissing;
    return false;
  }
  if (data)
    note(data->description + ": " + std::to_string(data->numSteps) +
         " steps" +
         (data->dates.empty()
              ? std::string()
              : ", " + data->dates.front() + " to " + data->dates.back()));
  return true;
}

bool ReplSession::cmdCamels(const std::vector<std::string> &args) {
  if (args.size() != 2) {
    error(":camels takes a folder and a gauge, as in ':camels "
          "examples/data/camels_us 01022500'");
    return false;
  }
  // The basin's files are found (not read) now, model or not.
  if (dgm::rt::Result<std::vector<std::string>> files =
          dgm::rt::camelsBasinInputFiles(args[0], args[1]);
      !files) {
    error(files.error().message);
    return false;
  }
  DataSource oldSource = source;
  std::string oldDir = camelsDir, oldGauge = gauge;
  source = DataSource::Camels;
  camelsDir = args[0];
  gauge = args[1];
  data.reset();
  lastRun.reset();
  if (!current.model) {
    note("CAMELS basin " + gauge + " is read when a model is loaded");
    return true;
  }
  if (!basinData()) {
    source = oldSource;
    camelsDir = oldDir;
    gauge = oldGauge;
    return false;
  }
  note(data->description + ": " + std::to_string(data->numSteps) + " steps" +
       (data->dates.empty()
            ? std::string()
            : ", " + data->dates.front() + " to " + data->dates.back()));
  return true;
}

bool ReplSession::cmdSet(const std::vector<std::string> &args) {
  if (!requireModel())
    return false;
  // "FC=300", "FC = 300" and "FC= 300" alike.
  std::string joined;
  for (const std::string &a : args)
    joined += a + " ";
  std::string compact;
  for (std::size_t i = 0; i < joined.size(); ++i) {
    if (joined[i] == ' ' &&
        ((i + 1 < joined.size() && joined[i + 1] == '=') ||
         (!compact.empty() && compact.back() == '=')))
      continue;
    compact += joined[i];
  }
  std::vector<std::string> assignments = splitWords(compact);
  if (assignments.empty()) {
    error(":set takes NAME=VALUE, as in ':set FC=250 BETA=2'");
    return false;
  }
  const LoadedModel &m = *current.model;
  // Check all before changing any: a typo leaves every value as it was.
  std::vector<std::pair<std::string, double>> params, inits;
  std::map<std::string, std::string> seen; // name -> its assignment
  for (const std::string &a : assignments) {
    std::size_t eq = a.find('=');
    if (eq == std::string::npos || eq == 0) {
      error("expected NAME=VALUE, found '" + a + "'");
      return false;
    }
    std::string name = a.substr(0, eq);
    if (auto [it, fresh] = seen.emplace(name, a); !fresh) {
      error("'" + name + "' is set twice: " + it->second + " and " + a);
      return false;
    }
    double value = 0;
    std::string text = a.substr(eq + 1);
    if (!parseNumber(text, value)) {
      auto [end, ec] =
          std::from_chars(text.data(), text.data() + text.size(), value);
      if (ec == std::errc::result_out_of_range &&
          end == text.data() + text.size())
        error(a + ": " + numberRangeProblem(text));
      else
        error("the value of " + name + " is not a number: '" + text + "'");
      return false;
    }
    if (!std::isfinite(value)) {
      error(a + ": expected a finite number");
      return false;
    }
    if (const dgm_variable *p = m.find(VarKind::Param, name)) {
      if (!(value >= p->lower && value <= p->upper)) {
        error("parameter " + name + " = " + shortest(value) +
              " is outside its bounds [" + formatNumber(p->lower) + ", " +
              formatNumber(p->upper) + "]");
        return false;
      }
      params.push_back({name, value});
    } else if (m.find(VarKind::State, name)) {
      if (!std::isfinite(value)) {
        error("the initial value of state " + name + " must be finite");
        return false;
      }
      inits.push_back({name, value});
    } else {
      std::vector<std::string> names;
      for (VarKind kind : {VarKind::Param, VarKind::State})
        for (const dgm_variable &v : m.variables(kind))
          names.push_back(v.name);
      std::string what;
      if (m.find(VarKind::Output, name))
        what = "; '" + name + "' is an output, computed by the model";
      else if (m.find(VarKind::Forcing, name))
        what = "; '" + name + "' is a forcing, read from the data";
      else
        what = didYouMean(name, names);
      error("model '" + std::string(m.name()) +
            "' has no parameter or state '" + name + "'" + what);
      return false;
    }
  }
  for (auto &[name, value] : params)
    paramValues[name] = value;
  for (auto &[name, value] : inits)
    initValues[name] = value;
  lastRun.reset();
  return true;
}

bool ReplSession::cmdUnset(const std::vector<std::string> &args) {
  if (args.empty()) {
    error(":unset takes names, or 'all'");
    return false;
  }
  if (args.size() == 1 && args.front() == "all") {
    paramValues.clear();
    initValues.clear();
    lastRun.reset();
    return true;
  }
  const LoadedModel *m = current.model ? &*current.model : nullptr;
  for (const std::string &name : args) {
    if (paramValues.count(name) || initValues.count(name))
      continue;
    if (m && !m->find(VarKind::Param, name) && !m->find(VarKind::State, name)) {
      std::vector<std::string> names;
      for (VarKind kind : {VarKind::Param, VarKind::State})
        for (const dgm_variable &v : m->variables(kind))
          names.push_back(v.name);
      error("model '" + std::string(m->name()) +
            "' has no parameter or state '" + name + "'" +
            didYouMean(name, names));
    } else {
      error("'" + name + "' was not set with :set");
    }
    return false;
  }
  for (const std::string &name : args) {
    paramValues.erase(name);
    initValues.erase(name);
  }
  lastRun.reset();
  return true;
}

bool ReplSession::cmdWarmup(const std::vector<std::string> &args) {
  if (args.empty()) {
    std::printf("warm-up: %lld steps\n",
                static_cast<long long>(config.warmup));
    return true;
  }
  std::optional<int64_t> count = parseCount(args, 0);
  if (!count) {
    error(":warmup takes a whole number of steps from 0 to 100000000, as in "
          "':warmup 365'");
    return false;
  }
  config.warmup = *count;
  lastRun.reset();
  return true;
}

Result<BasinRun> ReplSession::runCurrentModel(const BasinData &basin) const {
  const LoadedModel &m = *current.model;
  std::vector<double> params, inits;
  std::set<std::size_t> explicitParams;
  for (std::size_t p = 0; p < m.params().size(); ++p) {
    auto it = paramValues.find(m.params()[p].name);
    params.push_back(it != paramValues.end() ? it->second
                                             : m.params()[p].default_value);
    if (it != paramValues.end())
      explicitParams.insert(p);
  }
  for (const dgm_variable &v : m.states()) {
    auto it = initValues.find(v.name);
    inits.push_back(it != initValues.end() ? it->second : v.default_value);
  }
  Result<BasinRun> run =
      runOnBasin(m, basin, params, explicitParams, inits, config);
  if (run && run->nonFiniteWarning)
    reportWarning(*run->nonFiniteWarning);
  return run;
}

bool ReplSession::cmdSteps(const std::vector<std::string> &args) {
  if (args.empty()) {
    std::printf("steps without forcings: %lld\n",
                static_cast<long long>(steps));
    return true;
  }
  std::optional<int64_t> count = parseCount(args, 1);
  if (!count) {
    error(":steps takes a whole number of steps from 1 to 100000000, as in "
          "':steps 100'");
    return false;
  }
  steps = *count;
  if (source == DataSource::None)
    data.reset(); // the next run makes its steps anew
  lastRun.reset();
  return true;
}

bool ReplSession::cmdRun(const std::vector<std::string> &args) {
  CommandArgs parsed = parseCommandArgs(args, {"-o", "--output", "--force",
                                               "--states"});
  if (parsed.problem || !parsed.positionals.empty()) {
    error(parsed.problem.value_or(":run takes no arguments but -o FILE, "
                                  "--states and --force"));
    return false;
  }
  if (!requireModel())
    return false;
  if (std::optional<std::string> problem = overwriteProblem(parsed, inputFiles())) {
    error(*problem);
    return false;
  }
  const BasinData *basin = basinData();
  if (!basin)
    return false;
  // With -o - the CSV alone goes to standard output, as with `dgm run -o -`,
  // so that it can be piped; the summary and notes go to standard error.
  bool csvToStdout = parsed.output && *parsed.output == "-";
  std::FILE *summaryStream = csvToStdout ? stderr : stdout;
  if (!failedSince.empty())
    std::fprintf(summaryStream,
                 "note: running model '%s' as last compiled: %s did not "
                 "compile since\n",
                 std::string(current.model->name()).c_str(),
                 failedSince.c_str());
  auto start = std::chrono::steady_clock::now();
  Result<BasinRun> run = runCurrentModel(*basin);
  double elapsed = millisecondsSince(start);
  if (!run) {
    error(run.error().message);
    return false;
  }
  lastRun.emplace(std::move(*run));
  RunReport report{*current.model, lastRun->results, lastRun->data, lastRun->first,
                   lastRun->scores.lines};
  std::fputs(formatSummary(report).c_str(), summaryStream);
  if (timing)
    std::fprintf(summaryStream, "run: %.1f ms\n", elapsed);
  if (csvToStdout) {
    // As in `dgm run -o -`: the CSV on standard output.
    std::fputs(formatResultCsv(report, parsed.states).c_str(), stdout);
  } else if (parsed.output) {
    std::string csv = formatResultCsv(report, parsed.states);
    Result<void> written =
        writeTextFile(*parsed.output, csv,
                      parsed.force ? Overwrite::Replace : Overwrite::Refuse);
    if (!written) {
      error(written.error().message);
      return false;
    }
    note("wrote " + *parsed.output);
  }
  return true;
}

std::optional<std::vector<double>>
ReplSession::initialStatesFromParams() const {
  // A run of no steps: its final states are the initial ones, computed by
  // the model for the states that take theirs from the parameters.
  const LoadedModel &m = *current.model;
  Result<SimulationInputs> inputs = makeInputs(m, 1, 0, 1);
  if (!inputs)
    return std::nullopt;
  for (std::size_t p = 0; p < m.params().size(); ++p) {
    if (inputs->paramLayout.perStep(p))
      continue; // no steps, no values (and no part in an initial value)
    auto it = paramValues.find(m.params()[p].name);
    if (it != paramValues.end())
      inputs->params[inputs->paramLayout.at(p, 0, 0, 0)] = it->second;
  }
  Result<SimulationOutputs> run = simulate(m, *inputs);
  if (!run)
    return std::nullopt; // a parameter without a value, say
  std::vector<double> initial;
  for (std::size_t s = 0; s < m.states().size(); ++s)
    initial.push_back(run->finalState(s, 0));
  return initial;
}

bool ReplSession::cmdList(VarKind kind, const std::vector<std::string> &args) {
  if (!requireModel())
    return false;
  const LoadedModel &m = *current.model;
  auto vars = m.variables(kind);
  // The initial values of the states that compute theirs from the
  // parameters, as they are set now (once: a run of no steps).
  std::optional<std::vector<double>> initials;
  if (kind == VarKind::State &&
      std::any_of(vars.begin(), vars.end(), [](const dgm_variable &v) {
        return (v.flags & DGM_INIT_FROM_PARAMS) != 0;
      }))
    initials = initialStatesFromParams();
  if (vars.empty()) {
    std::printf("model '%s' has no %s\n", std::string(m.name()).c_str(),
                kindNamePlural(kind));
    return true;
  }
  std::vector<std::vector<std::string>> rows;
  if (kind == VarKind::Param)
    rows.push_back({"parameter", "unit", "bounds", "default", "value", ""});
  else if (kind == VarKind::State)
    rows.push_back({"state", "unit", "initial", "value", ""});
  else
    rows.push_back({kindName(kind), "unit", ""});
  for (const dgm_variable &v : vars) {
    std::string flags;
    if (v.flags & DGM_DYNAMIC)
      flags += "dynamic ";
    if ((v.flags & DGM_PER_COMPONENT) && defaultComponents(m) > 1)
      flags += "per component ";
    std::string description = flags + (v.description ? v.description : "");
    if (kind == VarKind::Param) {
      auto it = paramValues.find(v.name);
      rows.push_back({v.name, v.unit,
                      "[" + formatNumber(v.lower) + ", " +
                          formatNumber(v.upper) + "]",
                      std::isnan(v.default_value)
                          ? "-"
                          : formatNumber(v.default_value),
                      it == paramValues.end() ? "" : shortest(it->second),
                      description});
    } else if (kind == VarKind::State) {
      auto it = initValues.find(v.name);
      std::string initial = formatNumber(v.default_value);
      if (v.flags & DGM_INIT_FROM_PARAMS)
        initial = initials
                      ? formatNumber((*initials)[v.index]) + " (from params)"
                      : "from params";
      rows.push_back({v.name, v.unit, initial,
                      it == initValues.end() ? "" : shortest(it->second),
                      description});
    } else {
      rows.push_back({v.name, v.unit, description});
    }
  }
  std::vector<std::size_t> widths(rows.front().size(), 0);
  for (const auto &row : rows)
    for (std::size_t c = 0; c < row.size(); ++c)
      widths[c] = std::max(widths[c], row[c].size());
  for (const auto &row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size())
        line += std::string(widths[c] - row[c].size() + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ')
      line.pop_back();
    std::printf("%s\n", line.c_str());
  }
  return true;
}

bool ReplSession::cmdPlot(const std::vector<std::string> &args) {
  CommandArgs parsed =
      parseCommandArgs(args, {"-o", "--output", "--force"});
  if (parsed.problem) {
    error(*parsed.problem);
    return false;
  }
  if (parsed.positionals.empty() || parsed.positionals.size() > 2) {
    error(":plot takes a series and, optionally, observations: ':plot Q "
          "Qobs', ':plot SM -o sm.png'");
    return false;
  }
  if (!requireModel())
    return false;
  if (std::optional<std::string> problem = overwriteProblem(parsed, inputFiles())) {
    error(*problem);
    return false;
  }
  if (!lastRun) {
    // Plotting is the reason to run: do it rather than ask for :run.
    const BasinData *basin = basinData();
    if (!basin)
      return false;
    Result<BasinRun> run = runCurrentModel(*basin);
    if (!run) {
      error(run.error().message);
      return false;
    }
    lastRun.emplace(std::move(*run));
  }
  const LoadedModel &m = *current.model;
  const SimulationOutputs &res = lastRun->results;
  LineChart chart;
  chart.title = std::string(m.name()) + " on " + lastRun->data.description;
  for (std::size_t t = lastRun->first; t < lastRun->data.dates.size(); ++t)
    chart.xLabels.push_back(lastRun->data.dates[t]);
  std::vector<std::string> known;
  for (std::size_t i = 0; i < parsed.positionals.size(); ++i) {
    const std::string &name = parsed.positionals[i];
    PlotSeries series{name, {}};
    std::string unit;
    if (std::optional<std::size_t> o = m.indexOf(VarKind::Output, name)) {
      const dgm_variable &var = m.outputs()[*o];
      unit = var.unit;
      series.values = componentMean(m, res, VarKind::Output, *o);
      if ((var.flags & DGM_PER_COMPONENT) && res.numComponents > 1)
        series.name += " (mean of " + std::to_string(res.numComponents) + ")";
    } else if (std::optional<std::size_t> s =
                   m.indexOf(VarKind::State, name)) {
      unit = m.states()[*s].unit;
      series.values = componentMean(m, res, VarKind::State, *s);
      if (res.numComponents > 1)
        series.name += " (mean of " + std::to_string(res.numComponents) + ")";
    } else if (const std::vector<double> *v = lastRun->data.find(name)) {
      series.values.assign(v->begin() + static_cast<long>(lastRun->first),
                           v->end());
      if (const dgm_variable *f = m.find(VarKind::Forcing, name))
        unit = f->unit;
    } else {
      for (VarKind kind : {VarKind::Output, VarKind::State})
        for (const dgm_variable &v : m.variables(kind))
          known.push_back(v.name);
      for (const auto &[series, values] : lastRun->data.series)
        known.push_back(series);
      std::string suggestion = closestMatch(name, known);
      error("no series '" + name + "' to plot" +
            (suggestion.empty() ? "" : " (did you mean '" + suggestion + "'?)") +
            "; outputs, states and the data's columns can be plotted");
      return false;
    }
    if (i == 0)
      chart.yLabel = name + (unit.empty() ? "" : " (" + unit + ")");
    chart.series.push_back(std::move(series));
  }
  if (parsed.output) {
    // An image has room for the score in its title; a terminal line not.
    if (!lastRun->scores.lines.empty())
      chart.title += ": " + lastRun->scores.lines.front();
    std::string problem;
    if (!writeChartImage(chart, *parsed.output, problem)) {
      error(problem);
      return false;
    }
    note("wrote " + *parsed.output);
    return true;
  }
  TerminalChartOptions chartOptions;
  chartOptions.width = std::min(terminalWidth(), 120u);
  chartOptions.color = options.color;
  std::fputs(renderTerminalChart(chart, chartOptions).c_str(), stdout);
  return true;
}

bool ReplSession::cmdShow(const std::vector<std::string> &args) {
  static const char *stages[] = {"ast", "mlir", "lowered", "llvm"};
  if (args.size() != 1 ||
      std::none_of(std::begin(stages), std::end(stages),
                   [&](const char *s) { return args.front() == s; })) {
    error(":show takes one of ast, mlir, lowered, llvm");
    return false;
  }
  if (!requireModel())
    return false;
  driver::CompileOptions compile;
  compile.emit = *driver::parseEmitKind(args.front());
  compile.optLevel = options.optLevel;
  compile.scalarBits = options.scalarBits;
  compile.importPaths = options.importPaths;
  unsigned prefixLines = 0;
  if (current.file.empty()) {
    compile.inputFile = kReplBuffer;
    compile.sourceText = assemble(current.text, prefixLines);
  } else {
    compile.inputFile = current.file;
  }
  std::string text, messages;
  llvm::raw_string_ostream textOS(text), diagOS(messages);
  bool ok = driver::compile(compile, textOS, diagOS);
  textOS.flush();
  diagOS.flush();
  std::fputs(text.c_str(), stdout);
  std::fflush(stdout);
  std::fputs(renumber(messages, prefixLines).c_str(), stderr);
  return ok;
}

bool ReplSession::cmdTime(const std::vector<std::string> &args) {
  if (args.size() == 1 && (args.front() == "on" || args.front() == "off")) {
    timing = args.front() == "on";
    return true;
  }
  if (args.empty()) {
    std::printf("timing is %s\n", timing ? "on" : "off");
    return true;
  }
  error(":time takes 'on' or 'off'");
  return false;
}

bool ReplSession::cmdDefs(const std::vector<std::string> &args) {
  if (definitions.empty())
    note("no definitions yet (fn, const and import typed here)");
  for (const Definition &d : definitions)
    std::printf("%s\n", d.text.c_str());
  return true;
}

bool ReplSession::cmdQuit(const std::vector<std::string> &args) {
  quit = true;
  return true;
}

