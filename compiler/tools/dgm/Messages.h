//===- Messages.h - How the dgm tool reports problems -----------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Every problem ends in one of two exits:
//   1 - an error about the model, the data or the values given:
//         dgm: error: <what was found; what was expected>
//       or a located one (file:line:col: error: ..., the line, a caret);
//   2 - a usage error (the command line itself is malformed): the error and
//       a one-line hint to --help.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_TOOLS_DGM_MESSAGES_H
#define DGM_TOOLS_DGM_MESSAGES_H

#include "dgm/runtime/Result.h"

#include <string_view>

namespace dgm::cli {

constexpr int exitError = 1;
constexpr int exitUsage = 2;

/// Prints an error to stderr and returns exitError. A message whose first
/// line already says "error:" (a located diagnostic) is printed as it is;
/// an empty one was reported already and is not printed again.
int reportError(const dgm::rt::Error &error);

/// Prints a usage error and the hint "Try '<command> --help' ..." to stderr
/// and returns exitUsage.
int reportUsageError(std::string_view message, std::string_view command);

/// Prints "dgm: warning: <message>" to stderr.
void reportWarning(std::string_view message);

/// Prints "dgm: note: <message>" to stderr: worth knowing, not a problem.
void reportNote(std::string_view message);

} // namespace dgm::cli

#endif // DGM_TOOLS_DGM_MESSAGES_H
