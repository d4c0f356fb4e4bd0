//===- ParseTreeTransformer.h - ANTLR parse tree to dgm AST -----*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Converts the parse tree of a file without syntax errors into ast::Module,
// and reports what the grammar lets through on purpose but the language does
// not allow (see grammar/DGM.g4): declaration clauses in the wrong order or
// on the wrong kind, chained comparisons, malformed units, unknown string
// escapes, numbers too large for a double and nesting beyond kMaxNesting.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_LIB_PARSE_PARSETREETRANSFORMER_H
#define DGM_LIB_PARSE_PARSETREETRANSFORMER_H

#include "ParseErrors.h"

#include "DGMParser.h"

#include <memory>

namespace dgm::parse {

/// The AST of `program`, whose tokens are in `tokens`. Errors go to
/// `errors`; the result is only meaningful when there were none.
std::unique_ptr<ast::Module>
transformParseTree(dgm_antlr::DGMParser::ProgramContext *program,
                   antlr4::TokenStream &tokens, ParseErrors &errors);

} // namespace dgm::parse

#endif // DGM_LIB_PARSE_PARSETREETRANSFORMER_H
