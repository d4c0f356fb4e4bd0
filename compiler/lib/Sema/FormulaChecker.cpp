//===- FormulaChecker.cpp - Kernels and basin outputs ---------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "FormulaChecker.h"

#include "ConstantEvaluator.h"

#include <cmath>

using namespace dgm;
using namespace dgm::ast;
using Type = ExprChecker::Type;

bool dgm::isSharedParam(const ModelDecl &model, const VarDecl &var) {
  return var.shared || !model.components;
}

namespace {
/// A declaration and its index among those of its kind.
struct Found {
  const VarDecl *var = nullptr;
  unsigned index = 0;
};

Found findVar(const ModelDecl &model, llvm::StringRef name) {
  unsigned counts[4] = {0, 0, 0, 0};
  for (const VarDecl &var : model.vars) {
    unsigned index = counts[static_cast<unsigned>(var.kind)]++;
    if (var.name == name)
      return {&var, index};
  }
  return {};
}

/// What the formula checkers share: a name that is not one of the model's
/// variables is a constant, or unknown.
class ModelFormulaChecker : public ExprChecker {
protected:
  ModelFormulaChecker(ModelDecl &model, DiagnosticEngine &diag,
                      const Scope &scope)
      : ExprChecker(diag, scope), model(model) {
    enclosingModel = &model;
  }

  /// Suggestions for an unknown name: the model's variables.
  void collectNames(std::vector<std::string> &names) override {
    for (const VarDecl &var : model.vars)
      names.push_back(var.name);
  }

  ModelDecl &model;

  Type checkNonVariable(NameExpr &e) {
    if (resolveConst(e))
      return Type::Number;
    reportUnknownName(e.getName(), e.getLoc());
    return Type::Error;
  }

  /// For a formula computed before the run (a kernel's weights, a state's
  /// initial value): `found` resolved if it is a static parameter (and one
  /// per basin, with `sharedOnly`); else an error that says why, after
  /// `what` (the formula and what it may use), and Type::Error.
  Type checkStaticParam(NameExpr &e, const ModelDecl &model, Found found,
                        const std::string &what, bool sharedOnly) {
    const VarDecl &var = *found.var;
    std::string why;
    if (var.kind != VarDecl::Kind::Param)
      why = "it is " + kindWithArticle(var.kind);
    else if (var.dynamic)
      why = "it is dynamic (a new value every step)";
    else if (sharedOnly && !isSharedParam(model, var))
      why = "it has one value per component; declare it 'shared param' "
            "to give it one value per basin";
    if (!why.empty()) {
      diag.error(e.getLoc(), llvm::Twine(what) + "; it cannot use '" +
                                 e.getName() + "': " + why);
      diag.note(var.loc, "declared here");
      return Type::Error;
    }
    e.ref.kind = NameRef::Kind::Param;
    e.ref.index = found.index;
    return Type::Number;
  }
};

class KernelChecker : public ModelFormulaChecker {
public:
  KernelChecker(ModelDecl &model, KernelDecl &kernel, const Scope &scope,
                DiagnosticEngine &diag)
      : ModelFormulaChecker(model, diag, scope), kernel(kernel) {}

protected:
  Type checkName(NameExpr &e) override {
    if (e.getName() == kernel.index) {
      e.ref.kind = NameRef::Kind::KernelIndex;
      return Type::Number;
    }
    if (Found found = findVar(model, e.getName()); found.var)
      return checkStaticParam(
          e, model, found,
          "kernel '" + kernel.name +
              "' is computed once per basin before the run, from its index '" +
              kernel.index + "', constants and static shared parameters",
          /*sharedOnly=*/true);
    return checkNonVariable(e);
  }
  void collectNames(std::vector<std::string> &names) override {
    names.push_back(kernel.index);
    ModelFormulaChecker::collectNames(names);
  }

private:
  KernelDecl &kernel;
};

/// A state's initial value that names parameters: computed per lane (basin
/// and component) before the first step, so from constants and static
/// parameters only.
class InitialValueChecker : public ModelFormulaChecker {
public:
  InitialValueChecker(ModelDecl &model, const VarDecl &state,
                      const Scope &scope, DiagnosticEngine &diag)
      : ModelFormulaChecker(model, diag, scope), state(state) {}

protected:
  Type checkName(NameExpr &e) override {
    if (Found found = findVar(model, e.getName()); found.var)
      return checkStaticParam(e, model, found,
                              "the initial value of state '" + state.name +
                                  "' is computed before the first step, from "
                                  "constants and static parameters",
                              /*sharedOnly=*/false);
    return checkNonVariable(e);
  }

private:
  const VarDecl &state;
};

class BasinOutputChecker : public ModelFormulaChecker {
public:
  BasinOutputChecker(ModelDecl &model, const VarDecl &output,
                     const Scope &scope, DiagnosticEngine &diag)
      : ModelFormulaChecker(model, diag, scope), output(output) {}

protected:
  Type checkName(NameExpr &e) override {
    Found found = findVar(model, e.getName());
    if (!found.var)
      return checkNonVariable(e);
    const VarDecl &var = *found.var;
    e.ref.kind = refKindOf(var.kind);
    e.ref.index = found.index;
    switch (var.kind) {
    case VarDecl::Kind::Forcing:
      return Type::Number;
    case VarDecl::Kind::Param:
      if (isSharedParam(model, var))
        return Type::Number;
      diag.error(e.getLoc(),
                 llvm::Twine("parameter '") + var.name +
                     "' has one value per component, but output '" +
                     output.name +
                     "' has one per basin; use it as the weights of "
                     "weighted_mean(OUTPUT, " +
                     var.name + "), or declare it 'shared param'");
      return Type::Error;
    case VarDecl::Kind::State:
      diag.error(e.getLoc(),
                 llvm::Twine("output '") + output.name +
                     "' is computed after the step and cannot read state '" +
                     var.name +
                     "'; assign the state to an output in the "
                     "step and aggregate that, e.g. 'internal output " +
                     var.name + "_out;', '" + var.name + "_out = " + var.name +
                     ";' in the step and mean(" + var.name + "_out)");
      return Type::Error;
    case VarDecl::Kind::Output:
      return checkOutputRef(e, var);
    }
    llvm_unreachable("unknown declaration kind");
  }

