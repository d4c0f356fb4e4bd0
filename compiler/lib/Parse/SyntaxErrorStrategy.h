//===- SyntaxErrorStrategy.h - Syntax error messages and recovery -*- C++
//-*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Replaces ANTLR's DefaultErrorStrategy reporting ("mismatched input ...
// expecting {...}") with messages in the style of Stan's compiler, and its
// token-level recovery with recovery to the end of the broken declaration or
// statement, so that a file reports all its independent errors but no
// follow-on errors.
//
// Where the caret goes: an "unexpected X" message points at X. A message
// "expected X after Y" points at the token that was found instead, unless
// that token is on a later line (or is the end of the file): then it points
// just past Y, where the missing `;` or `)` belongs.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_LIB_PARSE_SYNTAXERRORSTRATEGY_H
#define DGM_LIB_PARSE_SYNTAXERRORSTRATEGY_H

#include "ParseErrors.h"

#include "DefaultErrorStrategy.h"

namespace dgm::parse {

class SyntaxErrorStrategy : public antlr4::DefaultErrorStrategy {
public:
  explicit SyntaxErrorStrategy(ParseErrors &errors) : errors(errors) {}

  void reportError(antlr4::Parser *parser,
                   const antlr4::RecognitionException &e) override;
  void recover(antlr4::Parser *parser, std::exception_ptr e) override;
  void sync(antlr4::Parser *parser) override;
  antlr4::Token *recoverInline(antlr4::Parser *parser) override;

protected:
  void reportUnwantedToken(antlr4::Parser *parser) override;
  void reportMissingToken(antlr4::Parser *parser) override;
  antlr4::Token *singleTokenDeletion(antlr4::Parser *parser) override;
  bool singleTokenInsertion(antlr4::Parser *parser) override;

private:
  /// Words and records one error, unless it is a follow-on error: while
  /// recovering (no token matched since the last error), or a second error
  /// in the declaration or statement that already has one.
  void report(antlr4::Parser *parser, antlr4::Token *offending,
              const antlr4::misc::IntervalSet &expected,
              antlr4::ParserRuleContext *ctx);

  /// Skips the rest of the broken declaration or statement, up to and
  /// including its `;`, or up to the start of the next one. Returns whether
  /// it consumed anything.
  bool skipToSyncPoint(antlr4::Parser *parser, bool skipWholeIf);

  ParseErrors &errors;
  /// First token of the declaration or statement of the last error.
  size_t lastErrorConstructStart = static_cast<size_t>(-1);

  /// recover() runs once per open rule at the token where skipping stopped;
  /// more calls than rules can be open mean no progress.
  static constexpr unsigned kMaxRecoveriesAtOneToken = 10000;
  size_t lastRecoveryIndex = static_cast<size_t>(-1);
  unsigned recoveriesAtIndex = 0;
};

} // namespace dgm::parse

#endif // DGM_LIB_PARSE_SYNTAXERRORSTRATEGY_H
