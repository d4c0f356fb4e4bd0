//===- StepChecker.h - Checks of a model's step block -----------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_LIB_SEMA_STEPCHECKER_H
#define DGM_LIB_SEMA_STEPCHECKER_H

#include "dgm/AST/AST.h"
#include "dgm/Support/Diagnostics.h"

namespace dgm {

/// The word users read for a declaration kind: "forcing", "parameter",
/// "state", "output".

/// Resolves the names of `step`, checks the types of its expressions and the
/// rules of assignment (only states and outputs; outputs assigned before they
/// are read and by the end of the step). Reports to `diag`.
struct Scope;

void checkStep(ast::ModelDecl &model, ast::StepBlock &step, const Scope &scope,
               DiagnosticEngine &diag);

/// Reports a model whose generated code, with every function call inlined,
/// exceeds kMaxInlinedSize operations in all: the step (times the solver's
/// evaluations; a convolution counts its weights), the balance, the basin
/// outputs and the kernels. Run after the step and formulas check clean.
/// Warns of each `let` of the step that nothing reads. After all checks,
/// on a model without errors (the lets' indices are resolved).
void warnUnusedLets(const ast::ModelDecl &model, DiagnosticEngine &diag);

void checkExpansionSize(ast::ModelDecl &model, const ast::StepBlock &step,
                        DiagnosticEngine &diag);

} // namespace dgm

#endif // DGM_LIB_SEMA_STEPCHECKER_H
