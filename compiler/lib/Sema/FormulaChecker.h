//===- FormulaChecker.h - Kernels and basin outputs -------------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The two kinds of formula that live outside the step:
//  - `kernel K[k < N] = ...`, computed once per basin before the run, from
//    its index, constants and static shared parameters;
//  - `output Q = ...`, computed per basin after the step of all its
//    components, from forcings, shared parameters, earlier basin outputs,
//    aggregates of the components' outputs (mean, sum, weighted_mean) and
//    convolve(earlier basin output, kernel).
//
//===----------------------------------------------------------------------===//

#ifndef DGM_LIB_SEMA_FORMULACHECKER_H
#define DGM_LIB_SEMA_FORMULACHECKER_H

#include "ExprChecker.h"

namespace dgm {

void checkKernel(ast::ModelDecl &model, ast::KernelDecl &kernel,
                 const Scope &scope, DiagnosticEngine &diag);

/// Checks the initial value of `state` when it names parameters (Sema
/// decides; a constant one is evaluated instead): constants and static
/// parameters only. Resolves the names; false after an error.
bool checkStateInitialValue(ast::ModelDecl &model, ast::VarDecl &state,
                            const Scope &scope, DiagnosticEngine &diag);

/// Checks the formulas of every basin output of `model`, in order.
void checkBasinOutputs(ast::ModelDecl &model, const Scope &scope,
                       DiagnosticEngine &diag);

/// Checks the expressions of the model's `balance` and adds the output
/// `balance_error` (VarDecl::isBalanceError) that MLIRGen computes.
void checkBalance(ast::ModelDecl &model, const Scope &scope,
                  DiagnosticEngine &diag);

/// Whether `var` (a parameter) has one value per basin rather than one per
/// component: declared `shared`, or in a model without components.
bool isSharedParam(const ast::ModelDecl &model, const ast::VarDecl &var);

} // namespace dgm

#endif // DGM_LIB_SEMA_FORMULACHECKER_H
