//===- ParseErrors.h - Errors found while parsing one file ------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The lexer, the error strategy and the parse-tree transformer all report
// here. The errors are handed to the DiagnosticEngine at the end, sorted by
// position, because ANTLR's look-ahead does not always find them in order.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_LIB_PARSE_PARSEERRORS_H
#define DGM_LIB_PARSE_PARSEERRORS_H

#include "dgm/AST/AST.h"
#include "dgm/Support/Diagnostics.h"

#include "llvm/ADT/StringRef.h"

#include <memory>
#include <string>
#include <vector>

namespace antlr4 {
class Token;
} // namespace antlr4

namespace dgm::parse {

/// The most deeply nested expression (or unit) the front end accepts, in
/// levels of parentheses, operators and `if`s. Deeper nesting is rejected
/// with an error rather than risking a stack overflow in the recursive
/// parser, the AST passes or the AST's destructors.
constexpr unsigned kMaxNesting = 256;

/// After this many errors in a file the rest are dropped: by then they are
/// rarely independent, and a binary file would print thousands.
constexpr size_t kMaxErrors = 25;

class ParseErrors {
public:
  ParseErrors(std::shared_ptr<std::string> file, llvm::StringRef source)
      : file(std::move(file)), source(source) {}

  const std::shared_ptr<std::string> &getFile() const { return file; }
  /// The whole text of the file being parsed.
  llvm::StringRef getSource() const { return source; }

  ast::Location loc(unsigned line, unsigned col) const {
    return ast::Location{file, line, col};
  }
  /// Where `token` starts.
  ast::Location at(const antlr4::Token *token) const;
  /// Just past the last character of `token` (where a missing `;` belongs).
  ast::Location after(const antlr4::Token *token) const;

  void error(ast::Location loc, std::string message);
  bool empty() const { return errors.empty(); }
  size_t size() const { return errors.size(); }

  /// Reports every error to `diag`, in source order.
  void emit(DiagnosticEngine &diag);

private:
  struct Error {
    ast::Location loc;
    std::string message;
    size_t order;
  };

  std::shared_ptr<std::string> file;
  llvm::StringRef source;
  std::vector<Error> errors;
  bool truncated = false;
};

} // namespace dgm::parse

#endif // DGM_LIB_PARSE_PARSEERRORS_H
