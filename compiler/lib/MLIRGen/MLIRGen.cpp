//===- MLIRGen.cpp - Build dgm dialect IR from the AST --------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The step block is written imperatively (states updated in place, in order),
// but `dgm.step` is a pure function from (forcings, params, states) to (new
// states, outputs). MLIRGen bridges the two the way SSA construction does for
// straight-line code: it keeps the current SSA value of every state, output
// and `let`, and each assignment simply rebinds the name. Because the step
// has no control flow (`if` is an expression, lowered to dgm.select), no phi
// nodes are needed.
//
//===----------------------------------------------------------------------===//

#include "dgm/MLIRGen/MLIRGen.h"

#include "dgm/Dialect/DGM/IR/DGMDialect.h"
#include "dgm/Dialect/DGM/IR/DGMOps.h"
#include "dgm/Support/Diagnostics.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Verifier.h"

#include "llvm/ADT/TypeSwitch.h"

#include <cmath>
#include <limits>
#include <map>
#include <tuple>
#include <vector>

using namespace dgm;
using namespace dgm::ast;

namespace {
class MLIRGenImpl {
public:
  MLIRGenImpl(mlir::MLIRContext &context, unsigned scalarBits)
      : builder(&context),
        scalarType(scalarBits == 32 ? mlir::Type(builder.getF32Type())
                                    : mlir::Type(builder.getF64Type())) {}

  mlir::OwningOpRef<mlir::ModuleOp> generate(const Module &module) {
    auto moduleOp = mlir::ModuleOp::create(
        loc(Location{std::make_shared<std::string>(module.filename), 1, 1}));
    builder.setInsertionPointToEnd(moduleOp.getBody());
    for (const ModelDecl &model : module.models)
      generateModel(model, module.filename);
    if (constantOutOfRange) {
      moduleOp->erase();
      return nullptr;
    }
    if (mlir::failed(mlir::verify(moduleOp))) {
      moduleOp.emitError("MLIRGen produced invalid IR; this is a bug in dgm");
      moduleOp->erase();
      return nullptr;
    }
    return moduleOp;
  }

private:
  /// `value` in the model's scalar type. In single precision a finite value
  /// beyond its range would become an infinity, and every result it touches
  /// NaN or infinite at run time: an error here, at the value's use.
  mlir::FloatAttr scalarAttr(const Location &l, double value,
                             const std::string &what) {
    if (scalarType.isF32() && std::isfinite(value) &&
        std::fabs(value) > std::numeric_limits<float>::max()) {
      mlir::emitError(loc(l))
          << what << " is beyond the range of single precision (--precision "
          << "f32 holds magnitudes up to 3.4e+38); it would become infinite";
      constantOutOfRange = true;
    }
    return builder.getFloatAttr(scalarType, value);
  }

  mlir::Location loc(const Location &l) {
    return mlir::FileLineColLoc::get(
        builder.getStringAttr(l.file ? *l.file : std::string("<unknown>")),
        l.line, l.col);
  }

  void generateModel(const ModelDecl &model, llvm::StringRef filename) {
    auto modelOp =
        ModelOp::create(builder, loc(model.loc), model.name, filename);
    if (model.components)
      modelOp.setComponents(*model.components);
    if (model.stepLength)
      modelOp.setStepSeconds(model.stepSeconds());
    stepValue = model.stepValue();
    mlir::OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToEnd(modelOp.getBody());

    for (const VarDecl &var : model.vars) {
      generateDeclaration(model, var);
      if (var.kind == VarDecl::Kind::Output)
        outputDecls.push_back(&var);
    }
    for (const KernelDecl &kernel : model.kernels)
      generateKernel(model, kernel);
    generateStep(model, model.steps.front());
    if (llvm::any_of(model.vars,
                     [](const VarDecl &var) { return var.isBasinOutput(); }))
      generateBasin(model);
  }

