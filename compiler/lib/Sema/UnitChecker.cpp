//===- UnitChecker.cpp - Dimensions of expressions and updates ------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Every expression gets a Quantity: a known unit, "plain" (a number written
// without a unit, which takes the unit its context needs), "unknown" (it
// involves a name declared without a unit, and nothing about it is checked)
// or a truth value. The rules are in docs/language.md, "Units".
//
// Constants are found by name, so this pass rebuilds the scopes of Sema in
// the same order: a constant or function sees only the constants defined
// before it, and a function's body is checked, at each call, in the scope of
// its definition with the units of that call's arguments.
//
//===----------------------------------------------------------------------===//

#include "UnitChecker.h"

#include "ExprChecker.h"
#include "Units.h"

#include "dgm/Sema/Sema.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <set>

using namespace dgm;
using namespace dgm::ast;

namespace {

/// What checking an expression gives.
struct Quantity {
  enum class Kind {
    Unknown, ///< involves a name without a unit: not checked
    Plain,   ///< a number without a unit (`0.5`, `1/3`): fits any unit
    Known,
    Truth,
  };
  Kind kind = Kind::Unknown;
  Unit unit; ///< when Known
  /// The value, when the expression is a compile-time constant (for the
  /// exponent of a quantity with a unit).
  std::optional<double> value;

