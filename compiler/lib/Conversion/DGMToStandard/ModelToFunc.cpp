//===- ModelToFunc.cpp - dgm.model to the simulate function of abi.h ------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Builds, for one dgm.model,
//
//   int32_t dgm_<model>_simulate(int64_t nb, int64_t nc, int64_t nt,
//                            const double *params, const double *init_states,
//                            const double *forcings, double *outputs,
//                            double *trajectory, double *final_states)
//
// with the array layouts of abi.h: every variable has a block in its array,
// blocks in declaration order, and within a block the index is
// [step][component][basin] (basins innermost), dropping the step for static
// parameters and states and the component for per-basin variables. So a
// block's size depends on nb, nc and nt, and each variable's base pointer
// is computed once before the loops.
//
// The loop nest, per basin b:
//   kernels:    w[k] for k < size (a stack buffer per kernel), normalised;
//   components: for c < nc, for t < nt: the step, its states in registers
//               as scf.for iter_args for the whole run;
//   basin:      for t < nt: the basin outputs, reading the components'
//               outputs at t (dgm.aggregate) and the routed series' past
//               values (dgm.convolve) back from the outputs array.
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

#include <map>

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

  /// Constants are made once, at the start of the function (setEntry).
  void setEntry(Block *block) { entry = block; }
  Value constant(int64_t value) {
    Value &result = constants[value];
    if (!result) {
      OpBuilder::InsertionGuard guard(builder);
      builder.setInsertionPointToStart(entry);
      result = arith::ConstantOp::create(builder, loc, i64,
                                         builder.getI64IntegerAttr(value));
    }
    return result;
  }
  Value f64Constant(double value) {
    Value &result = f64Constants[value];
    if (!result) {
      OpBuilder::InsertionGuard guard(builder);
      builder.setInsertionPointToStart(entry);
      result = arith::ConstantOp::create(builder, loc, f64,
                                         builder.getF64FloatAttr(value));
    }
    return result;
  }
  Value mul(Value a, Value b) {
    return arith::MulIOp::create(builder, loc, a, b);
  }
  Value add(Value a, Value b) {
    return arith::AddIOp::create(builder, loc, a, b);
  }
  Value sub(Value a, Value b) {
    return arith::SubIOp::create(builder, loc, a, b);
  }

  /// &base[index] for an array of doubles.
  Value element(Value base, Value index) {
    return LLVM::GEPOp::create(builder, loc, ptr, f64, base, ValueRange{index});
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
  Block *entry = nullptr;
  llvm::DenseMap<int64_t, Value> constants;
  std::map<double, Value> f64Constants;

public:
  Type f64, i64, ptr;
};

/// The variables of a model, in the order of the ABI.
struct ModelDecls {
  SmallVector<ForcingOp> forcings;
  SmallVector<ParamOp> params;
  SmallVector<StateOp> states;
  SmallVector<OutputOp> outputs;
  SmallVector<KernelOp> kernels;

  explicit ModelDecls(ModelOp model)
      : forcings(model.getDecls<ForcingOp>()),
        params(model.getDecls<ParamOp>()), states(model.getDecls<StateOp>()),
        outputs(model.getDecls<OutputOp>()),
        kernels(model.getDecls<KernelOp>()) {}
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

/// The flags of abi.h (DGM_PER_COMPONENT = 1, DGM_DYNAMIC = 2).
static unsigned paramFlags(ModelOp model, ParamOp param) {
  unsigned flags = 0;
  if (model.getComponents() && !param.getShared())
    flags |= 1;
  if (param.getDynamic())
    flags |= 2;
  return flags;
}

/// Builds the dgm.descriptor of `model` at the builder's insertion point.
static void buildDescriptor(OpBuilder &builder, ModelOp model,
                            ModelDecls &decls, StringRef funcName) {
  MLIRContext *ctx = builder.getContext();
  SmallVector<Attribute> vars;
  auto add = [&](auto decl, VarKind kind, unsigned index, APFloat lower,
                 APFloat upper, APFloat defaultValue, unsigned flags) {
    vars.push_back(VariableAttr::get(ctx, kind, decl.getSymName(), index,
                                     decl.getUnit(), decl.getDescription(),
                                     lower, upper, defaultValue, flags));
  };
  // Doubles as abi.h defines them when the model gives none.
  APFloat negInf = dgm::detail::negInf(), posInf = dgm::detail::posInf(),
          nan = dgm::detail::quietNaN();
  auto orDefault = [](FloatAttr attr, const APFloat &fallback) {
    return attr ? APFloat(attr.getValueAsDouble()) : fallback;
  };
  unsigned perComponent = model.getComponents() ? 1 : 0;
  for (auto [i, decl] : llvm::enumerate(decls.forcings))
    add(decl, VarKind::forcing, i, negInf, posInf, nan, 0);
  for (auto [i, decl] : llvm::enumerate(decls.params))
    add(decl, VarKind::param, i, orDefault(decl.getLowerAttr(), negInf),
        orDefault(decl.getUpperAttr(), posInf),
        orDefault(decl.getDefaultValueAttr(), nan), paramFlags(model, decl));
  for (auto [i, decl] : llvm::enumerate(decls.states))
    add(decl, VarKind::state, i, negInf, posInf, decl.getInit(), perComponent);
  for (auto [i, decl] : llvm::enumerate(decls.outputs))
    add(decl, VarKind::output, i, negInf, posInf, nan,
        decl.getBasin() ? 0 : perComponent);

  auto descriptor = DescriptorOp::create(
      builder, model.getLoc(), builder.getStringAttr(model.getSymName()),
      builder.getStringAttr(model.getSource().value_or("")),
      builder.getI64IntegerAttr(model.getComponents().value_or(0)),
      FlatSymbolRefAttr::get(ctx, funcName), builder.getArrayAttr(vars));
  (void)descriptor;
}

namespace {
/// Builds the body of the simulate function.
class SimulateBuilder {
public:
  SimulateBuilder(ModelOp model, ModelDecls &decls, RewriterBase &rewriter)
      : model(model), decls(decls), rewriter(rewriter), loc(model.getLoc()),
        mem(rewriter, loc) {}

