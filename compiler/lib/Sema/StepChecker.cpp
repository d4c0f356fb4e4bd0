//===- StepChecker.cpp - Checks of a model's step block -------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The step block runs its statements in order (operator splitting): a name
// always means its value at that point of the step. So this checker walks the
// statements once, in order, tracking which outputs have been assigned and
// which `let` names are defined so far.
//
// Expressions have one of two types: a number (float64 for now) or a truth
// value (the result of a comparison, `and`, `or`, `not`). States, outputs,
// forcings and parameters are numbers; a `let` may hold either.
//
//===----------------------------------------------------------------------===//

#include "StepChecker.h"

#include "ExprChecker.h"

#include "dgm/Sema/Sema.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/TypeSwitch.h"

#include <vector>

using namespace dgm;
using namespace dgm::ast;

namespace {
using Type = ExprChecker::Type;

/// The longest kernel a convolution in the step may use: the lowering keeps
/// the history of a block of lanes in stack buffers, 32 lanes when 128 would
/// not fit in 256 KiB (2 x 512 x 32 doubles = 256 KiB; ModelToFunc.cpp).
constexpr int64_t kMaxStepKernel = 512;

std::string locString(const Location &loc) {
  return std::to_string(loc.line) + ":" + std::to_string(loc.col);
}

class StepChecker : public ExprChecker {
public:
  StepChecker(ModelDecl &model, const Scope &scope, DiagnosticEngine &diag)
      : ExprChecker(diag, scope), model(model) {
    enclosingModel = &model;
    unsigned counts[4] = {0, 0, 0, 0};
    // Outputs are numbered among all outputs, basin outputs included, but
    // basin outputs are computed after the step and invisible in it.
    for (VarDecl &var : model.vars) {
      NameRef ref;
      ref.kind = refKindOf(var.kind);
      ref.index = counts[static_cast<unsigned>(var.kind)]++;
      if (!var.isBasinOutput() &&
          !decls.try_emplace(var.name, Decl{&var, ref}).second)
        duplicated.insert(var.name); // reported by checkUniqueNames
    }
    outputAssigned.assign(counts[static_cast<unsigned>(VarDecl::Kind::Output)],
                          false);
    stateAssigned.assign(counts[static_cast<unsigned>(VarDecl::Kind::State)],
                         false);
  }

  void checkBlock(StepBlock &step) {
    // Every `let` of the block, to say "used before its definition" rather
    // than "unknown name" when a statement refers to a later one.
    for (StmtPtr &stmt : step.body)
      if (auto *let = llvm::dyn_cast<LetStmt>(stmt.get()))
        laterLets.try_emplace(let->getName(), let);

    for (StmtPtr &stmt : step.body) {
      if (auto *let = llvm::dyn_cast<LetStmt>(stmt.get()))
        checkLet(*let);
      else
        checkAssign(*llvm::cast<AssignStmt>(stmt.get()));
    }

    // An assignment to an unknown name (a misspelt state: `der(Ss) = ...`)
    // was meant for one of the variables: what they lack is that error's
    // consequence, not news.
    if (model.solver && derived.empty() && !unknownTarget)
      diag.error(model.solver->loc,
                 llvm::Twine("model '") + model.name +
                     "' declares a solver but gives no rate der(S) = ... "
                     "in its step");

    for (VarDecl &var : model.vars) {
      if (var.isBasinOutput())
        continue;
      const Decl &decl = decls.find(var.name)->second;
      // A name declared twice is already an error, and its assignments
      // were not tracked (which declaration they meant is unknown).
      if (decl.var != &var || duplicated.contains(var.name))
        continue;
      // Nor is an output or state that a `let` of its name (an error)
      // meant to set, or any of them after an unknown target.
      if (unknownTarget || shadowedByLet.contains(var.name))
        continue;
      const NameRef &ref = decl.ref;
      if (var.kind == VarDecl::Kind::Output && !outputAssigned[ref.index])
        diag.error(var.loc, llvm::Twine("output '") + var.name +
                                "' is never assigned in the step block");
      else if (var.kind == VarDecl::Kind::State && !stateAssigned[ref.index])
        diag.warning(var.loc, llvm::Twine("state '") + var.name +
                                  "' is never updated in the step block, so "
                                  "it keeps its initial value");
    }
  }

private:
  struct Decl {
    VarDecl *var;
    NameRef ref;
  };
  struct LetInfo {
    LetStmt *stmt;
    unsigned index;
    Type type;
  };

