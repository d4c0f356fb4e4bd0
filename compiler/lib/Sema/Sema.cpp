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
#include "ExprChecker.h"
#include "FormulaChecker.h"
#include "StepChecker.h"
#include "UnitChecker.h"
#include "Units.h"

#include "dgm/Support/Diagnostics.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

#include <cmath>
#include <optional>

using namespace dgm;
using namespace dgm::ast;

namespace {
bool before(const Location &a, const Location &b) {
  return a.line != b.line ? a.line < b.line : a.col < b.col;
}

/// Checks the constants and functions of one file or model in source order
/// (each sees only those before it) and adds them to `scope`.
void defineAll(std::vector<ConstDecl> &consts, std::vector<FnDecl> &fns,
               Scope &scope, DiagnosticEngine &diag) {
  for (const ConstDecl &c : consts)
    scope.later.try_emplace(c.name, c.loc);
  for (const FnDecl &f : fns)
    scope.later.try_emplace(f.name, f.loc);
  size_t c = 0, f = 0;
  while (c < consts.size() || f < fns.size()) {
    bool takeConst = f == fns.size() ||
                     (c < consts.size() && before(consts[c].loc, fns[f].loc));
    const std::string &name = takeConst ? consts[c].name : fns[f].name;
    const Location &loc = takeConst ? consts[c].loc : fns[f].loc;
    // From here on the name is this definition (a second one is an error).
    if (auto it = scope.later.find(name);
        it != scope.later.end() && !before(loc, it->second))
      scope.later.erase(it);
    const Location *previous = nullptr;
    if (auto it = scope.consts.find(name); it != scope.consts.end())
      previous = &it->second->loc;
    else if (auto it = scope.fns.find(name); it != scope.fns.end())
      previous = &it->second->loc;
    if (name == "dt") {
      diag.error(loc, "'dt' is the built-in length of a time step; choose "
                      "another name");
    } else if (previous) {
      diag.error(loc, llvm::Twine("'") + name + "' is already defined");
      diag.note(*previous, "first defined here");
    } else if (takeConst) {
      if (checkConstant(consts[c], scope, diag))
        scope.consts.try_emplace(name, &consts[c]);
      else
        scope.failed.insert(name); // its uses are not errors of their own
    } else if (lookupBuiltinFunction(name)) {
      diag.error(loc, llvm::Twine("'") + name +
                          "' is a built-in function; choose another name");
    } else {
      unsigned errorsBefore = diag.getNumErrors();
      checkFunction(fns[f], scope, diag);
      scope.fns.try_emplace(name, &fns[f]);
      if (diag.getNumErrors() != errorsBefore)
        scope.failed.insert(name); // its uses are not errors of their own
    }
    (takeConst ? c : f)++;
  }
}

/// Bounds, defaults and initial values: constants only. A model variable is
/// named as such, since "unknown name" would mislead.
class ConstantChecker : public ExprChecker {
public:
  ConstantChecker(const ModelDecl &model, const std::string &what,
                  const Scope &scope, DiagnosticEngine &diag)
      : ExprChecker(diag, scope), model(model), what(what) {}

protected:
  Type checkName(NameExpr &e) override {
    if (resolveConst(e))
      return Type::Number;
    if (scope.hasFailed(e.getName()))
      return Type::Error; // its definition's error says it all
    for (const VarDecl &var : model.vars)
      if (var.name == e.getName()) {
        diag.error(e.getLoc(), llvm::Twine(what) +
                                   " must be a constant, but it uses '" +
                                   e.getName() + "'");
        return Type::Error;
      }
    reportUnknownName(e.getName(), e.getLoc());
    return Type::Error;
  }
  /// The parameters too: a state's initial value may use them (a misspelt
  /// one is the likely slip), and elsewhere the message that follows the
  /// suggestion says they are not constants.
  void collectNames(std::vector<std::string> &names) override {
    for (const VarDecl &var : model.vars)
      if (var.kind == VarDecl::Kind::Param)
        names.push_back(var.name);
  }

private:
  const ModelDecl &model;
  const std::string &what;
};

class ModelChecker {
public:
  ModelChecker(ModelDecl &model, const Scope &fileScope, DiagnosticEngine &diag)
      : model(model), diag(diag) {
    scope.parent = &fileScope;
  }

