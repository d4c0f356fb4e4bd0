//===- ReplSession.h - The state and commands of `dgm repl` -----*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// One REPL session: the definitions typed so far, the current model
// (compiled in process by the JIT, dgm/Driver/Jit.h), the basin data, the
// parameter and initial-state values set with :set, and the last run. Each
// complete input (a command line, or .dgm text the reader has gathered until
// its brackets close) goes to execute(); an error is printed, execute()
// returns false and the session goes on with its state intact.
//
// Typed .dgm text is compiled with the session's definitions and the whole
// standard library in front of it, in one buffer named "<repl>"; messages
// are renumbered so that their lines count from the start of the input the
// user typed.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_TOOLS_DGM_REPLSESSION_H
#define DGM_TOOLS_DGM_REPLSESSION_H

#include "BasinData.h"
#include "BasinRun.h"

#include "dgm/Driver/Jit.h"
#include "dgm/runtime/Model.h"

#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dgm::cli {

struct ReplOptions {
  /// ANSI colours in charts and messages (a terminal that wants them).
  bool color = false;
  unsigned optLevel = 2;
  unsigned scalarBits = 64;
  /// dgmc -I: folders searched by `import`.
  std::vector<std::string> importPaths;
};

class ReplSession {
public:
  explicit ReplSession(ReplOptions options);
  ~ReplSession();

  /// Runs one complete input. Returns false after reporting an error.
  bool execute(const std::string &input);
  /// :quit was given.
  bool finished() const { return quit; }

  /// Candidates for the word that ends `lineBeforeCursor`: commands after
  /// ':', file names after :load/:forcing/:camels, parameter and state
  /// names after :set, output names after :plot, and otherwise the names an
  /// expression may use (functions, constants, the model's variables).
  std::vector<std::string> complete(std::string_view lineBeforeCursor) const;

  /// The text of :help (every command), for `dgm repl --help` too.
  static std::string helpText();
  /// The commands' names, without ':'.
  static std::vector<std::string> commandNames();

  // The commands, one per `:name` (public so that the command table in
  // ReplSession.cpp can name them). Each prints its own errors.
  bool cmdHelp(const std::vector<std::string> &args);
  bool cmdLoad(const std::vector<std::string> &args);
  bool cmdReload(const std::vector<std::string> &args);
  bool cmdForcing(const std::vector<std::string> &args);
  bool cmdCamels(const std::vector<std::string> &args);
  bool cmdSet(const std::vector<std::string> &args);
  bool cmdUnset(const std::vector<std::string> &args);
  bool cmdWarmup(const std::vector<std::string> &args);
  bool cmdSteps(const std::vector<std::string> &args);
  bool cmdRun(const std::vector<std::string> &args);
  bool cmdParams(const std::vector<std::string> &args) {
    return cmdList(dgm::rt::VarKind::Param, args);
  }
  bool cmdStates(const std::vector<std::string> &args) {
    return cmdList(dgm::rt::VarKind::State, args);
  }
  bool cmdOutputs(const std::vector<std::string> &args) {
    return cmdList(dgm::rt::VarKind::Output, args);
  }
  bool cmdForcings(const std::vector<std::string> &args) {
    return cmdList(dgm::rt::VarKind::Forcing, args);
  }
  /// :params, :states, :outputs, :forcings: a table of the variables.
  bool cmdList(dgm::rt::VarKind kind, const std::vector<std::string> &args);
  bool cmdPlot(const std::vector<std::string> &args);
  bool cmdShow(const std::vector<std::string> &args);
  bool cmdTime(const std::vector<std::string> &args);
  bool cmdDefs(const std::vector<std::string> &args);
  bool cmdQuit(const std::vector<std::string> &args);


private:
  struct Definition {
    std::string name; ///< "" for an import
    std::string text;
  };
  /// Where the current model came from and what it compiled to.
  struct CurrentModel {
    std::string file; ///< :load FILE, or "" when typed
    std::string text; ///< the typed model, or "" for a file
    std::unique_ptr<driver::JitModel> jit;
    std::optional<dgm::rt::LoadedModel> model;
  };
  enum class DataSource { None, Csv, Camels };

  /// The files the session reads: the model's and the CSV data's.
  std::vector<std::string> inputFiles() const {
    return {current.file, source == DataSource::Csv ? csvPath : ""};
  }
  bool runCommand(const std::string &line);
  bool evaluateExpression(const std::string &text);
  /// Whether `expr` compiles as a condition (a comparison, and/or/not).
  bool isTruthValue(const std::string &expr) const;
  bool addDefinition(const std::string &text);
  bool defineModel(const std::string &text);

  /// The session's definitions and the standard library, then `text`;
  /// `prefixLines` is set to the lines before `text`.
  std::string assemble(std::string_view text, unsigned &prefixLines) const;
  /// Compiles `source` (from assemble, or a file when `file` is set) into
  /// the process, printing renumbered diagnostics on failure. With
  /// `expression`, `source` wraps that typed expression in a model whose
  /// first line is the last of the prefix: messages about the wrapper are
  /// told as about the expression (hideExpressionWrapper).
  std::unique_ptr<driver::JitModel>
  jitCompile(const std::string &file, const std::string &source,
             unsigned prefixLines, driver::JitTimings &timings,
             std::string_view expression = {});
  /// Makes `compiled` the current model; keeps the :set values it still has.
  bool adopt(CurrentModel compiled, const driver::JitTimings &timings);
  /// The initial states with the parameters set now (for the states that
  /// compute theirs from parameters), or nullopt if the model cannot run.
  std::optional<std::vector<double>> initialStatesFromParams() const;
  /// After `what` failed to compile: the loaded model, if any, stays, and
  /// the session says so (now, and at each :run until a model compiles).
  void keptAfterFailure(const std::string &what);
  /// Loads the basin series for the current model (cached until either
  /// changes).
  const BasinData *basinData();
  bool requireModel() const;
  /// Runs the current model on `basin` with the values set by :set.
  dgm::rt::Result<BasinRun> runCurrentModel(const BasinData &basin) const;
  void error(const std::string &message) const;
  void note(const std::string &message) const;
  void printTimes(const char *what, double milliseconds) const;

  ReplOptions options;
  /// The standard library's functions and constants, read at the first
  /// completion that needs them.
  mutable std::optional<std::vector<std::string>> stdlibNames;
  std::vector<Definition> definitions;
  CurrentModel current;
  DataSource source = DataSource::None;
  std::string csvPath, camelsDir, gauge;
  /// The calendar of csvPath's dates (`:forcing FILE --calendar noleap`).
  dgm::rt::CalendarKind calendar = dgm::rt::CalendarKind::Standard;
  /// Missing forcing values enter as NaN (`:forcing FILE --allow-missing`).
  bool allowMissing = false;
  std::optional<BasinData> data; ///< the series for the current model
  std::map<std::string, double> paramValues, initValues; ///< from :set
  RunConfig config;
  int64_t steps = 365; ///< :steps, for a model without forcings
  std::optional<BasinRun> lastRun;
  /// Set when a :load, :reload or typed model failed to compile while a
  /// model was loaded: what failed, so that :run says it runs the model as
  /// last compiled and not the text on screen. Cleared by the next success.
  std::string failedSince;
  bool timing = false;
  bool quit = false;
};

} // namespace dgm::cli

#endif // DGM_TOOLS_DGM_REPLSESSION_H
