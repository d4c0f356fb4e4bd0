//===- Repl.cpp - `dgm repl` ----------------------------------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "Repl.h"
#include "LineEditor.h"
#include "Messages.h"
#include "Options.h"
#include "ReplInput.h"
#include "ReplSession.h"

#include <algorithm>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

using namespace dgm::cli;

namespace {

const OptionSpec replOptions[] = {
    {"forcing", 0, ArgKind::Value, "CSV", "Read the forcings from CSV (as :forcing)"},
    {"precision", 0, ArgKind::Value, "f64|f32",
     "Compile models in double (default) or single precision"},
    {"", 'I', ArgKind::List, "DIR", "Search DIR for imported modules",
     "-I DIR"},
    {"color", 0, ArgKind::Value, "auto|always|never",
     "ANSI colours (default auto: on a terminal, unless NO_COLOR is set)"},
    {"help", 'h', ArgKind::Flag, "", "Show this help"},
};

void printReplHelp() {
  std::printf("dgm repl - experiment with models at a prompt\n"
              "\n"
              "USAGE: dgm repl [MODEL.dgm] [options]\n"
              "       dgm\n"
              "\n"
              "OPTIONS:\n%s\n"
              "IN THE SESSION:\n%s"
              "\nOn a terminal: line editing, history (%s; set "
              "DGM_HISTORY_FILE to move it), TAB completion.\n"
              "With input from a file or pipe: no prompts, no colour; the "
              "exit status is 1 if a command failed.\n",
              formatOptionsHelp(replOptions).c_str(),
              ReplSession::helpText().c_str(), defaultHistoryFile().c_str());
}

/// Reads one complete input: a command line, or .dgm text continued over
/// lines until its brackets close. nullopt at the end of input.
std::optional<std::string> readInput(LineReader &reader, bool &unfinished) {
  unfinished = false;
  std::optional<std::string> line = reader.readLine("dgm> ");
  if (!line)
    return std::nullopt;
  std::string text = *line;
  InputKind kind = classifyInput(text);
  // An empty line is complete, but not one that opens a block comment. A
  // line with a control character (an arrow key's "ESC [ A" in a piped
  // session) is an error now, not a '[' that swallows the lines after it.
  bool control = std::any_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\r';
  });
  if (kind == InputKind::Command || control ||
      (kind == InputKind::Empty && !bracketsOpen(text)))
    return text;
  while (needsMoreLines(text)) {
    // Ctrl-C on a continuation line drops the whole entry, not just that
    // line (which would leave no way out but ending the session).
    bool cancelled = false;
    std::optional<std::string> more = reader.readLine("...> ", &cancelled);
    if (cancelled)
      return std::string();
    if (!more) {
      unfinished = true;
      return text;
    }
    text += "\n" + *more;
  }
  return text;
}

} // namespace

int dgm::cli::replCommand(const std::vector<std::string> &args) {
  dgm::rt::Result<ParsedArgs> parsed = parseArgs(replOptions, args);
  if (!parsed)
    return reportUsageError(parsed.error().message, "dgm repl");
  if (parsed->has("help")) {
    printReplHelp();
    return 0;
  }
  if (parsed->positionals.size() > 1)
    return reportUsageError("expected at most one model file, found '" +
                                parsed->positionals[1] + "'",
                            "dgm repl");
  ReplOptions options;
  options.importPaths = parsed->values("I");
  if (std::optional<std::string> p = parsed->value("precision")) {
    if (*p != "f64" && *p != "f32")
      return reportUsageError("--precision takes f64 or f32, not '" + *p + "'",
                              "dgm repl");
    options.scalarBits = *p == "f32" ? 32 : 64;
  }
  bool terminal = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
  std::string color = parsed->value("color").value_or("auto");
  if (color != "auto" && color != "always" && color != "never")
    return reportUsageError("--color takes auto, always or never, not '" +
                                color + "'",
                            "dgm repl");
  const char *term = std::getenv("TERM");
  options.color = color == "always" ||
                  (color == "auto" && terminal && !std::getenv("NO_COLOR") &&
                   !(term && std::strcmp(term, "dumb") == 0));

  ReplSession session(options);
  bool failed = false;
  // Arguments are commands typed before the first prompt.
  if (!parsed->positionals.empty())
    failed |= !session.execute(":load " + quoteWord(parsed->positionals[0]));
  if (std::optional<std::string> csv = parsed->value("forcing"))
    failed |= !session.execute(":forcing " + quoteWord(*csv));

  std::unique_ptr<LineReader> reader;
  if (isatty(STDIN_FILENO)) {
    // libedit reads multibyte characters (a degree sign in a comment) only
    // in the user's locale.
    std::setlocale(LC_CTYPE, "");
    reader = createEditLineReader(
        defaultHistoryFile(), [&session](std::string_view line) {
          return session.complete(line);
        });
    std::printf("dgm %s: type .dgm expressions, definitions or models; "
                ":help lists the commands, :quit leaves.\n",
                DGM_VERSION);
  } else {
    reader = createStreamLineReader(stdin);
  }
  while (!session.finished()) {
    bool unfinished = false;
    std::optional<std::string> input = readInput(*reader, unfinished);
    if (!input)
      break;
    if (unfinished) {
      // Compiled as it is, the text gets the parser's located errors (the
      // bracket left open, and where); then the reason it is incomplete.
      session.execute(*input);
      std::fflush(stdout);
      std::fprintf(stderr, "error: the input ended in the middle of .dgm "
                           "text (an unclosed bracket, comment or string, or "
                           "a definition without its ';')\n");
      failed = true;
      break;
    }
    reader->addHistory(*input);
    bool ok = session.execute(*input);
    failed |= !ok;
    std::fflush(stdout);
  }
  // Interactively, an error was seen and dealt with at the prompt; a script
  // reports it in its exit status.
  return !reader->interactive() && failed ? exitError : 0;
}