  void check() {
    unsigned errorsBefore = diag.getNumErrors();
    defineAll(model.consts, model.fns, scope, diag);
    checkUniqueNames();
    for (VarDecl &var : model.vars)
      checkDeclaration(var);
    for (KernelDecl &kernel : model.kernels)
      checkKernel(model, kernel, scope, diag);
    checkStepBlocks();
    checkBasinOutputs(model, scope, diag);
    // After the step: the balance's output is computed by the compiler.
    checkBalance(model, scope, diag);
    warnUnreadInternalOutputs();
    // Last: every call in the model is resolved.
    if (diag.getNumErrors() == errorsBefore && !model.steps.empty())
      checkExpansionSize(model, model.steps[0], diag);
  }

private:
  static std::string withArticle(const std::string &noun) {
    bool vowel = !noun.empty() && std::string_view("aeiou").find(noun[0]) !=
                                      std::string_view::npos;
    return (vowel ? "an " : "a ") + noun;
  }

  void checkUniqueNames() {
    llvm::StringMap<std::pair<Location, std::string>> seen;
    auto add = [&](const std::string &name, const Location &loc,
                   const std::string &what) {
      // A variable named dt would hide the step length in the step while
      // the balance and the solvers still use the built-in one.
      if (name == "dt" && what != "constant" && what != "function") {
        diag.error(loc, "'dt' is the built-in length of a time step; choose "
                        "another name");
        return;
      }
      auto [it, inserted] = seen.try_emplace(name, loc, what);
      if (inserted)
        return;
      diag.error(loc, llvm::Twine("'") + name +
                          "' is already declared in model '" + model.name +
                          "'");
      diag.note(it->second.first, llvm::Twine("'") + name +
                                      "' was first declared here as " +
                                      withArticle(it->second.second));
    };
    for (const ConstDecl &constant : model.consts)
      add(constant.name, constant.loc, "constant");
    for (const FnDecl &fn : model.fns)
      add(fn.name, fn.loc, "function");
    for (const VarDecl &var : model.vars)
      add(var.name, var.loc, kindWord(var.kind));
    for (const KernelDecl &kernel : model.kernels)
      add(kernel.name, kernel.loc, "kernel");
  }

  /// Whether `expr` names one of the model's variables (not only constants).
  bool namesModelVariable(const Expr &expr) const {
    bool found = false;
    forEachName(expr, [&](const NameExpr &name) {
      for (const VarDecl &var : model.vars)
        found |= var.name == name.getName();
    });
    return found;
  }

  /// The value of a bound, default or initial value, which may use
  /// constants.
  std::optional<double> constantOf(Expr &expr, const std::string &what) {
    unsigned errorsBefore = diag.getNumErrors();
    // Type::Error without a new error: it uses a constant whose own
    // definition failed, which is reported there.
    if (ConstantChecker(model, what, scope, diag).check(expr) ==
            ConstantChecker::Type::Error ||
        diag.getNumErrors() != errorsBefore)
      return std::nullopt;
    return evaluateConstant(expr, what, diag);
  }

  std::string describe(const VarDecl &var, llvm::StringRef what) {
    return (llvm::Twine(what) + " of " + kindWord(var.kind) + " '" + var.name +
            "'")
        .str();
  }

  /// An internal output exists for the basin outputs to aggregate (or the
  /// balance to read): one that neither reads is computed for nothing.
  void warnUnreadInternalOutputs() {
    llvm::StringSet<> read;
    auto collect = [&](const Expr &e) {
      forEachName(e,
                  [&](const NameExpr &name) { read.insert(name.getName()); });
    };
    for (const VarDecl &var : model.vars)
      if (var.isBasinOutput())
        collect(*var.init);
    if (model.balance)
      for (const ExprPtr *e : {&model.balance->storage, &model.balance->inflow,
                               &model.balance->outflow})
        if (*e)
          collect(**e);
    for (const VarDecl &var : model.vars)
      if (var.internal && !var.isBasinOutput() && !read.contains(var.name))
        diag.warning(var.internalLoc,
                     llvm::Twine("internal output '") + var.name +
                         "' is not in the results, and no basin output "
                         "aggregates it (nor does the balance read it): "
                         "its values go nowhere; aggregate it, e.g. "
                         "'output " +
                         var.name + "_mean = mean(" + var.name +
                         ");', or drop 'internal'");
  }