  /// Adds one block argument per declaration of `kind` to `body`, recording
  /// them in the matching value list.
  void addArguments(const ModelDecl &model, VarDecl::Kind kind,
                    mlir::Block *body) {
    for (const VarDecl &var : model.vars)
      if (var.kind == kind)
        valuesOf(kind).push_back(body->addArgument(scalarType, loc(var.loc)));
  }

  void resetValues() {
    forcings.clear();
    params.clear();
    states.clear();
    outputs.clear();
    lets.clear();
    kernelIndex = nullptr;
  }

  void generateKernel(const ModelDecl &model, const KernelDecl &kernel) {
    resetValues();
    auto kernelOp = KernelOp::create(builder, loc(kernel.loc), kernel.name,
                                     kernel.size, kernel.normalize);
    mlir::Block *body = new mlir::Block();
    kernelOp.getBodyRegion().push_back(body);
    kernelIndex = body->addArgument(scalarType, loc(kernel.indexLoc));
    addArguments(model, VarDecl::Kind::Param, body);
    mlir::OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToEnd(body);
    mlir::Value weight = generateExpr(*kernel.value);
    YieldOp::create(builder, loc(kernel.loc), mlir::ValueRange{weight});
  }

  void generateBasin(const ModelDecl &model) {
    resetValues();
    auto basinOp = BasinOp::create(builder, loc(model.loc));
    mlir::Block *body = new mlir::Block();
    basinOp.getBodyRegion().push_back(body);
    addArguments(model, VarDecl::Kind::Forcing, body);
    addArguments(model, VarDecl::Kind::Param, body);
    outputs.assign(outputDecls.size(), nullptr);
    mlir::OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToEnd(body);
    inBasin = true;
    llvm::SmallVector<mlir::Value> results;
    for (auto [index, var] : llvm::enumerate(outputDecls)) {
      if (!var->isBasinOutput())
        continue;
      outputs[index] = generateExpr(*var->init);
      results.push_back(outputs[index]);
    }
    inBasin = false;
    YieldOp::create(builder, loc(model.loc), results);
  }

  void generateDeclaration(const ModelDecl &model, const VarDecl &var) {
    llvm::StringRef unit = var.unit ? llvm::StringRef(var.unit->spelling) : "";
    mlir::Location l = loc(var.loc);
    switch (var.kind) {
    case VarDecl::Kind::Forcing:
      ForcingOp::create(builder, l, var.name, scalarType, unit,
                        var.description);
      return;
    case VarDecl::Kind::Param: {
      std::optional<double> lower, upper, defaultValue;
      if (var.hasBounds()) {
        lower = var.lowerValue;
        upper = var.upperValue;
      }
      if (var.hasInit()) {
        defaultValue = var.initValue;
        // Passed to simulate in the model's scalar type: check its range.
        scalarAttr(var.init ? var.init->getLoc() : var.loc, var.initValue,
                   "the default of parameter '" + var.name + "'");
      }
      auto param = ParamOp::create(builder, l, var.name, scalarType, unit,
                                   var.description, lower, upper, defaultValue);
      param.setDynamic(var.dynamic);
      param.setShared(var.shared);
      return;
    }
    case VarDecl::Kind::State: {
      if (!var.initFromParams) {
        scalarAttr(var.init ? var.init->getLoc() : var.loc, var.initValue,
                   "the initial value of state '" + var.name + "'");
        StateOp::create(builder, l, var.name, scalarType, unit, var.description,
                        var.initValue);
        return;
      }
      // The initial value from the parameters: a region over them; `init`
      // is abi.h's DGM_MODEL_INITIAL_BITS, the descriptor's default (see
      // dgm.state).
      auto state = StateOp::create(
          builder, l, var.name, scalarType, unit, var.description,
          dgm::detail::modelInitialNaN().convertToDouble());
      resetValues();
      mlir::Block *body = new mlir::Block();
      state.getFromParams().push_back(body);
      addArguments(model, VarDecl::Kind::Param, body);
      mlir::OpBuilder::InsertionGuard guard(builder);
      builder.setInsertionPointToEnd(body);
      YieldOp::create(builder, loc(var.init->getLoc()),
                      mlir::ValueRange{generateExpr(*var.init)});
      return;
    }
    case VarDecl::Kind::Output: {
      auto output = OutputOp::create(builder, l, var.name, scalarType, unit,
                                     var.description);
      output.setBasin(var.isBasinOutput());
      output.setInternal(var.internal);
      return;
    }
    }
  }