  static Quantity unknown() { return {}; }
  static Quantity truth() { return {Kind::Truth, Unit(), std::nullopt}; }
  static Quantity plain(std::optional<double> value) {
    return {Kind::Plain, Unit(), value};
  }
  static Quantity known(Unit unit, std::optional<double> value = {}) {
    return {Kind::Known, std::move(unit), value};
  }
  bool isKnown() const { return kind == Kind::Known; }
};

std::optional<double> finite(double value) {
  if (std::isfinite(value))
    return value;
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// Messages
//===----------------------------------------------------------------------===//

/// Expressions printed back for messages, with only the parentheses needed.
int precedence(const Expr &e) {
  if (auto *b = llvm::dyn_cast<BinaryExpr>(&e)) {
    switch (b->getOp()) {
    case BinaryExpr::Op::Or:
      return 1;
    case BinaryExpr::Op::And:
      return 2;
    case BinaryExpr::Op::Add:
    case BinaryExpr::Op::Sub:
      return 5;
    case BinaryExpr::Op::Mul:
    case BinaryExpr::Op::Div:
      return 6;
    case BinaryExpr::Op::Pow:
      return 8;
    default:
      return 4; // comparisons
    }
  }
  if (auto *u = llvm::dyn_cast<UnaryExpr>(&e))
    return u->getOp() == UnaryExpr::Op::Not ? 3 : 7;
  if (llvm::isa<IfExpr>(e))
    return 0;
  return 9;
}

std::string print(const Expr &expr, int minPrecedence = 0) {
  std::string s =
      llvm::TypeSwitch<const Expr *, std::string>(&expr)
          .Case([](const NumberExpr *e) { return e->getSpelling(); })
          .Case([](const NameExpr *e) { return e->getName(); })
          .Case([](const UnaryExpr *e) {
            if (e->getOp() == UnaryExpr::Op::Not)
              return "not " + print(e->getOperand(), 3);
            return "-" + print(e->getOperand(), 7);
          })
          .Case([](const BinaryExpr *e) {
            int p = precedence(*e);
            bool right = e->getOp() == BinaryExpr::Op::Pow;
            const char *op = toString(e->getOp());
            std::string sep = right ? op : std::string(" ") + op + " ";
            return print(e->getLHS(), right ? p + 1 : p) + sep +
                   print(e->getRHS(), right ? p : p + 1);
          })
          .Case([](const CallExpr *e) {
            std::string s = e->getCallee() + "(";
            for (size_t i = 0; i < e->getArgs().size(); ++i)
              s += (i ? ", " : "") + print(*e->getArgs()[i]);
            return s + ")";
          })
          .Case([](const IfExpr *e) {
            return "if " + print(e->getCond()) + " then " +
                   print(e->getThen()) + " else " + print(e->getElse());
          });
  return precedence(expr) < minPrecedence ? "(" + s + ")" : s;
}

/// The text of `e` for a message, or "" when it is too long to help.
std::string textOf(const Expr &e) {
  std::string s = print(e);
  return s.size() <= 40 ? s : "";
}

/// `mm (SNOWPACK)`: a unit and the expression that has it.
std::string operand(const Quantity &q, const Expr &e) {
  std::string unit = q.kind == Quantity::Kind::Known   ? q.unit.str()
                     : q.kind == Quantity::Kind::Plain ? "a plain number"
                                                       : "no unit";
  std::string text = textOf(e);
  return text.empty() || text == unit ? unit : unit + " (" + text + ")";
}

/// Whether `u` is per some time unit (mm/d, m^3/s): a rate, not an amount.
bool isPerTime(const Unit &u) {
  return llvm::any_of(u.getPowers(), [](const auto &power) {
    return power.second.num() < 0 &&
           secondsPerTimeUnit(power.first).has_value();
  });
}

std::string unitWord(const Unit &u) {
  return u.isDimensionless() ? "a dimensionless number" : u.str();
}

/// Metric prefixes as powers of ten, and units of time in seconds: what a
/// user may mean to convert between.
std::optional<double> relativeScale(const std::string &x,
                                    const std::string &y) {
  std::optional<double> tx = secondsPerTimeUnit(x),
                        ty = secondsPerTimeUnit(y);
  if (tx && ty)
    return *ty / *tx; // how many x in one y
  static const std::pair<const char *, int> prefixes[] = {
      {"", 0},   {"k", 3},  {"h", 2},  {"da", 1}, {"d", -1}, {"c", -2},
      {"m", -3}, {"u", -6}, {"µ", -6}, {"n", -9}, {"M", 6},  {"G", 9}};
  for (const auto &[px, ex] : prefixes) {
    llvm::StringRef sx(x);
    if (!sx.consume_front(px) || sx.empty())
      continue;
    for (const auto &[py, ey] : prefixes) {
      llvm::StringRef sy(y);
      if (sy.consume_front(py) && sy == sx && ex != ey)
        return std::pow(10.0, ey - ex);
    }
  }
  return std::nullopt;
}

std::string upper(const std::string &s) {
  std::string r = s;
  for (char &c : r)
    if (c >= 'a' && c <= 'z')
      c = static_cast<char>(c - 'a' + 'A');
  return r;
}

/// When `a` and `b` differ by a scale (mm and m, h and d): dgm does not
/// convert, so say how to: the constant, and what to do with it to turn
/// `b` into `a` (`use(true)` when a = constant * b, `use(false)` when
/// a = b / constant).
std::string scaleHint(const Unit &a, const Unit &b,
                      llvm::function_ref<std::string(bool)> use) {
  Unit ratio = a / b;
  if (ratio.getPowers().size() != 2)
    return "";
  auto first = ratio.getPowers().begin(), second = std::next(first);
  if (!(first->second + second->second).isZero() ||
      (first->second != Rational(1) && second->second != Rational(1)))
    return "";
  std::string x = first->first, y = second->first;
  if (first->second != Rational(1))
    std::swap(x, y);
  std::optional<double> factor = relativeScale(x, y); // x per y
  if (!factor)
    return "";
  if (*factor < 1) {
    std::swap(x, y);
    factor = 1 / *factor;
  }
  // The constant is in x/y; a / b is x/y or y/x.
  bool multiply = a / b == Unit::symbol(x) / Unit::symbol(y);
  return "; dgm does not convert units: write the factor as a constant, "
         "e.g. 'const " +
         upper(x) + "_PER_" + upper(y) + " : " + x + "/" + y + " = " +
         formatNumber(*factor) + ";', and " + use(multiply);
}

/// How to turn a quantity in `from` into one in `to`, when there is a
/// simple way; "" otherwise. `step` is the unit of dt.
std::string convertHintPer(const Unit &from, const Unit &to,
                           const Unit &step) {
  if (to == from * step)
    return "; multiply it by dt to get " + unitWord(to);
  if (to == from / step)
    return "; divide it by dt to get " + unitWord(to);
  return scaleHint(to, from, [](bool multiply) {
    return multiply ? "multiply by it" : "divide by it";
  });
}

/// The same for two operands that should agree: a rate and an amount.
std::string rateHintPer(const Unit &a, const Unit &b, const Unit &step) {
  if (a == b * step || b == a * step) {
    const Unit &amount = a == b * step ? a : b;
    const Unit &rate = a == b * step ? b : a;
    // A plain number against a time (MAXBAS : d against a step index k):
    // the number is no rate; the time is meant as a count of steps.
    if (rate.isDimensionless())
      return "; divide the one in " + amount.str() +
             " by dt to count it in steps";
    // The smaller one is no rate (mm against d*mm, from `b * dt` with b
    // already an amount): the larger one has a `* dt` too many.
    bool perTime = false;
    for (const auto &[symbol, power] : step.getPowers())
      if (auto it = rate.getPowers().find(symbol);
          it != rate.getPowers().end() && it->second.num() < 0 &&
          power.num() > 0)
        perTime = true;
    if (!perTime)
      return "; the one in " + amount.str() + " has a factor dt too many: " +
             "divide it by dt (or drop the '* dt') to get " + rate.str();
    return amount.isDimensionless()
               ? "; multiply the rate by dt to get a dimensionless number"
               : "; multiply the rate by dt to get an amount in " +
                     amount.str();
  }
  const std::string bText = b.str();
  return scaleHint(a, b, [&](bool multiply) {
    return (multiply ? "multiply the one in " : "divide the one in ") +
           bText + " by it";
  });
}

//===----------------------------------------------------------------------===//
// Constants by name, in Sema's scopes
//===----------------------------------------------------------------------===//

/// The constants of one scope (built-ins, a file and its imports, a model),
/// in the order they are defined.
struct ConstLevel {
  std::vector<const ConstDecl *> consts;
  const ConstLevel *parent = nullptr;
};

/// The constants visible at a point: the first `count` of `level`, and all
/// of its parents.
struct ConstView {
  const ConstLevel *level = nullptr;
  size_t count = 0;

  const ConstDecl *lookup(llvm::StringRef name) const {
    size_t n = count;
    for (const ConstLevel *l = level; l; l = l->parent) {
      for (size_t i = n; i-- > 0;)
        if (l->consts[i]->name == name)
          return l->consts[i];
      if (l->parent)
        n = l->parent->consts.size();
    }
    return nullptr;
  }
};

bool before(const Location &a, const Location &b) {
  return a.line != b.line ? a.line < b.line : a.col < b.col;
}

//===----------------------------------------------------------------------===//
// The checker
//===----------------------------------------------------------------------===//

class UnitChecker {
public:
  UnitChecker(Module &module, llvm::ArrayRef<const ConstDecl *> builtins,
              DiagnosticEngine &diag)
      : module(module), diag(diag) {
    for (const ConstDecl *c : builtins) {
      if (c->name == "dt" && c->unit)
        stepUnit = Unit::fromAnnotation(*c->unit);
      builtinLevel.consts.push_back(c);
      constants[c] = c->unit ? Quantity::known(Unit::fromAnnotation(*c->unit),
                                               c->constValue)
                             : Quantity::plain(c->constValue);
    }
    fileLevel.parent = &builtinLevel;
    modelLevel.parent = &fileLevel;
  }

  void run() {
    // A misspelt unit would make every use of it an error of its own.
    if (!checkSymbols())
      return;
    for (const std::unique_ptr<Module> &imported : module.imported)
      defineAll(imported->consts, imported->fns, fileLevel);
    defineAll(module.consts, module.fns, fileLevel);
    if (module.models.empty())
      return; // definitions only: their units were checked as defined
    ModelDecl &m = module.models[0];
    defineAll(m.consts, m.fns, modelLevel);
    view = {&modelLevel, modelLevel.consts.size()};

    for (VarDecl &var : m.vars)
      byKind[static_cast<unsigned>(var.kind)].push_back(&var);
    for (VarDecl &var : m.vars)
      checkDeclaration(var);
    for (KernelDecl &kernel : m.kernels)
      checkKernel(kernel);
    if (!m.steps.empty())
      checkStep(m.steps[0]);
    for (VarDecl &var : m.vars)
      if (var.isBasinOutput())
        checkBasinOutput(var);
    if (m.balance)
      checkBalance(*m.balance);
  }

private:
  //===--------------------------------------------------------------------===//
  // Unit symbols
  //===--------------------------------------------------------------------===//

  /// Reports each symbol spelt the way dgm does not (`day` for `d`) once, at
  /// its first use; false if there was one.
  bool checkSymbols() {
    std::map<std::string, std::pair<Location, int>> found;
    auto visit = [&](const std::optional<UnitAnnotation> &unit) {
      if (!unit)
        return;
      for (const UnitTerm &term : unit->terms)
        if (conventionalSpelling(term.symbol)) {
          auto [it, fresh] = found.try_emplace(term.symbol, term.loc, 0);
          ++it->second.second;
        }
    };
    for (const ConstDecl &c : module.consts)
      visit(c.unit);
    for (ModelDecl &m : module.models) {
      for (const ConstDecl &c : m.consts)
        visit(c.unit);
      for (const VarDecl &var : m.vars)
        visit(var.unit);
      for (const StepBlock &step : m.steps)
        for (const StmtPtr &stmt : step.body)
          if (auto *let = llvm::dyn_cast<LetStmt>(stmt.get()))
            visit(let->getUnit());
    }
    for (const auto &[symbol, use] : found) {
      std::string uses = use.second > 1 ? " (it is used " +
                                              std::to_string(use.second) +
                                              " times)"
                                        : "";
      diag.error(use.first, "unit '" + symbol + "'" + uses + ": " +
                                *conventionalSpelling(symbol));
    }
    return found.empty();
  }

  //===--------------------------------------------------------------------===//
  // Declarations
  //===--------------------------------------------------------------------===//

  /// Sema's defineAll(): constants and functions in source order.
  void defineAll(std::vector<ConstDecl> &consts, std::vector<FnDecl> &fns,
                 ConstLevel &level) {
    size_t c = 0, f = 0;
    while (c < consts.size() || f < fns.size()) {
      bool takeConst = f == fns.size() ||
                       (c < consts.size() && before(consts[c].loc, fns[f].loc));
      ConstView here{&level, level.consts.size()};
      if (takeConst) {
        view = here;
        checkConstant(consts[c]);
        level.consts.push_back(&consts[c++]);
      } else {
        fnViews[&fns[f]] = here;
        checkFunctionAlone(fns[f++]);
      }
    }
  }

  /// A function's body checked once on its own, its arguments (and lets) of
  /// unknown unit: an error no argument could fix (`a + b` of constants in
  /// mm and m) is reported in the body, at the definition, whether or not
  /// the function is called; its calls then say nothing more of it.
  void checkFunctionAlone(const FnDecl &fn) {
    ConstView saved = view;
    view = fnViews[&fn];
    unsigned before = numErrors;
    // No frame: names of arguments and lets are of unknown unit, and an
    // error is reported where it is, not "in this call of".
    for (const FnLet &let : fn.lets)
      check(*let.value);
    check(*fn.body);
    view = saved;
    if (numErrors != before)
      failedFunctions.insert(&fn);
  }

  void checkConstant(const ConstDecl &constant) {
    Quantity q = check(*constant.value);
    if (!constant.unit) {
      // No annotation: the unit of its value (plain for a number).
      q.value = constant.constValue;
      constants[&constant] = q;
      return;
    }
    Unit unit = Unit::fromAnnotation(*constant.unit);
    if (q.isKnown() && !(q.unit == unit))
      error(constant.loc, "constant '" + constant.name + "' is declared in " +
                              unit.str() + ", but its value is " +
                              operand(q, *constant.value) +
                              convertHint(q.unit, unit));
    constants[&constant] = Quantity::known(unit, constant.constValue);
  }

  static Quantity quantityOf(const VarDecl &var) {
    if (!var.unit)
      return Quantity::unknown();
    return Quantity::known(Unit::fromAnnotation(*var.unit));
  }

  /// Bounds, default and initial value: constants in the declared unit.
  void checkDeclaration(const VarDecl &var) {
    if (var.isBasinOutput() || !var.unit)
      return;
    Unit unit = Unit::fromAnnotation(*var.unit);
    auto checkValue = [&](const ExprPtr &expr, const char *what) {
      if (!expr)
        return;
      Quantity q = check(*expr);
      if (q.isKnown() && !(q.unit == unit))
        error(expr->getLoc(), std::string(what) + " of " + kindWord(var.kind) +
                                  " '" + var.name + "' is " +
                                  operand(q, *expr) + ", but '" + var.name +
                                  "' is in " + unit.str() +
                                  convertHint(q.unit, unit));
    };
    checkValue(var.lower, "the lower bound");
    checkValue(var.upper, "the upper bound");
    checkValue(var.init, var.kind == VarDecl::Kind::State
                             ? "the initial value"
                             : "the default value");
  }

  /// A kernel's weights: the unit of its formula, or dimensionless when
  /// normalized (w / sum(w)). Its index is a count of steps, dimensionless.
  void checkKernel(const KernelDecl &kernel) {
    Quantity q = check(*kernel.value);
    kernels.push_back(kernel.normalize ? Quantity::known(Unit()) : q);
  }

  void checkBasinOutput(const VarDecl &var) {
    Quantity q = check(*var.init);
    if (!var.unit || !q.isKnown())
      return;
    Unit unit = Unit::fromAnnotation(*var.unit);
    if (!(q.unit == unit))
      error(var.init->getLoc(), "output '" + var.name + "' is declared in " +
                                    unit.str() + ", but its formula gives " +
                                    operand(q, *var.init) +
                                    convertHint(q.unit, unit));
  }

  /// The storage is an amount; the inflow and outflow are rates, in the
  /// storage's unit per unit of dt, since balance_error = change in storage
  /// - (inflow - outflow) * dt. When the flows agree with each other, a
  /// mismatch is the storage's; otherwise each flow that is not the rate is
  /// reported (or, with the storage's unit unknown, the outflow).
  void checkBalance(const BalanceDecl &balance) {
    Quantity storage =
        balance.storage ? check(*balance.storage) : Quantity::unknown();
    struct Flow {
      const Expr *expr;
      const char *what;
      Quantity q;
    };
    std::vector<Flow> flows;
    for (auto [expr, what] : {std::pair{&balance.inflow, "inflow"},
                              std::pair{&balance.outflow, "outflow"}})
      if (*expr)
        if (Quantity q = check(**expr); q.isKnown())
          flows.push_back({expr->get(), what, q});
    if (flows.empty())
      return;
    bool flowsAgree = flows.size() == 1 || flows[0].q.unit == flows[1].q.unit;
    if (!storage.isKnown()) {
      if (!flowsAgree)
        error(flows[1].expr->getLoc(),
              "the balance's inflow and outflow need the same unit, but the "
              "inflow is " +
                  operand(flows[0].q, *flows[0].expr) + " and the outflow " +
                  operand(flows[1].q, *flows[1].expr));
      return;
    }
    Unit rate = storage.unit / stepUnit;
    if (flowsAgree) {
      Unit flow = flows[0].q.unit;
      if (flow == rate)
        return;
      // Flows written as amounts over the step (P * dt): the flows are the
      // mistake, not the storage.
      bool timesDt = llvm::any_of(flows, [](const Flow &f) {
        return multipliesByDt(*f.expr);
      });
      // Flows in the storage's unit are amounts per step: written `P * dt`
      // the '* dt' goes; declared as amounts (a monthly model's `P : mm`)
      // they are divided by dt.
      if (flow == storage.unit && (timesDt || !isPerTime(flow))) {
        bool both = flows.size() == 2;
        std::string fix =
            timesDt ? "drop the '* dt'"
                    : std::string("divide ") + (both ? "them" : "it") +
                          " by dt (" + flows[0].what + ": " +
                          print(*flows[0].expr, /*'/'*/ 6) + " / dt)";
        error(flows[0].expr->getLoc(),
              std::string("the balance's ") +
                  (both ? "inflow and outflow are" : flows[0].what + std::string(" is")) +
                  " in " + flow.str() + ", the unit of the storage, but " +
                  (both ? "they must be rates" : "it must be a rate") + " in " +
                  rate.str() + ": the balance multiplies " +
                  (both ? "them" : "it") + " by dt itself; " + fix);
        return;
      }
      Unit amount = flow * stepUnit;
      // A storage written S * dt: the '* dt' is the mistake.
      std::string hint = storage.unit == amount * stepUnit &&
                                 multipliesByDt(*balance.storage)
                             ? "; drop the '* dt': a storage is an amount"
                             : convertHint(storage.unit, amount);
      error(balance.storage->getLoc(),
            "the balance's storage is " + operand(storage, *balance.storage) +
                ", but its " +
                (flows.size() == 1 ? std::string(flows[0].what) + " is a rate"
                                   : std::string("inflow and outflow are rates")) +
                " in " + flow.str() + ", so the storage must be in " +
                amount.str() + " (" + flow.str() + " times dt)" + hint);
      return;
    }
    for (const Flow &f : flows)
      if (!(f.q.unit == rate))
        error(f.expr->getLoc(),
              std::string("the balance's ") + f.what + " is a rate in " +
                  rate.str() + " (the storage's " + storage.unit.str() +
                  " per " + stepUnit.str() + "), but this is " +
                  operand(f.q, *f.expr) +
                  (f.q.unit == storage.unit && multipliesByDt(*f.expr)
                       ? "; drop the '* dt': the balance multiplies its "
                         "flows by dt itself"
                       : convertHint(f.q.unit, rate)));
  }

  //===--------------------------------------------------------------------===//
  // The step
  //===--------------------------------------------------------------------===//

  /// Whether `e` is a product with dt as a factor (`P * dt`, `dt * (a+b)`).
  static bool multipliesByDt(const Expr &e) {
    auto *binary = llvm::dyn_cast<BinaryExpr>(&e);
    if (!binary || binary->getOp() != BinaryExpr::Op::Mul)
      return false;
    for (const Expr *side : {&binary->getLHS(), &binary->getRHS()}) {
      auto *name = llvm::dyn_cast<NameExpr>(side);
      if ((name && name->getName() == "dt") || multipliesByDt(*side))
        return true;
    }
    return false;
  }

  void checkStep(const StepBlock &step) {
    for (const StmtPtr &stmt : step.body) {
      if (auto *let = llvm::dyn_cast<LetStmt>(stmt.get()))
        checkLet(*let);
      else
        checkAssign(*llvm::cast<AssignStmt>(stmt.get()));
    }
  }

  void checkLet(const LetStmt &let) {
    Quantity q = check(let.getValue());
    letStmts.push_back(&let);
    if (!let.getUnit()) {
      lets.push_back(q);
      return;
    }
    Unit unit = Unit::fromAnnotation(*let.getUnit());
    if (q.isKnown() && !(q.unit == unit))
      error(let.getNameLoc(), "'" + let.getName() + "' is declared in " +
                                  unit.str() + ", but its value is " +
                                  operand(q, let.getValue()) +
                                  convertHint(q.unit, unit));
    lets.push_back(Quantity::known(unit, q.value));
  }

  const VarDecl *declOf(const NameRef &ref) const {
    unsigned kind;
    switch (ref.kind) {
    case NameRef::Kind::Forcing:
      kind = static_cast<unsigned>(VarDecl::Kind::Forcing);
      break;
    case NameRef::Kind::Param:
      kind = static_cast<unsigned>(VarDecl::Kind::Param);
      break;
    case NameRef::Kind::State:
      kind = static_cast<unsigned>(VarDecl::Kind::State);
      break;
    case NameRef::Kind::Output:
      kind = static_cast<unsigned>(VarDecl::Kind::Output);
      break;
    default:
      return nullptr;
    }
    return ref.index < byKind[kind].size() ? byKind[kind][ref.index] : nullptr;
  }

  void checkAssign(const AssignStmt &assign) {
    Quantity q = check(assign.getValue());
    const VarDecl *target = declOf(assign.targetRef);
    if (!target || !target->unit || !q.isKnown())
      return;
    Unit unit = Unit::fromAnnotation(*target->unit);
    std::string who = std::string(kindWord(target->kind)) + " '" +
                      target->name + "', which is in " + unit.str();
    std::string value = operand(q, assign.getValue());
    switch (assign.getOp()) {
    case AssignStmt::Op::Der: {
      // A rate: the state's unit per unit of dt (the model's step).
      Unit rate = unit / stepUnit;
      if (q.unit == rate)
        return;
      error(assign.getOpLoc(), "der(" + target->name + ") is a rate in " +
                                   rate.str() + ", but this is " + value +
                                   convertHint(q.unit, rate));
      noteInferredUnits({{&assign.getValue(), q}});
      return;
    }
    case AssignStmt::Op::Set:
    case AssignStmt::Op::Add:
    case AssignStmt::Op::Sub: {
      if (q.unit == unit)
        return;
      const char *verb = assign.getOp() == AssignStmt::Op::Set   ? "assign"
                         : assign.getOp() == AssignStmt::Op::Add ? "add"
                                                                 : "subtract";
      const char *prep = assign.getOp() == AssignStmt::Op::Sub ? "from" : "to";
      error(assign.getOpLoc(), std::string("cannot ") + verb + " " + value +
                                   " " + prep + " " + who +
                                   convertHint(q.unit, unit));
      noteInferredUnits({{&assign.getValue(), q}});
      return;
    }
    case AssignStmt::Op::Mul:
    case AssignStmt::Op::Div:
      if (q.unit.isDimensionless())
        return;
      error(assign.getOpLoc(),
            std::string("'") + toString(assign.getOp()) +
                "' needs a dimensionless " +
                (assign.getOp() == AssignStmt::Op::Mul ? "factor" : "divisor") +
                " to keep " + kindWord(target->kind) + " '" + target->name +
                "' in " + unit.str() + ", but this one is " + value +
                convertHint(q.unit, Unit()));
      noteInferredUnits({{&assign.getValue(), q}});
      return;
    }
  }

  //===--------------------------------------------------------------------===//
  // Expressions
  //===--------------------------------------------------------------------===//

  Quantity check(const Expr &expr) {
    Quantity q = checkExpr(expr);
    if (q.isKnown() && !q.unit.isValid()) {
      error(expr.getLoc(), "the unit of this expression has a power beyond "
                           "a million (" + q.unit.str() +
                           "); dgm cannot check it");
      return Quantity::unknown();
    }
    return q;
  }

  Quantity checkExpr(const Expr &expr) {
    return llvm::TypeSwitch<const Expr *, Quantity>(&expr)
        .Case(
            [&](const NumberExpr *e) { return Quantity::plain(e->getValue()); })
        .Case([&](const NameExpr *e) { return checkName(*e); })
        .Case([&](const UnaryExpr *e) {
          Quantity q = check(e->getOperand());
          if (e->getOp() == UnaryExpr::Op::Not)
            return Quantity::truth();
          if (q.value)
            q.value = -*q.value;
          return q;
        })
        .Case([&](const BinaryExpr *e) { return checkBinary(*e); })
        .Case([&](const CallExpr *e) { return checkCall(*e); })
        .Case([&](const IfExpr *e) {
          check(e->getCond());
          Quantity a = check(e->getThen());
          Quantity b = check(e->getElse());
          if (std::optional<Quantity> r = unify(a, b)) {
            r->value.reset();
            return *r;
          }
          error(e->getElse().getLoc(),
                "the branches of 'if' must have the same unit: 'then' gives " +
                    operand(a, e->getThen()) + ", 'else' gives " +
                    operand(b, e->getElse()) + rateHint(a.unit, b.unit));
          return Quantity::unknown();
        });
  }

  Quantity checkName(const NameExpr &e) {
    const NameRef &ref = e.ref;
    switch (ref.kind) {
    case NameRef::Kind::Let:
      return ref.index < lets.size() ? lets[ref.index] : Quantity::unknown();
    case NameRef::Kind::Const: {
      const ConstDecl *c = view.lookup(e.getName());
      if (!c || !constants.count(c))
        return Quantity::plain(ref.value);
      Quantity q = constants[c];
      q.value = ref.value;
      return q;
    }
    case NameRef::Kind::FnArg:
      if (frames.empty() || ref.index >= frames.back().args.size())
        return Quantity::unknown();
      return frames.back().args[ref.index];
    case NameRef::Kind::KernelIndex:
      return Quantity::known(Unit());
    case NameRef::Kind::Kernel:
      return ref.index < kernels.size() ? kernels[ref.index]
                                        : Quantity::unknown();
    default:
      if (const VarDecl *var = declOf(ref))
        return quantityOf(*var);
      return Quantity::unknown();
    }
  }

  /// The common unit of two quantities that must agree, or nullopt.
  static std::optional<Quantity> unify(const Quantity &a, const Quantity &b) {
    using K = Quantity::Kind;
    if (a.kind == K::Unknown || b.kind == K::Unknown || a.kind == K::Truth ||
        b.kind == K::Truth)
      return Quantity::unknown();
    if (a.kind == K::Plain)
      return b;
    if (b.kind == K::Plain || a.unit == b.unit)
      return a;
    return std::nullopt;
  }

  static Quantity multiply(const Quantity &a, const Quantity &b, bool divide) {
    using K = Quantity::Kind;
    std::optional<double> value;
    if (a.value && b.value)
      value = finite(divide ? *a.value / *b.value : *a.value * *b.value);
    if (a.kind == K::Unknown || b.kind == K::Unknown || a.kind == K::Truth ||
        b.kind == K::Truth)
      return Quantity::unknown();
    if (a.kind == K::Plain && b.kind == K::Plain)
      return Quantity::plain(value);
    Unit ua = a.kind == K::Known ? a.unit : Unit();
    Unit ub = b.kind == K::Known ? b.unit : Unit();
    return Quantity::known(divide ? ua / ub : ua * ub, value);
  }

  Quantity checkBinary(const BinaryExpr &e) {
    Quantity a = check(e.getLHS());
    Quantity b = check(e.getRHS());
    switch (e.getOp()) {
    case BinaryExpr::Op::And:
    case BinaryExpr::Op::Or:
      return Quantity::truth();
    case BinaryExpr::Op::Mul:
    case BinaryExpr::Op::Div:
      return multiply(a, b, e.getOp() == BinaryExpr::Op::Div);
    case BinaryExpr::Op::Pow:
      return power(e.getLoc(), "'^'", a, e.getLHS(), b, e.getRHS());
    case BinaryExpr::Op::Add:
    case BinaryExpr::Op::Sub: {
      bool add = e.getOp() == BinaryExpr::Op::Add;
      std::optional<Quantity> r = unify(a, b);
      if (!r) {
        error(e.getLoc(),
              add ? "cannot add " + operand(a, e.getLHS()) + " and " +
                        operand(b, e.getRHS()) + rateHint(a.unit, b.unit)
                  : "cannot subtract " + operand(b, e.getRHS()) + " from " +
                        operand(a, e.getLHS()) + rateHint(a.unit, b.unit));
        noteInferredUnits({{&e.getLHS(), a}, {&e.getRHS(), b}});
        return Quantity::unknown();
      }
      r->value.reset();
      if (a.value && b.value)
        r->value = finite(add ? *a.value + *b.value : *a.value - *b.value);
      return *r;
    }
    default: // comparisons
      if (!unify(a, b)) {
        error(e.getLoc(), "cannot compare " + operand(a, e.getLHS()) +
                              " with " + operand(b, e.getRHS()) +
                              rateHint(a.unit, b.unit));
        noteInferredUnits({{&e.getLHS(), a}, {&e.getRHS(), b}});
      }
      return Quantity::truth();
    }
  }

  /// `base ^ exponent` and pow(base, exponent).
  Quantity power(const Location &loc, const std::string &what,
                 const Quantity &base, const Expr &baseExpr,
                 const Quantity &exponent, const Expr &exponentExpr) {
    using K = Quantity::Kind;
    if (exponent.isKnown() && !exponent.unit.isDimensionless()) {
      // `C^dt` (a fraction per day, compounded over a step): "divide it by
      // dt" would give dt/dt; the duration to divide by is the one C is per.
      auto *name = llvm::dyn_cast<NameExpr>(&exponentExpr);
      std::string unit = exponent.unit.str();
      std::string period = unit == "d"     ? "DAY"
                           : unit == "h"   ? "HOUR"
                           : unit == "min" ? "MINUTE"
                           : unit == "s"   ? "SECOND"
                                           : "PERIOD";
      std::string hint =
          name && name->getName() == "dt"
              ? "; divide dt by the duration the base is per, a constant: "
                "e.g. 'const " +
                    period + " : " + unit + " = 1;' and '... ^ (dt / " +
                    period + ")'"
              : convertHint(exponent.unit, Unit());
      error(loc, "the exponent of " + what +
                     " must be dimensionless, but it is " +
                     operand(exponent, exponentExpr) + hint);
      return Quantity::unknown();
    }
    std::optional<double> value;
    if (base.value && exponent.value)
      value = finite(std::pow(*base.value, *exponent.value));
    switch (base.kind) {
    case K::Unknown:
    case K::Truth:
      return Quantity::unknown();
    case K::Plain:
      if (exponent.kind == K::Plain)
        return Quantity::plain(value);
      if (exponent.kind == K::Known)
        return Quantity::known(Unit(), value);
      return Quantity::unknown();
    case K::Known:
      break;
    }
    if (base.unit.isDimensionless())
      return Quantity::known(Unit(), value);
    if (!exponent.value) {
      std::string text = textOf(exponentExpr);
      error(loc, "the base of " + what + " is " + operand(base, baseExpr) +
                     ", so its exponent must be a constant, but " +
                     (text.empty() ? "it" : text) +
                     " is not; make the base dimensionless first, e.g. "
                     "divide it by a value in " +
                     base.unit.str());
      return Quantity::unknown();
    }
    std::optional<Rational> r = Rational::fromDouble(*exponent.value);
    if (!r) {
      error(loc, "cannot raise " + operand(base, baseExpr) + " to the power " +
                     formatNumber(*exponent.value) +
                     ": a unit's power must be a fraction with a denominator "
                     "of at most 100 and a size of at most 1000; make the "
                     "base dimensionless first, e.g. divide it by a value in " +
                     base.unit.str());
      return Quantity::unknown();
    }
    return Quantity::known(base.unit.pow(*r), value);
  }

  static std::optional<double> evalBuiltin(llvm::StringRef name,
                                           const std::vector<Quantity> &args) {
    std::vector<double> a;
    for (const Quantity &q : args) {
      if (!q.value)
        return std::nullopt;
      a.push_back(*q.value);
    }
    double r;
    if (name == "min")
      r = std::fmin(a[0], a[1]);
    else if (name == "max")
      r = std::fmax(a[0], a[1]);
    else if (name == "clamp")
      r = std::fmin(std::fmax(a[0], a[1]), a[2]);
    else if (name == "abs")
      r = std::fabs(a[0]);
    else if (name == "floor")
      r = std::floor(a[0]);
    else if (name == "relu")
      r = std::fmax(a[0], 0.0);
    else if (name == "sqrt")
      r = std::sqrt(a[0]);
    else if (name == "exp")
      r = std::exp(a[0]);
    else if (name == "log")
      r = std::log(a[0]);
    else if (name == "expm1")
      r = std::expm1(a[0]);
    else if (name == "log1p")
      r = std::log1p(a[0]);
    else
      return std::nullopt; // not needed as an exponent
    return finite(r);
  }

  Quantity checkCall(const CallExpr &e) {
    llvm::StringRef callee = e.getCallee();
    const std::vector<ExprPtr> &args = e.getArgs();
    std::vector<Quantity> q;
    for (const ExprPtr &arg : args)
      q.push_back(check(*arg));
    if (e.fn)
      return callFunction(e, std::move(q));

    using K = Quantity::Kind;
    if (callee == "mean" || callee == "sum" || callee == "weighted_mean")
      return q.empty() ? Quantity::unknown() : q[0];
    if (callee == "convolve")
      return q.size() == 2 ? multiply(q[0], q[1], false) : Quantity::unknown();

    std::optional<double> value = evalBuiltin(callee, q);
    if (callee == "min" || callee == "max") {
      std::optional<Quantity> r = unify(q[0], q[1]);
      if (!r) {
        error(e.getLoc(),
              "the arguments of '" + callee.str() + "' have different units: " +
                  operand(q[0], *args[0]) + " and " + operand(q[1], *args[1]) +
                  rateHint(q[0].unit, q[1].unit));
        return Quantity::unknown();
      }
      r->value = value;
      return *r;
    }
    if (callee == "clamp") {
      std::optional<Quantity> r = q[0];
      for (size_t i = 1; i < 3 && r; ++i) {
        std::optional<Quantity> next = unify(*r, q[i]);
        if (!next) {
          error(e.getLoc(), "the bounds of 'clamp' must be in the unit of its "
                            "value, " +
                                operand(q[0], *args[0]) + ", but the " +
                                (i == 1 ? "lower" : "upper") + " bound is " +
                                operand(q[i], *args[i]) +
                                convertHint(q[i].unit, r->unit));
          return Quantity::unknown();
        }
        r = next;
      }
      r->value = value;
      return *r;
    }
    if (callee == "pow")
      return power(e.getLoc(), "'pow'", q[0], *args[0], q[1], *args[1]);
    if (callee == "abs" || callee == "floor" || callee == "relu") {
      Quantity r = q[0];
      r.value = value;
      return r;
    }
    if (callee == "sqrt") {
      if (q[0].kind == K::Known)
        return Quantity::known(q[0].unit.pow(Rational(1, 2)), value);
      Quantity r = q[0];
      r.value = value;
      return r;
    }
    // exp, log, the trigonometric functions, sigmoid, lgamma: of a pure
    // number, giving one.
    if (q.size() == 1) {
      if (q[0].kind == K::Known && !q[0].unit.isDimensionless()) {
        std::string hint = convertHint(q[0].unit, Unit());
        if (hint.empty())
          hint = "; divide it by a reference value in " + q[0].unit.str();
        error(e.getLoc(), "the argument of '" + callee.str() +
                              "' must be dimensionless, but it is " +
                              operand(q[0], *args[0]) + hint);
        return Quantity::unknown();
      }
      return q[0].kind == K::Plain ? Quantity::plain(value)
                                   : Quantity::known(Unit(), value);
    }
    return Quantity::unknown();
  }

  //===--------------------------------------------------------------------===//
  // User functions
  //===--------------------------------------------------------------------===//

  /// A user function is unit-polymorphic: its body is checked at each call
  /// with the units of the arguments. An error in the body is reported at
  /// the call, with a note in the body.
  Quantity callFunction(const CallExpr &call, std::vector<Quantity> args) {
    const FnDecl &fn = *call.fn;
    if (failedFunctions.count(&fn))
      return Quantity::unknown(); // reported at its definition
    // The body's unit depends only on the arguments' quantities: a call
    // like an earlier one that checked cleanly has its result, which keeps
    // `fn f2(x) = f1(x) + f1(x);` chains linear. (A call whose body had an
    // error is checked again, so that each call reports its own.)
    std::string signature = signatureOf(fn, args);
    if (auto it = checkedCalls.find(signature); it != checkedCalls.end())
      return it->second;
    ConstView saved = view;
    if (auto it = fnViews.find(&fn); it != fnViews.end())
      view = it->second;
    unsigned errorsBefore = numErrors;
    frames.push_back({&fn, &call, std::move(args)});
    // The lets extend the frame in order (FnDecl::lets); a let's unit is
    // that of its value for these arguments.
    for (const FnLet &let : fn.lets) {
      Quantity value = check(*let.value);
      frames.back().args.push_back(value);
    }
    Quantity result = check(*fn.body);
    frames.pop_back();
    view = saved;
    if (frames.empty() && pending)
      reportPending();
    if (numErrors != errorsBefore)
      return Quantity::unknown();
    checkedCalls.emplace(std::move(signature), result);
    return result;
  }

  static std::string signatureOf(const FnDecl &fn,
                                 const std::vector<Quantity> &args) {
    std::string s = std::to_string(reinterpret_cast<std::uintptr_t>(&fn));
    for (const Quantity &q : args) {
      char value[40] = "-";
      if (q.value)
        std::snprintf(value, sizeof value, "%a", *q.value);
      s += "|" + std::to_string(static_cast<int>(q.kind)) + ":" +
           q.unit.str() + ":" + value;
    }
    return s;
  }
  std::map<std::string, Quantity> checkedCalls;

  struct Frame {
    const FnDecl *fn;
    const CallExpr *call;
    std::vector<Quantity> args;
  };
  struct Pending {
    Location loc;
    std::string message;
    std::vector<Frame> frames;
  };

  /// After an error about operands: for each that is a `let` without a
  /// declared unit, a note at its definition, where the unit came from (the
  /// mistake is often there: `let rain = P;` with P a rate).
  void noteInferredUnits(
      std::initializer_list<std::pair<const Expr *, Quantity>> operands) {
    if (!frames.empty())
      return; // inside a function: the call's error says it
    for (const auto &[expr, q] : operands) {
      auto *name = llvm::dyn_cast<NameExpr>(expr);
      if (!name || name->ref.kind != NameRef::Kind::Let || !q.isKnown() ||
          name->ref.index >= letStmts.size())
        continue;
      const LetStmt &let = *letStmts[name->ref.index];
      if (let.getUnit())
        continue;
      diag.note(let.getValue().getLoc(),
                "'" + let.getName() + "' is " + unitWord(q.unit) +
                    ", the unit of its value here");
    }
  }

  void error(const Location &loc, const std::string &message) {
    ++numErrors;
    if (frames.empty())
      diag.error(loc, message);
    else if (!pending)
      pending = Pending{loc, message, frames};
  }

  static std::string bindings(const Frame &frame) {
    std::string s;
    const std::vector<std::string> &params = frame.fn->params;
    for (size_t i = 0; i < params.size() && i < frame.args.size(); ++i) {
      if (i)
        s += i + 1 == params.size() ? " and " : ", ";
      const Quantity &q = frame.args[i];
      s += params[i] + (q.kind == Quantity::Kind::Known ? " in " + q.unit.str()
                        : q.kind == Quantity::Kind::Plain ? " a plain number"
                                                          : " without a unit");
    }
    return s;
  }

  void reportPending() {
    const std::vector<Frame> &fs = pending->frames;
    diag.error(fs[0].call->getLoc(),
               "in this call of '" + fs[0].fn->name + "': " + pending->message);
    for (size_t i = 0; i < fs.size(); ++i) {
      std::string where = "in the body of '" + fs[i].fn->name + "'";
      if (!fs[i].args.empty())
        where += ", with " + bindings(fs[i]);
      if (i + 1 < fs.size())
        diag.note(fs[i + 1].call->getLoc(),
                  where + ", which calls '" + fs[i + 1].fn->name + "' here");
      else
        diag.note(pending->loc, where);
    }
    pending.reset();
  }

  Module &module;
  DiagnosticEngine &diag;
  /// Functions whose body has an error whatever their arguments' units.
  std::set<const FnDecl *> failedFunctions;

  ConstLevel builtinLevel, fileLevel, modelLevel;
  /// The unit of dt: `d`, or that of the model's `step N UNIT;`.
  Unit stepUnit = Unit::symbol("d");
  std::string convertHint(const Unit &from, const Unit &to) const {
    return convertHintPer(from, to, stepUnit);
  }
  std::string rateHint(const Unit &a, const Unit &b) const {
    return rateHintPer(a, b, stepUnit);
  }
  /// The constants visible to the expression being checked.
  ConstView view;
  llvm::DenseMap<const ConstDecl *, Quantity> constants;
  llvm::DenseMap<const FnDecl *, ConstView> fnViews;

  std::vector<const VarDecl *> byKind[4];
  std::vector<Quantity> lets;
  /// The statement of each entry of `lets`, for notes on where a unit came
  /// from.
  std::vector<const LetStmt *> letStmts;
  std::vector<Quantity> kernels;

  std::vector<Frame> frames;
  std::optional<Pending> pending;
  unsigned numErrors = 0;
};

} // namespace

void dgm::checkUnits(Module &module, llvm::ArrayRef<const ConstDecl *> builtins,
                     DiagnosticEngine &diag) {
  // A file of definitions only (a library module, the REPL's definitions)
  // has its constants' units checked too: an error there would otherwise
  // surface in whatever first uses the file.
  UnitChecker(module, builtins, diag).run();
}