  /// A basin output declared earlier, or (without components) a step output.
  Type checkOutputRef(NameExpr &e, const VarDecl &var) {
    if (var.isBasinOutput()) {
      if (&var == &output || !declaredBefore(var)) {
        diag.error(e.getLoc(),
                   llvm::Twine("output '") + output.name + "' uses output '" +
                       var.name + "', which is " +
                       (&var == &output ? "itself" : "declared after it") +
                       "; a basin output can use only the basin outputs "
                       "declared before it");
        return Type::Error;
      }
      return Type::Number;
    }
    if (!model.components)
      return Type::Number; // One component: its output is the basin's.
    diag.error(e.getLoc(), llvm::Twine("output '") + var.name +
                               "' has one value per component, but output '" +
                               output.name +
                               "' has one per basin; aggregate it: mean(" +
                               var.name + "), sum(" + var.name +
                               ") or weighted_mean(" + var.name + ", W)");
    return Type::Error;
  }

  bool declaredBefore(const VarDecl &var) const {
    for (const VarDecl &v : model.vars) {
      if (&v == &output)
        return false;
      if (&v == &var)
        return true;
    }
    return false;
  }

  /// The name of a declaration of the expected role, as the argument of a
  /// special call; reports what is wrong otherwise.
  const VarDecl *argument(CallExpr &call, unsigned i, llvm::StringRef role) {
    auto *name = llvm::dyn_cast<NameExpr>(call.getArgs()[i].get());
    Found found = name ? findVar(model, name->getName()) : Found{};
    auto fail = [&](const llvm::Twine &why) {
      diag.error(call.getArgs()[i]->getLoc(),
                 llvm::Twine("argument ") + llvm::Twine(i + 1) + " of '" +
                     call.getCallee() + "' must be the name of " + role + why);
      return nullptr;
    };
    if (!name)
      return fail("");
    if (!found.var)
      return fail(llvm::Twine("; '") + name->getName() +
                  "' is not declared in model '" + model.name + "'");
    name->ref.kind = refKindOf(found.var->kind);
    name->ref.index = found.index;
    return found.var;
  }

