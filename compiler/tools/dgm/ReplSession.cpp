//===- ReplSession.cpp - The state of a `dgm repl` session ----------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Typed .dgm text (expressions, definitions, models), adopting a compiled
// model, and TAB completion. The commands are in ReplCommands.cpp.
//
//===----------------------------------------------------------------------===//

#include "ReplSession.h"
#include "LineEditor.h"
#include "ReplInput.h"
#include "ReplSupport.h"
#include "Suggest.h"

#include "dgm/Parse/Imports.h"
#include "dgm/Sema/Sema.h"
#include "dgm/runtime/Simulation.h"

#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <fstream>

using namespace dgm::cli;
using namespace dgm::cli::repl;
using namespace dgm::rt;
using dgm::driver::JitModel;
using dgm::driver::JitTimings;

namespace {
/// The standard library, imported in front of everything typed.
constexpr const char *kStdlibImports =
    "import pet; import routing; import smooth; import units;\n";
constexpr const char *kStdlibModules[] = {"pet", "routing", "smooth", "units"};

/// The functions and constants the standard library's modules define (for
/// TAB completion): the names after `fn` and `const` at the start of a line
/// of each module, found on the import search path.
std::vector<std::string>
libraryNames(const std::vector<std::string> &importPaths) {
  std::vector<std::string> names;
  std::vector<std::string> path = dgm::defaultImportSearchPath(importPaths);
  for (const char *module : kStdlibModules)
    for (const std::string &dir : path) {
      std::ifstream in(dir + "/" + module + ".dgm");
      if (!in)
        continue;
      std::string line;
      while (std::getline(in, line)) {
        std::size_t at = line.find_first_not_of(" \t");
        if (at == std::string::npos)
          continue;
        std::string_view rest = std::string_view(line).substr(at);
        for (std::string_view keyword : {"fn ", "const "})
          if (rest.starts_with(keyword)) {
            std::string_view name = rest.substr(keyword.size());
            std::size_t end = 0;
            while (end < name.size() &&
                   (std::isalnum(static_cast<unsigned char>(name[end])) ||
                    name[end] == '_'))
              ++end;
            if (end > 0)
              names.emplace_back(name.substr(0, end));
          }
      }
      break; // the first module of that name, as import finds it
    }
  return names;
}
} // namespace

ReplSession::ReplSession(ReplOptions options) : options(std::move(options)) {
  config.setParam = ":set";
  config.noWarmup = ":warmup 0";
}
ReplSession::~ReplSession() = default;

void ReplSession::error(const std::string &message) const {
  std::fflush(stdout);
  // A located message ("data.csv:3:14: error: ...") carries its own label.
  std::string firstLine = message.substr(0, message.find('\n'));
  if (firstLine.find(": error: ") != std::string::npos) {
    std::fprintf(stderr, "%s\n", message.c_str());
    return;
  }
  std::fprintf(stderr, "%serror:%s %s\n", options.color ? "\033[1;31m" : "",
               options.color ? "\033[0m" : "", message.c_str());
}

void ReplSession::note(const std::string &message) const {
  std::printf("%s\n", message.c_str());
}

void ReplSession::printTimes(const char *what, double milliseconds) const {
  if (timing)
    std::printf("%s: %.1f ms\n", what, milliseconds);
}

bool ReplSession::execute(const std::string &input) {
  switch (classifyInput(input)) {
  case InputKind::Empty:
    return true;
  case InputKind::Command:
    return runCommand(input);
  case InputKind::Model:
    return defineModel(input);
  case InputKind::Definition:
    return addDefinition(input);
  case InputKind::Expression:
    return evaluateExpression(input);
  }
  return false;
}

//===----------------------------------------------------------------------===//
// .dgm text
//===----------------------------------------------------------------------===//

std::string ReplSession::assemble(std::string_view text,
                                  unsigned &prefixLines) const {
  std::string source = kStdlibImports;
  for (const Definition &d : definitions)
    source += d.text + "\n";
  prefixLines = countLines(source);
  source += text;
  source += "\n";
  return source;
}