  LogicalResult build(func::FuncOp func);

private:
  /// Base pointers of consecutive blocks of `sizes` in `array`.
  SmallVector<Value> blockBases(Value array, ArrayRef<Value> sizes) {
    SmallVector<Value> bases;
    Value offset;
    for (auto [i, size] : llvm::enumerate(sizes)) {
      bases.push_back(offset ? mem.element(array, offset) : array);
      if (i + 1 != sizes.size())
        offset = offset ? mem.add(offset, size) : size;
    }
    return bases;
  }

  /// Whether a parameter has one value per component (in a model without
  /// components, every parameter has one per basin).
  bool perComponent(ParamOp param) {
    return model.getComponents() && !param.getShared();
  }

  void buildKernels(Value basin);
  LogicalResult buildComponents(Value basin);
  LogicalResult buildBasinOutputs(Value basin);

  ModelOp model;
  ModelDecls &decls;
  RewriterBase &rewriter;
  Location loc;
  ArrayAccess mem;

  Value nb, nc, nt, cb; // cb = nc * nb
  Value hasTrajectory, hasFinal;
  SmallVector<Value> paramBases, initBases, finalBases, forcingBases,
      outputBases, trajBases;
  /// One stack buffer per kernel, in declaration order.
  SmallVector<Value> kernelBuffers;
};
} // namespace

void SimulateBuilder::buildKernels(Value basin) {
  for (auto [kernel, buffer] : llvm::zip_equal(decls.kernels, kernelBuffers)) {
    Block &body = kernel.getBodyRegion().front();
    int64_t size = static_cast<int64_t>(kernel.getSize());
    IRMapping mapping;
    // Static shared parameters only (the verifier checks the others are
    // unused); loaded once per basin.
    for (auto [p, param] : llvm::enumerate(decls.params)) {
      BlockArgument arg = body.getArgument(1 + p);
      if (!arg.use_empty())
        mapping.map(arg, mem.load(paramBases[p], basin));
    }
    auto loop = scf::ForOp::create(rewriter, loc, mem.constant(0),
                                   mem.constant(size), mem.constant(1));
    {
      OpBuilder::InsertionGuard guard(rewriter);
      rewriter.setInsertionPointToStart(loop.getBody());
      Value k = loop.getInductionVar();
      Value kf = arith::SIToFPOp::create(rewriter, loc, mem.f64, k);
      mapping.map(body.getArgument(0), kf);
      for (Operation &op : body.without_terminator())
        rewriter.clone(op, mapping);
      Value weight =
          mapping.lookup(cast<YieldOp>(body.getTerminator()).getValues()[0]);
      mem.store(weight, buffer, k);
    }
    if (!kernel.getNormalize())
      continue;
    auto sumLoop =
        scf::ForOp::create(rewriter, loc, mem.constant(0), mem.constant(size),
                           mem.constant(1), ValueRange{mem.f64Constant(0.0)});
    {
      OpBuilder::InsertionGuard guard(rewriter);
      rewriter.setInsertionPointToStart(sumLoop.getBody());
      Value w = mem.load(buffer, sumLoop.getInductionVar());
      Value sum =
          arith::AddFOp::create(rewriter, loc, sumLoop.getRegionIterArg(0), w);
      scf::YieldOp::create(rewriter, loc, sum);
    }
    Value total = sumLoop.getResult(0);
    auto scaleLoop = scf::ForOp::create(rewriter, loc, mem.constant(0),
                                        mem.constant(size), mem.constant(1));
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPointToStart(scaleLoop.getBody());
    Value k = scaleLoop.getInductionVar();
    Value w = arith::DivFOp::create(rewriter, loc, mem.load(buffer, k), total);
    mem.store(w, buffer, k);
  }
}

LogicalResult SimulateBuilder::buildComponents(Value basin) {
  StepOp step = model.getStepOp();
  Block &stepBlock = step.getBodyRegion().front();
  unsigned numForcings = decls.forcings.size();
  unsigned numParams = decls.params.size();
  unsigned numStates = decls.states.size();
  SmallVector<unsigned> stepOutputs; // indices among all outputs
  for (auto [i, output] : llvm::enumerate(decls.outputs))
    if (!output.getBasin())
      stepOutputs.push_back(i);

  auto componentLoop =
      scf::ForOp::create(rewriter, loc, mem.constant(0), nc, mem.constant(1));
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPointToStart(componentLoop.getBody());
  Value lane = mem.add(mem.mul(componentLoop.getInductionVar(), nb), basin);

  IRMapping mapping;
  SmallVector<unsigned> dynamicParams;
  for (auto [p, param] : llvm::enumerate(decls.params)) {
    if (param.getDynamic()) {
      dynamicParams.push_back(p);
      continue;
    }
    mapping.map(stepBlock.getArgument(numForcings + p),
                mem.load(paramBases[p], perComponent(param) ? lane : basin));
  }
  SmallVector<Value> initStates;
  for (Value base : initBases)
    initStates.push_back(mem.load(base, lane));

  auto timeLoop = scf::ForOp::create(rewriter, loc, mem.constant(0), nt,
                                     mem.constant(1), initStates);
  rewriter.setInsertionPointToStart(timeLoop.getBody());
  Value t = timeLoop.getInductionVar();
  Value tb = mem.add(mem.mul(t, nb), basin);   // t * nb + b
  Value tlane = mem.add(mem.mul(t, cb), lane); // t * nc * nb + c * nb + b
  for (unsigned f = 0; f < numForcings; ++f)
    mapping.map(stepBlock.getArgument(f), mem.load(forcingBases[f], tb));
  for (unsigned p : dynamicParams)
    mapping.map(
        stepBlock.getArgument(numForcings + p),
        mem.load(paramBases[p], perComponent(decls.params[p]) ? tlane : tb));
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

  for (auto [value, index] : llvm::zip_equal(outputs, stepOutputs))
    mem.store(value, outputBases[index], tlane);
  if (numStates != 0) {
    auto ifTrajectory = scf::IfOp::create(rewriter, loc, hasTrajectory);
    OpBuilder::InsertionGuard ifGuard(rewriter);
    rewriter.setInsertionPointToStart(ifTrajectory.thenBlock());
    for (auto [value, base] : llvm::zip_equal(newStates, trajBases))
      mem.store(value, base, tlane);
  }
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
      mem.store(value, base, lane);
  }
  return success();
}