  void checkLet(LetStmt &let) {
    Type type = check(let.getValue());
    if (let.getName() == "dt") {
      diag.error(let.getNameLoc(), "'dt' is the built-in length of a time "
                                   "step; choose another name");
      return;
    }
    if (auto it = decls.find(let.getName()); it != decls.end()) {
      VarDecl::Kind kind = it->second.var->kind;
      bool settable =
          kind == VarDecl::Kind::Output || kind == VarDecl::Kind::State;
      diag.error(let.getNameLoc(),
                 llvm::Twine("'") + let.getName() +
                     "' is already declared as " + kindWithArticle(kind) +
                     (settable ? "; to set it, write '" + let.getName() +
                                     " = ...' without 'let', or choose "
                                     "another name for this value"
                               : std::string("; choose another name for "
                                             "this value")));
      diag.note(it->second.var->loc, "declared here");
      shadowedByLet.insert(let.getName());
      return;
    }
    if (auto it = lets.find(let.getName()); it != lets.end()) {
      diag.error(let.getNameLoc(),
                 llvm::Twine("'") + let.getName() +
                     "' is already defined in this step; a value defined "
                     "with 'let' cannot be redefined");
      diag.note(it->second.stmt->getNameLoc(), "first defined here");
      return;
    }
    lets.try_emplace(let.getName(), LetInfo{&let, numLets++, type});
  }

  /// `S =- x` is `S = -x`, but far more often a mistyped `S -= x`: warn
  /// when the minus touches the '=' (`S = -x`, with a space, is silent).
  void warnEqualsMinus(const AssignStmt &assign) {
    if (assign.getOp() != AssignStmt::Op::Set)
      return;
    const Expr *leftmost = &assign.getValue();
    while (auto *binary = llvm::dyn_cast<BinaryExpr>(leftmost))
      leftmost = &binary->getLHS();
    auto *negation = llvm::dyn_cast<UnaryExpr>(leftmost);
    const Location &op = assign.getOpLoc();
    // `S =-1` (a negative number) is as likely meant as written.
    if (!negation || negation->getOp() != UnaryExpr::Op::Neg ||
        llvm::isa<NumberExpr>(negation->getOperand()) ||
        negation->getLoc().line != op.line ||
        negation->getLoc().col != op.col + 1)
      return;
    diag.warning(op, llvm::Twine("'=-' sets '") + assign.getTarget() +
                         "' to the negated value; did you mean '-=' "
                         "(subtract from it)? Write '= -' to keep the "
                         "negation without this warning");
  }

