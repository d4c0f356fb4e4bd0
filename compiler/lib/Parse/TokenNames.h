//===- TokenNames.h - How tokens read in error messages ---------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Error messages never show ANTLR's token names (ID, SEMI, <EOF>): literal
// tokens are quoted as written (';', 'step'), the others are described
// ("a name", "a number", "end of file"). Also classifies token types for the
// error strategy (keywords, operators, error tokens, ...).
//
//===----------------------------------------------------------------------===//

#ifndef DGM_LIB_PARSE_TOKENNAMES_H
#define DGM_LIB_PARSE_TOKENNAMES_H

#include "llvm/ADT/StringRef.h"

#include <cstddef>
#include <string>
#include <vector>

namespace antlr4 {
class Token;
class TokenStream;
namespace dfa {
class Vocabulary;
} // namespace dfa
} // namespace antlr4

namespace dgm::parse {

/// The source spelling of a literal token type (";", "step"), or "" for
/// NUMBER, ID, STRING, EOF and the error tokens.
llvm::StringRef getSpelling(size_t type,
                            const antlr4::dfa::Vocabulary &vocabulary);

/// A token type as something that was expected: "';'", "a name".
std::string describeExpected(size_t type,
                             const antlr4::dfa::Vocabulary &vocabulary);

/// A token as something that was found: "';'", "'foo'", "end of file".
std::string describeFound(const antlr4::Token *token);

/// The text in quotes, shortened if long: 'foo'.
std::string quote(llvm::StringRef text);

/// "a", "a or b", "a, b or c".
std::string joinAlternatives(const std::vector<std::string> &items);

bool isKeyword(size_t type);     ///< model ... in
bool isReserved(size_t type);    ///< import fn const ... false
bool isDeclKeyword(size_t type); ///< forcing param state output
bool isErrorToken(size_t type);  ///< BAD_NUMBER, unterminated ..., ERROR_CHAR
bool isAssignOp(size_t type);    ///< = += -= *= /=
bool isBinaryOp(size_t type);    ///< + - * / ^ < <= > >= == != and or
/// Can start an expression: NUMBER ID ( - not if.
bool isExprStart(size_t type);

/// Whether the token at `index` surely starts a new declaration, statement,
/// step block or model, or ends the block: `}`, the end of the file, `step {`,
/// or `forcing`, `param`, `state`, `output`, `let` or `model` before a name,
/// at the start of a line.
/// Error recovery stops there, and a missing `;` or `)` is reported before.
bool startsConstructAt(antlr4::TokenStream *tokens, size_t index);

/// Whether the token at `index` ends an unfinished expression or clause
/// (`;`, `,`, `)`, `]`, `then`, `else`, a string, or startsConstructAt), so
/// that a missing `;`, `)` or `else` before it is the likely mistake rather
/// than the token being misplaced.
bool endsUnfinished(antlr4::TokenStream *tokens, size_t index);

} // namespace dgm::parse

#endif // DGM_LIB_PARSE_TOKENNAMES_H