LogicalResult SimulateBuilder::buildBasinOutputs(Value basin) {
  BasinOp basinOp = model.getBasinOp();
  if (!basinOp)
    return success();
  Block &body = basinOp.getBodyRegion().front();
  unsigned numForcings = decls.forcings.size();
  llvm::StringMap<unsigned> outputIndex, paramIndex, kernelIndex;
  for (auto [i, output] : llvm::enumerate(decls.outputs))
    outputIndex[output.getSymName()] = i;
  for (auto [i, param] : llvm::enumerate(decls.params))
    paramIndex[param.getSymName()] = i;
  for (auto [i, kernel] : llvm::enumerate(decls.kernels))
    kernelIndex[kernel.getSymName()] = i;
  SmallVector<unsigned> basinOutputs;
  for (auto [i, output] : llvm::enumerate(decls.outputs))
    if (output.getBasin())
      basinOutputs.push_back(i);

  IRMapping mapping;
  SmallVector<unsigned> dynamicParams;
  for (auto [p, param] : llvm::enumerate(decls.params)) {
    BlockArgument arg = body.getArgument(numForcings + p);
    if (arg.use_empty())
      continue;
    if (param.getDynamic())
      dynamicParams.push_back(p);
    else
      mapping.map(arg, mem.load(paramBases[p], basin));
  }

  auto timeLoop =
      scf::ForOp::create(rewriter, loc, mem.constant(0), nt, mem.constant(1));
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPointToStart(timeLoop.getBody());
  Value t = timeLoop.getInductionVar();
  Value tb = mem.add(mem.mul(t, nb), basin);
  Value tcb = mem.mul(t, cb);
  for (unsigned f = 0; f < numForcings; ++f)
    if (!body.getArgument(f).use_empty())
      mapping.map(body.getArgument(f), mem.load(forcingBases[f], tb));
  for (unsigned p : dynamicParams)
    mapping.map(body.getArgument(numForcings + p), mem.load(paramBases[p], tb));

  // The current value of each basin output, once computed in this step.
  auto yield = cast<YieldOp>(body.getTerminator());
  llvm::DenseMap<unsigned, Value> yieldedOf; // output index -> source value
  for (auto [value, index] : llvm::zip_equal(yield.getValues(), basinOutputs))
    yieldedOf[index] = value;

  for (Operation &op : body.without_terminator()) {
    if (auto aggregate = dyn_cast<AggregateOp>(op)) {
      unsigned o = outputIndex.lookup(aggregate.getOutput());
      Value nbc = nb;
      auto loop = scf::ForOp::create(
          rewriter, loc, mem.constant(0), nc, mem.constant(1),
          ValueRange{mem.f64Constant(0.0), mem.f64Constant(0.0)});
      {
        OpBuilder::InsertionGuard loopGuard(rewriter);
        rewriter.setInsertionPointToStart(loop.getBody());
        Value lane = mem.add(mem.mul(loop.getInductionVar(), nbc), basin);
        Value x = mem.load(outputBases[o], mem.add(tcb, lane));
        Value weight = mem.f64Constant(1.0);
        if (aggregate.getKind() == AggregateKind::weighted_mean) {
          unsigned p = paramIndex.lookup(*aggregate.getWeights());
          weight = mem.load(paramBases[p],
                            perComponent(decls.params[p]) ? lane : basin);
        }
        Value sum = arith::AddFOp::create(
            rewriter, loc, loop.getRegionIterArg(0),
            arith::MulFOp::create(rewriter, loc, weight, x));
        Value weights = arith::AddFOp::create(rewriter, loc,
                                              loop.getRegionIterArg(1), weight);
        scf::YieldOp::create(rewriter, loc, ValueRange{sum, weights});
      }
      Value result = loop.getResult(0);
      if (aggregate.getKind() != AggregateKind::sum)
        result =
            arith::DivFOp::create(rewriter, loc, result, loop.getResult(1));
      mapping.map(aggregate.getResult(), result);
      continue;
    }
    if (auto convolve = dyn_cast<ConvolveOp>(op)) {
      unsigned o = outputIndex.lookup(convolve.getSeries());
      Value current = mapping.lookupOrNull(yieldedOf.lookup(o));
      if (!current)
        return convolve.emitOpError()
               << "routes " << convolve.getSeriesAttr()
               << ", which is not computed before it in the dgm.basin";
      KernelOp kernel = decls.kernels[kernelIndex.lookup(convolve.getKernel())];
      Value buffer = kernelBuffers[kernelIndex.lookup(convolve.getKernel())];
      // sum over k < min(size, t + 1) of w[k] * series[t - k]; k = 0 is the
      // value just computed.
      Value first = arith::MulFOp::create(
          rewriter, loc, mem.load(buffer, mem.constant(0)), current);
      Value end = arith::MinSIOp::create(
          rewriter, loc, mem.constant(static_cast<int64_t>(kernel.getSize())),
          mem.add(t, mem.constant(1)));
      auto loop = scf::ForOp::create(rewriter, loc, mem.constant(1), end,
                                     mem.constant(1), ValueRange{first});
      {
        OpBuilder::InsertionGuard loopGuard(rewriter);
        rewriter.setInsertionPointToStart(loop.getBody());
        Value k = loop.getInductionVar();
        Value past = mem.load(outputBases[o],
                              mem.add(mem.mul(mem.sub(t, k), nb), basin));
        Value term =
            arith::MulFOp::create(rewriter, loc, mem.load(buffer, k), past);
        scf::YieldOp::create(
            rewriter, loc,
            ValueRange{arith::AddFOp::create(rewriter, loc,
                                             loop.getRegionIterArg(0), term)});
      }
      mapping.map(convolve.getResult(), loop.getResult(0));
      continue;
    }
    rewriter.clone(op, mapping);
  }
  for (auto [value, index] : llvm::zip_equal(yield.getValues(), basinOutputs))
    mem.store(mapping.lookupOrDefault(value), outputBases[index], tb);
  return success();
}