  void checkAssign(AssignStmt &assign) {
    warnEqualsMinus(assign);
    Type type = check(assign.getValue());
    const std::string &name = assign.getTarget();
    auto it = decls.find(name);
    if (it == decls.end()) {
      if (auto let = lets.find(name); let != lets.end()) {
        diag.error(assign.getTargetLoc(),
                   llvm::Twine("cannot assign to '") + name +
                       "': values defined with 'let' are immutable; declare "
                       "a state or an output to hold a changing value");
        diag.note(let->second.stmt->getNameLoc(), "defined here");
        return;
      }
      if (const VarDecl *basin = findBasinOutput(name)) {
        diag.error(assign.getTargetLoc(),
                   llvm::Twine("cannot assign to output '") + name +
                       "': it is computed by its formula after the step");
        // `output Q : mm/d = 0;` reads like an initial value, which
        // outputs do not have: it makes Q a basin output of constant value.
        if (llvm::isa<NumberExpr>(*basin->init))
          diag.note(basin->init->getLoc(),
                    llvm::Twine("'= ") +
                        llvm::cast<NumberExpr>(*basin->init).getSpelling() +
                        "' gives '" + name +
                        "' a formula, not an initial value (outputs have "
                        "none): remove it to assign '" +
                        name + "' in the step");
        else
          diag.note(basin->init->getLoc(), "the formula is here");
        return;
      }
      if (const ConstDecl *constant = scope.lookupConst(name)) {
        diag.error(assign.getTargetLoc(),
                   name == "dt"
                       ? llvm::Twine("cannot assign to 'dt': it is the "
                                     "built-in length of a time step (set "
                                     "it with 'step N UNIT;' in the model)")
                       : llvm::Twine("cannot assign to '") + name +
                             "': it is a constant; declare a state or an "
                             "output to hold a changing value");
        if (name != "dt")
          diag.note(constant->loc, "defined here");
        return;
      }
      bool der = assign.getOp() == AssignStmt::Op::Der;
      unknownTarget = true;
      reportUnknownName(
          name, assign.getTargetLoc(),
          der ? ("; der(" + name + ") is the rate of a state: declare it "
                 "('state " + name + " = 0;')")
              : (llvm::Twine("; to assign it, declare it as a state ('state ") +
                 name + " = 0;') or an output ('output " + name + ";')")
                    .str());
      return;
    }
    Decl &decl = it->second;
    VarDecl::Kind kind = decl.var->kind;
    // A name declared twice (already an error): which one is meant is
    // unknown, so nothing more is said of it.
    if (duplicated.contains(name))
      return;
    // der(P) of a forcing or parameter: the der() message says what der is.
    if ((kind == VarDecl::Kind::Forcing || kind == VarDecl::Kind::Param) &&
        assign.getOp() != AssignStmt::Op::Der) {
      diag.error(assign.getTargetLoc(),
                 llvm::Twine("cannot assign to ") + kindWord(kind) + " '" +
                     name + "': " +
                     (kind == VarDecl::Kind::Forcing
                          ? "forcings are input data"
                          : "parameters are constant during a run") +
                     "; only states and outputs can be assigned");
      diag.note(decl.var->loc, llvm::Twine("'") + name + "' is declared here");
      return;
    }
    if (type == Type::Truth)
      diag.error(assign.getValue().getLoc(),
                 llvm::Twine("cannot assign a truth value to ") +
                     kindWord(kind) + " '" + name +
                     "'; use 'if ... then ... else ...' to choose a number");

    bool isOutput = kind == VarDecl::Kind::Output;
    if (assign.getOp() == AssignStmt::Op::Der) {
      checkDerivative(assign, decl);
      return;
    }
    if (kind == VarDecl::Kind::State && model.solver) {
      diag.error(assign.getTargetLoc(),
                 llvm::Twine("model '") + model.name +
                     "' has a solver, which updates its states from their "
                     "rates: give der(" +
                     name +
                     ") = RATE instead of "
                     "assigning state '" +
                     name + "'");
      return;
    }
    if (kind == VarDecl::Kind::State && derived.count(decl.ref.index)) {
      diag.error(assign.getTargetLoc(),
                 llvm::Twine("state '") + name + "' has a rate, der(" + name +
                     "), so the solver updates it; it cannot also be "
                     "assigned");
      diag.note(derived[decl.ref.index]->getLoc(), "its rate is given here");
      return;
    }
    if (kind == VarDecl::Kind::State)
      assignedStates.try_emplace(decl.ref.index, &assign);
    if (isOutput && assign.getOp() != AssignStmt::Op::Set &&
        !outputAssigned[decl.ref.index])
      diag.error(assign.getOpLoc(),
                 llvm::Twine("output '") + name + "' is updated with '" +
                     toString(assign.getOp()) +
                     "' before it has a value in this step; assign it with "
                     "'=' first");
    assign.targetRef = decl.ref;
    (isOutput ? outputAssigned : stateAssigned)[decl.ref.index] = true;
  }