  std::optional<Type> checkSpecialCall(CallExpr &e) override {
    llvm::StringRef callee = e.getCallee();
    bool isAggregate =
        callee == "mean" || callee == "sum" || callee == "weighted_mean";
    if (!isAggregate && callee != "convolve")
      return std::nullopt;
    if (callee == "convolve")
      return checkConvolve(e, model.kernels);
    size_t arity = callee == "mean" || callee == "sum" ? 1 : 2;
    if (e.getArgs().size() != arity) {
      const char *signature = callee == "mean"  ? "mean(OUTPUT)"
                              : callee == "sum" ? "sum(OUTPUT)"
                              : callee == "weighted_mean"
                                  ? "weighted_mean(OUTPUT, WEIGHTS)"
                                  : "convolve(SERIES, KERNEL)";
      diag.error(e.getLoc(),
                 llvm::Twine("'") + callee + "' takes " + llvm::Twine(arity) +
                     " argument" + (arity == 1 ? "" : "s") + ", " + signature +
                     ", but is given " + llvm::Twine(e.getArgs().size()));
      return Type::Error;
    }
    if (isAggregate) {
      const VarDecl *series = argument(e, 0, "an output computed in the step");
      if (!series)
        return Type::Error;
      if (series->kind != VarDecl::Kind::Output || series->isBasinOutput()) {
        diag.error(e.getArgs()[0]->getLoc(),
                   llvm::Twine("'") + callee +
                       "' aggregates the components' values of an output "
                       "computed in the step; '" +
                       series->name + "' is " +
                       (series->isBasinOutput()
                            ? "a basin output, which has one value already"
                            : kindWithArticle(series->kind)));
        return Type::Error;
      }
      if (callee == "weighted_mean") {
        const VarDecl *weights =
            argument(e, 1, "a parameter with one value per component");
        if (!weights)
          return Type::Error;
        if (weights->kind != VarDecl::Kind::Param || weights->dynamic) {
          diag.error(e.getArgs()[1]->getLoc(),
                     llvm::Twine("the weights of 'weighted_mean' must be a "
                                 "static parameter; '") +
                         weights->name + "' is " +
                         (weights->kind == VarDecl::Kind::Param
                              ? "dynamic"
                              : kindWithArticle(weights->kind)));
          return Type::Error;
        }
      }
      return Type::Number;
    }
    return checkConvolve(e, model.kernels);
  }

private:
  const VarDecl &output;
};
} // namespace

namespace {
/// storage: states (and parameters, constants); inflow and outflow: the
/// step's values at its end: forcings, parameters, states, outputs.
class BalanceChecker : public ModelFormulaChecker {
public:
  BalanceChecker(ModelDecl &model, bool storage, const Scope &scope,
                 DiagnosticEngine &diag)
      : ModelFormulaChecker(model, diag, scope), storage(storage) {}

protected:
  Type checkName(NameExpr &e) override {
    Found found = findVar(model, e.getName());
    if (!found.var)
      return checkNonVariable(e);
    const VarDecl &var = *found.var;
    bool allowed = storage ? var.kind == VarDecl::Kind::State ||
                                 var.kind == VarDecl::Kind::Param
                           : !var.isBasinOutput() && !var.isBalanceError;
    if (!allowed) {
      diag.error(e.getLoc(),
                 llvm::Twine(storage ? "the storage of a balance is made of "
                                       "states; '"
                                     : "a balance's inflow and outflow are "
                                       "values of the step; '") +
                     var.name + "' is " +
                     (var.isBasinOutput() ? "a basin output"
                                          : kindWithArticle(var.kind)));
      return Type::Error;
    }
    e.ref.kind = refKindOf(var.kind);
    e.ref.index = found.index;
    return Type::Number;
  }

private:
  bool storage;
};
} // namespace

