//===- Sema.cpp - Semantic checks of a parsed .dgm module -----------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The declarations of a model: unique names, constant bounds, defaults and
// initial values that make sense, exactly one step block. The step block
// itself is checked by StepChecker.
//
//===----------------------------------------------------------------------===//

#include "dgm/Sema/Sema.h"

#include "ConstantEvaluator.h"
#include "StepChecker.h"

#include "llvm/ADT/StringMap.h"

using namespace dgm;
using namespace dgm::ast;

namespace {
class ModelChecker {
public:
  ModelChecker(ModelDecl &model, DiagnosticEngine &diag)
      : model(model), diag(diag) {}

  void check() {
    checkUniqueNames();
    for (VarDecl &var : model.vars)
      checkDeclaration(var);
    checkStepBlocks();
  }

private:
  void checkUniqueNames() {
    llvm::StringMap<const VarDecl *> seen;
    for (const VarDecl &var : model.vars) {
      auto [it, inserted] = seen.try_emplace(var.name, &var);
      if (inserted)
        continue;
      diag.error(var.loc, llvm::Twine("'") + var.name +
                              "' is already declared in model '" +
                              model.name + "'");
      diag.note(it->second->loc, llvm::Twine("'") + var.name +
                                     "' was first declared here as a " +
                                     kindWord(it->second->kind));
    }
  }

  std::string describe(const VarDecl &var, llvm::StringRef what) {
    return (llvm::Twine(what) + " of " + kindWord(var.kind) + " '" + var.name +
            "'")
        .str();
  }

  void checkDeclaration(VarDecl &var) {
    bool isParam = var.kind == VarDecl::Kind::Param;
    bool isState = var.kind == VarDecl::Kind::State;
    if (var.hasBounds() && !isParam) {
      diag.error(var.boundsLoc,
                 llvm::Twine("only parameters have bounds; '") + var.name +
                     "' is a " + kindWord(var.kind));
      return;
    }
    if (var.hasInit() && !isParam && !isState) {
      diag.error(var.init->getLoc(),
                 llvm::Twine("a ") + kindWord(var.kind) +
                     " has no initial or default value; '" + var.name +
                     "' is computed " +
                     (var.kind == VarDecl::Kind::Output ? "in the step block"
                                                        : "from the input data"));
      return;
    }
    if (isState && !var.hasInit()) {
      diag.error(var.loc, llvm::Twine("state '") + var.name +
                              "' needs an initial value, e.g. 'state " +
                              var.name + " = 0;'");
      return;
    }

    bool ok = true;
    if (var.hasBounds()) {
      auto lower = evaluateConstant(*var.lower, describe(var, "the lower bound"),
                                    diag);
      auto upper = evaluateConstant(*var.upper, describe(var, "the upper bound"),
                                    diag);
      if (!lower || !upper)
        return;
      var.lowerValue = *lower;
      var.upperValue = *upper;
      if (!(*lower < *upper)) {
        diag.error(var.boundsLoc,
                   llvm::Twine("the bounds of parameter '") + var.name +
                       "' are empty: the lower bound " + formatNumber(*lower) +
                       " must be less than the upper bound " +
                       formatNumber(*upper));
        ok = false;
      }
    }
    if (var.hasInit()) {
      auto init = evaluateConstant(
          *var.init,
          describe(var, isState ? "the initial value" : "the default value"),
          diag);
      if (!init)
        return;
      var.initValue = *init;
      if (ok && var.hasBounds() &&
          (*init < var.lowerValue || *init > var.upperValue))
        diag.error(var.init->getLoc(),
                   llvm::Twine("the default value ") + formatNumber(*init) +
                       " of parameter '" + var.name +
                       "' is outside its bounds [" +
                       formatNumber(var.lowerValue) + ", " +
                       formatNumber(var.upperValue) + "]");
    }
  }

  void checkStepBlocks() {
    if (model.steps.empty()) {
      diag.error(model.loc, llvm::Twine("model '") + model.name +
                                "' has no step block; add 'step { ... }' with "
                                "the update of its states over one time step");
      return;
    }
    for (size_t i = 1; i < model.steps.size(); ++i) {
      diag.error(model.steps[i].loc,
                 llvm::Twine("model '") + model.name +
                     "' has more than one step block; merge them into one");
      diag.note(model.steps[0].loc, "the first step block is here");
    }
    checkStep(model, model.steps[0], diag);
  }

  ModelDecl &model;
  DiagnosticEngine &diag;
};
} // namespace

bool dgm::checkModule(Module &module, DiagnosticEngine &diag) {
  unsigned errorsBefore = diag.getNumErrors();
  if (module.models.empty()) {
    Location start{std::make_shared<std::string>(module.filename), 1, 1};
    diag.error(start, "this file declares no model; a .dgm file must contain "
                      "'model NAME { ... }'");
    return false;
  }
  for (size_t i = 1; i < module.models.size(); ++i) {
    diag.error(module.models[i].loc,
               llvm::Twine("a .dgm file may declare only one model for now; '") +
                   module.models[i].name + "' is the second");
    diag.note(module.models[0].loc, "the first model is declared here");
  }
  ModelChecker(module.models[0], diag).check();
  return diag.getNumErrors() == errorsBefore;
}
