//===- Options.cpp - Table-driven command-line parsing --------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "Options.h"
#include "Suggest.h"

#include <algorithm>

using namespace dgm::cli;
using dgm::rt::Error;
using dgm::rt::Result;

namespace {

std::string keyOf(const OptionSpec &spec) {
  return spec.name[0] ? std::string(spec.name) : std::string(1, spec.shortName);
}

/// How the user would spell the option, for messages: "--forcing" or "-O".
std::string spelling(const OptionSpec &spec) {
  return spec.name[0] ? "--" + std::string(spec.name)
                      : "-" + std::string(1, spec.shortName);
}

/// The left column of --help for one option.
std::string helpLabel(const OptionSpec &spec) {
  if (spec.display)
    return spec.display;
  std::string label;
  if (spec.shortName)
    label += "-" + std::string(1, spec.shortName);
  if (spec.name[0])
    label += (label.empty() ? "    --" : ", --") + std::string(spec.name);
  if (spec.kind != ArgKind::Flag)
    label += " " + std::string(spec.metavar);
  return label;
}

const std::vector<std::string> noValues;

} // namespace

std::optional<std::string> ParsedArgs::value(std::string_view key) const {
  auto it = given.find(key);
  if (it == given.end() || it->second.empty())
    return std::nullopt;
  return it->second.back();
}

const std::vector<std::string> &ParsedArgs::values(std::string_view key) const {
  auto it = given.find(key);
  return it == given.end() ? noValues : it->second;
}

Result<ParsedArgs> dgm::cli::parseArgs(std::span<const OptionSpec> specs,
                                       const std::vector<std::string> &args) {
  ParsedArgs parsed;
  // Records one occurrence; `value` is unset for flags.
  auto record = [&](const OptionSpec &spec,
                    std::optional<std::string> value) -> Result<void> {
    std::vector<std::string> &slot = parsed.given[keyOf(spec)];
    if (spec.kind == ArgKind::Flag)
      return dgm::rt::success();
    // An empty value ('--plot ""', '-o=') is a slip, never a choice: it was
    // ignored (--plot) or became an odd error later (-o).
    if (value->empty())
      return Error{"option '" + spelling(spec) + "' has an empty value; "
                   "expected " + spec.metavar};
    if (spec.kind == ArgKind::Value && !slot.empty())
      return Error{"option '" + spelling(spec) + "' is given twice ('" +
                   slot.front() + "' and '" + *value + "')"};
    slot.push_back(std::move(*value));
    return dgm::rt::success();
  };
  auto needsValue = [](const OptionSpec &spec) {
    return Error{"option '" + spelling(spec) + "' needs a value (" +
                 spec.metavar + ")"};
  };

  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string &arg = args[i];
    if (arg == "--") {
      parsed.positionals.insert(parsed.positionals.end(), args.begin() + i + 1,
                                args.end());
      break;
    }
    if (arg.size() < 2 || arg[0] != '-') {
      parsed.positionals.push_back(arg);
      continue;
    }

    const OptionSpec *spec = nullptr;
    std::optional<std::string> attached; // "--x=v" or "-xv"
    std::string written;                 // the option as the user wrote it
    if (arg[1] == '-') {
      std::string_view body = std::string_view(arg).substr(2);
      std::size_t eq = body.find('=');
      std::string_view name = body.substr(0, eq);
      if (eq != std::string_view::npos)
        attached = std::string(body.substr(eq + 1));
      written = "--" + std::string(name);
      for (const OptionSpec &s : specs)
        if (s.name[0] && name == s.name)
          spec = &s;
    } else {
      written = arg.substr(0, 2);
      for (const OptionSpec &s : specs)
        if (s.shortName && arg[1] == s.shortName)
          spec = &s;
      if (spec && arg.size() > 2) {
        if (spec->kind == ArgKind::Flag)
          return Error{"unknown option '" + arg + "'"};
        attached = arg.substr(2);
      }
    }
    if (!spec) {
      std::vector<std::string> known;
      for (const OptionSpec &s : specs) {
        if (s.name[0])
          known.push_back("--" + std::string(s.name));
        if (s.shortName)
          known.push_back("-" + std::string(1, s.shortName));
      }
      return Error{"unknown option '" + written + "'" +
                   didYouMean(written, known)};
    }

    if (spec->kind == ArgKind::Flag) {
      if (attached)
        return Error{"option '" + spelling(*spec) + "' takes no value"};
      (void)record(*spec, std::nullopt);
      continue;
    }
    if (!attached) {
      if (i + 1 >= args.size())
        return needsValue(*spec);
      attached = args[++i];
    }
    if (Result<void> ok = record(*spec, std::move(attached)); !ok)
      return ok.takeError();
  }
  return parsed;
}

std::string dgm::cli::formatOptionsHelp(std::span<const OptionSpec> specs) {
  std::size_t width = 0;
  for (const OptionSpec &spec : specs)
    width = std::max(width, helpLabel(spec).size());
  std::string out;
  for (const OptionSpec &spec : specs) {
    std::string label = helpLabel(spec);
    out += "  " + label + std::string(width - label.size() + 2, ' ');
    // Continuation lines of a multi-line help text line up with the first.
    for (char c : std::string_view(spec.help)) {
      out += c;
      if (c == '\n')
        out += std::string(width + 4, ' ');
    }
    out += '\n';
  }
  return out;
}
