//===- ParseContexts.h - Where in the parse tree an error is ----*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Questions the error strategy asks about the rule contexts that are open at
// the point of a syntax error: which declaration or statement is broken,
// which bracket is still open, did an expression just end, ...
//
//===----------------------------------------------------------------------===//

#ifndef DGM_LIB_PARSE_PARSECONTEXTS_H
#define DGM_LIB_PARSE_PARSECONTEXTS_H

#include <cstddef>
#include <optional>
#include <string>

namespace antlr4 {
class ParserRuleContext;
class Token;
} // namespace antlr4

namespace dgm::parse {

/// The part of a file a context is in; decides how recovery skips tokens.
enum class Region {
  File,        ///< between models
  Header,      ///< `model NAME` or `step`, before the `{`
  ModelBody,   ///< between the declarations of a model
  Declaration, ///< inside a forcing/param/state/output declaration
  StepBody,    ///< inside a step block
};
Region regionOf(antlr4::ParserRuleContext *ctx);

/// The declaration or statement (varDecl, letStmt, assignStmt) around
/// `ctx`, or null.
antlr4::ParserRuleContext *enclosingConstruct(antlr4::ParserRuleContext *ctx);

/// "the declaration of 'k'", "the assignment to 'S'", ...
std::string describeConstruct(antlr4::ParserRuleContext *ctx);

/// The innermost bracket around `ctx` that is open: `(`, `[` or `{`.
struct OpenBracket {
  antlr4::Token *open;
  size_t closeType;
  antlr4::ParserRuleContext *owner;
};
std::optional<OpenBracket> innermostOpenBracket(antlr4::ParserRuleContext *ctx);
/// Whether some bracket around `ctx` is closed by `closeType`.
bool hasOpenBracket(antlr4::ParserRuleContext *ctx, size_t closeType);

bool isExpressionRule(const antlr4::ParserRuleContext *ctx);
bool isInUnit(antlr4::ParserRuleContext *ctx);

/// What the last subtree of `ctx`, ending with token `last`, is: after a
/// complete expression a binary operator could always have followed, after
/// a unit a `*` or `/`, although ANTLR's expected set no longer says so.
enum class Completed { Nothing, Expression, Unit };
Completed lastCompleted(antlr4::ParserRuleContext *ctx, antlr4::Token *last);

/// The text of a name, or "" when error recovery made it up.
std::string nameText(antlr4::ParserRuleContext *nameCtx);

} // namespace dgm::parse

#endif // DGM_LIB_PARSE_PARSECONTEXTS_H
