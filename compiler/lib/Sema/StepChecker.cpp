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

#include "dgm/Sema/Sema.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace dgm;
using namespace dgm::ast;

const char *dgm::kindWord(VarDecl::Kind kind) {
  switch (kind) {
  case VarDecl::Kind::Forcing:
    return "forcing";
  case VarDecl::Kind::Param:
    return "parameter";
  case VarDecl::Kind::State:
    return "state";
  case VarDecl::Kind::Output:
    return "output";
  }
  llvm_unreachable("unknown declaration kind");
}

namespace {
enum class Type { Number, Truth, Error };

const char *typeWord(Type type) {
  return type == Type::Truth ? "a truth value" : "a number";
}

std::string locString(const Location &loc) {
  return std::to_string(loc.line) + ":" + std::to_string(loc.col);
}

class StepChecker {
public:
  StepChecker(ModelDecl &model, DiagnosticEngine &diag)
      : model(model), diag(diag) {
    unsigned counts[4] = {0, 0, 0, 0};
    for (VarDecl &var : model.vars) {
      NameRef ref;
      ref.kind = refKind(var.kind);
      ref.index = counts[static_cast<unsigned>(var.kind)]++;
      decls.try_emplace(var.name, Decl{&var, ref});
    }
    outputAssigned.assign(counts[static_cast<unsigned>(VarDecl::Kind::Output)],
                          false);
    stateAssigned.assign(counts[static_cast<unsigned>(VarDecl::Kind::State)],
                         false);
  }