  void generateStep(const ModelDecl &model, const StepBlock &step) {
    resetValues();
    auto stepOp = StepOp::create(builder, loc(step.loc));
    mlir::Block *body = new mlir::Block();
    stepOp.getBodyRegion().push_back(body);

    // Block arguments: forcings, then parameters, then states, each in
    // declaration order; their locations are the declarations'.
    for (VarDecl::Kind kind :
         {VarDecl::Kind::Forcing, VarDecl::Kind::Param, VarDecl::Kind::State})
      for (const VarDecl &var : model.vars)
        if (var.kind == kind) {
          mlir::Value arg = body->addArgument(scalarType, loc(var.loc));
          valuesOf(kind).push_back(arg);
        }
    for (const VarDecl &var : model.vars)
      if (var.kind == VarDecl::Kind::Output)
        outputs.push_back(nullptr);

    mlir::OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToEnd(body);
    if (model.solver)
      generateIntegration(step, *model.solver, loc(model.solver->loc));
    else
      for (const StmtPtr &stmt : step.body) {
        if (auto *let = llvm::dyn_cast<LetStmt>(stmt.get()))
          lets.push_back(generateExpr(let->getValue()));
        else
          generateAssign(*llvm::cast<AssignStmt>(stmt.get()));
      }

    if (model.balance)
      generateBalance(*model.balance, body);

    llvm::SmallVector<mlir::Value> results(states.begin(), states.end());
    for (auto [value, var] : llvm::zip_equal(outputs, outputDecls))
      if (!var->isBasinOutput())
        results.push_back(value);
    YieldOp::create(builder, loc(step.loc), results);
  }

  /// The statements at the states `at`: the rates der(S) (zero for states
  /// without one) and the outputs. Lets start afresh each time.
  std::pair<std::vector<mlir::Value>, std::vector<mlir::Value>>
  evaluateRates(const StepBlock &step, const std::vector<mlir::Value> &at,
                mlir::Location l) {
    states = at;
    lets.clear();
    std::vector<mlir::Value> rates(at.size());
    for (const StmtPtr &stmt : step.body) {
      if (auto *let = llvm::dyn_cast<LetStmt>(stmt.get())) {
        lets.push_back(generateExpr(let->getValue()));
        continue;
      }
      const auto &assign = *llvm::cast<AssignStmt>(stmt.get());
      if (assign.getOp() == AssignStmt::Op::Der)
        rates[assign.targetRef.index] = generateExpr(assign.getValue());
      else
        generateAssign(assign);
    }
    for (mlir::Value &rate : rates)
      if (!rate)
        rate = ConstantOp::create(builder, l, scalarType, 0.0);
    return {rates, outputs};
  }