std::unique_ptr<JitModel> ReplSession::jitCompile(const std::string &file,
                                                  const std::string &source,
                                                  unsigned prefixLines,
                                                  JitTimings &timings,
                                                  std::string_view expression) {
  driver::CompileOptions compile;
  compile.optLevel = options.optLevel;
  compile.scalarBits = options.scalarBits;
  compile.importPaths = options.importPaths;
  if (file.empty()) {
    compile.inputFile = kReplBuffer;
    compile.sourceText = source;
  } else {
    compile.inputFile = file;
  }
  std::string messages;
  llvm::raw_string_ostream diagOS(messages);
  std::unique_ptr<JitModel> jit =
      driver::compileJit(compile, diagOS, &timings);
  diagOS.flush();
  std::fflush(stdout);
  if (file.empty())
    messages = renumber(messages, prefixLines);
  if (!expression.empty())
    messages = hideExpressionWrapper(messages, prefixLines, expression);
  std::fputs(messages.c_str(), stderr);
  return jit;
}

bool ReplSession::evaluateExpression(const std::string &text) {
  std::string expr = text;
  while (!expr.empty() && std::isspace(static_cast<unsigned char>(expr.back())))
    expr.pop_back();
  if (!expr.empty() && expr.back() == ';')
    expr.pop_back();
  if (std::string shape = expressionShapeError(expr); !shape.empty()) {
    std::fflush(stdout);
    std::fprintf(stderr, "%s\n", shape.c_str());
    return false;
  }
  if (expr.find_first_not_of(" \t\r\n") == std::string::npos)
    return true; // a lone ';': nothing to evaluate
  // The expression on a line of its own, so that messages point into it,
  // and in parentheses, so that it cannot end the statement and add others
  // ("1; value = 5"). A truth value ("1 < 2") is told apart by a first check
  // that wraps the expression as a condition.
  bool truth = isTruthValue(expr);
  unsigned prefixLines = 0;
  std::string source = assemble(
      truth ? "model __repl { output __repl_value; step { __repl_value = if (\n" + expr +
                  "\n) then 1 else 0; } }"
            : "model __repl { output __repl_value; step { __repl_value = (\n" + expr +
                  "\n); } }",
      prefixLines);
  ++prefixLines;
  JitTimings timings;
  std::unique_ptr<JitModel> jit =
      jitCompile("", source, prefixLines, timings, expr);
  if (!jit)
    return false;
  auto start = std::chrono::steady_clock::now();
  Result<LoadedModel> model =
      LoadedModel::fromDescriptor(jit->descriptor(), kReplBuffer);
  if (!model) {
    error(model.error().message);
    return false;
  }
  Result<SimulationInputs> in = makeInputs(*model, 1, 1);
  if (!in) {
    error(in.error().message);
    return false;
  }
  Result<SimulationOutputs> out = simulate(*model, *in);
  if (!out) {
    error(out.error().message);
    return false;
  }
  double value = out->output(0, 0, 0);
  std::printf("%s\n", truth ? (value != 0 ? "true" : "false")
                            : shortest(value).c_str());
  printTimes("compile", timings.total());
  printTimes("run", millisecondsSince(start));
  return true;
}

bool ReplSession::isTruthValue(const std::string &expr) const {
  unsigned prefixLines = 0;
  driver::CompileOptions compile;
  compile.inputFile = kReplBuffer;
  compile.sourceText = assemble(
      "model __repl { output __repl_value; step { __repl_value = if (\n" + expr +
          "\n) then 1 else 0; } }",
      prefixLines);
  compile.importPaths = options.importPaths;
  compile.emit = driver::EmitKind::MLIR;
  return driver::compile(compile, llvm::nulls(), llvm::nulls());
}

