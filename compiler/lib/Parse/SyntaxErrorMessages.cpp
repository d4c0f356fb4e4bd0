//===- SyntaxErrorMessages.cpp - Wording of syntax errors -----------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// describeSyntaxError tries the specific diagnoses first (a bad token, a
// keyword used as a name, a missing `;` or closing bracket, a missing
// expression), then falls back to "unexpected X; expected A, B or C" with the
// expected token types grouped into words ("an expression", "an operator").
//
//===----------------------------------------------------------------------===//

#include "SyntaxErrorMessages.h"

#include "ParseContexts.h"
#include "TokenNames.h"

#include "DGMParser.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

using namespace dgm;
using namespace dgm::parse;
using P = dgm_antlr::DGMParser;
using antlr4::ParserRuleContext;
using antlr4::Token;
using antlr4::misc::IntervalSet;

namespace {

constexpr size_t kEOF = antlr4::Token::EOF;

//===----------------------------------------------------------------------===//
// Tokens the lexer could not make sense of
//===----------------------------------------------------------------------===//

/// The ASCII operator a non-ASCII character pasted from a word processor or
/// a PDF stands for (U+2212 MINUS SIGN for '-'), or null.
const char *asciiLookalike(llvm::UTF32 codePoint) {
  switch (codePoint) {
  case 0x2212: // minus sign
  case 0x2013: // en dash
  case 0x2014: // em dash
    return "-";
  case 0x00D7: // multiplication sign
  case 0x22C5: // dot operator
  case 0x00B7: // middle dot
    return "*";
  case 0x00F7: // division sign
  case 0x2215: // division slash
    return "/";
  case 0x2264:
    return "<=";
  case 0x2265:
    return ">=";
  case 0x2260:
    return "!=";
  case 0x201C: // curly double quotes
  case 0x201D:
    return "\"";
  case 0x00A0: // no-break space
    return " ";
  default:
    return nullptr;
  }
}

std::string describeStrayCharacter(const Token *token, llvm::StringRef source) {
  std::string message;
  llvm::raw_string_ostream os(message);
  size_t offset = token->getStartIndex();
  unsigned char c = offset < source.size() ? source[offset] : 0;
  if (c >= 0x80) {
    // The lexer sees bytes: decode the whole character for the message.
    const llvm::UTF8 *begin =
        reinterpret_cast<const llvm::UTF8 *>(source.data() + offset);
    const llvm::UTF8 *end =
        reinterpret_cast<const llvm::UTF8 *>(source.data() + source.size());
    llvm::UTF32 codePoint;
    const llvm::UTF8 *next = begin;
    if (llvm::convertUTF8Sequence(&next, end, &codePoint,
                                  llvm::strictConversion) ==
        llvm::conversionOK) {
      os << "unexpected character '"
         << llvm::StringRef(source.data() + offset, next - begin) << "' (U+"
         << llvm::format_hex_no_prefix(codePoint, 4, /*Upper=*/true)
         << "); names and operators are written in ASCII";
      if (const char *ascii = asciiLookalike(codePoint))
        os << ": did you mean '" << ascii << "'?";
    } else {
      os << "unexpected byte 0x"
         << llvm::format_hex_no_prefix(c, 2, /*Upper=*/true)
         << "; the file is not valid UTF-8 text";
    }
    return message;
  }
  if (!llvm::isPrint(c)) {
    os << "unexpected control character 0x"
       << llvm::format_hex_no_prefix(c, 2, /*Upper=*/true);
    return message;
  }
  os << "unexpected character '" << static_cast<char>(c) << "'";
  switch (c) {
  case '&':
    os << "; write 'and' for the logical and";
    break;
  case '|':
    os << "; write 'or' for the logical or";
    break;
  case '!':
    os << "; write 'not' for the negation ('!=' means 'not equal')";
    break;
  case '\'':
    os << "; descriptions are written in double quotes";
    break;
  case '#':
    os << "; comments start with '//'";
    break;
  default:
    break;
  }
  return message;
}

std::string describeBadToken(const Token *token, llvm::StringRef source) {
  std::string text = token->getText();
  switch (token->getType()) {
  case P::UNTERMINATED_STRING:
    return "unterminated string: the closing '\"' is missing on this line";
  case P::UNTERMINATED_COMMENT:
    return "unterminated comment: '/*' has no matching '*/'";
  case P::BAD_NUMBER: {
    // The lexer only makes a BAD_NUMBER of an exponent without digits, or of
    // a number run into letters.
    llvm::StringRef rest = llvm::StringRef(text).ltrim("0123456789.");
    if (rest.size() <= 2 && (rest[0] == 'e' || rest[0] == 'E') &&
        (rest.size() == 1 || rest[1] == '+' || rest[1] == '-'))
      return "malformed number " + quote(text) +
             ": the exponent needs digits, as in '1e-3'";
    return "malformed number " + quote(text) +
           ": a number cannot be followed directly by a letter";
  }
  default:
    return describeStrayCharacter(token, source);
  }
}

//===----------------------------------------------------------------------===//
// The expected token types, in words
//===----------------------------------------------------------------------===//

/// Removes the declaration clauses that are no longer possible: those of
/// the same or an earlier place in the fixed order (`: UNIT`, `in [..]`,
/// `= VALUE`, "description") than one already written, and those the kind
/// of declaration does not have.
void removeImpossibleClauses(IntervalSet &set, P::VarDeclContext *decl) {
  int lastRank = -1;
  for (P::DeclClauseContext *clause : decl->declClause()) {
    int rank = 3;
    if (dynamic_cast<P::UnitClauseContext *>(clause))
      rank = 0;
    else if (dynamic_cast<P::BoundsClauseContext *>(clause))
      rank = 1;
    else if (dynamic_cast<P::InitClauseContext *>(clause))
      rank = 2;
    lastRank = std::max(lastRank, rank);
  }
  const size_t starters[] = {P::COLON, P::IN, P::ASSIGN, P::STRING};
  for (int rank = 0; rank <= lastRank; ++rank)
    set.remove(starters[rank]);
  size_t kind = decl->kind ? decl->kind->getType() : P::PARAM;
  if (kind != P::PARAM)
    set.remove(static_cast<size_t>(P::IN));
  if (kind == P::FORCING || kind == P::OUTPUT)
    set.remove(static_cast<size_t>(P::ASSIGN));
}

bool has(const IntervalSet &set, size_t type) { return set.contains(type); }

bool containsAll(const IntervalSet &set, std::initializer_list<size_t> types) {
  for (size_t type : types)
    if (!set.contains(type))
      return false;
  return true;
}

void removeAll(IntervalSet &set, std::initializer_list<size_t> types) {
  for (size_t type : types)
    set.remove(type);
}

/// Closing tokens read best last: "an operator or ';'".
bool isCloser(ssize_t type) {
  return type == P::SEMI || type == P::RPAREN || type == P::RBRACK ||
         type == P::RBRACE || type == static_cast<ssize_t>(kEOF);
}

std::vector<std::string> describeSet(IntervalSet set, ParserRuleContext *ctx,
                                     const antlr4::dfa::Vocabulary &vocab,
                                     bool afterUnit) {
  std::vector<std::string> words;
  set.remove(static_cast<ssize_t>(antlr4::Token::EPSILON));
  removeAll(set, {P::BAD_NUMBER, P::UNTERMINATED_STRING,
                  P::UNTERMINATED_COMMENT, P::ERROR_CHAR});
  if (auto *decl = dynamic_cast<P::VarDeclContext *>(enclosingConstruct(ctx)))
    removeImpossibleClauses(set, decl);

  bool inUnit = afterUnit || isInUnit(ctx);
  if (containsAll(set, {P::FORCING, P::PARAM, P::STATE, P::OUTPUT, P::STEP})) {
    words.push_back("a declaration (forcing, param, state, output, kernel, "
                    "const, fn, components, balance, solver) or a step block");
    // IMPORT too: the grammar takes one in a model only to report it.
    removeAll(set,
              {P::FORCING, P::PARAM, P::STATE, P::OUTPUT, P::STEP, P::RBRACE,
               P::KERNEL, P::CONST, P::FN, P::COMPONENTS, P::DYNAMIC, P::SHARED,
               P::INTERNAL, P::BALANCE, P::SOLVER, P::IMPORT});
  }
  if (ctx->getRuleIndex() == P::RuleStepBlock &&
      containsAll(set, {P::ID, P::LET})) {
    words.push_back("a statement");
    removeAll(set, {P::ID, P::LET});
  }
  if (!inUnit && containsAll(set, {P::NUMBER, P::ID, P::LPAREN})) {
    words.push_back("an expression");
    removeAll(set, {P::NUMBER, P::ID, P::LPAREN, P::MINUS, P::NOT, P::IF});
  }
  if (inUnit && containsAll(set, {P::NUMBER, P::ID, P::LPAREN})) {
    words.push_back("a unit");
    removeAll(set, {P::NUMBER, P::ID, P::LPAREN});
  }
  if (!inUnit) {
    bool anyOperator = false;
    for (ssize_t type : set.toList())
      anyOperator |= type >= 0 && isBinaryOp(type);
    if (anyOperator) {
      words.push_back("an operator");
      for (ssize_t type : set.toList())
        if (type >= 0 && isBinaryOp(type))
          set.remove(type);
    }
  }
  if (containsAll(set, {P::ASSIGN, P::PLUS_ASSIGN, P::MINUS_ASSIGN,
                        P::STAR_ASSIGN, P::SLASH_ASSIGN})) {
    words.push_back("an assignment operator ('=', '+=', '-=', '*=', '/=')");
    removeAll(set, {P::ASSIGN, P::PLUS_ASSIGN, P::MINUS_ASSIGN, P::STAR_ASSIGN,
                    P::SLASH_ASSIGN});
  }
  // Operators (in units) first, closing tokens last: "'*', '/', 'in', '=',
  // a description string or ';'".
  std::vector<ssize_t> rest = set.toList();
  auto group = [](ssize_t type) {
    return type >= 0 && isBinaryOp(type) ? 0 : isCloser(type) ? 2 : 1;
  };
  for (int g = 0; g != 3; ++g)
    for (ssize_t type : rest)
      if (group(type) == g)
        words.push_back(describeExpected(static_cast<size_t>(type), vocab));
  return words;
}

//===----------------------------------------------------------------------===//
// Diagnoses
//===----------------------------------------------------------------------===//

std::string locationText(const Token *token) {
  return std::to_string(token->getLine()) + ":" +
         std::to_string(token->getCharPositionInLine() + 1);
}

/// The keyword spelled most like `text`, among the expected keywords.
std::string suggestKeyword(llvm::StringRef text, const IntervalSet &expected,
                           const antlr4::dfa::Vocabulary &vocab) {
  std::vector<std::string> keywords;
  for (ssize_t type : expected.toList())
    if (type >= 0 && isKeyword(type))
      keywords.push_back(getSpelling(type, vocab).str());
  return closestMatch(text, keywords);
}

} // namespace