  /// der(S) = rate: S must be a state with no other update, once, and the
  /// model needs a solver.
  void checkDerivative(AssignStmt &assign, const Decl &decl) {
    const std::string &name = assign.getTarget();
    if (decl.var->kind != VarDecl::Kind::State) {
      diag.error(assign.getTargetLoc(),
                 llvm::Twine("der(") + name +
                     ") is the rate of change of a state, but '" + name +
                     "' is " + kindWithArticle(decl.var->kind) +
                     (decl.var->kind == VarDecl::Kind::Forcing ? " (input data)"
                      : decl.var->kind == VarDecl::Kind::Param
                          ? " (constant during a run)"
                          : ""));
      diag.note(decl.var->loc, llvm::Twine("'") + name + "' is declared here");
      return;
    }
    if (!model.solver && !reportedNoSolver) {
      diag.error(assign.getLoc(),
                 llvm::Twine("model '") + model.name +
                     "' gives a rate with der(...) but declares no solver; "
                     "add 'solver rk4;' or 'solver euler;' to choose how "
                     "the rates are integrated over a step");
      reportedNoSolver = true;
    }
    unsigned index = decl.ref.index;
    if (auto it = derived.find(index); it != derived.end()) {
      diag.error(assign.getTargetLoc(),
                 llvm::Twine("der(") + name + ") is already given");
      diag.note(it->second->getLoc(), "first given here");
      return;
    }
    if (auto it = assignedStates.find(index); it != assignedStates.end()) {
      diag.error(assign.getTargetLoc(),
                 llvm::Twine("state '") + name +
                     "' is assigned in this step, so it cannot also have a "
                     "rate der(" +
                     name + ") for the solver");
      diag.note(it->second->getLoc(), "assigned here");
      return;
    }
    derived.try_emplace(index, &assign);
    assign.targetRef = decl.ref;
    stateAssigned[index] = true;
  }

  Type checkName(NameExpr &e) override {
    const std::string &name = e.getName();
    if (auto let = lets.find(name); let != lets.end()) {
      e.ref.kind = NameRef::Kind::Let;
      e.ref.index = let->second.index;
      return let->second.type;
    }
    if (auto it = decls.find(name); it != decls.end()) {
      e.ref = it->second.ref;
      // After `let Q = ...` with Q an output (reported), a read of Q means
      // that value: saying it is unassigned would only repeat the error.
      if (shadowedByLet.contains(name))
        return Type::Error;
      // A name declared twice: its assignments are not tracked (already an
      // error), so nothing is said of its reads either.
      if (e.ref.kind == NameRef::Kind::Output && !outputAssigned[e.ref.index] &&
          !duplicated.contains(name)) {
        diag.error(e.getLoc(),
                   llvm::Twine("output '") + name +
                       "' is read before it is assigned in this step; "
                       "assign it first, or use a state to carry a value "
                       "from the previous step");
        return Type::Error;
      }
      return Type::Number;
    }
    if (resolveConst(e))
      return Type::Number;
    if (const VarDecl *basin = findBasinOutput(name)) {
      diag.error(e.getLoc(),
                 llvm::Twine("output '") + name +
                     "' is computed after the step, from the results of all "
                     "components, so the step cannot read it");
      diag.note(basin->loc, "declared here");
      return Type::Error;
    }
    if (auto later = laterLets.find(name); later != laterLets.end()) {
      diag.error(e.getLoc(), llvm::Twine("'") + name +
                                 "' is used before its definition at " +
                                 locString(later->second->getNameLoc()));
      diag.note(later->second->getNameLoc(),
                llvm::Twine("'") + name + "' is defined here");
      return Type::Error;
    }
    reportUnknownName(name, e.getLoc());
    return Type::Error;
  }

