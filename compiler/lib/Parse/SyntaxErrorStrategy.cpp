//===- SyntaxErrorStrategy.cpp - Syntax error messages and recovery -------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// How the strategy differs from ANTLR's DefaultErrorStrategy:
//  - Every report goes through describeSyntaxError and into ParseErrors, none
//    to ANTLR's error listeners.
//  - After an error, recovery skips to the end of the broken declaration or
//    statement (its `;`), or to the next token that surely starts a new one
//    (`}`, `step {`, a declaration keyword or `let` before a name, `NAME =`)
//    instead of to the first token in ANTLR's follow sets, which lets garbage
//    be parsed as new statements and produce cascades of errors. The rules
//    still open then end without repairs (recoverInline).
//  - Single-token repairs are only made where they are likely right: a
//    missing `;` or `)` before a token that ends or starts a construct, an
//    extra token that is not a `;`, brace or keyword.
//  - sync() at the loops over models, declarations and statements skips
//    broken constructs instead of throwing, which would abandon the whole
//    model or step block; it reports the first of a run of them.
//  - A second error inside the declaration or statement that already had one
//    is not reported.
//
//===----------------------------------------------------------------------===//

#include "SyntaxErrorStrategy.h"

#include "ParseContexts.h"
#include "SyntaxErrorMessages.h"
#include "TokenNames.h"

#include "DGMParser.h"

using namespace dgm;
using namespace dgm::parse;
using P = dgm_antlr::DGMParser;

void SyntaxErrorStrategy::report(antlr4::Parser *parser,
                                 antlr4::Token *offending,
                                 const antlr4::misc::IntervalSet &expected,
                                 antlr4::ParserRuleContext *ctx) {
  if (inErrorRecoveryMode(parser))
    return;
  beginErrorCondition(parser);
  if (antlr4::ParserRuleContext *construct = enclosingConstruct(ctx)) {
    size_t start = construct->start->getTokenIndex();
    if (start == lastErrorConstructStart)
      return;
    lastErrorConstructStart = start;
  }
  SyntaxError error =
      describeSyntaxError(parser, offending, expected, ctx, errors);
  errors.error(std::move(error.loc), std::move(error.message));
}

void SyntaxErrorStrategy::reportError(antlr4::Parser *parser,
                                      const antlr4::RecognitionException &e) {
  auto *ctx = dynamic_cast<antlr4::ParserRuleContext *>(e.getCtx());
  if (!ctx)
    ctx = parser->getContext();
  antlr4::Token *offending = e.getOffendingToken();
  if (!offending)
    offending = parser->getCurrentToken();
  report(parser, offending, e.getExpectedTokens(), ctx);
}

void SyntaxErrorStrategy::reportUnwantedToken(antlr4::Parser *parser) {
  report(parser, parser->getCurrentToken(), getExpectedTokens(parser),
         parser->getContext());
}

void SyntaxErrorStrategy::reportMissingToken(antlr4::Parser *parser) {
  report(parser, parser->getCurrentToken(), getExpectedTokens(parser),
         parser->getContext());
}

antlr4::Token *SyntaxErrorStrategy::recoverInline(antlr4::Parser *parser) {
  // After an error, recovery has skipped to the start of the next construct:
  // the rules still open must end without consuming it. Repairing here (by
  // making up an `else` or a `;`, say) would parse the next statement as
  // the rest of the broken one.
  if (inErrorRecoveryMode(parser))
    throw antlr4::InputMismatchException(parser);
  return DefaultErrorStrategy::recoverInline(parser);
}

antlr4::Token *
SyntaxErrorStrategy::singleTokenDeletion(antlr4::Parser *parser) {
  // Never repair by deleting a token that ends or starts a construct: in
  // `S = S + ; T = 1;` deleting the `;` would merge two statements.
  size_t la = parser->getTokenStream()->LA(1);
  if (la == P::SEMI || la == P::LBRACE || la == P::RBRACE ||
      isDeclKeyword(la) || la == P::STEP || la == P::LET || la == P::MODEL)
    return nullptr;
  return DefaultErrorStrategy::singleTokenDeletion(parser);
}

bool SyntaxErrorStrategy::singleTokenInsertion(antlr4::Parser *parser) {
  // Make up the missing token only before a token that ends or starts a
  // construct (`x = a` <newline> `y = b;`, `f(a;`). Elsewhere the token found
  // is more likely misplaced, and going on after a made-up token parses the
  // rest as something it is not (`S += P ET - Q;` as `S += P; ET - Q;`).
  // Nor make up a name: `state ; S : mm;` is not `state <name>;` followed by
  // junk.
  if (parser->getContext()->getRuleIndex() == P::RuleName)
    return false;
  antlr4::TokenStream *tokens = parser->getTokenStream();
  size_t index = tokens->index();
  bool onNewLine = index > 0 && tokens->get(index)->getLine() !=
                                    tokens->get(index - 1)->getLine();
  if (!onNewLine && !endsUnfinished(tokens, index))
    return false;
  return DefaultErrorStrategy::singleTokenInsertion(parser);
}