  /// A continuous-time step: the states integrated over dt (one step) by
  /// `solver`, in `substeps` equal substeps; each output is its mean over
  /// the substeps (for RK4, the Runge-Kutta weighted mean of its stages: the
  /// flux consistent with the states' change).
  void generateIntegration(const StepBlock &step,
                           const ModelDecl::Solver &solver, mlir::Location l) {
    auto constant = [&](double v) {
      return ConstantOp::create(builder, l, scalarType, v).getResult();
    };
    auto axpy = [&](const std::vector<mlir::Value> &x, mlir::Value a,
                    const std::vector<mlir::Value> &y) {
      std::vector<mlir::Value> r;
      for (auto [xi, yi] : llvm::zip_equal(x, y))
        r.push_back(
            AddOp::create(builder, l, xi, MulOp::create(builder, l, a, yi)));
      return r;
    };
    auto weighted = [&](const std::vector<std::vector<mlir::Value>> &parts,
                        llvm::ArrayRef<double> w, double scale) {
      std::vector<mlir::Value> r;
      for (size_t i = 0; i < parts[0].size(); ++i) {
        if (!parts[0][i]) { // a basin output: not computed in the step
          r.push_back(nullptr);
          continue;
        }
        mlir::Value sum;
        for (size_t j = 0; j < parts.size(); ++j) {
          mlir::Value term =
              w[j] == 1.0
                  ? parts[j][i]
                  : MulOp::create(builder, l, constant(w[j]), parts[j][i])
                        .getResult();
          sum = sum ? AddOp::create(builder, l, sum, term).getResult() : term;
        }
        r.push_back(
            scale == 1.0
                ? sum
                : DivOp::create(builder, l, sum, constant(scale)).getResult());
      }
      return r;
    };
    double h = stepValue / static_cast<double>(solver.substeps);
    std::vector<mlir::Value> y = states;
    std::vector<std::vector<mlir::Value>> substepOutputs;
    for (int64_t n = 0; n < solver.substeps; ++n) {
      if (solver.scheme == ModelDecl::Solver::Scheme::Euler) {
        auto [k1, o1] = evaluateRates(step, y, l);
        y = axpy(y, constant(h), k1);
        substepOutputs.push_back(o1);
        continue;
      }
      auto [k1, o1] = evaluateRates(step, y, l);
      auto [k2, o2] = evaluateRates(step, axpy(y, constant(h / 2), k1), l);
      auto [k3, o3] = evaluateRates(step, axpy(y, constant(h / 2), k2), l);
      auto [k4, o4] = evaluateRates(step, axpy(y, constant(h), k3), l);
      std::vector<mlir::Value> slope =
          weighted({k1, k2, k3, k4}, {1, 2, 2, 1}, 6.0);
      y = axpy(y, constant(h), slope);
      substepOutputs.push_back(weighted({o1, o2, o3, o4}, {1, 2, 2, 1}, 6.0));
    }
    states = y;
    std::vector<double> ones(substepOutputs.size(), 1.0);
    outputs = substepOutputs.size() == 1
                  ? substepOutputs[0]
                  : weighted(substepOutputs, ones,
                             static_cast<double>(substepOutputs.size()));
  }

  /// balance_error = (storage at the end - storage at the start)
  ///                 - (inflow - outflow) * dt.
  void generateBalance(const BalanceDecl &balance, mlir::Block *body) {
    std::vector<mlir::Value> finalStates = states;
    unsigned numStates = finalStates.size();
    // The step's states at its start are the last block arguments.
    states.assign(body->getArguments().end() - numStates,
                  body->getArguments().end());
    mlir::Value before = generateExpr(*balance.storage);
    states = finalStates;
    mlir::Value after = generateExpr(*balance.storage);
    mlir::Location l = loc(balance.loc);
    mlir::Value zero = ConstantOp::create(builder, l, scalarType, 0.0);
    mlir::Value in = balance.inflow ? generateExpr(*balance.inflow) : zero;
    mlir::Value out = balance.outflow ? generateExpr(*balance.outflow) : zero;
    mlir::Value change = SubOp::create(builder, l, after, before);
    mlir::Value net = SubOp::create(builder, l, in, out);
    if (stepValue != 1.0)
      net = MulOp::create(builder, l, net,
                          ConstantOp::create(builder, l, scalarType, stepValue));
    mlir::Value error = SubOp::create(builder, l, change, net);
    for (auto [index, var] : llvm::enumerate(outputDecls))
      if (var->isBalanceError)
        outputs[index] = error;
  }