  std::optional<Type> checkSpecialCall(CallExpr &e) override {
    llvm::StringRef callee = e.getCallee();
    if (scope.lookupFn(callee))
      return std::nullopt; // A user function of that name.
    if (callee == "convolve") {
      if (model.solver) {
        diag.error(e.getLoc(), "'convolve' keeps a history of one value per "
                               "step, but a model with a solver evaluates "
                               "its step several times; convolve in a basin "
                               "output instead");
        return Type::Error;
      }
      Type type = checkConvolve(e, model.kernels);
      // Its history lives on the stack, for a block of (at least 32) lanes.
      auto *kernel = type == Type::Number && e.getArgs().size() == 2
                         ? llvm::dyn_cast<NameExpr>(e.getArgs()[1].get())
                         : nullptr;
      if (kernel && kernel->ref.kind == NameRef::Kind::Kernel &&
          model.kernels[kernel->ref.index].size > kMaxStepKernel) {
        diag.error(kernel->getLoc(),
                   llvm::Twine("kernel '") + kernel->getName() + "' has " +
                       llvm::Twine(model.kernels[kernel->ref.index].size) +
                       " weights; a convolution in the step may have at "
                       "most " +
                       llvm::Twine(kMaxStepKernel) +
                       " (a basin output's may have more)");
        return Type::Error;
      }
      return type;
    }
    if (callee == "mean" || callee == "sum" || callee == "weighted_mean") {
      diag.error(e.getLoc(),
                 llvm::Twine("'") + callee +
                     "' combines the components of a basin; only a basin "
                     "output can use it, e.g. 'output Q = " +
                     callee + "(Qc);' after the step");
      return Type::Error;
    }
    return std::nullopt;
  }

  const VarDecl *findBasinOutput(llvm::StringRef name) const {
    for (const VarDecl &var : model.vars)
      if (var.isBasinOutput() && var.name == name)
        return &var;
    return nullptr;
  }

  void collectNames(std::vector<std::string> &names) override {
    for (const VarDecl &var : model.vars)
      names.push_back(var.name);
    for (const auto &let : lets)
      names.push_back(let.first().str());
  }

  ModelDecl &model;
  llvm::StringMap<Decl> decls;
  /// Names declared more than once: every use of one is ambiguous.
  llvm::StringSet<> duplicated;
  /// Outputs and states that a `let` of the same name (an error) tried to
  /// define: their later reads and their "never assigned" are not news.
  llvm::StringSet<> shadowedByLet;
  /// Whether a statement assigned an unknown name (reported): it was meant
  /// for a variable, which then looks never assigned.
  bool unknownTarget = false;
  llvm::StringMap<LetInfo> lets;
  llvm::StringMap<LetStmt *> laterLets;
  unsigned numLets = 0;
  std::vector<bool> outputAssigned, stateAssigned;
  /// States with der(S) = ..., and states assigned directly.
  llvm::DenseMap<unsigned, AssignStmt *> derived, assignedStates;
  bool reportedNoSolver = false;
};
} // namespace

void dgm::checkStep(ModelDecl &model, StepBlock &step, const Scope &scope,
                    DiagnosticEngine &diag) {
  StepChecker(model, scope, diag).checkBlock(step);
}

namespace {
std::string callNote(const InlinedSize &size) {
  if (!size.largestCall)
    return "";
  return " (each call of '" + size.largestCall->name + "' repeats its " +
         std::to_string(size.largestCall->inlinedSize) + " operations)";
}
} // namespace

