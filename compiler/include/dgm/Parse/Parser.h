//===- Parser.h - Parsing .dgm source into the AST --------------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The front end's entry point: source text in, ast::Module out. The grammar
// is grammar/DGM.g4; the ANTLR-generated parser and everything that touches
// ANTLR stays inside lib/Parse, so no ANTLR type appears here.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_PARSE_PARSER_H
#define DGM_PARSE_PARSER_H

#include "dgm/AST/AST.h"
#include "dgm/Support/Diagnostics.h"

#include <memory>

namespace dgm {

/// Parses buffer `bufferID` of diag.getSourceMgr() (its identifier is the
/// file name used in every Location). Reports every syntax error to `diag`
/// (recovering to find more, without cascades of follow-on errors). Returns
/// nullptr when there was any syntax error.
std::unique_ptr<ast::Module> parseModule(unsigned bufferID,
                                         DiagnosticEngine &diag);

} // namespace dgm

#endif // DGM_PARSE_PARSER_H
