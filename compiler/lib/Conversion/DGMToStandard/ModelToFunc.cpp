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
// The loop nest (docs/architecture.md, "The loop nest"), in lane blocks of
// up to kLaneBlock lanes (a lane: one component of one basin), the lanes
// innermost so that LLVM vectorises them:
//   components: for c < nc, for each block of basins (or, with fewer than
//               kFewBasins basins, for each block of lanes across the
//               components): kernels and initial states into stack
//               buffers; for t < nt: prefetch step t + 1's rows of the
//               streams, then for each lane: the step (each lane loop
//               marked dgm.lanes for dgm-split-lane-loops);
//   basin:      after all components, for each block: kernel weights; for
//               t < nt: the aggregates over the components (per-lane running
//               sums), then per lane the rest of the basin body, the routed
//               series' past values in ring buffers.
//
//===----------------------------------------------------------------------===//

#include "dgm/Conversion/DGMToStandard/DGMToStandard.h"
#include "dgm/Dialect/DGM/IR/DGMOps.h"
#include "dgm/Support/CodeSize.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/FunctionCallUtils.h"
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
  ArrayAccess(OpBuilder &builder, Location loc, Type scalar)
      : builder(builder), loc(loc), f64(scalar), i64(builder.getI64Type()),
        ptr(LLVM::LLVMPointerType::get(builder.getContext())) {}

  /// Constants are made once, at the start of the function (setEntry).
  void setEntry(Block *block) { entry = block; }
  Value constant(int64_t value) {
    return cached(builder.getI64IntegerAttr(value));
  }
  Value f64Constant(double value) {
    return cached(builder.getFloatAttr(f64, value));
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

  /// &base[index] for an array of doubles (or of `type`).
  Value element(Value base, Value index, Type type = {}) {
    return LLVM::GEPOp::create(builder, loc, ptr, type ? type : f64, base,
                               ValueRange{index});
  }
  Value load(Value base, Value index, Type type = {}) {
    if (!type)
      type = f64;
    auto op = LLVM::LoadOp::create(builder, loc, type,
                                   element(base, index, type));
    if (accessGroup)
      op.setAccessGroupsAttr(builder.getArrayAttr({accessGroup}));
    return op;
  }
  void store(Value value, Value base, Value index) {
    auto op = LLVM::StoreOp::create(builder, loc, value,
                                    element(base, index, value.getType()));
    if (accessGroup)
      op.setAccessGroupsAttr(builder.getArrayAttr({accessGroup}));
  }

  /// While set, every load and store joins this access group: that of the
  /// lane loop being built (SimulateBuilder::forEachLane).
  LLVM::AccessGroupAttr accessGroup;

private:
  OpBuilder &builder;
  Location loc;
  Block *entry = nullptr;
  /// Each constant once, by value and type.
  llvm::DenseMap<Attribute, Value> constants;

  Value cached(TypedAttr value) {
    Value &result = constants[value];
    if (!result) {
      OpBuilder::InsertionGuard guard(builder);
      builder.setInsertionPointToStart(entry);
      result = arith::ConstantOp::create(builder, loc, value);
    }
    return result;
  }

public:
  /// The scalar type of every array (f64, or f32 for a single-precision
  /// model): named f64 for brevity.
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

/// The ABI passes every array in one scalar type (scalar_bits): f64, or f32
/// for a model compiled in single precision. Returns it, or null after an
/// error.
static Type checkABITypes(ModelOp model, const ModelDecls &decls) {
  Type scalar;
  auto check = [&](auto decl, StringRef kind) -> LogicalResult {
    Type type = decl.getType();
    if (!type.isF64() && !type.isF32())
      return decl.emitOpError()
             << "has type " << type << ", but the C ABI of model @"
             << model.getSymName() << " (dgm/abi.h) passes every " << kind
             << " as a double (f64) or a float (f32)";
    if (!scalar)
      scalar = type;
    if (type != scalar)
      return decl.emitOpError()
             << "has type " << type << ", but the model's other variables are "
             << scalar << "; the C ABI passes all in one type";
    return success();
  };
  for (ForcingOp decl : decls.forcings)
    if (failed(check(decl, "forcing")))
      return nullptr;
  for (ParamOp decl : decls.params)
    if (failed(check(decl, "param")))
      return nullptr;
  for (StateOp decl : decls.states)
    if (failed(check(decl, "state")))
      return nullptr;
  for (OutputOp decl : decls.outputs)
    if (failed(check(decl, "output")))
      return nullptr;
  return scalar ? scalar : Float64Type::get(model.getContext());
}

/// The flags of abi.h (DGM_PER_COMPONENT = 1, DGM_DYNAMIC = 2,
/// DGM_INIT_FROM_PARAMS = 4, DGM_CONVOLVED = 8).
static unsigned paramFlags(ModelOp model, ParamOp param) {
  unsigned flags = 0;
  if (model.getComponents() && !param.getShared())
    flags |= 1;
  if (param.getDynamic())
    flags |= 2;
  return flags;
}

/// Whether `value`, computed in a basin block, depends on a dgm.convolve:
/// the basin output that yields it convolves a series over the run.
static bool dependsOnConvolution(Value value) {
  SmallVector<Value> work{value};
  llvm::SmallPtrSet<Operation *, 16> seen;
  while (!work.empty()) {
    Operation *op = work.pop_back_val().getDefiningOp();
    if (!op || !seen.insert(op).second)
      continue;
    if (isa<ConvolveOp>(op))
      return true;
    llvm::append_range(work, op->getOperands());
  }
  return false;
}

/// Builds the dgm.descriptor of `model` at the builder's insertion point.
static void buildDescriptor(OpBuilder &builder, ModelOp model,
                            ModelDecls &decls, StringRef funcName,
                            Type scalar) {
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
  // DGM_CONVOLVED (8) on the states: the step convolves, so what it carries
  // from one step to the next is more than the states (the rings of past
  // values): final_states alone does not resume a run exactly, and dgm
  // run's warm-up runs continuously through. On a basin output: its formula
  // convolves a series over the run (dgm run's warm-up of a model whose
  // step does not convolve restarts that history, as δHBV's routing does).
  bool stepConvolves = false;
  if (StepOp step = model.getStepOp())
    step.walk([&](ConvolveOp) { stepConvolves = true; });
  llvm::DenseSet<Operation *> convolved;
  for (auto [i, decl] : llvm::enumerate(decls.states))
    add(decl, VarKind::state, i, negInf, posInf, decl.getInit(),
        perComponent | (decl.hasInitFromParams() ? 4 : 0) |
            (stepConvolves ? 8 : 0));
  if (BasinOp basin = model.getBasinOp()) {
    auto yield = cast<YieldOp>(basin.getBodyRegion().front().getTerminator());
    unsigned next = 0;
    for (OutputOp decl : decls.outputs)
      if (decl.getBasin() && dependsOnConvolution(yield.getValues()[next++]))
        convolved.insert(decl);
  }
  unsigned abiOutput = 0; // internal outputs are not in the arrays
  for (OutputOp decl : decls.outputs)
    if (!decl.getInternal())
      add(decl, VarKind::output, abiOutput++, negInf, posInf, nan,
          decl.getBasin() ? (convolved.contains(decl) ? 8 : 0) : perComponent);

  auto descriptor = DescriptorOp::create(
      builder, model.getLoc(), builder.getStringAttr(model.getSymName()),
      builder.getStringAttr(model.getSource().value_or("")),
      builder.getI64IntegerAttr(model.getComponents().value_or(0)),
      builder.getI64IntegerAttr(scalar.getIntOrFloatBitWidth()),
      FlatSymbolRefAttr::get(ctx, funcName), builder.getArrayAttr(vars),
      builder.getI64IntegerAttr(model.getStepSeconds().value_or(86400)));
  (void)descriptor;
}

namespace {
/// The lanes of a block: the step runs for up to this many lanes (pairs of
/// a component and a basin) side by side, so that the innermost loop goes
/// over lanes (contiguous in every array) and LLVM's loop vectorizer turns
/// it into SIMD code; the block's states, kernel weights and ring buffers
/// stay in stack buffers for the whole run. 128 lanes give the CPU 16
/// independent vectors per step (f64) to overlap; 32 took δHBV at
/// 100 x 16 x 730 from 14 to 16.5 ms (f64). A model whose buffers would then
/// take more than kLaneBlockStackBudget of stack (long convolutions) gets
/// kSmallLaneBlock, as before.
constexpr int64_t kLaneBlock = 128;
constexpr int64_t kSmallLaneBlock = 32;
constexpr int64_t kLaneBlockStackBudget = 256 * 1024;

/// Below this many basins, a block's lanes run across components (see
/// SimulateBuilder::buildComponents). At 30 basins that took δHBV from 8.2
/// to 3.8 ms (f64); at 100 the gathers it needs made it slower (15.9 ms
/// against 14.7).
constexpr int64_t kFewBasins = 32;

/// How many vectors of lanes LLVM interleaves in one iteration of a lane
/// loop (llvm.loop.interleave.count). A step is a long chain of dependent
/// operations (two pow in δHBV, ~60 cycles each), too long for the CPU to
/// overlap one vector's chain with the next on its own; two chains side by
/// side took δHBV (with the inline pow of dgm-expand-pow, blocks of 32)
/// from 19.2 to 14.5 ms (f64) and from 8.9 to 6.7 ms (f32). Four spill
/// registers and leave a 32-lane block no full iteration in f32.
constexpr int64_t kInterleavedVectors = 2;

/// The lanes of one iteration of LLVM's vectorised lane loop on AVX-512:
/// kInterleavedVectors vectors of 512 bits, 2 x 8 in f64 and 2 x 16 in
/// f32. What is left of a block below a whole iteration runs in the vector
/// epilogue, 4 lanes at a time, each at about the cost of a full vector, so
/// a last, partial block is padded to whole iterations (laneBlockBounds).
/// Padded to 4 (f32) before, 531 basins (4 x 128 + 19) ran 5 epilogue
/// iterations per step and component: 12.0 ms at 531 x 16 x 365 in f32,
/// 10.8 ms padded to 32. On narrower vectors the multiple still holds.
int64_t laneMultipleOf(Type scalar) {
  return kInterleavedVectors * (scalar.isF32() ? 16 : 8);
}

/// Above this many arrays read or written once per step, none is
/// prefetched: the loops that do it (one per array) cost compile time
/// (500 outputs: 1.7 s more), and so many streams exceed what the CPU's
/// fill buffers overlap anyway. δHBV has 8.
constexpr unsigned kMaxPrefetchedStreams = 32;

/// Where the weights and the ring buffer of one dgm.convolve live: element
/// k of lane j at base[k * stride + j].
struct ConvolveStorage {
  Value weights, ring;
  Value stride, lane;
  int64_t size;
};

/// Builds the body of the simulate function.
class SimulateBuilder {
public:
  SimulateBuilder(ModelOp model, ModelDecls &decls, RewriterBase &rewriter,
                  Type scalar)
      : model(model), decls(decls), rewriter(rewriter), loc(model.getLoc()),
        mem(rewriter, loc, scalar) {}

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

  KernelOp kernelOf(ConvolveOp op) {
    return decls.kernels[kernelIndex.lookup(op.getKernel())];
  }

  /// State `s` of lane `lane` (basin `basin`) before the first step: the
  /// caller's init_states value, or, for a state whose initial value comes
  /// from the parameters and DGM_MODEL_INITIAL_BITS there, its from_params
  /// region evaluated on the lane's static parameters.
  Value initialState(unsigned s, Value lane, Value basin);

  /// A stack buffer of `count` scalars (or of `type`), made at the start of
  /// the function.
  Value stackBuffer(int64_t count, Type type = {}) {
    Value size = mem.constant(count); // at the start of the entry block
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPointAfter(size.getDefiningOp());
    return LLVM::AllocaOp::create(rewriter, loc, mem.ptr,
                                  type ? type : mem.f64, size);
  }

  /// Fills w[k] (at buffer[k * stride + lane]) for k < size with the
  /// kernel's weights for `basin`, normalised if the kernel says so.
  void fillKernel(KernelOp kernel, Value basin, Value buffer, Value stride,
                  Value lane);
  /// Lane `lane` of a block's convolution buffers (`[k][lane]`, stride
  /// blockLanes) before the first step: the kernel's weights for `basin`
  /// and an empty (zero) history.
  void startConvolution(ConvolveOp op, const ConvolveStorage &st, Value basin,
                        Value lane) {
    Value laneBlock = mem.constant(blockLanes);
    fillKernel(kernelOf(op), basin, st.weights, laneBlock, lane);
    forEach(mem.constant(0), mem.constant(st.size), [&](Value k) {
      mem.store(mem.f64Constant(0.0), st.ring,
                mem.add(mem.mul(k, laneBlock), lane));
    });
  }
  /// `for i in [0, count): body(i)` (no iter_args).
  scf::ForOp forEach(Value lower, Value upper,
                     llvm::function_ref<void(Value)> body) {
    auto loop =
        scf::ForOp::create(rewriter, loc, lower, upper, mem.constant(1));
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPointToStart(loop.getBody());
    body(loop.getInductionVar());
    return loop;
  }
  /// Prefetches elements [lo, hi) of the row that starts at base[row], one
  /// cache line at a time. The step's streams (forcings, dynamic
  /// parameters, outputs: [step][...] arrays) are read and written in
  /// chunks of a block's lanes, one chunk per step a whole row apart, which
  /// the CPU's prefetchers, working within a page, do not foresee; without
  /// this the first lines of every chunk came from memory while the lane
  /// loop waited.
  void prefetchRow(Value base, Value row, Value lo, Value hi, bool write) {
    int64_t lineElements =
        64 / std::max<int64_t>(1, mem.f64.getIntOrFloatBitWidth() / 8);
    Value first = mem.add(row, lo), last = mem.add(row, hi);
    auto loop = scf::ForOp::create(rewriter, loc, first, last,
                                   mem.constant(lineElements));
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPointToStart(loop.getBody());
    LLVM::Prefetch::create(rewriter, loc,
                           mem.element(base, loop.getInductionVar()),
                           rewriter.getI32IntegerAttr(write ? 1 : 0),
                           rewriter.getI32IntegerAttr(3),
                           rewriter.getI32IntegerAttr(1));
  }
  /// forEach over the lanes [b0, bEnd) of a block. Each lane reads and
  /// writes only its own elements (its basin's columns, its slot of the
  /// stack buffers), so the iterations are independent; the loop says so to
  /// LLVM (llvm.loop.parallel_accesses over an access group holding every
  /// load and store in it). The vectorizer then needs no run-time checks
  /// that arrays do not overlap, whose number grows with the square of the
  /// model's outputs (a model with 1000 outputs spent most of its compile
  /// time building them). It also asks for kInterleavedVectors.
  void forEachLane(Value b0, Value bEnd, llvm::function_ref<void(Value)> body) {
    MLIRContext *ctx = rewriter.getContext();
    LLVM::AccessGroupAttr group = LLVM::AccessGroupAttr::get(ctx);
    LLVM::AccessGroupAttr outer = std::exchange(mem.accessGroup, group);
    scf::ForOp loop = forEach(b0, bEnd, body);
    mem.accessGroup = outer;
    auto interleave = LLVM::LoopInterleaveAttr::get(
        ctx, rewriter.getI32IntegerAttr(kInterleavedVectors));
    auto annotation = LLVM::LoopAnnotationAttr::get(
        ctx, {}, {}, interleave, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {},
        {group});
    loop->setAttr(llvmLoopAnnotationName, annotation);
    // For dgm-split-lane-loops: independent iterations, at most this many.
    loop->setAttr("dgm.lanes", rewriter.getI64IntegerAttr(blockLanes));
  }
  /// The discardable attribute that SCF-to-CF moves to the loop's latch
  /// branch; DGMToLLVM makes it the branch's loop metadata.
  static constexpr llvm::StringLiteral llvmLoopAnnotationName =
      "llvm.loop_annotation";
  /// y = sum over k < size of w[k] * x[t - k], with x[t] = `series` stored
  /// first at ring slot `slot`; history before the run is the ring's zeros.
  Value lowerConvolve(const ConvolveStorage &storage, Value series, Value slot);
  /// Clones `block` (without its terminator), each dgm.convolve replaced by
  /// its ring-buffer computation; `storageOf` gives its buffers and `slots`
  /// its ring slot this step.
  void cloneWithConvolutions(
      Block &block, IRMapping &mapping,
      llvm::function_ref<ConvolveStorage(ConvolveOp)> storageOf,
      const llvm::DenseMap<Operation *, Value> &slots);
  /// t mod size for each dgm.convolve in `region`.
  llvm::DenseMap<Operation *, Value> ringSlots(Region &region, Value t);

  LogicalResult buildComponents();
  /// The lanes [b0, bEnd) of the block that starts at `start` (a multiple
  /// of blockLanes) among `count` lanes.
  std::pair<Value, Value> laneBlockBounds(Value start, Value count);
  LogicalResult buildBasinOutputs();

  ModelOp model;
  ModelDecls &decls;
  RewriterBase &rewriter;
  Location loc;
  ArrayAccess mem;
  Block *entry = nullptr;

  Value nb, nc, nt, cb; // cb = nc * nb
  /// Lanes per block: kLaneBlock, or kSmallLaneBlock (chooseBlockLanes).
  int64_t blockLanes = kLaneBlock;
  int64_t chooseBlockLanes();
  Value hasTrajectory, hasFinal;
  /// outputBases[i]: the block of output i in `outputs`, null for an
  /// internal output (not in the ABI's arrays).
  SmallVector<Value> paramBases, initBases, finalBases, forcingBases,
      outputBases, trajBases;
  llvm::StringMap<unsigned> kernelIndex, outputIndex, paramIndex;

  /// An aggregate of an internal output: the step adds weight * value of
  /// each component into `sums` ([step][basin], zeroed by calloc) as it
  /// runs, component after component, so no per-component array is stored
  /// and read back (buildComponents); dgm.basin only divides
  /// (buildBasinOutputs). Same additions in the same order as the unfused
  /// running sum, so the same bits.
  struct FusedAggregate {
    AggregateOp op;
    unsigned output;                 ///< index among all outputs
    std::optional<unsigned> weights; ///< param index, weighted_mean only
    Value sums;
  };
  SmallVector<FusedAggregate> fused;
  /// Per internal output that a fused aggregate reads: the block's values
  /// of this step ([lane]), from the step to the plain loop that sums them
  /// when lanes run across components (with lanes of distinct basins the
  /// step adds them itself).
  llvm::DenseMap<unsigned, Value> internalBuffers;
  void collectFusedAggregates();
  /// calloc's [step][basin] sums of each fused aggregate; returns whether
  /// all were allocated (an i1), or failure when the module declares
  /// calloc or free otherwise.
  FailureOr<Value> allocateFusedSums(Value tb);
  LogicalResult freeFusedSums();
  /// sums[tb] += weight * x for fused aggregate `f` at `lane`; with `own`,
  /// only where it is true (elsewhere the sum is stored back unchanged).
  void addToSums(const FusedAggregate &f, Value x, Value lane, Value b,
                 Value tb, Value own) {
    Value weight = mem.f64Constant(1.0);
    if (f.weights)
      weight = mem.load(paramBases[*f.weights],
                        perComponent(decls.params[*f.weights]) ? lane : b);
    Value old = mem.load(f.sums, tb);
    Value sum = arith::AddFOp::create(
        rewriter, loc, old, arith::MulFOp::create(rewriter, loc, weight, x));
    if (own)
      sum = arith::SelectOp::create(rewriter, loc, own, sum, old);
    mem.store(sum, f.sums, tb);
  }
};
} // namespace

Value SimulateBuilder::initialState(unsigned s, Value lane, Value basin) {
  Value given = mem.load(initBases[s], lane);
  StateOp state = decls.states[s];
  if (!state.hasInitFromParams())
    return given;
  Block &body = state.getFromParams().front();
  IRMapping mapping;
  for (auto [p, param] : llvm::enumerate(decls.params)) {
    BlockArgument arg = body.getArgument(p);
    if (!arg.use_empty()) // static ones only (the verifier checks)
      mapping.map(arg,
                  mem.load(paramBases[p], perComponent(param) ? lane : basin));
  }
  for (Operation &op : body.without_terminator())
    rewriter.clone(op, mapping);
  Value computed =
      mapping.lookup(cast<YieldOp>(body.getTerminator()).getValues()[0]);
  // Only abi.h's DGM_MODEL_INITIAL_BITS ask for it: another NaN is a NaN
  // state (passed on from a warm-up, say) and stays one.
  auto floatType = cast<FloatType>(given.getType());
  unsigned width = floatType.getWidth();
  Type bitsType = rewriter.getIntegerType(width);
  uint64_t sentinel = width == 32 ? dgm::detail::kModelInitialBitsF32
                                  : dgm::detail::kModelInitialBits;
  Value bits = arith::BitcastOp::create(rewriter, loc, bitsType, given);
  Value asks = arith::CmpIOp::create(
      rewriter, loc, arith::CmpIPredicate::eq, bits,
      arith::ConstantOp::create(rewriter, loc,
                                rewriter.getIntegerAttr(bitsType, sentinel)));
  return arith::SelectOp::create(rewriter, loc, asks, computed, given);
}

void SimulateBuilder::fillKernel(KernelOp kernel, Value basin, Value buffer,
                                 Value stride, Value lane) {
  Block &body = kernel.getBodyRegion().front();
  int64_t size = static_cast<int64_t>(kernel.getSize());
  IRMapping mapping;
  // Static shared parameters only (the verifier checks the others are
  // unused).
  for (auto [p, param] : llvm::enumerate(decls.params)) {
    BlockArgument arg = body.getArgument(1 + p);
    if (!arg.use_empty())
      mapping.map(arg, mem.load(paramBases[p], basin));
  }
  auto at = [&](Value k) { return mem.add(mem.mul(k, stride), lane); };
  forEach(mem.constant(0), mem.constant(size), [&](Value k) {
    Value kf = arith::SIToFPOp::create(rewriter, loc, mem.f64, k);
    mapping.map(body.getArgument(0), kf);
    for (Operation &op : body.without_terminator())
      rewriter.clone(op, mapping);
    mem.store(
        mapping.lookup(cast<YieldOp>(body.getTerminator()).getValues()[0]),
        buffer, at(k));
  });
  if (!kernel.getNormalize())
    return;
  auto sumLoop =
      scf::ForOp::create(rewriter, loc, mem.constant(0), mem.constant(size),
                         mem.constant(1), ValueRange{mem.f64Constant(0.0)});
  {
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPointToStart(sumLoop.getBody());
    Value w = mem.load(buffer, at(sumLoop.getInductionVar()));
    scf::YieldOp::create(rewriter, loc,
                         ValueRange{arith::AddFOp::create(
                             rewriter, loc, sumLoop.getRegionIterArg(0), w)});
  }
  Value total = sumLoop.getResult(0);
  forEach(mem.constant(0), mem.constant(size), [&](Value k) {
    Value w =
        arith::DivFOp::create(rewriter, loc, mem.load(buffer, at(k)), total);
    mem.store(w, buffer, at(k));
  });
}

llvm::DenseMap<Operation *, Value> SimulateBuilder::ringSlots(Region &region,
                                                              Value t) {
  llvm::DenseMap<Operation *, Value> slots;
  region.walk([&](ConvolveOp op) {
    slots[op] = arith::RemSIOp::create(
        rewriter, loc, t,
        mem.constant(static_cast<int64_t>(kernelOf(op).getSize())));
  });
  return slots;
}

Value SimulateBuilder::lowerConvolve(const ConvolveStorage &storage,
                                     Value series, Value slot) {
  auto at = [&](Value k) {
    return mem.add(mem.mul(k, storage.stride), storage.lane);
  };
  mem.store(series, storage.ring, at(slot));
  Value n = mem.constant(storage.size);
  // The ring slot of x[t - k]: (slot - k) mod n.
  auto back = [&](Value k) {
    Value diff = mem.sub(slot, k);
    return arith::SelectOp::create(
        rewriter, loc,
        arith::CmpIOp::create(rewriter, loc, arith::CmpIPredicate::slt, diff,
                              mem.constant(0)),
        mem.add(diff, n), diff);
  };
  auto term = [&](Value k) {
    return arith::MulFOp::create(rewriter, loc,
                                 mem.load(storage.weights, at(k)),
                                 mem.load(storage.ring, at(back(k))));
  };
  if (storage.size <= kMaxUnrolledKernel) {
    Value sum = term(mem.constant(0));
    for (int64_t k = 1; k < storage.size; ++k)
      sum = arith::AddFOp::create(rewriter, loc, sum, term(mem.constant(k)));
    return sum;
  }
  auto loop =
      scf::ForOp::create(rewriter, loc, mem.constant(0), n, mem.constant(1),
                         ValueRange{mem.f64Constant(0.0)});
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPointToStart(loop.getBody());
  scf::YieldOp::create(
      rewriter, loc,
      ValueRange{arith::AddFOp::create(rewriter, loc, loop.getRegionIterArg(0),
                                       term(loop.getInductionVar()))});
  return loop.getResult(0);
}

void SimulateBuilder::cloneWithConvolutions(
    Block &block, IRMapping &mapping,
    llvm::function_ref<ConvolveStorage(ConvolveOp)> storageOf,
    const llvm::DenseMap<Operation *, Value> &slots) {
  for (Operation &op : block.without_terminator()) {
    if (auto convolve = dyn_cast<ConvolveOp>(op)) {
      mapping.map(convolve.getResult(),
                  lowerConvolve(storageOf(convolve),
                                mapping.lookupOrDefault(convolve.getSeries()),
                                slots.lookup(convolve)));
      continue;
    }
    rewriter.clone(op, mapping);
  }
}

std::pair<Value, Value> SimulateBuilder::laneBlockBounds(Value start,
                                                        Value count) {
  Value bEnd = arith::MinSIOp::create(
      rewriter, loc, mem.add(start, mem.constant(blockLanes)), count);
  // A last, partial block starts early enough to hold a whole number of
  // iterations, max(bEnd - roundup(len, multiple), 0): it recomputes up to
  // multiple - 1 lanes of the previous block (the same values, stored
  // again), so the vectorised lane loop has no epilogue.
  int64_t multiple = laneMultipleOf(mem.f64); // a power of two
  Value len = mem.sub(bEnd, start);
  Value padded = arith::AndIOp::create(
      rewriter, loc, mem.add(len, mem.constant(multiple - 1)),
      mem.constant(-multiple));
  Value b0 = arith::MaxSIOp::create(rewriter, loc, mem.sub(bEnd, padded),
                                    mem.constant(0));
  return {b0, bEnd};
}

LogicalResult SimulateBuilder::buildComponents() {
  StepOp step = model.getStepOp();
  Block &stepBlock = step.getBodyRegion().front();
  unsigned numForcings = decls.forcings.size();
  unsigned numParams = decls.params.size();
  unsigned numStates = decls.states.size();
  SmallVector<unsigned> stepOutputs; // indices among all outputs
  for (auto [i, output] : llvm::enumerate(decls.outputs))
    if (!output.getBasin())
      stepOutputs.push_back(i);
  // The internal outputs that fused aggregates sum: a slot per lane, for
  // blocks of lanes across components (see buildBlock).
  for (const FusedAggregate &f : fused)
    if (model.getComponents() && !internalBuffers.count(f.output))
      internalBuffers[f.output] = stackBuffer(blockLanes);

  // The block's buffers: states, and per convolution its kernel's weights
  // and its ring of past values, each [index][lane].
  Value laneBlock = mem.constant(blockLanes);
  SmallVector<Value> stateBuffers;
  for (unsigned s = 0; s < numStates; ++s)
    stateBuffers.push_back(stackBuffer(blockLanes));
  // (A vector, not the map, gives the order: the IR must not depend on
  // pointer values.)
  SmallVector<ConvolveOp> convolutions;
  llvm::DenseMap<Operation *, ConvolveStorage> storage;
  step.walk([&](ConvolveOp op) {
    int64_t size = static_cast<int64_t>(kernelOf(op).getSize());
    convolutions.push_back(op);
    storage[op] = {stackBuffer(size * blockLanes),
                   stackBuffer(size * blockLanes), laneBlock, Value(), size};
  });

  // A lane is one (component, basin) pair, v = c * nb + b: the order of
  // every per-component array, so those are read and written contiguously;
  // j = v - v0 is its slot in the block's buffers. Two ways to cut the
  // lanes into blocks of up to blockLanes, chosen at run time:
  //  - nb >= kFewBasins: for each component, blocks of its basins. A lane's
  //    basin is b = v - c * nb, so the forcings and shared parameters are
  //    read contiguously too.
  //  - nb < kFewBasins (one basin, a few): blocks of consecutive lanes
  //    across components, so that one basin with 16 components is 16 lanes,
  //    two vectors, not 16 runs of one scalar lane. A lane's basin,
  //    b = v mod nb, is kept per lane in `basinOf` (its loads are gathers).
  // A model without components has only the first (v = b).
  bool hasComponents = model.getComponents().has_value();
  Value basinOf = hasComponents ? stackBuffer(blockLanes, mem.i64) : Value();

  // The arrays read or written once per step (forcings, dynamic parameters
  // the step uses, the step's outputs): prefetched one step ahead when there
  // are few enough of them (kMaxPrefetchedStreams).
  unsigned numStreams = numForcings + fused.size();
  for (unsigned index : stepOutputs)
    numStreams += outputBases[index] != nullptr;
  for (auto [p, param] : llvm::enumerate(decls.params))
    numStreams += param.getDynamic() &&
                  !stepBlock.getArgument(numForcings + p).use_empty();

  // Step min(t + 1, nt - 1)'s rows of the streams: the lanes [v0, vEnd) of
  // per-component arrays, the basins [bLo, bHi) of per-basin ones.
  auto prefetchNextStep = [&](Value t, Value v0, Value vEnd, Value bLo,
                              Value bHi) {
    Value tNext =
        arith::MinSIOp::create(rewriter, loc, mem.add(t, mem.constant(1)),
                               mem.sub(nt, mem.constant(1)));
    Value nextNb = mem.mul(tNext, nb), nextCb = mem.mul(tNext, cb);
    for (Value base : forcingBases)
      prefetchRow(base, nextNb, bLo, bHi, /*write=*/false);
    for (auto [p, param] : llvm::enumerate(decls.params)) {
      if (!param.getDynamic() ||
          stepBlock.getArgument(numForcings + p).use_empty())
        continue;
      if (perComponent(param))
        prefetchRow(paramBases[p], nextCb, v0, vEnd, /*write=*/false);
      else
        prefetchRow(paramBases[p], nextNb, bLo, bHi, /*write=*/false);
    }
    for (unsigned index : stepOutputs)
      if (outputBases[index])
        prefetchRow(outputBases[index], nextCb, v0, vEnd, /*write=*/true);
    for (const FusedAggregate &f : fused)
      prefetchRow(f.sums, nextNb, bLo, bHi, /*write=*/true);
  };

  // The block of lanes [v0, vEnd); basinOfLane(v, j) gives lane v's basin.
  // Lanes below vFirst belong to the block before (a padded last block
  // recomputes them); `distinctBasins`: no two lanes of the block share a
  // basin.
  auto buildBlock = [&](Value v0, Value vFirst, Value vEnd, Value bLo,
                        Value bHi, bool distinctBasins,
                        llvm::function_ref<Value(Value, Value)> basinOfLane) {
    // Prologue, per lane: initial states, kernel weights, empty rings.
    forEachLane(v0, vEnd, [&](Value v) {
      Value j = mem.sub(v, v0), b = basinOfLane(v, j);
      for (unsigned s = 0; s < numStates; ++s)
        mem.store(initialState(s, v, b), stateBuffers[s], j);
      for (ConvolveOp op : convolutions)
        startConvolution(op, storage[op], b, j);
    });

    // The steps; the lane loop innermost.
    auto timeLoop = scf::ForOp::create(rewriter, loc, mem.constant(0), nt,
                                       mem.constant(1));
    {
      OpBuilder::InsertionGuard timeGuard(rewriter);
      rewriter.setInsertionPointToStart(timeLoop.getBody());
      Value t = timeLoop.getInductionVar();
      llvm::DenseMap<Operation *, Value> slots =
          ringSlots(step.getBodyRegion(), t);
      Value tnb = mem.mul(t, nb), tcb = mem.mul(t, cb);
      if (numStreams <= kMaxPrefetchedStreams)
        prefetchNextStep(t, v0, vEnd, bLo, bHi);
      forEachLane(v0, vEnd, [&](Value lane) {
        Value j = mem.sub(lane, v0), b = basinOfLane(lane, j);
        Value tb = mem.add(tnb, b);       // t * nb + b
        Value tlane = mem.add(tcb, lane); // t * nc * nb + c * nb + b
        IRMapping mapping;
        for (unsigned f = 0; f < numForcings; ++f)
          mapping.map(stepBlock.getArgument(f), mem.load(forcingBases[f], tb));
        for (auto [p, param] : llvm::enumerate(decls.params)) {
          BlockArgument arg = stepBlock.getArgument(numForcings + p);
          if (arg.use_empty())
            continue;
          bool perComp = perComponent(param);
          Value index = param.getDynamic() ? (perComp ? tlane : tb)
                                           : (perComp ? lane : b);
          mapping.map(arg, mem.load(paramBases[p], index));
        }
        for (unsigned s = 0; s < numStates; ++s)
          mapping.map(stepBlock.getArgument(numForcings + numParams + s),
                      mem.load(stateBuffers[s], j));
        cloneWithConvolutions(
            stepBlock, mapping,
            [&](ConvolveOp op) {
              ConvolveStorage st = storage.lookup(op);
              st.lane = j;
              return st;
            },
            slots);
        auto yielded = llvm::map_to_vector(
            step.getYield().getValues(),
            [&](Value value) { return mapping.lookupOrDefault(value); });
        ValueRange newStates = ValueRange(yielded).take_front(numStates);
        ValueRange outputs = ValueRange(yielded).drop_front(numStates);
        llvm::DenseMap<unsigned, Value> internalValues;
        for (auto [value, index] : llvm::zip_equal(outputs, stepOutputs)) {
          if (outputBases[index])
            mem.store(value, outputBases[index], tlane);
          else if (!distinctBasins) {
            if (Value buffer = internalBuffers.lookup(index))
              mem.store(value, buffer, j);
          } else {
            internalValues[index] = value;
          }
        }
        // Lanes of distinct basins add into the sums right here; a lane
        // that the block recomputes (below vFirst) stores the sum back
        // unchanged.
        if (distinctBasins && !fused.empty()) {
          Value own = arith::CmpIOp::create(
              rewriter, loc, arith::CmpIPredicate::sge, lane, vFirst);
          for (const FusedAggregate &f : fused)
            addToSums(f, internalValues.lookup(f.output), lane, b, tb, own);
        }
        for (auto [value, buffer] : llvm::zip_equal(newStates, stateBuffers))
          mem.store(value, buffer, j);
      });
      // The fused aggregates: each lane's weight * value added to its
      // basin's running sum of this step, lanes in order, so that a basin's
      // components come in order. Only the block's own lanes (from vFirst):
      // the lanes it recomputes were added by the block before. Lanes of
      // different basins are independent (a vectorised lane loop); lanes
      // across components, which share basins, are not (a plain loop).
      if (!fused.empty() && !distinctBasins) {
        forEach(vFirst, vEnd, [&](Value lane) {
          Value j = mem.sub(lane, v0), b = basinOfLane(lane, j);
          Value tb = mem.add(tnb, b);
          for (const FusedAggregate &f : fused)
            addToSums(f, mem.load(internalBuffers.lookup(f.output), j), lane, b,
                      tb, Value());
        });
      }
      // The trajectory, when the caller wants it: row t, copied from the
      // state buffers after the step. Why not stored in the step: the step
      // then stored every state twice per lane-step, the second time to a
      // scratch row in the usual run without a trajectory (δHBV at
      // 100 x 16 x 730: 9.23 ms against 8.63 ms copied, f64); a test
      // inside the lane loop became masked stores through a NULL pointer,
      // a microcode assist per vector on some CPUs. One test per step,
      // outside, costs neither.
      if (numStates != 0) {
        auto ifTrajectory = scf::IfOp::create(rewriter, loc, hasTrajectory);
        OpBuilder::InsertionGuard ifGuard(rewriter);
        rewriter.setInsertionPointToStart(ifTrajectory.thenBlock());
        forEachLane(v0, vEnd, [&](Value lane) {
          Value j = mem.sub(lane, v0), tlane = mem.add(tcb, lane);
          for (unsigned s = 0; s < numStates; ++s)
            mem.store(mem.load(stateBuffers[s], j), trajBases[s], tlane);
        });
      }
    }

    // Epilogue: the final states.
    if (numStates != 0) {
      auto ifFinal = scf::IfOp::create(rewriter, loc, hasFinal);
      OpBuilder::InsertionGuard ifGuard(rewriter);
      rewriter.setInsertionPointToStart(ifFinal.thenBlock());
      forEachLane(v0, vEnd, [&](Value lane) {
        Value j = mem.sub(lane, v0);
        for (unsigned s = 0; s < numStates; ++s)
          mem.store(mem.load(stateBuffers[s], j), finalBases[s], lane);
      });
    }
  };

  OpBuilder::InsertionGuard guard(rewriter);
  // for c < nc, for b0 < nb step blockLanes: the basins [b0, bEnd) of
  // component c, lanes [c * nb + b0, c * nb + bEnd).
  //
  // With fused aggregates the blocks come first (for b0: for c), so that a
  // block's [step][basin] sums are added to by all components while they
  // are still in cache: at 1000 basins, 11 fused means of δHBV
  // (bench/models/hbv_hydrodl2.dgm) took 218-228 ms in f64 with the
  // components first and 188-211 ms so. Without them the components come
  // first (for c: for b0): plain δHBV at 1000 basins took 91-93 ms so and
  // 102-105 ms the other way.
  auto byComponent = [&]() {
    OpBuilder::InsertionGuard loopGuard(rewriter);
    auto blockLoopHere = [&]() {
      auto loop =
          scf::ForOp::create(rewriter, loc, mem.constant(0), nb, laneBlock);
      rewriter.setInsertionPointToStart(loop.getBody());
      return loop.getInductionVar();
    };
    auto componentLoopHere = [&]() {
      auto loop = scf::ForOp::create(rewriter, loc, mem.constant(0), nc,
                                     mem.constant(1));
      rewriter.setInsertionPointToStart(loop.getBody());
      return mem.mul(loop.getInductionVar(), nb);
    };
    Value blockStart, componentStart;
    if (fused.empty()) {
      componentStart = componentLoopHere();
      blockStart = blockLoopHere();
    } else {
      blockStart = blockLoopHere();
      componentStart = componentLoopHere();
    }
    auto [b0, bEnd] = laneBlockBounds(blockStart, nb);
    Value v0 = mem.add(componentStart, b0);
    // (vFirst only for the fused aggregates.)
    Value vFirst =
        fused.empty() ? Value() : mem.add(componentStart, blockStart);
    buildBlock(v0, vFirst, mem.add(componentStart, bEnd), b0, bEnd,
               /*distinctBasins=*/true,
               [&](Value v, Value) { return mem.sub(v, componentStart); });
  };
  if (!hasComponents) {
    byComponent();
    return success();
  }
  Value fewBasins =
      arith::CmpIOp::create(rewriter, loc, arith::CmpIPredicate::slt, nb,
                            mem.constant(kFewBasins));
  auto ifFew = scf::IfOp::create(rewriter, loc, fewBasins,
                                 /*withElseRegion=*/true);
  rewriter.setInsertionPointToStart(ifFew.thenBlock());
  {
    // for v0 < nc * nb step blockLanes: lanes [v0, vEnd) across components.
    OpBuilder::InsertionGuard loopGuard(rewriter);
    auto blockLoop =
        scf::ForOp::create(rewriter, loc, mem.constant(0), cb, laneBlock);
    rewriter.setInsertionPointToStart(blockLoop.getBody());
    Value blockStart = blockLoop.getInductionVar();
    auto [v0, vEnd] = laneBlockBounds(blockStart, cb);
    forEachLane(v0, vEnd, [&](Value v) {
      mem.store(arith::RemSIOp::create(rewriter, loc, v, nb), basinOf,
                mem.sub(v, v0));
    });
    buildBlock(v0, blockStart, vEnd, mem.constant(0), nb,
               /*distinctBasins=*/false,
               [&](Value, Value j) { return mem.load(basinOf, j, mem.i64); });
  }
  rewriter.setInsertionPointToStart(ifFew.elseBlock());
  byComponent();
  return success();
}

LogicalResult SimulateBuilder::buildBasinOutputs() {
  BasinOp basinOp = model.getBasinOp();
  Block &body = basinOp.getBodyRegion().front();
  unsigned numForcings = decls.forcings.size();
  SmallVector<unsigned> basinOutputs;
  for (auto [i, output] : llvm::enumerate(decls.outputs))
    if (output.getBasin())
      basinOutputs.push_back(i);

  // The block's buffers, each [index][lane]: per convolution its kernel's
  // weights and ring, per aggregate the running sums of weight * value and
  // of the weights.
  Value laneBlock = mem.constant(blockLanes);
  SmallVector<ConvolveOp> convolutions;
  llvm::DenseMap<Operation *, ConvolveStorage> storage;
  basinOp.walk([&](ConvolveOp op) {
    int64_t size = static_cast<int64_t>(kernelOf(op).getSize());
    convolutions.push_back(op);
    storage[op] = {stackBuffer(size * blockLanes),
                   stackBuffer(size * blockLanes), laneBlock, Value(), size};
  });
  SmallVector<AggregateOp> aggregates;
  // (sum, weights) per aggregate; the sum of the weights only for a
  // weighted mean: a mean's weights are all 1, and their sum, nc, is exact.
  // A fused aggregate's sum is already in its [step][basin] array
  // (`fusedSums`): only its weights, if any, are summed here.
  SmallVector<std::pair<Value, Value>> sums;
  llvm::DenseMap<Operation *, Value> fusedSums;
  for (const FusedAggregate &f : fused)
    fusedSums[f.op] = f.sums;
  bool componentLoop = false;
  for (auto aggregate : body.getOps<AggregateOp>()) {
    aggregates.push_back(aggregate);
    bool weighted = aggregate.getKind() == AggregateKind::weighted_mean;
    bool isFused = fusedSums.count(aggregate);
    sums.push_back({isFused ? Value() : stackBuffer(blockLanes),
                    weighted ? stackBuffer(blockLanes) : Value()});
    componentLoop |= !isFused || weighted;
  }

  // for b0 < nb step blockLanes: the block of basins [b0, bEnd).
  auto blockLoop =
      scf::ForOp::create(rewriter, loc, mem.constant(0), nb, laneBlock);
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPointToStart(blockLoop.getBody());
  auto [b0, bEnd] = laneBlockBounds(blockLoop.getInductionVar(), nb);

  // Prologue, per lane: kernel weights, empty rings.
  if (!convolutions.empty())
    forEachLane(b0, bEnd, [&](Value b) {
      Value j = mem.sub(b, b0);
      for (ConvolveOp op : convolutions)
        startConvolution(op, storage[op], b, j);
    });

  auto timeLoop =
      scf::ForOp::create(rewriter, loc, mem.constant(0), nt, mem.constant(1));
  rewriter.setInsertionPointToStart(timeLoop.getBody());
  Value t = timeLoop.getInductionVar();
  Value tnb = mem.mul(t, nb), tcb = mem.mul(t, cb);
  llvm::DenseMap<Operation *, Value> slots =
      ringSlots(basinOp.getBodyRegion(), t);

  // The aggregates first (they read only the components' outputs and
  // params), with the lanes innermost: the sums start at 0 and add
  // weight * value component by component, in the order of a scalar loop.
  if (componentLoop) {
    forEachLane(b0, bEnd, [&](Value b) {
      Value j = mem.sub(b, b0);
      for (auto [sum, weights] : sums) {
        if (sum)
          mem.store(mem.f64Constant(0.0), sum, j);
        if (weights)
          mem.store(mem.f64Constant(0.0), weights, j);
      }
    });
    forEach(mem.constant(0), nc, [&](Value c) {
      Value cnb = mem.mul(c, nb);
      forEachLane(b0, bEnd, [&](Value b) {
        Value j = mem.sub(b, b0), lane = mem.add(cnb, b);
        for (auto [aggregate, buffers] : llvm::zip_equal(aggregates, sums)) {
          Value weight = mem.f64Constant(1.0);
          if (aggregate.getKind() == AggregateKind::weighted_mean) {
            unsigned p = paramIndex.lookup(*aggregate.getWeights());
            weight = mem.load(paramBases[p],
                              perComponent(decls.params[p]) ? lane : b);
          }
          if (buffers.first) {
            unsigned o = outputIndex.lookup(aggregate.getOutput());
            Value x = mem.load(outputBases[o], mem.add(tcb, lane));
            Value sum = arith::AddFOp::create(
                rewriter, loc, mem.load(buffers.first, j),
                arith::MulFOp::create(rewriter, loc, weight, x));
            mem.store(sum, buffers.first, j);
          }
          if (!buffers.second)
            continue;
          Value weights = arith::AddFOp::create(
              rewriter, loc, mem.load(buffers.second, j), weight);
          mem.store(weights, buffers.second, j);
        }
      });
    });
  }

  // Then the rest of the body, lane by lane.
  forEachLane(b0, bEnd, [&](Value b) {
    Value j = mem.sub(b, b0);
    Value tb = mem.add(tnb, b);
    IRMapping mapping;
    for (unsigned f = 0; f < numForcings; ++f)
      if (!body.getArgument(f).use_empty())
        mapping.map(body.getArgument(f), mem.load(forcingBases[f], tb));
    for (auto [p, param] : llvm::enumerate(decls.params)) {
      BlockArgument arg = body.getArgument(numForcings + p);
      if (!arg.use_empty())
        mapping.map(arg, mem.load(paramBases[p], param.getDynamic() ? tb : b));
    }
    for (auto [aggregate, buffers] : llvm::zip_equal(aggregates, sums)) {
      Value result = buffers.first ? mem.load(buffers.first, j)
                                   : mem.load(fusedSums.lookup(aggregate), tb);
      if (aggregate.getKind() == AggregateKind::mean)
        result = arith::DivFOp::create(
            rewriter, loc, result,
            arith::SIToFPOp::create(rewriter, loc, mem.f64, nc));
      else if (aggregate.getKind() == AggregateKind::weighted_mean)
        result = arith::DivFOp::create(rewriter, loc, result,
                                       mem.load(buffers.second, j));
      mapping.map(aggregate.getResult(), result);
    }
    for (Operation &op : body.without_terminator()) {
      if (isa<AggregateOp>(op))
        continue;
      if (auto convolve = dyn_cast<ConvolveOp>(op)) {
        ConvolveStorage st = storage.lookup(convolve);
        st.lane = j;
        mapping.map(convolve.getResult(),
                    lowerConvolve(st,
                                  mapping.lookupOrDefault(convolve.getSeries()),
                                  slots.lookup(convolve)));
        continue;
      }
      rewriter.clone(op, mapping);
    }
    auto yield = cast<YieldOp>(body.getTerminator());
    for (auto [value, index] :
         llvm::zip_equal(yield.getValues(), basinOutputs))
      mem.store(mapping.lookupOrDefault(value), outputBases[index], tb);
  });
  return success();
}

void SimulateBuilder::collectFusedAggregates() {
  BasinOp basin = model.getBasinOp();
  if (!basin)
    return;
  for (AggregateOp op : basin.getBodyRegion().front().getOps<AggregateOp>()) {
    unsigned output = outputIndex.lookup(op.getOutput());
    if (!decls.outputs[output].getInternal())
      continue;
    std::optional<unsigned> weights;
    if (op.getKind() == AggregateKind::weighted_mean)
      weights = paramIndex.lookup(*op.getWeights());
    fused.push_back({op, output, weights, Value()});
  }
}

FailureOr<Value> SimulateBuilder::allocateFusedSums(Value tb) {
  Operation *module = model->getParentOp();
  FailureOr<LLVM::LLVMFuncOp> calloc = LLVM::lookupOrCreateFn(
      rewriter, module, "calloc", {mem.i64, mem.i64}, mem.ptr);
  if (failed(calloc))
    return failure(); // lookupOrCreateFn has said why
  Value elementSize =
      mem.constant(static_cast<int64_t>(mem.f64.getIntOrFloatBitWidth() / 8));
  Value null = LLVM::ZeroOp::create(rewriter, loc, mem.ptr);
  Value allocated =
      arith::ConstantOp::create(rewriter, loc, rewriter.getBoolAttr(true));
  for (FusedAggregate &f : fused) {
    f.sums = LLVM::CallOp::create(rewriter, loc, *calloc,
                                  ValueRange{tb, elementSize})
                 .getResult();
    Value ok = LLVM::ICmpOp::create(rewriter, loc, LLVM::ICmpPredicate::ne,
                                    f.sums, null);
    allocated = arith::AndIOp::create(rewriter, loc, allocated, ok);
  }
  return allocated;
}

LogicalResult SimulateBuilder::freeFusedSums() {
  FailureOr<LLVM::LLVMFuncOp> free =
      LLVM::lookupOrCreateFreeFn(rewriter, model->getParentOp());
  if (failed(free))
    return failure();
  for (FusedAggregate &f : fused) // free(NULL) does nothing
    LLVM::CallOp::create(rewriter, loc, *free, ValueRange{f.sums});
  return success();
}

int64_t SimulateBuilder::chooseBlockLanes() {
  // Scalars per lane in the stack buffers of buildComponents and
  // buildBasinOutputs (all allocated at the function's entry).
  int64_t perLane = 2 * static_cast<int64_t>(decls.states.size()) + 1 +
                    static_cast<int64_t>(fused.size()); // internal buffers
  auto addConvolutions = [&](Operation *region) {
    if (region)
      region->walk([&](ConvolveOp op) {
        perLane += 2 * static_cast<int64_t>(kernelOf(op).getSize());
      });
  };
  addConvolutions(model.getStepOp());
  if (BasinOp basin = model.getBasinOp()) {
    addConvolutions(basin);
    perLane += 2 * static_cast<int64_t>(
                       llvm::range_size(basin.getBodyRegion()
                                            .front()
                                            .getOps<AggregateOp>()));
  }
  return kLaneBlock * perLane * 8 <= kLaneBlockStackBudget ? kLaneBlock
                                                           : kSmallLaneBlock;
}

LogicalResult SimulateBuilder::build(func::FuncOp func) {
  entry = func.addEntryBlock();
  rewriter.setInsertionPointToStart(entry);
  mem.setEntry(entry);
  nb = entry->getArgument(0);
  nc = entry->getArgument(1);
  nt = entry->getArgument(2);
  Value paramsPtr = entry->getArgument(3), initPtr = entry->getArgument(4);
  Value forcingsPtr = entry->getArgument(5), outputsPtr = entry->getArgument(6);
  Value trajPtr = entry->getArgument(7), finalPtr = entry->getArgument(8);

  // Everything loop-invariant comes first: null tests, block sizes, the
  // start of each variable's block in its array.
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
  SmallVector<Value> outputSizes; // of the outputs in the ABI's array
  for (OutputOp output : decls.outputs)
    if (!output.getInternal())
      outputSizes.push_back(output.getBasin() ? tb : tcb);

  paramBases = blockBases(paramsPtr, paramSizes);
  initBases = blockBases(initPtr, stateSizes);
  finalBases = blockBases(finalPtr, stateSizes);
  forcingBases = blockBases(forcingsPtr, forcingSizes);
  {
    SmallVector<Value> abiBases = blockBases(outputsPtr, outputSizes);
    unsigned next = 0;
    for (OutputOp output : decls.outputs)
      outputBases.push_back(output.getInternal() ? Value() : abiBases[next++]);
  }
  trajBases = blockBases(trajPtr, trajSizes);
  for (auto [i, kernel] : llvm::enumerate(decls.kernels))
    kernelIndex[kernel.getSymName()] = i;
  for (auto [i, output] : llvm::enumerate(decls.outputs))
    outputIndex[output.getSymName()] = i;
  for (auto [i, param] : llvm::enumerate(decls.params))
    paramIndex[param.getSymName()] = i;
  collectFusedAggregates();
  blockLanes = chooseBlockLanes();

  // With fused aggregates, everything runs only if their sums could be
  // allocated; otherwise the function returns 1.
  Value allocated;
  scf::IfOp ifAllocated;
  if (!fused.empty()) {
    FailureOr<Value> all = allocateFusedSums(tb);
    if (failed(all))
      return failure();
    allocated = *all;
    ifAllocated = scf::IfOp::create(rewriter, loc, allocated);
    rewriter.setInsertionPointToStart(ifAllocated.thenBlock());
  }
  if (failed(buildComponents()))
    return failure();
  if (model.getBasinOp()) {
    // The basin outputs need every component of a basin: after them.
    if (failed(buildBasinOutputs()))
      return failure();
  }

  if (ifAllocated)
    rewriter.setInsertionPointAfter(ifAllocated);
  Type i32 = rewriter.getI32Type();
  Value status = arith::ConstantOp::create(rewriter, loc, i32,
                                           rewriter.getI32IntegerAttr(0));
  if (ifAllocated) {
    if (failed(freeFusedSums()))
      return failure();
    status = arith::SelectOp::create(
        rewriter, loc, allocated, status,
        arith::ConstantOp::create(rewriter, loc, i32,
                                  rewriter.getI32IntegerAttr(1)));
  }
  func::ReturnOp::create(rewriter, loc, status);
  return success();
}

LogicalResult dgm::lowerModelToSimulateFunc(ModelOp model,
                                            RewriterBase &rewriter) {
  ModelDecls decls(model);
  Type scalar = checkABITypes(model, decls);
  if (!scalar)
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
  ArrayAccess mem(rewriter, loc, scalar);

  // int32_t simulate(int64_t nb, int64_t nc, int64_t nt, ptr x 6)
  SmallVector<Type> argTypes = {mem.i64, mem.i64, mem.i64};
  argTypes.append(6, mem.ptr);
  auto funcType = rewriter.getFunctionType(argTypes, rewriter.getI32Type());
  auto func = func::FuncOp::create(rewriter, loc, funcName, funcType);
  // The arrays never overlap (abi.h), which lets LLVM vectorize the lane
  // loop without run-time overlap checks.
  for (unsigned i = 3; i < 9; ++i)
    func.setArgAttr(i, LLVM::LLVMDialect::getNoAliasAttrName(),
                    rewriter.getUnitAttr());
  if (failed(SimulateBuilder(model, decls, rewriter, scalar).build(func))) {
    rewriter.eraseOp(func);
    return failure();
  }

  rewriter.setInsertionPoint(model);
  buildDescriptor(rewriter, model, decls, funcName, scalar);
  rewriter.eraseOp(model);
  return success();
}
