//===- UnitChecker.h - Dimensions of expressions and updates ----*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The unit of every expression of a model, and the checks that they agree:
// the operands of `+`, `-`, comparisons, min/max/clamp and the branches of
// `if` have one unit; an assignment gives a state or an output its own unit;
// exp, log and the like take dimensionless arguments. docs/language.md
// ("Units") states the rules for users.
//
// It runs after the rest of Sema, on a module without errors: it reads the
// names resolved by Sema (NameRef, CallExpr::fn).
//
//===----------------------------------------------------------------------===//

#ifndef DGM_LIB_SEMA_UNITCHECKER_H
#define DGM_LIB_SEMA_UNITCHECKER_H

#include "dgm/AST/AST.h"
#include "dgm/Support/Diagnostics.h"

#include "llvm/ADT/ArrayRef.h"

namespace dgm {

/// Checks the units of `module`'s model. `builtins` are the language's own
/// constants (`dt`), visible everywhere below the file's.
void checkUnits(ast::Module &module,
                llvm::ArrayRef<const ast::ConstDecl *> builtins,
                DiagnosticEngine &diag);

} // namespace dgm

#endif // DGM_LIB_SEMA_UNITCHECKER_H
