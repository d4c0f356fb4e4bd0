//===- DepthLimitedParser.h - The parser, with a depth limit ---*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// ANTLR's parser is recursive descent: each level of parentheses costs about
// ten nested rule calls, so input such as 100000 '(' would overflow the
// stack. This subclass of the generated parser counts the open rules and
// gives up with NestingTooDeep once they exceed what kMaxNesting levels of
// expression need.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_LIB_PARSE_DEPTHLIMITEDPARSER_H
#define DGM_LIB_PARSE_DEPTHLIMITEDPARSER_H

#include "ParseErrors.h"

#include "DGMParser.h"

namespace dgm::parse {

/// Thrown (through the generated parser, which only catches ANTLR's
/// RecognitionException) when the rule nesting exceeds the limit.
struct NestingTooDeep {
  antlr4::Token *token; ///< where the parser was
  bool inUnit;          ///< in a unit rather than an expression
};

class DepthLimitedParser : public dgm_antlr::DGMParser {
public:
  /// Rule calls per level of parentheses in an expression: expr, orExpr,
  /// andExpr, notExpr, cmpExpr, addExpr, mulExpr, unaryExpr, powExpr and
  /// primary; plus the rules around the outermost expression.
  static constexpr size_t kRulesPerLevel = 10;
  static constexpr size_t kMaxRuleDepth = kMaxNesting * kRulesPerLevel + 16;

  explicit DepthLimitedParser(antlr4::TokenStream *input) : DGMParser(input) {}

  void enterRule(antlr4::ParserRuleContext *localctx, size_t state,
                 size_t ruleIndex) override {
    // Rules nest only through parentheses, `if`, unary operators and `^`
    // (loops handle sequences), so only deeply nested input gets here.
    if (static_cast<size_t>(localctx->depth()) > kMaxRuleDepth)
      throw NestingTooDeep{getCurrentToken(), ruleIndex == RuleUnit ||
                                                  ruleIndex == RuleUnitFactor ||
                                                  ruleIndex == RuleUnitAtom};
    DGMParser::enterRule(localctx, state, ruleIndex);
  }
};

} // namespace dgm::parse

#endif // DGM_LIB_PARSE_DEPTHLIMITEDPARSER_H
