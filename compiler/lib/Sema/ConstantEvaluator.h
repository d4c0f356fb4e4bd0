//===- ConstantEvaluator.h - Values of constant expressions -----*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Bounds, defaults and initial values are written as expressions (`-2.5`,
// `1/3`, `exp(1)`) but must be known at compile time: they go into the
// model's descriptor. This evaluates them, or reports why it cannot.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_LIB_SEMA_CONSTANTEVALUATOR_H
#define DGM_LIB_SEMA_CONSTANTEVALUATOR_H

#include "dgm/AST/AST.h"
#include "dgm/Support/Diagnostics.h"

#include <optional>
#include <vector>

namespace dgm {

/// Evaluates `expr` in float64. `what` names the value in messages ("the
/// lower bound of parameter 'k'"). Reports an error and returns nullopt when
/// the expression refers to a name, is not a number, or is not finite.
std::optional<double> evaluateConstant(const ast::Expr &expr,
                                       llvm::StringRef what,
                                       DiagnosticEngine &diag);

/// The weights of a kernel whose formula uses only its index and constants
/// (before `normalize`), or nullopt when it uses a parameter (its weights
/// are known per basin, at run time). Says nothing either way.
std::optional<std::vector<double>>
evaluateKernelWeights(const ast::KernelDecl &kernel);

} // namespace dgm

#endif // DGM_LIB_SEMA_CONSTANTEVALUATOR_H
