//===- ConstantEvaluator.cpp - Values of constant expressions -------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "ConstantEvaluator.h"

#include "dgm/Sema/Sema.h"

#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/SourceMgr.h"

#include <bit>
#include <cmath>
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

using namespace dgm;
using namespace dgm::ast;

namespace {
class Evaluator {
public:
  Evaluator(llvm::StringRef what, DiagnosticEngine &diag)
      : what(what), diag(diag) {}

  /// The index of a kernel's weight being evaluated (evaluateKernelWeights).
  std::optional<double> kernelIndex;

  std::optional<double> eval(const Expr &expr) {
    return llvm::TypeSwitch<const Expr *, std::optional<double>>(&expr)
        .Case([&](const NumberExpr *e) { return e->getValue(); })
        .Case([&](const NameExpr *e) -> std::optional<double> {
          if (e->ref.kind == NameRef::Kind::Const)
            return e->ref.value;
          if (e->ref.kind == NameRef::Kind::FnArg && !args.empty())
            return args.back()[e->ref.index];
          if (e->ref.kind == NameRef::Kind::KernelIndex && kernelIndex)
            return *kernelIndex;
          diag.error(e->getLoc(), llvm::Twine(what) +
                                      " must be a constant, but it uses '" +
                                      e->getName() + "'");
          return std::nullopt;
        })
        .Case([&](const UnaryExpr *e) -> std::optional<double> {
          if (e->getOp() == UnaryExpr::Op::Not)
            return notANumber(*e);
          auto v = eval(e->getOperand());
          if (!v)
            return std::nullopt;
          return -*v;
        })
        .Case([&](const BinaryExpr *e) { return evalBinary(*e); })
        .Case([&](const CallExpr *e) { return evalCall(*e); })
        .Case([&](const IfExpr *e) -> std::optional<double> {
          std::optional<bool> cond = truth(e->getCond());
          if (!cond)
            return std::nullopt;
          return eval(*cond ? e->getThen() : e->getElse());
        });
  }

  /// The value of a condition of constants (`if C > 0 then ... else ...`):
  /// comparisons, `and`, `or`, `not` (Sema checked its type).
  std::optional<bool> truth(const Expr &expr) {
    if (auto *u = llvm::dyn_cast<UnaryExpr>(&expr);
        u && u->getOp() == UnaryExpr::Op::Not) {
      std::optional<bool> v = truth(u->getOperand());
      return v ? std::optional<bool>(!*v) : std::nullopt;
    }
    // A function's let that holds a truth value (FnLet::truth).
    if (auto *name = llvm::dyn_cast<NameExpr>(&expr);
        name && name->ref.kind == NameRef::Kind::FnArg && !args.empty())
      return args.back()[name->ref.index] != 0.0;
    auto *b = llvm::dyn_cast<BinaryExpr>(&expr);
    if (!b) {
      diag.error(expr.getLoc(),
                 llvm::Twine(what) + " needs a truth value here, not a number");
      return std::nullopt;
    }
    if (b->getOp() == BinaryExpr::Op::And || b->getOp() == BinaryExpr::Op::Or) {
      std::optional<bool> l = truth(b->getLHS()), r = truth(b->getRHS());
      if (!l || !r)
        return std::nullopt;
      return b->getOp() == BinaryExpr::Op::And ? (*l && *r) : (*l || *r);
    }
    std::optional<double> l = eval(b->getLHS()), r = eval(b->getRHS());
    if (!l || !r)
      return std::nullopt;
    switch (b->getOp()) {
    case BinaryExpr::Op::Lt:
      return *l < *r;
    case BinaryExpr::Op::Le:
      return *l <= *r;
    case BinaryExpr::Op::Gt:
      return *l > *r;
    case BinaryExpr::Op::Ge:
      return *l >= *r;
    case BinaryExpr::Op::Eq:
      return *l == *r;
    case BinaryExpr::Op::Ne:
      return *l != *r;
    default:
      diag.error(expr.getLoc(),
                 llvm::Twine(what) + " needs a truth value here, not a number");
      return std::nullopt;
    }
  }

private:
  std::optional<double> notANumber(const Expr &e) {
    diag.error(e.getLoc(),
               llvm::Twine(what) + " must be a number, not a truth value");
    return std::nullopt;
  }

  std::optional<double> evalBinary(const BinaryExpr &e) {
    switch (e.getOp()) {
    case BinaryExpr::Op::Add:
    case BinaryExpr::Op::Sub:
    case BinaryExpr::Op::Mul:
    case BinaryExpr::Op::Div:
    case BinaryExpr::Op::Pow:
      break;
    default:
      return notANumber(e);
    }
    auto lhs = eval(e.getLHS());
    auto rhs = eval(e.getRHS());
    if (!lhs || !rhs)
      return std::nullopt;
    switch (e.getOp()) {
    case BinaryExpr::Op::Add:
      return *lhs + *rhs;
    case BinaryExpr::Op::Sub:
      return *lhs - *rhs;
    case BinaryExpr::Op::Mul:
      return *lhs * *rhs;
    case BinaryExpr::Op::Div:
      return *lhs / *rhs;
    default:
      return std::pow(*lhs, *rhs);
    }
  }