  void check(StepBlock &step) {
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

    for (VarDecl &var : model.vars) {
      auto &ref = decls.find(var.name)->second.ref;
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

  static NameRef::Kind refKind(VarDecl::Kind kind) {
    switch (kind) {
    case VarDecl::Kind::Forcing:
      return NameRef::Kind::Forcing;
    case VarDecl::Kind::Param:
      return NameRef::Kind::Param;
    case VarDecl::Kind::State:
      return NameRef::Kind::State;
    case VarDecl::Kind::Output:
      return NameRef::Kind::Output;
    }
    llvm_unreachable("unknown declaration kind");
  }

  void checkLet(LetStmt &let) {
    Type type = checkExpr(let.getValue());
    if (auto it = decls.find(let.getName()); it != decls.end()) {
      diag.error(let.getNameLoc(),
                 llvm::Twine("'") + let.getName() + "' is already declared as " +
                     (it->second.var->kind == VarDecl::Kind::Output ? "an "
                                                                    : "a ") +
                     kindWord(it->second.var->kind) +
                     "; choose another name for this value");
      diag.note(it->second.var->loc, "declared here");
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

  void checkAssign(AssignStmt &assign) {
    Type type = checkExpr(assign.getValue());
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
      reportUnknownName(name, assign.getTargetLoc(),
                        (llvm::Twine("; to assign it, declare it as a state "
                                     "('state ") +
                         name + " = 0;') or an output ('output " + name +
                         ";')")
                            .str());
      return;
    }
    Decl &decl = it->second;
    VarDecl::Kind kind = decl.var->kind;
    if (kind == VarDecl::Kind::Forcing || kind == VarDecl::Kind::Param) {
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
    if (isOutput && assign.getOp() != AssignStmt::Op::Set &&
        !outputAssigned[decl.ref.index])
      diag.error(assign.getOpLoc(),
                 llvm::Twine("output '") + name +
                     "' is updated with '" + toString(assign.getOp()) +
                     "' before it has a value in this step; assign it with "
                     "'=' first");
    assign.targetRef = decl.ref;
    (isOutput ? outputAssigned : stateAssigned)[decl.ref.index] = true;
  }

  Type checkExpr(Expr &expr) {
    return llvm::TypeSwitch<Expr *, Type>(&expr)
        .Case([&](NumberExpr *) { return Type::Number; })
        .Case([&](NameExpr *e) { return checkName(*e); })
        .Case([&](UnaryExpr *e) {
          Type operand = checkExpr(e->getOperand());
          if (e->getOp() == UnaryExpr::Op::Neg)
            return expect(e->getOperand(), operand, Type::Number,
                          "the operand of unary '-'")
                       ? Type::Number
                       : Type::Error;
          return expect(e->getOperand(), operand, Type::Truth,
                        "the operand of 'not'")
                     ? Type::Truth
                     : Type::Error;
        })
        .Case([&](BinaryExpr *e) { return checkBinary(*e); })
        .Case([&](CallExpr *e) { return checkCall(*e); })
        .Case([&](IfExpr *e) {
          Type cond = checkExpr(e->getCond());
          Type thenType = checkExpr(e->getThen());
          Type elseType = checkExpr(e->getElse());
          expect(e->getCond(), cond, Type::Truth,
                 "the condition of 'if'");
          if (thenType == Type::Error || elseType == Type::Error)
            return Type::Error;
          if (thenType != elseType) {
            diag.error(e->getElse().getLoc(),
                       llvm::Twine("the branches of 'if' must have the same "
                                   "type: 'then' gives ") +
                           typeWord(thenType) + ", 'else' gives " +
                           typeWord(elseType));
            return Type::Error;
          }
          return thenType;
        });
  }

  /// Reports an error unless `actual` is `expected` (or already an error).
  bool expect(const Expr &expr, Type actual, Type expected,
              llvm::StringRef what) {
    if (actual == expected)
      return true;
    if (actual == Type::Error)
      return false;
    diag.error(expr.getLoc(), llvm::Twine(what) + " must be " +
                                  typeWord(expected) + ", but this is " +
                                  typeWord(actual));
    return false;
  }

  Type checkBinary(BinaryExpr &e) {
    Type lhs = checkExpr(e.getLHS());
    Type rhs = checkExpr(e.getRHS());
    std::string what =
        (llvm::Twine("an operand of '") + toString(e.getOp()) + "'").str();
    switch (e.getOp()) {
    case BinaryExpr::Op::And:
    case BinaryExpr::Op::Or: {
      bool ok = expect(e.getLHS(), lhs, Type::Truth, what);
      ok &= expect(e.getRHS(), rhs, Type::Truth, what);
      return ok ? Type::Truth : Type::Error;
    }
    case BinaryExpr::Op::Lt:
    case BinaryExpr::Op::Le:
    case BinaryExpr::Op::Gt:
    case BinaryExpr::Op::Ge:
    case BinaryExpr::Op::Eq:
    case BinaryExpr::Op::Ne: {
      bool ok = expect(e.getLHS(), lhs, Type::Number, what);
      ok &= expect(e.getRHS(), rhs, Type::Number, what);
      return ok ? Type::Truth : Type::Error;
    }
    default: {
      bool ok = expect(e.getLHS(), lhs, Type::Number, what);
      ok &= expect(e.getRHS(), rhs, Type::Number, what);
      return ok ? Type::Number : Type::Error;
    }
    }
  }

  Type checkCall(CallExpr &e) {
    std::vector<Type> argTypes;
    for (const ExprPtr &arg : e.getArgs())
      argTypes.push_back(checkExpr(*arg));
    const BuiltinFunction *fn = lookupBuiltinFunction(e.getCallee());
    if (!fn) {
      std::vector<std::string> names;
      for (const BuiltinFunction &builtin : getBuiltinFunctions())
        names.push_back(builtin.name);
      std::string suggestion = closestMatch(e.getCallee(), names);
      diag.error(e.getLoc(),
                 llvm::Twine("unknown function '") + e.getCallee() + "'" +
                     (suggestion.empty()
                          ? llvm::Twine("")
                          : llvm::Twine("; did you mean '") + suggestion +
                                "'?"));
      return Type::Error;
    }
    if (fn->numArgs != e.getArgs().size()) {
      diag.error(e.getLoc(), llvm::Twine("'") + fn->name + "' takes " +
                                 llvm::Twine(fn->numArgs) + " argument" +
                                 (fn->numArgs == 1 ? "" : "s") + ", " +
                                 fn->signature + ", but is given " +
                                 llvm::Twine(e.getArgs().size()));
      return Type::Error;
    }
    bool ok = true;
    for (size_t i = 0; i < argTypes.size(); ++i)
      ok &= expect(*e.getArgs()[i], argTypes[i], Type::Number,
                   (llvm::Twine("argument ") + llvm::Twine(i + 1) + " of '" +
                    fn->name + "'")
                       .str());
    return ok ? Type::Number : Type::Error;
  }

  Type checkName(NameExpr &e) {
    const std::string &name = e.getName();
    if (auto let = lets.find(name); let != lets.end()) {
      e.ref.kind = NameRef::Kind::Let;
      e.ref.index = let->second.index;
      return let->second.type;
    }
    if (auto it = decls.find(name); it != decls.end()) {
      e.ref = it->second.ref;
      if (e.ref.kind == NameRef::Kind::Output &&
          !outputAssigned[e.ref.index]) {
        diag.error(e.getLoc(),
                   llvm::Twine("output '") + name +
                       "' is read before it is assigned in this step; "
                       "assign it first, or use a state to carry a value "
                       "from the previous step");
        return Type::Error;
      }
      return Type::Number;
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

  void reportUnknownName(const std::string &name, const Location &loc,
                         const std::string &hint = "") {
    std::vector<std::string> candidates;
    for (const VarDecl &var : model.vars)
      candidates.push_back(var.name);
    for (const auto &let : lets)
      candidates.push_back(let.first().str());
    std::string suggestion = closestMatch(name, candidates);
    diag.error(loc, llvm::Twine("unknown name '") + name + "'" +
                        (suggestion.empty()
                             ? llvm::Twine(hint)
                             : llvm::Twine("; did you mean '") + suggestion +
                                   "'?"));
  }

  ModelDecl &model;
  DiagnosticEngine &diag;
  llvm::StringMap<Decl> decls;
  llvm::StringMap<LetInfo> lets;
  llvm::StringMap<LetStmt *> laterLets;
  unsigned numLets = 0;
  std::vector<bool> outputAssigned, stateAssigned;
};
} // namespace

void dgm::checkStep(ModelDecl &model, StepBlock &step, DiagnosticEngine &diag) {
  StepChecker(model, diag).check(step);
}