void SyntaxErrorStrategy::recover(antlr4::Parser *parser,
                                  std::exception_ptr /*e*/) {
  // ANTLR consumes a token when an error recurs at the same token and ATN
  // state, to guarantee progress. That misfires here: unwinding nested rules
  // (`((a + ;`) meets the same state at the sync point where skipping
  // stopped, and would eat the first token of the next statement. Progress
  // is guaranteed anyway (every loop consumes the token it is entered on,
  // and each rule recovers at most once before it returns), so this is only
  // a safety net against an endless loop.
  size_t index = parser->getInputStream()->index();
  recoveriesAtIndex = index == lastRecoveryIndex ? recoveriesAtIndex + 1 : 0;
  lastRecoveryIndex = index;
  if (recoveriesAtIndex > kMaxRecoveriesAtOneToken) {
    parser->consume();
    recoveriesAtIndex = 0;
  }

  // A keyword used as a name: take it as the name and go on from there, so
  // that `param step : 1/d;` or `model in { ... }` parse on normally.
  antlr4::Token *current = parser->getCurrentToken();
  if (parser->getContext()->getRuleIndex() == P::RuleName &&
      (isKeyword(current->getType()) || isReserved(current->getType())) &&
      looksLikeKeywordAsName(parser, current)) {
    parser->consume();
    return;
  }
  skipToSyncPoint(parser, /*skipWholeIf=*/false);
}

void SyntaxErrorStrategy::sync(antlr4::Parser *parser) {
  const antlr4::atn::ATN &atn = parser->getATN();
  antlr4::atn::ATNState *state = atn.states[parser->getState()];
  antlr4::TokenStream *tokens = parser->getTokenStream();
  size_t la = tokens->LA(1);
  antlr4::misc::IntervalSet next = atn.nextTokens(state);
  if (next.contains(static_cast<ssize_t>(antlr4::Token::EPSILON)) ||
      next.contains(la))
    return;

  switch (state->getStateType()) {
  case antlr4::atn::ATNState::BLOCK_START:
  case antlr4::atn::ATNState::STAR_BLOCK_START:
  case antlr4::atn::ATNState::PLUS_BLOCK_START:
  case antlr4::atn::ATNState::STAR_LOOP_ENTRY:
  case antlr4::atn::ATNState::PLUS_LOOP_BACK:
  case antlr4::atn::ATNState::STAR_LOOP_BACK:
    break;
  default:
    return;
  }

  antlr4::ParserRuleContext *ctx = parser->getContext();
  size_t rule = ctx->getRuleIndex();
  bool blockLoop = rule == P::RuleProgram || rule == P::RuleModelDecl ||
                   rule == P::RuleStepBlock;
  if (!blockLoop) {
    // Inside a construct: repair by deleting one token (`x = a b;`), or leave
    // the rule; reportError and recover then skip the rest of the construct.
    // While recovering, let the open rules end.
    if (inErrorRecoveryMode(parser) || singleTokenDeletion(parser))
      return;
    throw antlr4::InputMismatchException(parser);
  }

  // At the loop over models, declarations or statements: skip the broken
  // ones until the loop can go on (or end), even while recovering, since
  // giving up would abandon the rest of the block. Deleting a token is no
  // repair here: `if x > 0 ...` would go on as the statement `x > 0 ...`.
  // Only the first broken construct of a run is reported: a run usually has
  // one cause, such as a `}` too many that ends the step block early and
  // leaves the statements after it in the model.
  if (!inErrorRecoveryMode(parser))
    report(parser, tokens->LT(1), parser->getExpectedTokens(), ctx);
  while (skipToSyncPoint(parser, /*skipWholeIf=*/la == P::IF &&
                                     rule == P::RuleStepBlock)) {
    la = tokens->LA(1);
    if (la == antlr4::Token::EOF || parser->getExpectedTokens().contains(la))
      return;
  }
  // At a token that ends the block: the rule handles it.
}

/// Consumes a `{ ... }` group, with nested groups, up to and including its
/// closing brace (or the end of the file).
static void skipBraceGroup(antlr4::Parser *parser) {
  antlr4::TokenStream *tokens = parser->getTokenStream();
  unsigned depth = 0;
  do {
    size_t la = tokens->LA(1);
    if (la == antlr4::Token::EOF)
      return;
    if (la == P::LBRACE)
      ++depth;
    else if (la == P::RBRACE)
      --depth;
    parser->consume();
  } while (depth != 0);
}

bool SyntaxErrorStrategy::skipToSyncPoint(antlr4::Parser *parser,
                                          bool skipWholeIf) {
  antlr4::TokenStream *tokens = parser->getTokenStream();
  Region region = regionOf(parser->getContext());
  size_t start = tokens->index();
  auto done = [&] { return tokens->index() != start; };
  while (true) {
    size_t la = tokens->LA(1);
    if (la == antlr4::Token::EOF)
      return done();
    bool startsConstruct = startsConstructAt(tokens, tokens->index());
    switch (region) {
    case Region::File:
      if (la == P::MODEL || la == P::IMPORT || la == P::CONST || la == P::FN)
        return done();
      break;
    case Region::Header:
      if (la == P::LBRACE || startsConstruct)
        return done();
      break;
    case Region::ModelBody:
    case Region::Declaration:
      if (startsConstruct && la != P::LET)
        return done();
      break;
    case Region::StepBody:
      if (startsConstruct && !isDeclKeyword(la))
        return done();
      // `NAME =` cannot occur inside an expression: a new statement.
      if (!skipWholeIf && la == P::ID && isAssignOp(tokens->LA(2)))
        return done();
      break;
    }

    if (la == P::LBRACE) {
      // A block that does not belong here (`if c { ... }` written as in C):
      // skip it whole. In a step block it ends the broken statement.
      skipBraceGroup(parser);
      if (region == Region::StepBody &&
          !(skipWholeIf && tokens->LA(1) == P::ELSE))
        return true;
      continue;
    }
    parser->consume();
    if (la == P::SEMI && region != Region::File && region != Region::Header) {
      // The end of the broken declaration or statement; for an `if`
      // written as a statement, go on over its `else` part.
      if (!(skipWholeIf && tokens->LA(1) == P::ELSE))
        return true;
    }
  }
}
