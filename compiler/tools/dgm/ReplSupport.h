//===- ReplSupport.h - Small helpers of the REPL ----------------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Helpers that the REPL's session (ReplSession.cpp) and its commands
// (ReplCommands.cpp) share: number formatting, timing, and renumbering the
// compiler's messages about typed text.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_TOOLS_DGM_REPLSUPPORT_H
#define DGM_TOOLS_DGM_REPLSUPPORT_H

#include <chrono>
#include <string>
#include <string_view>

namespace dgm::cli::repl {

/// The name typed .dgm text goes by in messages.
inline constexpr const char *kReplBuffer = "<repl>";

/// Milliseconds from `start` to now.
double millisecondsSince(std::chrono::steady_clock::time_point start);

/// The shortest text that reads back as `value` ("0.1", "4.946163812100385").
std::string shortest(double value);

/// Rewrites "<repl>:LINE:COL:" in `messages` so that lines count from the
/// typed input, which starts after `prefixLines` lines of definitions; a
/// location in the definitions before it is named "<repl definitions>".
std::string renumber(const std::string &messages, unsigned prefixLines);

/// Messages (renumbered) of an expression compiled inside the REPL's
/// wrapper model, whose opening line is line `wrapperLine` of the
/// definitions: one located there ("expected an expression after '('" for
/// `true`) is told at the start of the expression, with its first line
/// shown, and no message names the wrapper's parentheses.
std::string hideExpressionWrapper(const std::string &messages,
                                  unsigned wrapperLine,
                                  std::string_view expression);

/// The number of '\n' in `text`.
unsigned countLines(std::string_view text);

/// `text` as a whole number (from_chars: no blanks, no trailing text).
bool parseNumber(const std::string &text, double &value);

/// An expression typed at the prompt is compiled inside a wrapper model, so
/// it must not end itself: a ';' or a closing bracket outside its own
/// brackets ("1; value = 5", "}") would reach into the wrapper. Returns the
/// located error for the first such character, or "" when there is none.
/// Strings and comments are skipped.
std::string expressionShapeError(const std::string &expr);

} // namespace dgm::cli::repl

#endif // DGM_TOOLS_DGM_REPLSUPPORT_H