  std::vector<mlir::Value> &valuesOf(VarDecl::Kind kind) {
    switch (kind) {
    case VarDecl::Kind::Forcing:
      return forcings;
    case VarDecl::Kind::Param:
      return params;
    case VarDecl::Kind::State:
      return states;
    case VarDecl::Kind::Output:
      return outputs;
    }
    llvm_unreachable("unknown declaration kind");
  }

  void generateAssign(const AssignStmt &assign) {
    mlir::Value value = generateExpr(assign.getValue());
    std::vector<mlir::Value> &slots =
        assign.targetRef.kind == NameRef::Kind::State ? states : outputs;
    mlir::Value &slot = slots[assign.targetRef.index];
    mlir::Location l = loc(assign.getOpLoc());
    switch (assign.getOp()) {
    case AssignStmt::Op::Set:
      slot = value;
      return;
    case AssignStmt::Op::Add:
      slot = AddOp::create(builder, l, slot, value);
      return;
    case AssignStmt::Op::Sub:
      slot = SubOp::create(builder, l, slot, value);
      return;
    case AssignStmt::Op::Mul:
      slot = MulOp::create(builder, l, slot, value);
      return;
    case AssignStmt::Op::Div:
      slot = DivOp::create(builder, l, slot, value);
      return;
    case AssignStmt::Op::Der:
      break; // Rates are integrated by generateIntegration.
    }
  }

  mlir::Value generateExpr(const Expr &expr) {
    return llvm::TypeSwitch<const Expr *, mlir::Value>(&expr)
        .Case([&](const NumberExpr *e) -> mlir::Value {
          return ConstantOp::create(
              builder, loc(e->getLoc()),
              scalarAttr(e->getLoc(), e->getValue(), e->getSpelling()));
        })
        .Case([&](const NameExpr *e) { return lookup(*e); })
        .Case([&](const UnaryExpr *e) -> mlir::Value {
          mlir::Value operand = generateExpr(e->getOperand());
          if (e->getOp() == UnaryExpr::Op::Neg)
            return NegOp::create(builder, loc(e->getLoc()), operand);
          return NotOp::create(builder, loc(e->getLoc()), operand);
        })
        .Case([&](const BinaryExpr *e) { return generateBinary(*e); })
        .Case([&](const CallExpr *e) { return generateCall(*e); })
        .Case([&](const IfExpr *e) -> mlir::Value {
          mlir::Value cond = generateExpr(e->getCond());
          mlir::Value thenValue = generateExpr(e->getThen());
          mlir::Value elseValue = generateExpr(e->getElse());
          return SelectOp::create(builder, loc(e->getLoc()), cond, thenValue,
                                  elseValue);
        });
  }

  mlir::Value lookup(const NameExpr &e) {
    const NameRef &ref = e.ref;
    switch (ref.kind) {
    case NameRef::Kind::Const:
      return ConstantOp::create(
          builder, loc(e.getLoc()),
          scalarAttr(e.getLoc(), ref.value,
                     "constant '" + e.getName() + "' (" +
                         formatNumber(ref.value) + ")"));
    case NameRef::Kind::FnArg:
      return fnArgs.back()[ref.index];
    case NameRef::Kind::KernelIndex:
      return kernelIndex;
    case NameRef::Kind::Output:
      if (inBasin && !outputDecls[ref.index]->isBasinOutput())
        // A model without components: its only component's output.
        return AggregateOp::create(
            builder, loc(e.getLoc()), scalarType,
            AggregateKindAttr::get(builder.getContext(), AggregateKind::mean),
            mlir::FlatSymbolRefAttr::get(builder.getContext(), e.getName()),
            nullptr);
      return outputs[ref.index];
    case NameRef::Kind::Kernel:
      break;
    case NameRef::Kind::Forcing:
      return forcings[ref.index];
    case NameRef::Kind::Param:
      return params[ref.index];
    case NameRef::Kind::State:
      return states[ref.index];
    case NameRef::Kind::Let:
      return lets[ref.index];
    case NameRef::Kind::Unresolved:
      break;
    }
    llvm_unreachable("Sema resolves every name before MLIRGen");
  }

