//===- Options.h - Table-driven command-line parsing ------------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Each subcommand describes its options in a table of OptionSpec; the same
// table drives parsing and the --help text, so they cannot drift apart.
// Accepted forms:
//
//   --name value   --name=value   -n value   -nvalue   (options with a value)
//   --name         -n                                  (flags)
//   --                                                 (ends the options)
//
// Anything else starting with '-' (except "-" itself) is an unknown option.
// Errors are usage errors: the caller prints them and exits with status 2.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_TOOLS_DGM_OPTIONS_H
#define DGM_TOOLS_DGM_OPTIONS_H

#include "dgm/runtime/Result.h"

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dgm::cli {

enum class ArgKind {
  Flag,  ///< no value; giving it twice is harmless
  Value, ///< one value; giving it twice is an error
  List,  ///< repeatable; every value is kept in order
};

struct OptionSpec {
  /// Long name without "--", e.g. "forcing"; may be "" for a short-only
  /// option. The key for ParsedArgs lookups is this name, or the short
  /// name as a one-letter string when there is no long name.
  const char *name;
  /// One-letter name without "-", or 0.
  char shortName;
  ArgKind kind;
  /// How the value is shown in --help ("FILE"); unused for flags.
  const char *metavar;
  const char *help;
  /// Overrides the option column of --help (e.g. "-O0..-O3").
  const char *display = nullptr;
};

class ParsedArgs {
public:
  std::vector<std::string> positionals;

  bool has(std::string_view key) const { return given.count(key) != 0; }
  /// The value of a Value option, if it was given.
  std::optional<std::string> value(std::string_view key) const;
  /// Every value of a List option, in command-line order.
  const std::vector<std::string> &values(std::string_view key) const;

private:
  friend dgm::rt::Result<ParsedArgs>
  parseArgs(std::span<const OptionSpec> specs,
            const std::vector<std::string> &args);
  std::map<std::string, std::vector<std::string>, std::less<>> given;
};

/// Parses `args` (without the program and subcommand names).
dgm::rt::Result<ParsedArgs> parseArgs(std::span<const OptionSpec> specs,
                                      const std::vector<std::string> &args);

/// The OPTIONS section of --help: one entry per spec, help text aligned.
std::string formatOptionsHelp(std::span<const OptionSpec> specs);

} // namespace dgm::cli

#endif // DGM_TOOLS_DGM_OPTIONS_H
