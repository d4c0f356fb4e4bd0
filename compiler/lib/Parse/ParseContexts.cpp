//===- ParseContexts.cpp - Where in the parse tree an error is ------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "ParseContexts.h"

#include "DGMParser.h"

using namespace dgm::parse;
using P = dgm_antlr::DGMParser;
using antlr4::ParserRuleContext;

namespace {

ParserRuleContext *parentOf(ParserRuleContext *ctx) {
  return dynamic_cast<ParserRuleContext *>(ctx->parent);
}

bool hasChildToken(ParserRuleContext *ctx, size_t type) {
  return ctx->getToken(type, 0) != nullptr;
}

size_t closerOf(size_t openType) {
  switch (openType) {
  case P::LPAREN:
    return P::RPAREN;
  case P::LBRACK:
    return P::RBRACK;
  default:
    return P::RBRACE;
  }
}

/// The opening bracket among the children of `ctx` that has no closing one
/// after it. Each rule holds at most one pair of brackets.
antlr4::Token *openBracketIn(ParserRuleContext *ctx) {
  for (auto it = ctx->children.rbegin(), e = ctx->children.rend(); it != e;
       ++it) {
    auto *terminal = dynamic_cast<antlr4::tree::TerminalNode *>(*it);
    if (!terminal)
      continue;
    size_t type = terminal->getSymbol()->getType();
    if (type == P::RPAREN || type == P::RBRACK || type == P::RBRACE)
      return nullptr;
    // A bracket that error recovery made up cannot be shown to the user.
    if (type == P::LPAREN || type == P::LBRACK || type == P::LBRACE)
      return terminal->getSymbol()->getTokenIndex() == INVALID_INDEX
                 ? nullptr
                 : terminal->getSymbol();
  }
  return nullptr;
}

} // namespace

Region dgm::parse::regionOf(ParserRuleContext *ctx) {
  for (; ctx; ctx = parentOf(ctx)) {
    switch (ctx->getRuleIndex()) {
    case P::RuleStatement:
    case P::RuleLetStmt:
    case P::RuleAssignStmt:
      return Region::StepBody;
    case P::RuleStepBlock:
      return hasChildToken(ctx, P::LBRACE) ? Region::StepBody : Region::Header;
    case P::RuleVarDecl:
      return Region::Declaration;
    case P::RuleModelDecl:
      return hasChildToken(ctx, P::LBRACE) ? Region::ModelBody : Region::Header;
    default:
      break;
    }
  }
  return Region::File;
}

ParserRuleContext *dgm::parse::enclosingConstruct(ParserRuleContext *ctx) {
  for (; ctx; ctx = parentOf(ctx)) {
    size_t rule = ctx->getRuleIndex();
    if (rule == P::RuleVarDecl || rule == P::RuleLetStmt ||
        rule == P::RuleAssignStmt)
      return ctx;
  }
  return nullptr;
}

std::string dgm::parse::nameText(ParserRuleContext *nameCtx) {
  if (!nameCtx)
    return "";
  antlr4::tree::TerminalNode *id = nameCtx->getToken(P::ID, 0);
  if (!id || id->getSymbol()->getTokenIndex() == INVALID_INDEX)
    return "";
  return id->getSymbol()->getText();
}