bool dgm::parse::looksLikeKeywordAsName(antlr4::Parser *parser,
                                        antlr4::Token *found) {
  antlr4::TokenStream *tokens = parser->getTokenStream();
  size_t index = found->getTokenIndex();
  if (index == INVALID_INDEX)
    return false;
  if (index > 0 && tokens->get(index - 1)->getLine() == found->getLine())
    return true;
  if (found->getType() == kEOF)
    return false;
  size_t next = tokens->get(index + 1)->getType();
  return isAssignOp(next) || next == P::COLON;
}

SyntaxError dgm::parse::describeSyntaxError(antlr4::Parser *parser,
                                            Token *found, IntervalSet expected,
                                            ParserRuleContext *ctx,
                                            const ParseErrors &errors) {
  const antlr4::dfa::Vocabulary &vocab = parser->getVocabulary();
  antlr4::TokenStream *tokens = parser->getTokenStream();
  size_t type = found->getType();
  size_t index = found->getTokenIndex();
  Token *prev =
      index != INVALID_INDEX && index > 0 ? tokens->get(index - 1) : nullptr;

  // See SyntaxErrorStrategy.h for where the caret goes.
  bool atLineEnd = prev && (type == kEOF || found->getLine() > prev->getLine());
  ast::Location expectLoc = atLineEnd ? errors.after(prev) : errors.at(found);
  ast::Location foundLoc =
      type == kEOF && prev ? errors.after(prev) : errors.at(found);
  std::string afterPrev = prev ? " after " + quote(prev->getText()) : "";

  // `import routing.dgm;`: modules are named without their extension.
  if (type == P::ERROR_CHAR && found->getText() == "." && prev &&
      prev->getType() == P::ID && index >= 2 &&
      tokens->get(index - 2)->getType() == P::IMPORT)
    return {errors.at(found), "a module is imported by its name, without "
                              "'.dgm': 'import " +
                                  prev->getText() + ";' reads " +
                                  prev->getText() + ".dgm"};
  if (isErrorToken(type))
    return {errors.at(found), describeBadToken(found, errors.getSource())};
  // `kernel UH[k < MAXBAS]`: the length is fixed when the model compiles.
  if (ctx->getRuleIndex() == P::RuleKernelDecl && prev &&
      prev->getType() == P::LT && type != P::NUMBER)
    return {foundLoc, "the length of a kernel must be a number written out, "
                      "as in 'kernel UH[k < 15]'; its weights may depend on "
                      "parameters (for example 'if k < MAXBAS then ... else "
                      "0' with a long enough length)"};

  expected.remove(static_cast<ssize_t>(antlr4::Token::EPSILON));
  Completed completed = lastCompleted(ctx, prev);
  bool afterUnit = completed == Completed::Unit;
  switch (completed) {
  case Completed::Expression:
    for (size_t op : {P::PLUS, P::MINUS, P::STAR, P::SLASH, P::CARET, P::LT,
                      P::LE, P::GT, P::GE, P::EQ, P::NE, P::AND, P::OR})
      expected.add(op);
    break;
  case Completed::Unit:
    expected.add(P::STAR);
    expected.add(P::SLASH);
    break;
  case Completed::Nothing:
    break;
  }

  // A keyword where a name belongs.
  if ((isKeyword(type) || isReserved(type)) && has(expected, P::ID)) {
    std::string spelling = quote(found->getText());
    if (isDeclKeyword(type) && ctx->getRuleIndex() == P::RuleStepBlock)
      return {foundLoc,
              "unexpected " + spelling +
                  " inside the step block; declarations (forcing, param, "
                  "state, output, kernel, const, fn) go in the model, outside "
                  "'step { ... }' (is the step's '}' missing above?)"};
    // der(S) read as a value: it is only ever the target of an assignment.
    if (type == P::DER && index != INVALID_INDEX &&
        index + 1 < tokens->size() &&
        tokens->get(index + 1)->getType() == P::LPAREN)
      return {foundLoc, "der(...) can only stand on the left of '=' "
                        "('der(S) = RATE;'), not be read; to use a rate "
                        "twice, compute it in a 'let' and assign der(S) "
                        "from that name"};
    // A function's body is one expression.
    bool inFunction = false;
    for (antlr4::tree::ParseTree *p = ctx; p; p = p->parent)
      if (auto *rule = dynamic_cast<ParserRuleContext *>(p);
          rule && rule->getRuleIndex() == P::RuleFnDecl)
        inFunction = true;
    if (type == P::LET && inFunction)
      return {foundLoc, "'fn NAME(ARGS) = EXPR;' computes one expression; "
                        "for local names, write the body as a block: "
                        "'fn NAME(ARGS) { let X = EXPR; ... RESULT }'"};
    if (type == P::IF && ctx->getRuleIndex() == P::RuleStepBlock)
      return {foundLoc, "'if' cannot start a statement: it is an expression, "
                        "as in 'x = if c then a else b;'"};
    if (looksLikeKeywordAsName(parser, found))
      return {foundLoc, spelling + " is a " +
                            (isReserved(type) ? "reserved word" : "keyword") +
                            " and cannot be used as a name"};
  }
  if (ctx->getRuleIndex() == P::RuleName)
    return {expectLoc, "expected a name" + afterPrev};

  // `step` starts the step block or the step length; neither followed.
  if (prev && prev->getType() == P::STEP && type != P::LBRACE &&
      type != P::NUMBER)
    return {expectLoc, "expected '{' (the step block) or a step length such "
                       "as 'step 1 h;' after 'step'"};

  // A closing bracket that closes nothing.
  if ((type == P::RPAREN || type == P::RBRACK || type == P::RBRACE) &&
      !hasOpenBracket(ctx, type)) {
    std::string close = found->getText();
    std::string open = type == P::RPAREN ? "(" : type == P::RBRACK ? "[" : "{";
    return {foundLoc,
            "unexpected '" + close + "' with no matching '" + open + "'"};
  }

  // A missing closing bracket.
  bool operandExpected = containsAll(expected, {P::NUMBER, P::ID, P::LPAREN});
  if (std::optional<OpenBracket> open = innermostOpenBracket(ctx);
      open && has(expected, open->closeType) && !operandExpected) {
    bool missing;
    if (open->closeType == P::RBRACE)
      missing = type == kEOF ||
                ((type == P::MODEL ||
                  (type == P::STEP &&
                   open->owner->getRuleIndex() == P::RuleStepBlock)) &&
                 startsConstructAt(tokens, index));
    else
      missing = atLineEnd || endsUnfinished(tokens, index);
    if (missing)
      return {expectLoc, "expected " +
                             describeExpected(open->closeType, vocab) +
                             " to close the '" + open->open->getText() +
                             "' at " + locationText(open->open)};
  }

  // `model NAME` or `step` without its block.
  if (has(expected, P::LBRACE) &&
      (atLineEnd || startsConstructAt(tokens, index)))
    return {expectLoc, "expected '{'" + afterPrev};

  // A missing `;` at the end of a declaration or statement.
  if (has(expected, P::SEMI) && (atLineEnd || startsConstructAt(tokens, index)))
    return {expectLoc, "expected ';' after " + describeConstruct(ctx)};

  auto *ifCtx = dynamic_cast<P::IfExprContext *>(ctx);
  if (type == P::ASSIGN && ifCtx && !ifCtx->THEN())
    return {foundLoc, "unexpected '='; to compare two values, write '=='"};

  // An `if` expression without `then` or `else`.
  if (has(expected, P::ELSE) && (atLineEnd || endsUnfinished(tokens, index)))
    return {expectLoc, "expected 'else'" + afterPrev +
                           "; an 'if' expression needs both a 'then' and an "
                           "'else' branch"};
  if (has(expected, P::THEN) && (atLineEnd || endsUnfinished(tokens, index)))
    return {expectLoc, "expected 'then' after the condition of 'if'"};

  // `let a : mm = ...` in a function: its lets, like its arguments, have
  // the units of each call.
  if (ctx->getRuleIndex() == P::RuleFnLet && type == P::COLON)
    return {foundLoc, "a function's let takes no unit: like the function's "
                      "arguments, it has the unit of its value at each call"};
  // A function's block: `{ let ...; RESULT }`, the result without ';'.
  if (ctx->getRuleIndex() == P::RuleFnDecl && type == P::RBRACE &&
      operandExpected)
    return {foundLoc, "a function's block ends with its result, an "
                      "expression without ';' after it, as in "
                      "'{ let y = 2 * x; y + 1 }'"};
  if (ctx->getRuleIndex() == P::RuleFnDecl && type == P::SEMI &&
      has(expected, P::RBRACE))
    return {foundLoc, "the result of a function's block has no ';' after "
                      "it; the block closes with '}'"};

  // A missing operand.
  if (operandExpected) {
    if (isInUnit(ctx))
      return {expectLoc, "expected a unit" + afterPrev +
                             " (such as 'mm', 'mm/d', 'm^3/s' or '1')"};
    std::string message =
        "expected " +
        joinAlternatives(describeSet(expected, ctx, vocab, afterUnit)) +
        afterPrev;
    if (prev && prev->getType() == P::STAR && type == P::STAR)
      message += "; write powers with '^', as in 'x^2'";
    // `S =+ x`, `S =* x`: no expression starts with '+', '*' or '/', so in
    // an assignment this is a mistyped `S += x`.
    bool inAssignment = false;
    for (antlr4::tree::ParseTree *p = ctx; p; p = p->parent)
      if (auto *rule = dynamic_cast<ParserRuleContext *>(p))
        inAssignment |= rule->getRuleIndex() == P::RuleAssignStmt;
    if (inAssignment && prev && prev->getType() == P::ASSIGN &&
        (type == P::PLUS || type == P::STAR || type == P::SLASH) &&
        found->getLine() == prev->getLine() &&
        found->getCharPositionInLine() == prev->getCharPositionInLine() + 1) {
      std::string op = found->getText();
      const char *what = type == P::PLUS   ? "add to it"
                         : type == P::STAR ? "multiply it"
                                           : "divide it";
      return {foundLoc, "unexpected '" + op + "' after '='; did you mean '" +
                            op + "=' (" + what + ")?"};
    }
    // `x <> y`: comparisons are written as in C.
    if (prev && prev->getType() == P::LT && type == P::GT)
      return {errors.at(prev), "unexpected '<>'; write 'not equal' as '!='"};
    return {expectLoc, message};
  }
  if (ctx->getRuleIndex() == P::RuleUnitExponent ||
      (isInUnit(ctx) && has(expected, P::NUMBER) && !has(expected, P::ID)))
    return {expectLoc,
            "expected an integer exponent" + afterPrev + ", as in 'm^3'"};

  // Everything else: what was found, and what would have been accepted.
  std::string message = type == kEOF ? "unexpected end of file"
                                     : "unexpected " + describeFound(found);
  Region region = regionOf(ctx);
  if (region == Region::ModelBody &&
      (type == P::LET ||
       (type == P::ID && isAssignOp(tokens->get(index + 1)->getType()))))
    return {foundLoc, message + " outside the step block; statements belong "
                                "inside 'step { ... }'"};
  std::vector<std::string> words = describeSet(expected, ctx, vocab, afterUnit);
  if (!words.empty())
    message += "; expected " + joinAlternatives(words);
  if (type == P::ID) {
    std::string suggestion = suggestKeyword(found->getText(), expected, vocab);
    if (!suggestion.empty())
      message += " (did you mean '" + suggestion + "'?)";
  }
  return {foundLoc, message};
}