void dgm::checkBalance(ModelDecl &model, const Scope &scope,
                       DiagnosticEngine &diag) {
  if (!model.balance)
    return;
  BalanceDecl &balance = *model.balance;
  for (auto [expr, isStorage] :
       {std::pair{&balance.storage, true}, std::pair{&balance.inflow, false},
        std::pair{&balance.outflow, false}})
    if (*expr) {
      BalanceChecker checker(model, isStorage, scope, diag);
      if (checker.check(**expr) == Type::Truth)
        diag.error((*expr)->getLoc(), "a balance term must be a number, not "
                                      "a truth value");
    }
  for (const VarDecl &var : model.vars)
    if (var.name == "balance_error") {
      diag.error(var.loc, "'balance_error' is the name of the output the "
                          "balance adds; choose another name for this " +
                              std::string(kindWord(var.kind)));
      diag.note(balance.loc, "the balance is declared here");
      return;
    }
  VarDecl error;
  // The storage's unit, when every state in it has the same one.
  std::vector<const VarDecl *> stores;
  if (balance.storage)
    forEachName(*balance.storage, [&](const NameExpr &name) {
      if (name.ref.kind == NameRef::Kind::State)
        if (Found f = findVar(model, name.getName()); f.var)
          stores.push_back(f.var);
    });
  if (!stores.empty() && stores.front()->unit &&
      llvm::all_of(stores, [&](const VarDecl *v) {
        return v->unit && v->unit->spelling == stores.front()->unit->spelling;
      }))
    error.unit = stores.front()->unit;
  error.kind = VarDecl::Kind::Output;
  error.name = "balance_error";
  error.loc = balance.loc;
  error.description = "closure error of the balance: change in storage "
                      "minus (inflow - outflow) * dt";
  error.isBalanceError = true;
  model.vars.push_back(std::move(error));
}

void dgm::checkKernel(ModelDecl &model, KernelDecl &kernel, const Scope &scope,
                      DiagnosticEngine &diag) {
  KernelChecker checker(model, kernel, scope, diag);
  unsigned errorsBefore = diag.getNumErrors();
  Type type = checker.check(*kernel.value);
  if (type == Type::Truth)
    diag.error(kernel.value->getLoc(),
               llvm::Twine("the weights of kernel '") + kernel.name +
                   "' must be numbers, not truth values");
  if (type != Type::Number || diag.getNumErrors() != errorsBefore ||
      !kernel.normalize)
    return;
  // Weights of constants only: normalize() dividing by a sum of 0 would
  // make every routed value NaN at run time; say so now.
  if (std::optional<std::vector<double>> weights =
          evaluateKernelWeights(kernel)) {
    double sum = 0;
    for (double w : *weights)
      sum += w;
    if (sum == 0 || !std::isfinite(sum))
      diag.error(kernel.loc,
                 llvm::Twine("the weights of kernel '") + kernel.name +
                     "' sum to " + (sum == 0 ? "0" : formatNumber(sum)) +
                     ", so normalize() cannot scale them to sum 1; give "
                     "weights whose sum is a finite number other than 0");
  }
}

bool dgm::checkStateInitialValue(ModelDecl &model, VarDecl &state,
                                 const Scope &scope, DiagnosticEngine &diag) {
  unsigned errorsBefore = diag.getNumErrors();
  Type type = InitialValueChecker(model, state, scope, diag).check(*state.init);
  if (type == Type::Truth)
    diag.error(state.init->getLoc(),
               llvm::Twine("the initial value of state '") + state.name +
                   "' must be a number, not a truth value");
  return diag.getNumErrors() == errorsBefore && type != Type::Error;
}

void dgm::checkBasinOutputs(ModelDecl &model, const Scope &scope,
                            DiagnosticEngine &diag) {
  for (const VarDecl &var : model.vars) {
    if (!var.isBasinOutput())
      continue;
    BasinOutputChecker checker(model, var, scope, diag);
    Type type = checker.check(*var.init);
    if (type == Type::Truth)
      diag.error(var.init->getLoc(),
                 llvm::Twine("output '") + var.name +
                     "' must be a number, not a truth value");
  }
}
