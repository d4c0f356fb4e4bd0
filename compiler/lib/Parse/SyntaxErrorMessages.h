//===- SyntaxErrorMessages.h - Wording of syntax errors ---------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Turns what ANTLR knows at a syntax error (the token found, the token types
// that would have been accepted, the open rule contexts) into a message for
// people, in the style of Stan's compiler:
//
//   expected ';' after the declaration of 'k'
//   expected an expression after '+'
//   'step' is a keyword and cannot be used as a name
//   expected ')' to close the '(' at 3:14
//   unexpected 'xyz'; expected a declaration (forcing, param, state, output)
//   or a step block
//
//===----------------------------------------------------------------------===//

#ifndef DGM_LIB_PARSE_SYNTAXERRORMESSAGES_H
#define DGM_LIB_PARSE_SYNTAXERRORMESSAGES_H

#include "ParseErrors.h"

namespace antlr4 {
class Parser;
class ParserRuleContext;
class Token;
namespace misc {
class IntervalSet;
} // namespace misc
} // namespace antlr4

namespace dgm::parse {

struct SyntaxError {
  ast::Location loc;
  std::string message;
};

/// The message and caret position for finding `found` in context `ctx` when
/// one of `expected` was needed.
SyntaxError describeSyntaxError(antlr4::Parser *parser, antlr4::Token *found,
                                antlr4::misc::IntervalSet expected,
                                antlr4::ParserRuleContext *ctx,
                                const ParseErrors &errors);

/// Whether keyword token `found` is more likely a misused name than the
/// start of the next construct after a missing name: it is on the line of
/// the token before, or an assignment operator follows it.
bool looksLikeKeywordAsName(antlr4::Parser *parser, antlr4::Token *found);

} // namespace dgm::parse

#endif // DGM_LIB_PARSE_SYNTAXERRORMESSAGES_H
