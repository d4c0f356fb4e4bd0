//===- ModelToFunc.cpp - dgm.model to the simulate function of abi.h ------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Builds, for one dgm.model,
//
//   int32_t dgm_<model>_simulate(int64_t num_basins, int64_t num_steps,
//                            const double *params, const double *init_states,
//                            const double *forcings, double *outputs,
//                            double *trajectory, double *final_states)
//
// with the array layouts of abi.h (basins innermost):
//   params[p][b]        at p * nb + b
//   init_states[s][b]   at s * nb + b        final_states[s][b] likewise
//   forcings[f][t][b]   at f * nt * nb + t * nb + b
//   outputs[o][t][b]    at o * nt * nb + t * nb + b   trajectory likewise
//
// The loop nest is basins (outer) then steps (inner): a basin's states stay
// in registers as scf.for iter_args for its whole run. Each variable's base
// pointer (e.g. &forcings[f][0][0]) is computed once before the loops, so the
// inner loop does one multiply-add (t * nb + b) and one GEP per access.
//
//===----------------------------------------------------------------------===//

#include "dgm/Conversion/DGMToStandard/DGMToStandard.h"
#include "dgm/Dialect/DGM/IR/DGMOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"

using namespace mlir;
using namespace dgm;

std::string dgm::getSimulateFuncName(StringRef modelName) {
  return ("dgm_" + modelName + "_simulate").str();
}

namespace {

/// Emits the address arithmetic of the simulate function.
class ArrayAccess {
public:
  ArrayAccess(OpBuilder &builder, Location loc)
      : builder(builder), loc(loc), f64(builder.getF64Type()),
        i64(builder.getI64Type()),
        ptr(LLVM::LLVMPointerType::get(builder.getContext())) {}

  /// An i64 constant, made once (at the first request's insertion point, so
  /// the first requests must come before the loops).
  Value constant(int64_t value) {
    Value &result = constants[value];
    if (!result)
      result = arith::ConstantOp::create(builder, loc, i64,
                                         builder.getI64IntegerAttr(value));
    return result;
  }

  /// &base[index] for an array of doubles.
  Value element(Value base, Value index) {
    return LLVM::GEPOp::create(builder, loc, ptr, f64, base, ValueRange{index});
  }

  /// &base[variable * stride]: the start of one variable's block.
  Value variableBase(Value base, unsigned variable, Value stride) {
    if (variable == 0)
      return base;
    if (variable == 1)
      return element(base, stride);
    Value offset =
        arith::MulIOp::create(builder, loc, constant(variable), stride);
    return element(base, offset);
  }

  Value load(Value base, Value index) {
    return LLVM::LoadOp::create(builder, loc, f64, element(base, index));
  }

  void store(Value value, Value base, Value index) {
    LLVM::StoreOp::create(builder, loc, value, element(base, index));
  }

private:
  OpBuilder &builder;
  Location loc;
  llvm::DenseMap<int64_t, Value> constants;

public:
  Type f64, i64, ptr;
};

/// The variables of a model, in the order of the ABI.
struct ModelDecls {
  SmallVector<ForcingOp> forcings;
  SmallVector<ParamOp> params;
  SmallVector<StateOp> states;
  SmallVector<OutputOp> outputs;

  explicit ModelDecls(ModelOp model)
      : forcings(model.getDecls<ForcingOp>()),
        params(model.getDecls<ParamOp>()), states(model.getDecls<StateOp>()),
        outputs(model.getDecls<OutputOp>()) {}
};

} // namespace

/// The ABI passes doubles only (scalar_bits = 64).
static LogicalResult checkABITypes(ModelOp model, const ModelDecls &decls) {
  auto check = [&](auto decl, StringRef kind) -> LogicalResult {
    if (decl.getType().isF64())
      return success();
    return decl.emitOpError()
           << "has type " << decl.getType() << ", but the C ABI of model @"
           << model.getSymName() << " (dgm/abi.h) passes every " << kind
           << " as a double: declare it f64";
  };
  for (ForcingOp decl : decls.forcings)
    if (failed(check(decl, "forcing")))
      return failure();
  for (ParamOp decl : decls.params)
    if (failed(check(decl, "param")))
      return failure();
  for (StateOp decl : decls.states)
    if (failed(check(decl, "state")))
      return failure();
  for (OutputOp decl : decls.outputs)
    if (failed(check(decl, "output")))
      return failure();
  return success();
}

