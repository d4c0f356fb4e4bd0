//===- ASTDumper.h - Printing the AST as an indented tree -------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// `dgmc --emit=ast` prints the tree with this, one node per line, children
// indented by two spaces, every node with its source location:
//
//   Model linear_reservoir @model.dgm:2:7
//     Forcing P "precipitation" @3:11
//       Unit mm/d @3:17 = mm@3:17 d^-1@3:20
//     Step @12:3
//       Let avail @13:5 name@13:9
//         Binary + @13:19
//           Name S @13:17
//           Name P @13:21
//
// The format is meant for people and for FileCheck tests: it is stable and
// deterministic, but not a serialisation to be parsed back.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_AST_ASTDUMPER_H
#define DGM_AST_ASTDUMPER_H

#include "dgm/AST/AST.h"

#include "llvm/Support/raw_ostream.h"

namespace dgm {

/// Prints `module` as an indented tree (format above) to `os`.
void dumpAST(const ast::Module &module, llvm::raw_ostream &os);

} // namespace dgm

#endif // DGM_AST_ASTDUMPER_H