  mlir::Value generateBinary(const BinaryExpr &e) {
    mlir::Value lhs = generateExpr(e.getLHS());
    mlir::Value rhs = generateExpr(e.getRHS());
    mlir::Location l = loc(e.getLoc());
    switch (e.getOp()) {
    case BinaryExpr::Op::Add:
      return AddOp::create(builder, l, lhs, rhs);
    case BinaryExpr::Op::Sub:
      return SubOp::create(builder, l, lhs, rhs);
    case BinaryExpr::Op::Mul:
      return MulOp::create(builder, l, lhs, rhs);
    case BinaryExpr::Op::Div:
      return DivOp::create(builder, l, lhs, rhs);
    case BinaryExpr::Op::Pow:
      return PowOp::create(builder, l, lhs, rhs);
    case BinaryExpr::Op::Lt:
      return CmpOp::create(builder, l, CmpPredicate::lt, lhs, rhs);
    case BinaryExpr::Op::Le:
      return CmpOp::create(builder, l, CmpPredicate::le, lhs, rhs);
    case BinaryExpr::Op::Gt:
      return CmpOp::create(builder, l, CmpPredicate::gt, lhs, rhs);
    case BinaryExpr::Op::Ge:
      return CmpOp::create(builder, l, CmpPredicate::ge, lhs, rhs);
    case BinaryExpr::Op::Eq:
      return CmpOp::create(builder, l, CmpPredicate::eq, lhs, rhs);
    case BinaryExpr::Op::Ne:
      return CmpOp::create(builder, l, CmpPredicate::ne, lhs, rhs);
    case BinaryExpr::Op::And:
      return AndOp::create(builder, l, lhs, rhs);
    case BinaryExpr::Op::Or:
      return OrOp::create(builder, l, lhs, rhs);
    }
    llvm_unreachable("unknown binary operator");
  }

