//===- ParseErrors.cpp - Errors found while parsing one file --------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "ParseErrors.h"

#include "Token.h"

#include <algorithm>

using namespace dgm;
using namespace dgm::parse;

// The input stream holds one symbol per byte (ByteInputStream), so ANTLR's
// 0-based character position is the byte column, which is also what
// llvm::SourceMgr counts (a tab is one column).
ast::Location ParseErrors::at(const antlr4::Token *token) const {
  return loc(token->getLine(), token->getCharPositionInLine() + 1);
}

ast::Location ParseErrors::after(const antlr4::Token *token) const {
  unsigned line = token->getLine();
  unsigned col = token->getCharPositionInLine() + 1;
  // Only error tokens (an unterminated comment) span lines, but be exact.
  for (char c : token->getText()) {
    if (c == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return loc(line, col);
}

void ParseErrors::error(ast::Location loc, std::string message) {
  if (errors.size() == kMaxErrors) {
    truncated = true;
    return;
  }
  errors.push_back({std::move(loc), std::move(message), errors.size()});
}

void ParseErrors::emit(DiagnosticEngine &diag) {
  // By position; errors at the same position in the order found.
  std::sort(errors.begin(), errors.end(), [](const Error &a, const Error &b) {
    return std::tie(a.loc.line, a.loc.col, a.order) <
           std::tie(b.loc.line, b.loc.col, b.order);
  });
  for (const Error &error : errors)
    diag.error(error.loc, error.message);
  if (truncated)
    diag.error(*file + ": too many errors (" + std::to_string(kMaxErrors) +
               "); stopping here");
  errors.clear();
  truncated = false;
}