bool ReplSession::addDefinition(const std::string &text) {
  std::string name = definedName(text);
  std::string trimmed = text;
  while (!trimmed.empty() &&
         std::isspace(static_cast<unsigned char>(trimmed.back())))
    trimmed.pop_back();
  // A new definition of a name replaces the old one, as in any REPL: in
  // its place first, so that definitions after it that use the name still
  // see it above them (`fn g..; fn h(x) = g(x) + 1; fn g..` redefines g
  // under h). If it does not fit there (it uses something defined later),
  // it goes last, like a new one.
  std::vector<Definition> kept;
  for (const Definition &d : definitions)
    if (name.empty() || d.name != name)
      kept.push_back(d);
  bool replaced = kept.size() < definitions.size();
  if (replaced) {
    std::vector<Definition> inPlace;
    bool placed = false;
    for (const Definition &d : definitions)
      if (d.name != name)
        inPlace.push_back(d);
      else if (!placed)
        inPlace.push_back({name, trimmed}), placed = true;
    std::swap(definitions, inPlace);
    unsigned lines = 0;
    driver::CompileOptions compile;
    compile.inputFile = kReplBuffer;
    compile.sourceText = assemble("", lines);
    compile.importPaths = options.importPaths;
    if (driver::checkDefinitions(compile, llvm::nulls())) {
      note("redefined " + name);
      return true;
    }
    std::swap(definitions, inPlace); // as it was; try it last, below
  }
  std::swap(definitions, kept);
  unsigned prefixLines = 0;
  driver::CompileOptions compile;
  compile.inputFile = kReplBuffer;
  compile.sourceText = assemble(trimmed, prefixLines);
  compile.importPaths = options.importPaths;
  std::string messages;
  llvm::raw_string_ostream diagOS(messages);
  bool ok = driver::checkDefinitions(compile, diagOS);
  diagOS.flush();
  std::fflush(stdout);
  std::fputs(renumber(messages, prefixLines).c_str(), stderr);
  if (!ok) {
    std::swap(definitions, kept); // keep the session as it was
    return false;
  }
  definitions.push_back({name, trimmed});
  if (replaced)
    note("redefined " + name);
  return true;
}

bool ReplSession::defineModel(const std::string &text) {
  unsigned prefixLines = 0;
  std::string source = assemble(text, prefixLines);
  JitTimings timings;
  CurrentModel compiled;
  compiled.jit = jitCompile("", source, prefixLines, timings);
  if (!compiled.jit) {
    keptAfterFailure("the model typed last");
    return false;
  }
  compiled.text = text;
  return adopt(std::move(compiled), timings);
}

void ReplSession::keptAfterFailure(const std::string &what) {
  if (!current.model)
    return;
  failedSince = what;
  note("model '" + std::string(current.model->name()) +
       "' stays loaded as it was last compiled");
}

bool ReplSession::adopt(CurrentModel compiled, const JitTimings &timings) {
  Result<LoadedModel> loaded = LoadedModel::fromDescriptor(
      compiled.jit->descriptor(),
      compiled.file.empty() ? kReplBuffer : compiled.file);
  if (!loaded) {
    error(loaded.error().message);
    return false;
  }
  compiled.model.emplace(std::move(*loaded));
  const LoadedModel &m = *compiled.model;
  // Values set for the previous model carry over where the names still
  // exist (reloading an edited file keeps them).
  std::vector<std::string> dropped;
  auto keep = [&](std::map<std::string, double> &values, VarKind kind) {
    for (auto it = values.begin(); it != values.end();)
      if (m.find(kind, it->first)) {
        ++it;
      } else {
        dropped.push_back(it->first);
        it = values.erase(it);
      }
  };
  keep(paramValues, VarKind::Param);
  keep(initValues, VarKind::State);
  current = std::move(compiled);
  failedSince.clear();
  data.reset();
  lastRun.reset();
  const LoadedModel &model = *current.model;
  std::string summary = "model " + std::string(model.name()) + ": ";
  auto count = [](std::size_t n, const char *one, const char *many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
  };
  summary += count(model.forcings().size(), "forcing", "forcings") + ", " +
             count(model.params().size(), "parameter", "parameters") + ", " +
             count(model.states().size(), "state", "states") + ", " +
             count(model.outputs().size(), "output", "outputs");
  if (int64_t c = defaultComponents(model); c > 1)
    summary += ", " + std::to_string(c) + " components";
  note(summary);
  if (!dropped.empty())
    note("dropped values set for names the model no longer has: " +
         joinNames(dropped));
  if (timing)
    std::printf("compile: %.1f ms (front end %.1f, lowering %.1f, LLVM and "
                "machine code %.1f)\n",
                timings.total(), timings.frontEnd, timings.lowering,
                timings.codegen);
  // Read the data for the new model now, so a missing forcing shows at once.
  if (source != DataSource::None && !basinData())
    return false;
  return true;
}