  mlir::Value generateCall(const CallExpr &e) {
    mlir::Location l = loc(e.getLoc());
    llvm::StringRef name = e.getCallee();
    auto symbol = [&](size_t i) {
      return mlir::FlatSymbolRefAttr::get(
          builder.getContext(),
          llvm::cast<NameExpr>(*e.getArgs()[i]).getName());
    };
    if (!e.fn && inBasin) {
      if (name == "mean" || name == "sum")
        return AggregateOp::create(
            builder, l, scalarType,
            AggregateKindAttr::get(builder.getContext(),
                                   name == "mean" ? AggregateKind::mean
                                                  : AggregateKind::sum),
            symbol(0), nullptr);
      if (name == "weighted_mean")
        return AggregateOp::create(
            builder, l, scalarType,
            AggregateKindAttr::get(builder.getContext(),
                                   AggregateKind::weighted_mean),
            symbol(0), symbol(1));
    }
    if (!e.fn && name == "convolve")
      return ConvolveOp::create(builder, l, scalarType,
                                generateExpr(*e.getArgs()[0]), symbol(1));
    llvm::SmallVector<mlir::Value, 3> args;
    for (const ExprPtr &arg : e.getArgs())
      args.push_back(generateExpr(*arg));
    if (e.fn) {
      // Inlined: the body computes with the argument values. A function sees
      // only its arguments and constants, so a call with the same argument
      // values in the same block has the same result: reuse it, which keeps
      // `fn f2(x) = f1(x) + f1(x);` chains linear instead of exponential.
      InlinedCall key{builder.getInsertionBlock(), e.fn, {}};
      for (mlir::Value arg : args)
        key.args.push_back(arg.getAsOpaquePointer());
      if (auto it = inlinedCalls.find(key); it != inlinedCalls.end())
        return it->second;
      fnArgs.emplace_back(args.begin(), args.end());
      // The lets extend the frame in order (FnDecl::lets).
      for (const FnLet &let : e.fn->lets) {
        mlir::Value value = generateExpr(*let.value);
        fnArgs.back().push_back(value);
      }
      mlir::Value result = generateExpr(*e.fn->body);
      fnArgs.pop_back();
      inlinedCalls.emplace(std::move(key), result);
      return result;
    }
    if (name == "min")
      return MinOp::create(builder, l, args[0], args[1]);
    if (name == "max")
      return MaxOp::create(builder, l, args[0], args[1]);
    if (name == "clamp")
      return ClampOp::create(builder, l, args[0], args[1], args[2]);
    if (name == "exp")
      return ExpOp::create(builder, l, args[0]);
    if (name == "log")
      return LogOp::create(builder, l, args[0]);
    if (name == "sqrt")
      return SqrtOp::create(builder, l, args[0]);
    if (name == "abs")
      return AbsOp::create(builder, l, args[0]);
    if (name == "pow")
      return PowOp::create(builder, l, args[0], args[1]);
    if (name == "floor")
      return FloorOp::create(builder, l, args[0]);
    if (name == "lgamma")
      return LgammaOp::create(builder, l, args[0]);
    if (name == "tanh")
      return TanhOp::create(builder, l, args[0]);
    if (name == "expm1")
      return Expm1Op::create(builder, l, args[0]);
    if (name == "log1p")
      return Log1pOp::create(builder, l, args[0]);
    if (name == "sin")
      return SinOp::create(builder, l, args[0]);
    if (name == "cos")
      return CosOp::create(builder, l, args[0]);
    if (name == "tan")
      return TanOp::create(builder, l, args[0]);
    if (name == "acos")
      return AcosOp::create(builder, l, args[0]);
    if (name == "relu") {
      mlir::Value zero = ConstantOp::create(builder, l, scalarType, 0.0);
      return MaxOp::create(builder, l, args[0], zero);
    }
    if (name == "sigmoid") {
      // 1 / (1 + exp(-x))
      mlir::Value one = ConstantOp::create(builder, l, scalarType, 1.0);
      mlir::Value e1 =
          ExpOp::create(builder, l, NegOp::create(builder, l, args[0]));
      return DivOp::create(builder, l, one, AddOp::create(builder, l, one, e1));
    }
    llvm_unreachable("Sema accepts only the built-in functions");
  }

  mlir::OpBuilder builder;
  mlir::Type scalarType;
  bool constantOutOfRange = false;
  /// The value of `dt` (the model's `step N UNIT;`, else 1 for one day).
  double stepValue = 1.0;
  /// The values of the names in the region being built.
  std::vector<mlir::Value> forcings, params, states, outputs, lets;
  mlir::Value kernelIndex;
  /// A user function inlined in a block with given argument values.
  struct InlinedCall {
    mlir::Block *block;
    const FnDecl *fn;
    std::vector<const void *> args;
    bool operator<(const InlinedCall &o) const {
      return std::tie(block, fn, args) < std::tie(o.block, o.fn, o.args);
    }
  };
  std::map<InlinedCall, mlir::Value> inlinedCalls;
  /// The argument values of the user functions being inlined, innermost
  /// last.
  std::vector<std::vector<mlir::Value>> fnArgs;
  /// Every output declaration in order (NameRef::index counts them).
  std::vector<const VarDecl *> outputDecls;
  /// Building dgm.basin: aggregates and convolve are allowed.
  bool inBasin = false;
};
} // namespace

mlir::OwningOpRef<mlir::ModuleOp> dgm::mlirGen(mlir::MLIRContext &context,
                                               const Module &module,
                                               unsigned scalarBits) {
  return MLIRGenImpl(context, scalarBits).generate(module);
}
