//===- ExprChecker.cpp - Name resolution and types of expressions ---------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "ExprChecker.h"

#include "ConstantEvaluator.h"

#include "dgm/Sema/Sema.h"
#include "dgm/Support/CodeSize.h"

#include "llvm/ADT/TypeSwitch.h"

#include <set>

using namespace dgm;
using namespace dgm::ast;
using Type = ExprChecker::Type;

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

std::string dgm::kindWithArticle(VarDecl::Kind kind) {
  return (kind == VarDecl::Kind::Output ? "an " : "a ") +
         std::string(kindWord(kind));
}

NameRef::Kind dgm::refKindOf(VarDecl::Kind kind) {
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

//===----------------------------------------------------------------------===//
// Scope
//===----------------------------------------------------------------------===//

const ConstDecl *Scope::lookupConst(llvm::StringRef name) const {
  for (const Scope *s = this; s; s = s->parent)
    if (auto it = s->consts.find(name); it != s->consts.end())
      return it->second;
  return nullptr;
}

const FnDecl *Scope::lookupFn(llvm::StringRef name) const {
  for (const Scope *s = this; s; s = s->parent)
    if (auto it = s->fns.find(name); it != s->fns.end())
      return it->second;
  return nullptr;
}

bool Scope::hasFailed(llvm::StringRef name) const {
  for (const Scope *s = this; s; s = s->parent)
    if (s->failed.contains(name))
      return true;
  return false;
}

std::optional<std::string>
Scope::findModuleDefining(const std::string &name) const {
  for (const Scope *s = this; s; s = s->parent)
    if (s->moduleFinder && *s->moduleFinder)
      return (*s->moduleFinder)(name);
  return std::nullopt;
}

const Location *Scope::lookupLater(llvm::StringRef name) const {
  for (const Scope *s = this; s; s = s->parent)
    if (auto it = s->later.find(name); it != s->later.end())
      return &it->second;
  return nullptr;
}

void Scope::collectNames(std::vector<std::string> &names) const {
  for (const Scope *s = this; s; s = s->parent)
    for (const auto &entry : s->consts)
      names.push_back(entry.first().str());
}

//===----------------------------------------------------------------------===//
// ExprChecker
//===----------------------------------------------------------------------===//

const char *ExprChecker::typeWord(Type type) {
  return type == Type::Truth ? "a truth value" : "a number";
}

Type ExprChecker::check(Expr &expr) {
  return llvm::TypeSwitch<Expr *, Type>(&expr)
      .Case([&](NumberExpr *) { return Type::Number; })
      .Case([&](NameExpr *e) { return checkName(*e); })
      .Case([&](UnaryExpr *e) {
        Type operand = check(e->getOperand());
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
        Type cond = check(e->getCond());
        Type thenType = check(e->getThen());
        Type elseType = check(e->getElse());
        expect(e->getCond(), cond, Type::Truth, "the condition of 'if'");
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

bool ExprChecker::expect(const Expr &expr, Type actual, Type expected,
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

Type ExprChecker::checkBinary(BinaryExpr &e) {
  Type lhs = check(e.getLHS());
  Type rhs = check(e.getRHS());
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

Type ExprChecker::checkCall(CallExpr &e) {
  if (std::optional<Type> special = checkSpecialCall(e))
    return *special;
  std::vector<Type> argTypes;
  for (const ExprPtr &arg : e.getArgs())
    argTypes.push_back(check(*arg));

  std::string signature;
  size_t numArgs = 0;
  if (const BuiltinFunction *builtin = lookupBuiltinFunction(e.getCallee())) {
    signature = builtin->signature;
    numArgs = builtin->numArgs;
  } else if (const FnDecl *fn = scope.lookupFn(e.getCallee())) {
    if (scope.hasFailed(fn->name))
      return Type::Error; // its definition's error says it all
    e.fn = fn;
    numArgs = fn->params.size();
    signature = fn->name + "(";
    for (size_t i = 0; i < fn->params.size(); ++i)
      signature += (i ? ", " : "") + fn->params[i];
    signature += ")";
  } else if (const Location *definition = scope.lookupLater(e.getCallee())) {
    reportDefinedLater(e.getCallee(), e.getLoc(), *definition);
    return Type::Error;
  } else if (llvm::is_contained({llvm::StringRef("mean"), llvm::StringRef("sum"),
                                  llvm::StringRef("weighted_mean"),
                                  llvm::StringRef("convolve"),
                                  llvm::StringRef("normalize")},
                                 e.getCallee())) {
    // Known, but only in their places (the callers that allow them handle
    // them before this general check).
    const char *where =
        e.getCallee() == "convolve"
            ? "in a basin output or in the step"
        : e.getCallee() == "normalize"
            ? "around the whole formula of a kernel: kernel K[k < N] = "
              "normalize(...)"
            : "in a basin output, over a per-component output";
    diag.error(e.getLoc(), llvm::Twine("'") + e.getCallee() +
                               "' cannot be used here; it is allowed only " +
                               where);
    return Type::Error;
  } else {
    std::vector<std::string> names;
    for (const BuiltinFunction &builtin : getBuiltinFunctions())
      names.push_back(builtin.name);
    for (const Scope *s = &scope; s; s = s->parent)
      for (const auto &entry : s->fns)
        names.push_back(entry.first().str());
    for (const char *special : {"mean", "sum", "weighted_mean", "convolve"})
      names.push_back(special);
    // A library function used without its import: name the module.
    if (std::optional<std::string> library =
            scope.findModuleDefining(e.getCallee())) {
      diag.error(e.getLoc(), llvm::Twine("unknown function '") +
                                 e.getCallee() + "'; it is defined in module '" +
                                 *library + "': add 'import " + *library +
                                 ";' at the top of the file");
      return Type::Error;
    }
    if (const ConstDecl *constant = scope.lookupConst(e.getCallee())) {
      diag.error(e.getLoc(), llvm::Twine("'") + e.getCallee() +
                                 "' is a constant, not a function; to "
                                 "multiply, write '" +
                                 e.getCallee() + " * (...)'");
      diag.note(constant->loc, "defined here");
      return Type::Error;
    }
    if (const KernelDecl *kernel = modelKernel(e.getCallee())) {
      diag.error(e.getLoc(), llvm::Twine("'") + e.getCallee() +
                                 "' is a kernel, not a function; use it as "
                                 "convolve(SERIES, " +
                                 e.getCallee() + ")");
      diag.note(kernel->loc, "declared here");
      return Type::Error;
    }
    if (const VarDecl *var = modelVariable(e.getCallee())) {
      diag.error(e.getLoc(), llvm::Twine("'") + e.getCallee() + "' is " +
                                 kindWithArticle(var->kind) +
                                 ", not a function; to multiply, write '" +
                                 e.getCallee() + " * (...)'");
      diag.note(var->loc, "declared here");
      return Type::Error;
    }
    std::string suggestion = closestMatch(e.getCallee(), names);
    diag.error(e.getLoc(),
               llvm::Twine("unknown function '") + e.getCallee() + "'" +
                   (suggestion.empty()
                        ? llvm::Twine("")
                        : llvm::Twine("; did you mean '") + suggestion + "'?"));
    return Type::Error;
  }
  if (numArgs != e.getArgs().size()) {
    diag.error(e.getLoc(), llvm::Twine("'") + e.getCallee() + "' takes " +
                               llvm::Twine(numArgs) + " argument" +
                               (numArgs == 1 ? "" : "s") + ", " + signature +
                               ", but is given " +
                               llvm::Twine(e.getArgs().size()));
    return Type::Error;
  }
  bool ok = true;
  for (size_t i = 0; i < argTypes.size(); ++i)
    ok &= expect(*e.getArgs()[i], argTypes[i], Type::Number,
                 (llvm::Twine("argument ") + llvm::Twine(i + 1) + " of '" +
                  e.getCallee() + "'")
                     .str());
  return ok ? Type::Number : Type::Error;
}

Type ExprChecker::checkConvolve(CallExpr &e,
                                const std::vector<KernelDecl> &kernels) {
  if (e.getArgs().size() != 2) {
    diag.error(e.getLoc(), llvm::Twine("'convolve' takes 2 arguments, "
                                       "convolve(SERIES, KERNEL), but is "
                                       "given ") +
                               llvm::Twine(e.getArgs().size()));
    return Type::Error;
  }
  Type series = check(*e.getArgs()[0]);
  bool ok =
      expect(*e.getArgs()[0], series, Type::Number, "the series of 'convolve'");
  auto *kernelName = llvm::dyn_cast<NameExpr>(e.getArgs()[1].get());
  for (size_t k = 0; kernelName && k < kernels.size(); ++k)
    if (kernels[k].name == kernelName->getName()) {
      kernelName->ref.kind = NameRef::Kind::Kernel;
      kernelName->ref.index = k;
      return ok ? Type::Number : Type::Error;
    }
  std::vector<std::string> names;
  for (const KernelDecl &kernel : kernels)
    names.push_back(kernel.name);
  std::string suggestion =
      kernelName ? closestMatch(kernelName->getName(), names) : "";
  diag.error(e.getArgs()[1]->getLoc(),
             llvm::Twine("argument 2 of 'convolve' must be the name of a "
                         "kernel declared in the model ('kernel NAME[k < N] "
                         "= ...;')") +
                 (suggestion.empty()
                      ? llvm::Twine("")
                      : llvm::Twine("; did you mean '") + suggestion + "'?"));
  return Type::Error;
}

bool ExprChecker::resolveConst(NameExpr &e) {
  const ConstDecl *constant = scope.lookupConst(e.getName());
  if (!constant)
    return false;
  e.ref.kind = NameRef::Kind::Const;
  e.ref.value = constant->constValue;
  return true;
}

Type ExprChecker::checkName(NameExpr &e) {
  if (resolveConst(e))
    return Type::Number;
  reportUnknownName(e.getName(), e.getLoc());
  return Type::Error;
}

const KernelDecl *ExprChecker::modelKernel(llvm::StringRef name) const {
  if (enclosingModel)
    for (const KernelDecl &kernel : enclosingModel->kernels)
      if (kernel.name == name)
        return &kernel;
  return nullptr;
}

const VarDecl *ExprChecker::modelVariable(llvm::StringRef name) const {
  if (enclosingModel)
    for (const VarDecl &var : enclosingModel->vars)
      if (var.name == name)
        return &var;
  return nullptr;
}

void ExprChecker::reportDefinedLater(const std::string &name,
                                     const Location &loc,
                                     const Location &definition) {
  diag.error(loc, llvm::Twine("'") + name +
                      "' is used before its definition; constants and "
                      "functions can use only what is defined above them");
  diag.note(definition, llvm::Twine("'") + name + "' is defined here");
}

void ExprChecker::reportUnknownName(const std::string &name,
                                    const Location &loc,
                                    const std::string &hint) {
  if (scope.hasFailed(name))
    return; // its definition's error says it all
  if (const Location *definition = scope.lookupLater(name)) {
    reportDefinedLater(name, loc, *definition);
    return;
  }
  if (const KernelDecl *kernel = modelKernel(name)) {
    diag.error(loc, llvm::Twine("'") + name +
                        "' is a kernel, a series of weights rather than a "
                        "value; use it as convolve(SERIES, " +
                        name + ")");
    diag.note(kernel->loc, "declared here");
    return;
  }
  std::vector<std::string> candidates;
  collectNames(candidates);
  scope.collectNames(candidates);
  // A library constant used without its import: name the module.
  if (std::optional<std::string> library = scope.findModuleDefining(name)) {
    diag.error(loc, llvm::Twine("unknown name '") + name +
                        "'; it is defined in module '" + *library +
                        "': add 'import " + *library +
                        ";' at the top of the file");
    return;
  }
  std::string suggestion = closestMatch(name, candidates);
  diag.error(loc, llvm::Twine("unknown name '") + name + "'" +
                      (suggestion.empty() ? llvm::Twine(hint)
                                          : llvm::Twine("; did you mean '") +
                                                suggestion + "'?"));
}

//===----------------------------------------------------------------------===//
// Functions and constants
//===----------------------------------------------------------------------===//

namespace {
class FunctionChecker : public ExprChecker {
public:
  FunctionChecker(FnDecl &fn, const Scope &scope, DiagnosticEngine &diag)
      : ExprChecker(diag, scope), fn(fn) {}

protected:
  Type checkName(NameExpr &e) override {
    for (size_t i = 0; i < fn.params.size(); ++i)
      if (fn.params[i] == e.getName()) {
        e.ref.kind = NameRef::Kind::FnArg;
        e.ref.index = i;
        return Type::Number;
      }
    // The lets above the expression being checked (FnDecl::lets: one frame).
    for (size_t j = visibleLets; j-- > 0;)
      if (fn.lets[j].name == e.getName()) {
        e.ref.kind = NameRef::Kind::FnArg;
        e.ref.index = fn.params.size() + j;
        return j < letTypes.size() ? letTypes[j] : Type::Number;
      }
    if (resolveConst(e))
      return Type::Number;
    for (size_t j = visibleLets; j < fn.lets.size(); ++j)
      if (fn.lets[j].name == e.getName()) {
        diag.error(e.getLoc(), llvm::Twine("'") + e.getName() +
                                   "' is used before its definition in "
                                   "function '" +
                                   fn.name + "'");
        diag.note(fn.lets[j].loc,
                  llvm::Twine("'") + e.getName() + "' is defined here");
        return Type::Error;
      }
    reportUnknownName(e.getName(), e.getLoc(),
                      "; a function can use only its arguments, its lets "
                      "and constants");
    return Type::Error;
  }
  void collectNames(std::vector<std::string> &names) override {
    names.insert(names.end(), fn.params.begin(), fn.params.end());
    for (size_t j = 0; j < visibleLets; ++j)
      names.push_back(fn.lets[j].name);
  }

public:
  /// How many of the function's lets the expression being checked sees,
  /// and the type of each checked one (a let may hold a truth value).
  size_t visibleLets = 0;
  std::vector<Type> letTypes;

protected:
  std::optional<Type> checkSpecialCall(CallExpr &e) override {
    if (e.getCallee() != fn.name || scope.lookupFn(fn.name))
      return std::nullopt;
    diag.error(e.getLoc(), llvm::Twine("function '") + fn.name +
                               "' cannot call itself: functions are inlined "
                               "where they are called, so they cannot be "
                               "recursive");
    return Type::Error;
  }

private:
  FnDecl &fn;
};
} // namespace

void dgm::checkFunction(FnDecl &fn, const Scope &scope,
                        DiagnosticEngine &diag) {
  for (size_t i = 0; i < fn.params.size(); ++i)
    if (fn.params[i] == "dt")
      diag.error(fn.paramLocs[i],
                 "'dt' is the built-in length of a time step; choose another "
                 "name for the argument");
  for (size_t i = 0; i < fn.params.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (fn.params[i] == fn.params[j]) {
        diag.error(fn.paramLocs[i], llvm::Twine("function '") + fn.name +
                                        "' already has an argument '" +
                                        fn.params[i] + "'");
        break;
      }
  FunctionChecker checker(fn, scope, diag);
  unsigned errorsBefore = diag.getNumErrors();
  for (size_t j = 0; j < fn.lets.size(); ++j) {
    FnLet &let = fn.lets[j];
    checker.visibleLets = j;
    Type value = checker.check(*let.value);
    checker.letTypes.push_back(value);
    let.truth = value == Type::Truth;
    bool clash = false;
    for (const std::string &param : fn.params)
      clash |= param == let.name;
    for (size_t k = 0; k < j; ++k)
      clash |= fn.lets[k].name == let.name;
    if (let.name == "dt")
      diag.error(let.loc, "'dt' is the built-in length of a time step; "
                          "choose another name");
    else if (clash)
      diag.error(let.loc,
                 llvm::Twine("function '") + fn.name + "' already has " +
                     (llvm::is_contained(fn.params, let.name) ? "an argument"
                                                              : "a let") +
                     " named '" + let.name +
                     "'; a name is defined once in a function");
  }
  checker.visibleLets = fn.lets.size();
  Type type = checker.check(*fn.body);
  if (type == Type::Truth)
    diag.error(fn.body->getLoc(),
               llvm::Twine("function '") + fn.name +
                   "' must compute a number, not a truth value; use 'if ... "
                   "then ... else ...' to choose a number");
  if (diag.getNumErrors() != errorsBefore)
    return;
  checkInlinedSize(fn, diag);
  // A let nothing reads, as in the step: a part left out of the formula,
  // or a name misspelt where it is used ('_' marks one kept on purpose).
  std::vector<bool> used(fn.params.size() + fn.lets.size(), false);
  auto markUses = [&](const Expr &e) {
    forEachName(e, [&](const NameExpr &name) {
      if (name.ref.kind == NameRef::Kind::FnArg && name.ref.index < used.size())
        used[name.ref.index] = true;
    });
  };
  for (const FnLet &let : fn.lets)
    markUses(*let.value);
  markUses(*fn.body);
  for (size_t j = 0; j < fn.lets.size(); ++j)
    if (!used[fn.params.size() + j] &&
        !llvm::StringRef(fn.lets[j].name).starts_with("_"))
      diag.warning(fn.lets[j].loc,
                   llvm::Twine("'") + fn.lets[j].name +
                       "' is defined but never used in function '" + fn.name +
                       "' (a name starting with '_' says that is intended)");
}

namespace {
/// Counts the operations of an expression with every user call inlined, the
/// way MLIRGen inlines them: it reuses a call whose arguments are the same
/// values, which for a function body means the same names (`f1(x) + f1(x)`
/// is expanded once); any other argument is a new value each time.
class InlinedSizeCounter {
public:
  uint64_t size(const Expr &e) {
    uint64_t total = 1;
    if (auto *call = llvm::dyn_cast<CallExpr>(&e)) {
      for (const ExprPtr &arg : call->getArgs())
        total = add(total, size(*arg));
      if (kernelSizes && call->getCallee() == "convolve" &&
          call->getArgs().size() == 2)
        if (auto *kernel = llvm::dyn_cast<NameExpr>(call->getArgs()[1].get()))
          if (auto it = kernelSizes->find(kernel->getName());
              it != kernelSizes->end())
            total = add(total, convolveOperations(it->second));
      if (const FnDecl *fn = call->fn) {
        calleeTooLarge |= fn->inlinedTooLarge;
        if (!largest || fn->inlinedSize > largest->inlinedSize)
          largest = fn;
        if (std::optional<std::string> key = reusedCallKey(*call);
            key && !seen.insert(*key).second)
          return total; // the same call again: its result is reused
        total = add(total, fn->inlinedSize);
      }
    } else if (auto *unary = llvm::dyn_cast<UnaryExpr>(&e)) {
      total = add(total, size(unary->getOperand()));
    } else if (auto *binary = llvm::dyn_cast<BinaryExpr>(&e)) {
      total = add(total, size(binary->getLHS()));
      total = add(total, size(binary->getRHS()));
    } else if (auto *ifExpr = llvm::dyn_cast<IfExpr>(&e)) {
      for (const Expr *part :
           {&ifExpr->getCond(), &ifExpr->getThen(), &ifExpr->getElse()})
        total = add(total, size(*part));
    }
    return total;
  }

  /// The function call that costs most, and whether a callee is already
  /// over the limit.
  const FnDecl *largest = nullptr;
  bool calleeTooLarge = false;
  const llvm::StringMap<int64_t> *kernelSizes = nullptr;

private:
  static uint64_t add(uint64_t a, uint64_t b) {
    constexpr uint64_t cap = UINT64_MAX / 2;
    return a > cap - b ? cap : a + b;
  }
  /// "callee(name, name)" when every argument is a name that stands for an
  /// existing value (not a constant, which MLIRGen makes anew); else none.
  static std::optional<std::string> reusedCallKey(const CallExpr &call) {
    std::string key = call.getCallee() + "(";
    for (const ExprPtr &arg : call.getArgs()) {
      auto *name = llvm::dyn_cast<NameExpr>(arg.get());
      if (!name || name->ref.kind == NameRef::Kind::Const)
        return std::nullopt;
      key += name->getName() + ",";
    }
    return key + ")";
  }
  std::set<std::string> seen;
};
} // namespace

InlinedSize dgm::measureInlinedSize(const Expr &e,
                                    const llvm::StringMap<int64_t> *kernelSizes) {
  InlinedSizeCounter counter;
  counter.kernelSizes = kernelSizes;
  InlinedSize result;
  result.operations = counter.size(e);
  result.largestCall = counter.largest;
  result.calleeTooLarge = counter.calleeTooLarge;
  return result;
}

void dgm::checkInlinedSize(FnDecl &fn, DiagnosticEngine &diag) {
  InlinedSizeCounter counter;
  // Each let is computed once per call, whatever its uses.
  uint64_t size = 0;
  for (const FnLet &let : fn.lets)
    size = std::min<uint64_t>(size + counter.size(*let.value), UINT64_MAX / 2);
  fn.inlinedSize =
      std::min<uint64_t>(size + counter.size(*fn.body), UINT64_MAX / 2);
  const FnDecl *largest = counter.largest;
  bool calleeTooLarge = counter.calleeTooLarge;
  fn.inlinedTooLarge = calleeTooLarge || fn.inlinedSize > kMaxInlinedSize;
  if (!fn.inlinedTooLarge || calleeTooLarge)
    return; // fine, or reported at the function it calls
  if (!largest) { // no calls: the function is just long
    diag.error(fn.loc, llvm::Twine("function '") + fn.name + "' has " +
                           llvm::Twine(fn.inlinedSize) +
                           " operations; the limit is " +
                           llvm::Twine(kMaxInlinedSize) +
                           ", beyond which compiling takes minutes");
    return;
  }
  std::string why = " (each call of '" + largest->name + "' repeats its " +
                    std::to_string(largest->inlinedSize) + " operations)";
  diag.error(fn.loc, llvm::Twine("function '") + fn.name + "' expands to " +
                         llvm::Twine(fn.inlinedSize) +
                         " operations: dgm inlines every call of a function, "
                         "so nested calls multiply" + why + "; the limit is " +
                         llvm::Twine(kMaxInlinedSize) +
                         ". Call the functions fewer times in one another");
}

bool dgm::checkConstant(ConstDecl &constant, const Scope &scope,
                        DiagnosticEngine &diag) {
  unsigned errorsBefore = diag.getNumErrors();
  ExprChecker checker(diag, scope);
  Type type = checker.check(*constant.value);
  if (diag.getNumErrors() != errorsBefore)
    return false;
  if (type == Type::Error)
    return false; // a name whose own definition failed, already reported
  if (type != Type::Number) {
    diag.error(constant.value->getLoc(),
               llvm::Twine("constant '") + constant.name +
                   "' must be a number, not a truth value");
    return false;
  }
  std::optional<double> value = evaluateConstant(
      *constant.value, "the value of constant '" + constant.name + "'", diag);
  if (!value)
    return false;
  constant.constValue = *value;
  return true;
}