//===----------------------------------------------------------------------===//
// Completion
//===----------------------------------------------------------------------===//

std::vector<std::string>
ReplSession::complete(std::string_view lineBeforeCursor) const {
  std::vector<std::string> candidates;
  std::string_view line = lineBeforeCursor;
  auto addMatching = [&](std::string_view prefix, const std::string &name) {
    if (name.starts_with(prefix) &&
        std::find(candidates.begin(), candidates.end(), name) ==
            candidates.end())
      candidates.push_back(name);
  };
  std::size_t firstNonBlank = line.find_first_not_of(" \t");
  bool command = firstNonBlank != std::string_view::npos &&
                 line[firstNonBlank] == ':';
  if (command) {
    std::size_t space = line.find_first_of(" \t", firstNonBlank);
    if (space == std::string_view::npos) {
      for (const std::string &c : commandNames())
        addMatching(line.substr(firstNonBlank), ":" + c);
      return candidates;
    }
    std::string name(line.substr(firstNonBlank + 1, space - firstNonBlank - 1));
    std::size_t wordStart = line.find_last_of(" \t") + 1;
    std::string_view word = line.substr(wordStart);
    std::vector<std::string> before = splitWords(line.substr(space, wordStart - space));
    bool afterOutput = !before.empty() && before.back() == "-o";
    if (afterOutput || (name == "camels" && before.empty()))
      return completeFileName(word);
    if (name == "load" || name == "forcing") {
      // Folders, and the files the command reads: .dgm models, .csv data.
      std::string_view extension = name == "load" ? ".dgm" : ".csv";
      for (std::string &file : completeFileName(word))
        if (file.ends_with('/') || std::string_view(file).ends_with(extension))
          candidates.push_back(std::move(file));
      return candidates;
    }
    if (name == "help") {
      for (const std::string &c : commandNames())
        addMatching(word, c);
    } else if (name == "show") {
      for (const char *s : {"ast", "mlir", "lowered", "llvm"})
        addMatching(word, s);
    } else if (name == "time") {
      for (const char *s : {"on", "off"})
        addMatching(word, s);
    } else if (current.model && (name == "set" || name == "unset")) {
      for (VarKind kind : {VarKind::Param, VarKind::State})
        for (const dgm_variable &v : current.model->variables(kind))
          addMatching(word, v.name);
    } else if (current.model && name == "plot") {
      for (VarKind kind : {VarKind::Output, VarKind::State})
        for (const dgm_variable &v : current.model->variables(kind))
          addMatching(word, v.name);
      if (data)
        for (const auto &[series, values] : data->series)
          addMatching(word, series);
    }
    return candidates;
  }
  // .dgm text: the identifier under the cursor.
  std::size_t start = line.size();
  while (start > 0 && (std::isalnum(static_cast<unsigned char>(line[start - 1])) ||
                       line[start - 1] == '_'))
    --start;
  std::string_view word = line.substr(start);
  for (const BuiltinFunction &f : getBuiltinFunctions())
    addMatching(word, f.name);
  if (!stdlibNames)
    stdlibNames = libraryNames(options.importPaths);
  for (const std::string &name : *stdlibNames)
    addMatching(word, name);
  for (const Definition &d : definitions)
    if (!d.name.empty())
      addMatching(word, d.name);
  for (const char *keyword : {"model", "forcing", "param", "state", "output",
                              "step", "fn", "const", "import", "if", "then",
                              "else", "components", "kernel", "convolve",
                              "balance", "solver", "dynamic", "shared"})
    addMatching(word, keyword);
  if (current.model)
    for (VarKind kind : {VarKind::Forcing, VarKind::Param, VarKind::State,
                         VarKind::Output})
      for (const dgm_variable &v : current.model->variables(kind))
        addMatching(word, v.name);
  std::sort(candidates.begin(), candidates.end());
  return candidates;
}