/// Builds the dgm.descriptor of `model` at the builder's insertion point.
static void buildDescriptor(OpBuilder &builder, ModelOp model,
                            ModelDecls &decls, StringRef funcName) {
  MLIRContext *ctx = builder.getContext();
  SmallVector<Attribute> vars;
  auto add = [&](auto decl, VarKind kind, unsigned index, APFloat lower,
                 APFloat upper, APFloat defaultValue) {
    vars.push_back(VariableAttr::get(ctx, kind, decl.getSymName(), index,
                                     decl.getUnit(), decl.getDescription(),
                                     lower, upper, defaultValue));
  };
  // Doubles as abi.h defines them when the model gives none.
  APFloat negInf = dgm::detail::negInf(), posInf = dgm::detail::posInf(),
          nan = dgm::detail::quietNaN();
  auto orDefault = [](FloatAttr attr, const APFloat &fallback) {
    return attr ? APFloat(attr.getValueAsDouble()) : fallback;
  };
  for (auto [i, decl] : llvm::enumerate(decls.forcings))
    add(decl, VarKind::forcing, i, negInf, posInf, nan);
  for (auto [i, decl] : llvm::enumerate(decls.params))
    add(decl, VarKind::param, i, orDefault(decl.getLowerAttr(), negInf),
        orDefault(decl.getUpperAttr(), posInf),
        orDefault(decl.getDefaultValueAttr(), nan));
  for (auto [i, decl] : llvm::enumerate(decls.states))
    add(decl, VarKind::state, i, negInf, posInf, decl.getInit());
  for (auto [i, decl] : llvm::enumerate(decls.outputs))
    add(decl, VarKind::output, i, negInf, posInf, nan);

  DescriptorOp::create(
      builder, model.getLoc(), builder.getStringAttr(model.getSymName()),
      builder.getStringAttr(model.getSource().value_or("")),
      FlatSymbolRefAttr::get(ctx, funcName), builder.getArrayAttr(vars));
}

