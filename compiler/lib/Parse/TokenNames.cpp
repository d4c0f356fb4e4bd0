//===- TokenNames.cpp - How tokens read in error messages -----------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "TokenNames.h"

#include "DGMParser.h"
#include "TokenStream.h"
#include "Vocabulary.h"

using namespace dgm::parse;
using P = dgm_antlr::DGMParser;

llvm::StringRef
dgm::parse::getSpelling(size_t type,
                        const antlr4::dfa::Vocabulary &vocabulary) {
  if (type == antlr4::Token::EOF)
    return "";
  // The vocabulary knows the literal of every 'quoted' lexer rule.
  const std::string &literal = vocabulary.getLiteralName(type);
  if (literal.size() < 2)
    return "";
  return llvm::StringRef(literal).drop_front().drop_back();
}

std::string dgm::parse::quote(llvm::StringRef text) {
  // A found token can be a whole unterminated comment: show its start only.
  constexpr size_t kMaxShown = 32;
  size_t newline = text.find_first_of("\r\n");
  bool cut = text.size() > kMaxShown || newline != llvm::StringRef::npos;
  text = text.take_front(std::min(kMaxShown, newline));
  return "'" + text.str() + (cut ? "...'" : "'");
}

std::string
dgm::parse::describeExpected(size_t type,
                             const antlr4::dfa::Vocabulary &vocabulary) {
  switch (type) {
  case antlr4::Token::EOF:
    return "the end of the file";
  case P::ID:
    return "a name";
  case P::NUMBER:
    return "a number";
  case P::STRING:
    return "a description string";
  default:
    break;
  }
  llvm::StringRef spelling = getSpelling(type, vocabulary);
  if (!spelling.empty())
    return quote(spelling);
  return vocabulary.getDisplayName(type);
}

std::string dgm::parse::describeFound(const antlr4::Token *token) {
  switch (token->getType()) {
  case antlr4::Token::EOF:
    return "end of file";
  case P::STRING:
    return "string " + token->getText();
  default:
    return quote(token->getText());
  }
}

std::string
dgm::parse::joinAlternatives(const std::vector<std::string> &items) {
  std::string result;
  for (size_t i = 0, e = items.size(); i != e; ++i) {
    if (i != 0)
      result += i + 1 == e ? " or " : ", ";
    result += items[i];
  }
  return result;
}

bool dgm::parse::isKeyword(size_t type) {
  return type >= P::MODEL && type <= P::IN;
}

bool dgm::parse::isReserved(size_t type) {
  return type >= P::RESERVED_STATIC && type <= P::RESERVED_FALSE;
}

bool dgm::parse::isDeclKeyword(size_t type) {
  return type == P::FORCING || type == P::PARAM || type == P::STATE ||
         type == P::OUTPUT || type == P::DYNAMIC || type == P::SHARED ||
         type == P::INTERNAL || type == P::CONST || type == P::FN ||
         type == P::KERNEL || type == P::IMPORT;
}

bool dgm::parse::isErrorToken(size_t type) {
  return type == P::BAD_NUMBER || type == P::UNTERMINATED_STRING ||
         type == P::UNTERMINATED_COMMENT || type == P::ERROR_CHAR;
}

bool dgm::parse::isAssignOp(size_t type) {
  return type == P::ASSIGN || type == P::PLUS_ASSIGN ||
         type == P::MINUS_ASSIGN || type == P::STAR_ASSIGN ||
         type == P::SLASH_ASSIGN;
}

bool dgm::parse::isBinaryOp(size_t type) {
  switch (type) {
  case P::PLUS:
  case P::MINUS:
  case P::STAR:
  case P::SLASH:
  case P::CARET:
  case P::LT:
  case P::LE:
  case P::GT:
  case P::GE:
  case P::EQ:
  case P::NE:
  case P::AND:
  case P::OR:
    return true;
  default:
    return false;
  }
}

bool dgm::parse::isExprStart(size_t type) {
  return type == P::NUMBER || type == P::ID || type == P::LPAREN ||
         type == P::MINUS || type == P::NOT || type == P::IF;
}

bool dgm::parse::startsConstructAt(antlr4::TokenStream *tokens, size_t index) {
  size_t type = tokens->get(index)->getType();
  if (type == P::RBRACE || type == antlr4::Token::EOF)
    return true;
  if (!isDeclKeyword(type) && type != P::LET && type != P::MODEL &&
      type != P::STEP && type != P::COMPONENTS && type != P::BALANCE &&
      type != P::SOLVER)
    return false;
  // A keyword in the middle of a line is more likely a misplaced word than
  // the start of something new; so is a keyword without what belongs after
  // it.
  if (index > 0 &&
      tokens->get(index - 1)->getLine() == tokens->get(index)->getLine())
    return false;
  antlr4::Token *next = tokens->get(index + 1);
  if (type == P::STEP || type == P::BALANCE)
    return next->getType() == P::LBRACE;
  if (type == P::COMPONENTS)
    return next->getType() == P::NUMBER;
  // A name, or a keyword misused as one (`param step : 1;`).
  return next->getType() == P::ID ||
         ((isKeyword(next->getType()) || isReserved(next->getType())) &&
          next->getLine() == tokens->get(index)->getLine());
}

/// Whether the token at `index` ends an unfinished expression or clause, so
/// that a missing `;`, `)` or `else` before it is the likely mistake (rather
/// than the token being misplaced).
bool dgm::parse::endsUnfinished(antlr4::TokenStream *tokens, size_t index) {
  switch (tokens->get(index)->getType()) {
  case P::SEMI:
  case P::COMMA:
  case P::RPAREN:
  case P::RBRACK:
  case P::THEN:
  case P::ELSE:
  case P::STRING:
    return true;
  default:
    return startsConstructAt(tokens, index);
  }
}