  std::optional<double> evalCall(const CallExpr &e) {
    if (e.fn) {
      std::vector<double> values;
      for (const ExprPtr &arg : e.getArgs()) {
        auto v = eval(*arg);
        if (!v)
          return std::nullopt;
        values.push_back(*v);
      }
      // A function of constants has one value per argument values: reuse
      // it, so that `fn f2(x) = f1(x) + f1(x);` chains stay linear.
      std::pair<const FnDecl *, std::vector<std::uint64_t>> key{e.fn, {}};
      for (double v : values)
        key.second.push_back(std::bit_cast<std::uint64_t>(v));
      if (auto it = evaluated.find(key); it != evaluated.end())
        return it->second;
      args.push_back(std::move(values));
      // The lets extend the frame in order (FnDecl::lets).
      std::optional<double> result = 0.0;
      for (const FnLet &let : e.fn->lets) {
        if (let.truth) { // held as 1 or 0; read by truth()
          std::optional<bool> holds = truth(*let.value);
          result =
              holds ? std::optional<double>(*holds ? 1.0 : 0.0) : std::nullopt;
        } else {
          result = eval(*let.value);
        }
        if (!result)
          break;
        args.back().push_back(*result);
      }
      if (result)
        result = eval(*e.fn->body);
      args.pop_back();
      if (result)
        evaluated.emplace(std::move(key), *result);
      return result;
    }
    const BuiltinFunction *fn = lookupBuiltinFunction(e.getCallee());
    if (!fn || fn->numArgs != e.getArgs().size()) {
      diag.error(e.getLoc(), llvm::Twine(what) + " calls '" + e.getCallee() +
                                 "', which is not a built-in function of " +
                                 llvm::Twine(e.getArgs().size()) +
                                 " argument(s)");
      return std::nullopt;
    }
    std::vector<double> a;
    for (const ExprPtr &arg : e.getArgs()) {
      auto v = eval(*arg);
      if (!v)
        return std::nullopt;
      a.push_back(*v);
    }
    llvm::StringRef name = e.getCallee();
    if (name == "min")
      return std::fmin(a[0], a[1]);
    if (name == "max")
      return std::fmax(a[0], a[1]);
    if (name == "clamp")
      return std::fmin(std::fmax(a[0], a[1]), a[2]);
    if (name == "exp")
      return std::exp(a[0]);
    if (name == "log")
      return std::log(a[0]);
    if (name == "sqrt")
      return std::sqrt(a[0]);
    if (name == "abs")
      return std::fabs(a[0]);
    if (name == "pow")
      return std::pow(a[0], a[1]);
    if (name == "floor")
      return std::floor(a[0]);
    if (name == "lgamma")
      return std::lgamma(a[0]);
    if (name == "relu")
      return std::fmax(a[0], 0.0);
    if (name == "sigmoid")
      return 1.0 / (1.0 + std::exp(-a[0]));
    if (name == "tanh")
      return std::tanh(a[0]);
    if (name == "expm1")
      return std::expm1(a[0]);
    if (name == "log1p")
      return std::log1p(a[0]);
    if (name == "sin")
      return std::sin(a[0]);
    if (name == "cos")
      return std::cos(a[0]);
    if (name == "tan")
      return std::tan(a[0]);
    if (name == "acos")
      return std::acos(a[0]);
    llvm_unreachable("every built-in function is evaluated above");
  }

  llvm::StringRef what;
  DiagnosticEngine &diag;
  /// The argument values of the user functions being evaluated, innermost
  /// call last.
  std::vector<std::vector<double>> args;

  /// Calls of user functions already evaluated, by their argument values.
  std::map<std::pair<const FnDecl *, std::vector<std::uint64_t>>, double>
      evaluated;
};
} // namespace

std::optional<double> dgm::evaluateConstant(const Expr &expr,
                                            llvm::StringRef what,
                                            DiagnosticEngine &diag) {
  std::optional<double> value = Evaluator(what, diag).eval(expr);
  if (value && !std::isfinite(*value)) {
    diag.error(expr.getLoc(), llvm::Twine(what) + " evaluates to " +
                                  (std::isnan(*value) ? "NaN"
                                   : *value < 0       ? "minus infinity"
                                                      : "infinity") +
                                  "; it must be a finite number");
    return std::nullopt;
  }
  return value;
}

std::optional<std::vector<double>>
dgm::evaluateKernelWeights(const KernelDecl &kernel) {
  // Quietly: a weight that uses a parameter is simply not known yet.
  llvm::SourceMgr sourceMgr;
  DiagnosticEngine quiet(sourceMgr, llvm::nulls());
  Evaluator evaluator("a weight", quiet);
  std::vector<double> weights;
  weights.reserve(kernel.size);
  for (int64_t k = 0; k < kernel.size; ++k) {
    evaluator.kernelIndex = static_cast<double>(k);
    std::optional<double> w = evaluator.eval(*kernel.value);
    if (!w)
      return std::nullopt;
    weights.push_back(*w);
  }
  return weights;
}