LogicalResult SimulateBuilder::build(func::FuncOp func) {
  Block *entry = func.addEntryBlock();
  rewriter.setInsertionPointToStart(entry);
  mem.setEntry(entry);
  nb = entry->getArgument(0);
  nc = entry->getArgument(1);
  nt = entry->getArgument(2);
  Value paramsPtr = entry->getArgument(3), initPtr = entry->getArgument(4);
  Value forcingsPtr = entry->getArgument(5), outputsPtr = entry->getArgument(6);
  Value trajPtr = entry->getArgument(7), finalPtr = entry->getArgument(8);

  // Everything loop-invariant comes first: null tests, block sizes, the
  // start of each variable's block in its array, the kernels' buffers.
  if (!decls.states.empty()) {
    Value null = LLVM::ZeroOp::create(rewriter, loc, mem.ptr);
    hasTrajectory = LLVM::ICmpOp::create(rewriter, loc, LLVM::ICmpPredicate::ne,
                                         trajPtr, null);
    hasFinal = LLVM::ICmpOp::create(rewriter, loc, LLVM::ICmpPredicate::ne,
                                    finalPtr, null);
  }
  cb = mem.mul(nc, nb);
  Value tb = mem.mul(nt, nb), tcb = mem.mul(nt, cb);

  SmallVector<Value> paramSizes;
  for (ParamOp param : decls.params) {
    bool perComp = perComponent(param), dynamic = param.getDynamic();
    paramSizes.push_back(dynamic ? (perComp ? tcb : tb) : (perComp ? cb : nb));
  }
  SmallVector<Value> stateSizes(decls.states.size(), cb);
  SmallVector<Value> trajSizes(decls.states.size(), tcb);
  SmallVector<Value> forcingSizes(decls.forcings.size(), tb);
  SmallVector<Value> outputSizes;
  for (OutputOp output : decls.outputs)
    outputSizes.push_back(output.getBasin() ? tb : tcb);

  paramBases = blockBases(paramsPtr, paramSizes);
  initBases = blockBases(initPtr, stateSizes);
  finalBases = blockBases(finalPtr, stateSizes);
  forcingBases = blockBases(forcingsPtr, forcingSizes);
  outputBases = blockBases(outputsPtr, outputSizes);
  trajBases = blockBases(trajPtr, trajSizes);
  for (KernelOp kernel : decls.kernels)
    kernelBuffers.push_back(LLVM::AllocaOp::create(
        rewriter, loc, mem.ptr, mem.f64,
        mem.constant(static_cast<int64_t>(kernel.getSize()))));

  auto basinLoop =
      scf::ForOp::create(rewriter, loc, mem.constant(0), nb, mem.constant(1));
  rewriter.setInsertionPointToStart(basinLoop.getBody());
  Value basin = basinLoop.getInductionVar();
  buildKernels(basin);
  if (failed(buildComponents(basin)) || failed(buildBasinOutputs(basin)))
    return failure();

  rewriter.setInsertionPointAfter(basinLoop);
  Value status = arith::ConstantOp::create(rewriter, loc, rewriter.getI32Type(),
                                           rewriter.getI32IntegerAttr(0));
  func::ReturnOp::create(rewriter, loc, status);
  return success();
}

LogicalResult dgm::lowerModelToSimulateFunc(ModelOp model,
                                            RewriterBase &rewriter) {
  ModelDecls decls(model);
  if (failed(checkABITypes(model, decls)))
    return failure();
  if (!model.getStepOp())
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

  // int32_t simulate(int64_t nb, int64_t nc, int64_t nt, ptr x 6)
  SmallVector<Type> argTypes = {mem.i64, mem.i64, mem.i64};
  argTypes.append(6, mem.ptr);
  auto funcType = rewriter.getFunctionType(argTypes, rewriter.getI32Type());
  auto func = func::FuncOp::create(rewriter, loc, funcName, funcType);
  if (failed(SimulateBuilder(model, decls, rewriter).build(func))) {
    rewriter.eraseOp(func);
    return failure();
  }

  rewriter.setInsertionPoint(model);
  buildDescriptor(rewriter, model, decls, funcName);
  rewriter.eraseOp(model);
  return success();
}