void dgm::checkExpansionSize(ModelDecl &model, const StepBlock &step,
                             DiagnosticEngine &diag) {
  // Everything the model's simulate function is built from, with calls
  // inlined: the step (as many times as the solver evaluates it, with each
  // convolution unrolled over its weights), the balance (its storage twice),
  // the basin outputs and the kernels. LLVM optimises it as one function.
  llvm::StringMap<int64_t> kernelSizes;
  for (const KernelDecl &kernel : model.kernels)
    kernelSizes[kernel.name] = kernel.size;
  struct Part {
    Location loc;
    std::string what;
    InlinedSize size;
    uint64_t times = 1;
  };
  std::vector<Part> parts;
  auto add = [&](const Expr *e, const Location &loc, std::string what,
                 uint64_t times) {
    if (e)
      parts.push_back({loc, std::move(what), measureInlinedSize(*e, &kernelSizes),
                       times});
  };
  uint64_t evaluations = 1;
  std::string solverNote;
  if (model.solver) {
    bool rk4 = model.solver->scheme == ModelDecl::Solver::Scheme::RK4;
    evaluations = (rk4 ? 4 : 1) * static_cast<uint64_t>(model.solver->substeps);
    if (evaluations > 1)
      solverNote = ", the step evaluated " + std::to_string(evaluations) +
                   " times by the " + (rk4 ? "rk4" : "euler") + " solver";
  }
  for (const StmtPtr &stmt : step.body)
    add(llvm::isa<LetStmt>(*stmt) ? &llvm::cast<LetStmt>(*stmt).getValue()
                                  : &llvm::cast<AssignStmt>(*stmt).getValue(),
        stmt->getLoc(), "this statement", evaluations);
  if (model.balance) {
    add(model.balance->storage.get(), model.balance->storageLoc,
        "the balance's storage", 2);
    add(model.balance->inflow.get(), model.balance->inflowLoc,
        "the balance's inflow", 1);
    add(model.balance->outflow.get(), model.balance->outflowLoc,
        "the balance's outflow", 1);
  }
  for (const VarDecl &var : model.vars) {
    if (var.isBasinOutput())
      add(var.init.get(), var.loc, "the formula of output '" + var.name + "'",
          1);
    else if (var.initFromParams)
      add(var.init.get(), var.loc,
          "the initial value of state '" + var.name + "'", 1);
  }
  for (const KernelDecl &kernel : model.kernels)
    add(kernel.value.get(), kernel.loc, "kernel '" + kernel.name + "'", 1);

  uint64_t total = 0;
  const Part *largest = nullptr;
  for (const Part &part : parts) {
    if (part.size.calleeTooLarge)
      return; // reported at the function
    uint64_t cost = part.size.operations * part.times;
    total += cost;
    if (!largest || cost > largest->size.operations * largest->times)
      largest = &part;
  }
  if (total <= kMaxInlinedSize)
    return;
  diag.error(model.loc, llvm::Twine("model '") + model.name +
                            "' expands to " + llvm::Twine(total) +
                            " operations with every function call inlined" +
                            solverNote + "; the limit is " +
                            llvm::Twine(kMaxInlinedSize) +
                            ", beyond which compiling takes minutes");
  // The largest part is worth pointing at only when it is a good share of
  // the total; a step of thousands of small statements has no culprit.
  if (largest &&
      largest->size.operations * largest->times * 10 < total) {
    diag.note(model.loc, llvm::Twine("no part stands out: the model has ") +
                             llvm::Twine(parts.size()) +
                             " statements and formulas, the largest of " +
                             llvm::Twine(largest->size.operations *
                                         largest->times) +
                             " operations");
    return;
  }
  if (largest)
    diag.note(largest->loc,
              llvm::Twine("the largest part is ") + largest->what + ": " +
                  llvm::Twine(largest->size.operations) + " operations" +
                  (largest->times > 1
                       ? " x " + std::to_string(largest->times)
                       : std::string()) +
                  callNote(largest->size));
}

void dgm::warnUnusedLets(const ModelDecl &model, DiagnosticEngine &diag) {
  // A value computed and never read is usually a mistake: a flux left out
  // of an update, or a name misspelt where it is used. A leading '_' marks
  // one kept on purpose.
  for (const StepBlock &step : model.steps) {
    std::vector<const LetStmt *> lets;
    std::vector<bool> used;
    auto markUses = [&](const Expr &e) {
      forEachName(e, [&](const NameExpr &name) {
        if (name.ref.kind == NameRef::Kind::Let && name.ref.index < used.size())
          used[name.ref.index] = true;
      });
    };
    for (const StmtPtr &stmt : step.body)
      if (auto *let = llvm::dyn_cast<LetStmt>(stmt.get())) {
        markUses(let->getValue());
        lets.push_back(let);
        used.push_back(false);
      } else {
        markUses(llvm::cast<AssignStmt>(stmt.get())->getValue());
      }
    for (size_t i = 0; i < lets.size(); ++i)
      if (!used[i] && !lets[i]->getName().starts_with("_"))
        diag.warning(lets[i]->getNameLoc(),
                     llvm::Twine("'") + lets[i]->getName() +
                         "' is defined but never used (a name starting "
                         "with '_' says that is intended)");
  }
}