std::string dgm::parse::describeConstruct(ParserRuleContext *ctx) {
  auto withName = [](std::string what, ParserRuleContext *name) {
    std::string text = nameText(name);
    return text.empty() ? what : what + " '" + text + "'";
  };
  if (ParserRuleContext *construct = enclosingConstruct(ctx)) {
    if (auto *decl = dynamic_cast<P::VarDeclContext *>(construct))
      return withName("the declaration of", decl->name());
    if (auto *let = dynamic_cast<P::LetStmtContext *>(construct))
      return withName("the definition of", let->name());
    auto *assign = static_cast<P::AssignStmtContext *>(construct);
    return withName("the assignment to", assign->name());
  }
  // The declarations that error recovery does not treat as a unit of their
  // own still get named in messages.
  for (; ctx; ctx = parentOf(ctx)) {
    if (auto *l = dynamic_cast<P::FnLetContext *>(ctx))
      return withName("the definition of", l->name());
    if (auto *c = dynamic_cast<P::ConstDeclContext *>(ctx))
      return withName("the definition of constant", c->name());
    if (auto *f = dynamic_cast<P::FnDeclContext *>(ctx))
      return withName("the definition of function", f->name(0));
    if (auto *i = dynamic_cast<P::ImportDeclContext *>(ctx))
      return withName("the import of", i->name());
    if (auto *n = dynamic_cast<P::ComponentsDeclContext *>(ctx))
      return n->NUMBER() ? "'components " + n->NUMBER()->getText() + "'"
                         : std::string("'components'");
    if (auto *l = dynamic_cast<P::StepLengthDeclContext *>(ctx))
      return l->NUMBER() ? "the step length 'step " + l->NUMBER()->getText() +
                               " ...'"
                         : std::string("the step length");
    if (auto *k = dynamic_cast<P::KernelDeclContext *>(ctx))
      return withName("the definition of kernel", k->name(0));
    if (dynamic_cast<P::SolverDeclContext *>(ctx))
      return "the 'solver' declaration";
    if (auto *b = dynamic_cast<P::BalanceItemContext *>(ctx))
      return withName("the balance term", b->name());
    if (auto *d = dynamic_cast<P::DerStmtContext *>(ctx)) {
      std::string state = nameText(d->name());
      return state.empty() ? "the equation" : "the equation for der(" + state + ")";
    }
  }
  return "the statement";
}

std::optional<OpenBracket>
dgm::parse::innermostOpenBracket(ParserRuleContext *ctx) {
  for (; ctx; ctx = parentOf(ctx))
    if (antlr4::Token *open = openBracketIn(ctx))
      return OpenBracket{open, closerOf(open->getType()), ctx};
  return std::nullopt;
}

bool dgm::parse::hasOpenBracket(ParserRuleContext *ctx, size_t closeType) {
  for (; ctx; ctx = parentOf(ctx))
    if (antlr4::Token *open = openBracketIn(ctx))
      if (closerOf(open->getType()) == closeType)
        return true;
  return false;
}

bool dgm::parse::isExpressionRule(const ParserRuleContext *ctx) {
  switch (ctx->getRuleIndex()) {
  case P::RuleExpr:
  case P::RuleIfExpr:
  case P::RuleOrExpr:
  case P::RuleAndExpr:
  case P::RuleNotExpr:
  case P::RuleCmpExpr:
  case P::RuleAddExpr:
  case P::RuleMulExpr:
  case P::RuleUnaryExpr:
  case P::RulePowExpr:
  case P::RulePrimary:
    return true;
  default:
    return false;
  }
}

bool dgm::parse::isInUnit(ParserRuleContext *ctx) {
  for (; ctx; ctx = parentOf(ctx)) {
    switch (ctx->getRuleIndex()) {
    case P::RuleUnit:
    case P::RuleUnitFactor:
    case P::RuleUnitAtom:
    case P::RuleUnitExponent:
      return true;
    default:
      break;
    }
  }
  return false;
}

Completed dgm::parse::lastCompleted(ParserRuleContext *ctx,
                                    antlr4::Token *last) {
  if (!last)
    return Completed::Nothing;
  ParserRuleContext *node = ctx;
  while (!node->children.empty()) {
    auto *child = dynamic_cast<ParserRuleContext *>(node->children.back());
    if (!child || child->stop != last)
      return Completed::Nothing;
    if (isExpressionRule(child))
      return Completed::Expression;
    if (child->getRuleIndex() == P::RuleUnit)
      return Completed::Unit;
    node = child;
  }
  return Completed::Nothing;
}
