//===- Sema.h - Semantic checks of a parsed .dgm module ---------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Sema runs between parsing and MLIRGen. It resolves every name, evaluates
// the constant expressions of bounds, defaults and initial values, checks the
// types of expressions (numbers vs truth values) and the rules of the step
// block, and fills the AST fields marked "set by Sema". MLIRGen may assume a
// module that passed Sema is well formed.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_SEMA_SEMA_H
#define DGM_SEMA_SEMA_H

#include "dgm/AST/AST.h"
#include "dgm/Support/Diagnostics.h"

namespace dgm {

/// Checks `module`, reporting every problem to `diag`. Returns true when the
/// module is well formed (warnings allowed).
/// `requireModel` false checks a module of definitions only (a library
/// module, the REPL's typed `fn`/`const`).
bool checkModule(ast::Module &module, DiagnosticEngine &diag,
                 bool requireModel = true);

/// The built-in functions that calls may name, with their arity.
struct BuiltinFunction {
  const char *name;
  unsigned numArgs;
  const char *signature; ///< for messages, e.g. "clamp(x, lo, hi)"
};
llvm::ArrayRef<BuiltinFunction> getBuiltinFunctions();
const BuiltinFunction *lookupBuiltinFunction(llvm::StringRef name);

} // namespace dgm

#endif // DGM_SEMA_SEMA_H
