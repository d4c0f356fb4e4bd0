//===- Builtins.cpp - The built-in functions of the language --------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// One table of the functions a call may name. Sema checks calls against it;
// MLIRGen maps each name to a dgm op; the constant evaluator implements them
// for bounds and initial values. docs/language.md lists them for users.
//
//===----------------------------------------------------------------------===//

#include "dgm/Sema/Sema.h"

using namespace dgm;

static const BuiltinFunction kBuiltins[] = {
    {"min", 2, "min(a, b)"},
    {"max", 2, "max(a, b)"},
    {"clamp", 3, "clamp(x, lo, hi)"},
    {"exp", 1, "exp(x)"},
    {"log", 1, "log(x)"},
    {"expm1", 1, "expm1(x)"},
    {"log1p", 1, "log1p(x)"},
    {"sqrt", 1, "sqrt(x)"},
    {"abs", 1, "abs(x)"},
    {"pow", 2, "pow(base, exponent)"},
    {"floor", 1, "floor(x)"},
    {"lgamma", 1, "lgamma(x)"},
    {"relu", 1, "relu(x)"},
    {"sigmoid", 1, "sigmoid(x)"},
    {"tanh", 1, "tanh(x)"},
    {"sin", 1, "sin(x)"},
    {"cos", 1, "cos(x)"},
    {"tan", 1, "tan(x)"},
    {"acos", 1, "acos(x)"},
};

llvm::ArrayRef<BuiltinFunction> dgm::getBuiltinFunctions() { return kBuiltins; }

const BuiltinFunction *dgm::lookupBuiltinFunction(llvm::StringRef name) {
  for (const BuiltinFunction &fn : kBuiltins)
    if (name == fn.name)
      return &fn;
  return nullptr;
}