LogicalResult dgm::lowerModelToSimulateFunc(ModelOp model,
                                            RewriterBase &rewriter) {
  ModelDecls decls(model);
  if (failed(checkABITypes(model, decls)))
    return failure();
  StepOp step = model.getStepOp();
  if (!step)
    return model.emitOpError() << "has no 'dgm.step' to lower";

  std::string funcName = getSimulateFuncName(model.getSymName());
  Operation *symbolTableOp = model->getParentOp(); // (a model is a table)
  if (Operation *clash = SymbolTable::lookupSymbolIn(
          symbolTableOp, StringAttr::get(model.getContext(), funcName))) {
    InFlightDiagnostic diag = model.emitOpError()
                              << "cannot be lowered: its simulate function @"
                              << funcName << " would clash with a symbol of "
                              << "that name";
    diag.attachNote(clash->getLoc()) << "the existing symbol";
    return diag;
  }

  Location loc = model.getLoc();
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(model);
  ArrayAccess mem(rewriter, loc);

  // int32_t simulate(int64_t, int64_t, ptr x 6)
  SmallVector<Type> argTypes = {mem.i64, mem.i64};
  argTypes.append(6, mem.ptr);
  auto funcType = rewriter.getFunctionType(argTypes, rewriter.getI32Type());
  auto func = func::FuncOp::create(rewriter, loc, funcName, funcType);
  Block *entry = func.addEntryBlock();
  rewriter.setInsertionPointToStart(entry);
  Value numBasins = entry->getArgument(0), numSteps = entry->getArgument(1);
  Value paramsPtr = entry->getArgument(2), initPtr = entry->getArgument(3);
  Value forcingsPtr = entry->getArgument(4), outputsPtr = entry->getArgument(5);
  Value trajPtr = entry->getArgument(6), finalPtr = entry->getArgument(7);

  // Everything loop-invariant comes first: null tests, strides, the start of
  // each variable's block in its array.
  Value zero = mem.constant(0), one = mem.constant(1);
  Value hasTrajectory, hasFinal; // Only states go to these two arrays.
  if (!decls.states.empty()) {
    Value null = LLVM::ZeroOp::create(rewriter, loc, mem.ptr);
    hasTrajectory = LLVM::ICmpOp::create(rewriter, loc, LLVM::ICmpPredicate::ne,
                                         trajPtr, null);
    hasFinal = LLVM::ICmpOp::create(rewriter, loc, LLVM::ICmpPredicate::ne,
                                    finalPtr, null);
  }
  Value seriesStride =
      arith::MulIOp::create(rewriter, loc, numSteps, numBasins);

  auto bases = [&](Value array, size_t count, Value stride) {
    SmallVector<Value> result;
    for (unsigned i = 0; i < count; ++i)
      result.push_back(mem.variableBase(array, i, stride));
    return result;
  };
  SmallVector<Value> paramBases =
      bases(paramsPtr, decls.params.size(), numBasins);
  SmallVector<Value> initBases = bases(initPtr, decls.states.size(), numBasins);
  SmallVector<Value> finalBases =
      bases(finalPtr, decls.states.size(), numBasins);
  SmallVector<Value> forcingBases =
      bases(forcingsPtr, decls.forcings.size(), seriesStride);
  SmallVector<Value> outputBases =
      bases(outputsPtr, decls.outputs.size(), seriesStride);
  SmallVector<Value> trajBases =
      bases(trajPtr, decls.states.size(), seriesStride);

  Block &stepBlock = step.getBodyRegion().front();
  unsigned numForcings = decls.forcings.size();
  unsigned numParams = decls.params.size();
  unsigned numStates = decls.states.size();

  auto basinLoop = scf::ForOp::create(rewriter, loc, zero, numBasins, one);
  rewriter.setInsertionPointToStart(basinLoop.getBody());
  Value basin = basinLoop.getInductionVar();

  IRMapping mapping;
  for (unsigned p = 0; p < numParams; ++p)
    mapping.map(stepBlock.getArgument(numForcings + p),
                mem.load(paramBases[p], basin));
  SmallVector<Value> initStates;
  for (Value base : initBases)
    initStates.push_back(mem.load(base, basin));

  auto timeLoop =
      scf::ForOp::create(rewriter, loc, zero, numSteps, one, initStates);
  rewriter.setInsertionPointToStart(timeLoop.getBody());
  Value at = arith::AddIOp::create(
      rewriter, loc,
      arith::MulIOp::create(rewriter, loc, timeLoop.getInductionVar(),
                            numBasins),
      basin); // t * nb + b
  for (unsigned f = 0; f < numForcings; ++f)
    mapping.map(stepBlock.getArgument(f), mem.load(forcingBases[f], at));
  for (unsigned s = 0; s < numStates; ++s)
    mapping.map(stepBlock.getArgument(numForcings + numParams + s),
                timeLoop.getRegionIterArg(s));

  for (Operation &op : stepBlock.without_terminator())
    rewriter.clone(op, mapping);
  auto yielded =
      llvm::map_to_vector(step.getYield().getValues(), [&](Value value) {
        return mapping.lookupOrDefault(value);
      });
  ValueRange newStates = ValueRange(yielded).take_front(numStates);
  ValueRange outputs = ValueRange(yielded).drop_front(numStates);

  for (auto [value, base] : llvm::zip_equal(outputs, outputBases))
    mem.store(value, base, at);
  if (numStates != 0) {
    auto ifTrajectory = scf::IfOp::create(rewriter, loc, hasTrajectory);
    OpBuilder::InsertionGuard ifGuard(rewriter);
    rewriter.setInsertionPointToStart(ifTrajectory.thenBlock());
    for (auto [value, base] : llvm::zip_equal(newStates, trajBases))
      mem.store(value, base, at);
  }
  // scf.for's builder leaves the terminator to us when there are iter_args
  // (and made an empty scf.yield when there are none).
  if (numStates != 0) {
    rewriter.setInsertionPointToEnd(timeLoop.getBody());
    scf::YieldOp::create(rewriter, loc, newStates);
  }

  rewriter.setInsertionPointAfter(timeLoop);
  if (numStates != 0) {
    auto ifFinal = scf::IfOp::create(rewriter, loc, hasFinal);
    OpBuilder::InsertionGuard ifGuard(rewriter);
    rewriter.setInsertionPointToStart(ifFinal.thenBlock());
    for (auto [value, base] :
         llvm::zip_equal(timeLoop.getResults(), finalBases))
      mem.store(value, base, basin);
  }

  rewriter.setInsertionPointAfter(basinLoop);
  Value status = arith::ConstantOp::create(rewriter, loc, rewriter.getI32Type(),
                                           rewriter.getI32IntegerAttr(0));
  func::ReturnOp::create(rewriter, loc, status);

  rewriter.setInsertionPoint(model);
  buildDescriptor(rewriter, model, decls, funcName);
  rewriter.eraseOp(model);
  return success();
}
