//===- dgm.cpp - The dgm command-line tool --------------------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// `dgm <command> [options]`: a front door to the subcommands (`run`,
// `repl`; `dgm` alone starts the REPL). Each subcommand parses its own
// options (Options.h) and prints its own --help. docs/cli.md is the reference.
//
//===----------------------------------------------------------------------===//

#include "Messages.h"
#include "Repl.h"
#include "RunCommand.h"
#include "Suggest.h"

#include "dgm/abi.h"

#include "dgm/Driver/Compiler.h"

#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>
#include <unistd.h>
#include <vector>

using namespace dgm::cli;

namespace {

struct Command {
  const char *name;
  const char *summary;
  int (*run)(const std::vector<std::string> &args);
};

const Command commands[] = {
    {"run", "Compile a model if needed and run it on forcings from a CSV file",
     runCommand},
    {"repl", "Experiment at a prompt: expressions, models, runs, plots "
             "(also: dgm alone)",
     replCommand},
};

void printHelp() {
  std::printf("dgm - run dgm process models\n"
              "\n"
              "USAGE: dgm <command> [options]\n"
              "\n"
              "COMMANDS:\n");
  for (const Command &c : commands)
    std::printf("  %-6s %s\n", c.name, c.summary);
  std::printf("\n"
              "OPTIONS:\n"
              "  -h, --help  Show this help\n"
              "  --version   Show the version\n"
              "\n"
              "Run 'dgm <command> --help' for the options of a command.\n"
              "Compile a model on its own with dgmc (see 'dgmc --help').\n");
}

void printVersion() {
  std::printf("dgm version %s\n", DGM_VERSION);
  std::printf("compiler version %s\n",
              dgm::driver::compilerVersion().str().c_str());
  std::printf("model ABI version %d\n", DGM_ABI_VERSION);
}

} // namespace

/// Memory that cannot be had (a ulimit, a cluster job's limit below the
/// machine's RAM, which the run's own estimate checks against): a clear
/// error and exit 1, not an uncaught std::bad_alloc and an abort.
[[noreturn]] static void outOfMemory() {
  static const char message[] =
      "dgm: error: out of memory: the run needs more memory than this process "
      "may use (see 'ulimit -v'); run fewer basins, components or steps at "
      "a time\n";
  [[maybe_unused]] ssize_t written =
      ::write(STDERR_FILENO, message, sizeof message - 1);
  std::_Exit(1);
}

int main(int argc, char **argv) {
  std::set_new_handler(outOfMemory);
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty())
    return replCommand({}); // `dgm` alone is the REPL
  const std::string &first = args[0];
  if (first == "-h" || first == "--help" || first == "help") {
    printHelp();
    return 0;
  }
  if (first == "--version") {
    printVersion();
    return 0;
  }
  std::vector<std::string> names;
  for (const Command &c : commands) {
    if (first == c.name)
      return c.run(std::vector<std::string>(args.begin() + 1, args.end()));
    names.push_back(c.name);
  }
  if (first.starts_with("-"))
    return reportUsageError("unknown option '" + first +
                                "'; options go after the command, as in "
                                "'dgm run MODEL --forcing FILE'",
                            "dgm");
  return reportUsageError(
      "unknown command '" + first + "'" + didYouMean(first, names), "dgm");
}