  void checkDeclaration(VarDecl &var) {
    bool isParam = var.kind == VarDecl::Kind::Param;
    bool isState = var.kind == VarDecl::Kind::State;
    if (var.hasBounds() && !isParam) {
      diag.error(var.boundsLoc, llvm::Twine("only parameters have bounds; '") +
                                    var.name + "' is " +
                                    kindWithArticle(var.kind));
      return;
    }
    if (var.shared && !model.components)
      diag.warning(var.sharedLoc,
                   llvm::Twine("'shared' has no effect: model '") + model.name +
                       "' has no components, so every parameter "
                       "has one value per basin");
    if (var.internal && var.isBasinOutput()) {
      diag.error(var.internalLoc,
                 llvm::Twine("only an output of the step can be 'internal'; "
                             "basin output '") +
                     var.name +
                     "' has a formula, and its values are the results");
      return;
    }
    if (var.isBasinOutput())
      return; // A formula, checked by checkBasinOutputs().
    if (var.hasInit() && !isParam && !isState) {
      diag.error(var.init->getLoc(), llvm::Twine(kindWithArticle(var.kind)) +
                                         " has no initial or default value; '" +
                                         var.name + "' is computed " +
                                         (var.kind == VarDecl::Kind::Output
                                              ? "in the step block"
                                              : "from the input data"));
      return;
    }
    if (isState && !var.hasInit()) {
      diag.error(var.loc, llvm::Twine("state '") + var.name +
                              "' needs an initial value, e.g. 'state " +
                              var.name +
                              (var.unit ? " : " + var.unit->spelling : "") +
                              " = 0;'");
      return;
    }

    bool ok = true;
    if (var.hasBounds()) {
      auto lower = constantOf(*var.lower, describe(var, "the lower bound"));
      auto upper = constantOf(*var.upper, describe(var, "the upper bound"));
      if (!lower || !upper)
        return;
      var.lowerValue = *lower;
      var.upperValue = *upper;
      if (!(*lower < *upper)) {
        // Equal bounds leave nothing to calibrate or learn: a constant.
        bool single = *lower == *upper;
        diag.error(var.boundsLoc,
                   llvm::Twine("the bounds of parameter '") + var.name +
                       (single ? "' hold a single value"
                               : "' are empty") +
                       ": the lower bound " + formatNumber(*lower) +
                       " must be less than the upper bound " +
                       formatNumber(*upper) +
                       (single ? "; a fixed value is a 'const'" : ""));
        ok = false;
      }
    }
    if (isState && namesModelVariable(*var.init)) {
      // Computed per basin and component before the first step.
      var.initFromParams = true;
      checkStateInitialValue(model, var, scope, diag);
      return;
    }
    if (var.hasInit()) {
      auto init =
          constantOf(*var.init, describe(var, isState ? "the initial value"
                                                      : "the default value"));
      if (!init)
        return;
      var.initValue = *init;
      if (ok && var.hasBounds() &&
          (*init < var.lowerValue || *init > var.upperValue))
        diag.error(var.init->getLoc(), llvm::Twine("the default value ") +
                                           formatNumber(*init) +
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
    checkStep(model, model.steps[0], scope, diag);
  }

  ModelDecl &model;
  DiagnosticEngine &diag;
  Scope scope;
};
/// Checks `step N UNIT;` and sets its length in seconds: a positive number
/// of one unit of time, a whole number of seconds that the ABI's int32
/// holds. Months and years have no fixed length, so they are not units here.
bool checkStepLength(const std::string &model, ModelDecl::StepLength &length,
                     DiagnosticEngine &diag) {
  const UnitAnnotation &unit = length.unit;
  std::optional<double> factor;
  if (unit.terms.size() == 1 && unit.terms[0].exponent == 1)
    factor = secondsPerTimeUnit(unit.terms[0].symbol);
  if (!factor) {
    diag.error(unit.loc, llvm::Twine("the step length of model '") + model +
                             "' must be in a unit of time: s, min, h or d; "
                             "found '" + unit.spelling + "'");
    return false;
  }
  double seconds = length.value * *factor;
  if (!(length.value > 0) || !std::isfinite(seconds)) {
    diag.error(length.loc, "the step length must be positive");
    return false;
  }
  if (seconds > 2147483647.0) {
    diag.error(length.loc, llvm::Twine("the step length is too long: ") +
                               formatNumber(seconds) +
                               " s; the longest is 2147483647 s (about 68 "
                               "years)");
    return false;
  }
  // Only rounding error may separate it from whole seconds (0.1 min is
  // 6.000000000000001 s): dt and the recorded step must agree.
  if (seconds < 1 || std::fabs(seconds - std::round(seconds)) > 1e-9 * seconds) {
    diag.error(length.loc,
               llvm::Twine("the step length must be a whole number of "
                           "seconds; ") +
                   formatNumber(seconds) + " s is not");
    return false;
  }
  length.seconds = static_cast<int64_t>(std::llround(seconds));
  return true;
}

} // namespace

bool dgm::checkModule(Module &module, DiagnosticEngine &diag,
                      bool requireModel) {
  DiagnosticEngine::SourceOrder inSourceOrder(diag);
  unsigned errorsBefore = diag.getNumErrors();
  if (module.models.empty() && requireModel) {
    Location start{std::make_shared<std::string>(module.filename), 1, 1};
    diag.error(start, "this file declares no model; a .dgm file must contain "
                      "'model NAME { ... }'");
    return false;
  }
  for (size_t i = 1; i < module.models.size(); ++i) {
    diag.error(
        module.models[i].loc,
        llvm::Twine("a .dgm file may declare only one model for now; '") +
            module.models[i].name + "' is the second");
    diag.note(module.models[0].loc, "the first model is declared here");
  }
  // The language's own constant `dt`: the length of a time step, in the
  // model's `step N UNIT;` (one day when it declares none), so that a rate
  // becomes an amount as `flux * dt` with the units right.
  ConstDecl dt;
  dt.name = "dt";
  Location builtin{std::make_shared<std::string>("<built-in>"), 1, 1};
  dt.loc = builtin;
  dt.unit = UnitAnnotation{{UnitTerm{"d", 1, builtin}}, "d", builtin};
  dt.constValue = 1.0;
  if (!module.models.empty() && module.models[0].stepLength) {
    ModelDecl::StepLength &length = *module.models[0].stepLength;
    if (checkStepLength(module.models[0].name, length, diag)) {
      dt.unit = length.unit;
      dt.constValue = length.value;
    }
  }
  dt.value = std::make_unique<NumberExpr>(builtin, dt.constValue,
                                          formatNumber(dt.constValue));
  Scope builtins;
  builtins.consts.try_emplace(dt.name, &dt);
  if (module.findModuleDefining)
    builtins.moduleFinder = &module.findModuleDefining;
  // One scope for the file and everything it imports, dependencies first.
  Scope fileScope;
  fileScope.parent = &builtins;
  for (const std::unique_ptr<Module> &imported : module.imported) {
    unsigned before = diag.getNumErrors();
    defineAll(imported->consts, imported->fns, fileScope, diag);
    if (diag.getNumErrors() != before && imported->importedAt)
      diag.note(*imported->importedAt, "imported here");
  }
  defineAll(module.consts, module.fns, fileScope, diag);
  if (!module.models.empty())
    ModelChecker(module.models[0], fileScope, diag).check();
  // Units last: they need every name resolved.
  if (diag.getNumErrors() == errorsBefore)
    checkUnits(module, {&dt}, diag);
  // Next to errors it would be noise (a let whose use failed to check).
  if (diag.getNumErrors() == errorsBefore && !module.models.empty())
    warnUnusedLets(module.models[0], diag);
  return diag.getNumErrors() == errorsBefore;
}
