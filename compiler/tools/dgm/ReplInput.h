//===- ReplInput.h - What a line typed at the REPL is -----------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The REPL reads two languages: its own commands (`:load FILE`), one line
// each, and .dgm text (an expression, a `fn`, `const` or `import`, a whole
// model over several lines). These helpers decide which one a line is, when
// .dgm text is complete (brackets balanced outside comments and strings) and
// split a command line into words.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_TOOLS_DGM_REPLINPUT_H
#define DGM_TOOLS_DGM_REPLINPUT_H

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dgm::cli {

enum class InputKind {
  Empty,      ///< blank or only a comment
  Command,    ///< starts with ':'
  Model,      ///< `model NAME { ... }`
  Definition, ///< `fn`, `const` or `import`
  Expression, ///< anything else: evaluated and printed
};

InputKind classifyInput(std::string_view text);

/// Whether .dgm `text` needs more lines: an unclosed (, [ or {, an
/// unterminated /* comment or string, a definition not yet ended by ';', or
/// an expression ending in an operator ("1 +"). A closing bracket too many
/// is not "incomplete": the parser reports it.
bool needsMoreLines(std::string_view text);

/// Whether `text` has an unclosed bracket, comment or string.
bool bracketsOpen(std::string_view text);

/// The words of a command line, split at blanks as a shell does: "..." or
/// '...' keep blanks in a word (a file name with spaces), a backslash keeps
/// the next character (my\ data.csv, it\'s.csv), and in "..." \" and \\
/// stand for " and \ ('...' takes everything as it is).
std::vector<std::string> splitWords(std::string_view line);

/// Why `line` cannot be split as the user meant: a quote it does not close
/// (splitWords would take the rest of the line into the word).
std::optional<std::string> unclosedQuote(std::string_view line);

/// `word` quoted so that splitWords gives it back whole: in "...", with a
/// backslash before each '"' and '\'.
std::string quoteWord(std::string_view word);

/// The identifier declared by a definition (`fn NAME(`, `const NAME`), or
/// "" for an import or when there is none.
std::string definedName(std::string_view text);

} // namespace dgm::cli

#endif // DGM_TOOLS_DGM_REPLINPUT_H
