//===- SplitLaneLoops.cpp - dgm-split-lane-loops --------------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Why: one lane of a step is a long chain of dependent operations (δHBV's
// runs through two pow, about 450 cycles), much longer than the CPU's
// reorder window can overlap with the next lane's chain, so the lane loop
// ran at under 2 instructions per cycle, bound by latency, not by its
// arithmetic. Cut into loops over the same lanes, each a short piece of the
// chain, every loop's iterations overlap in the window and the CPU's FP
// pipes fill. What a piece hands to a later one goes through a stack buffer
// per value ([lane], in L1); loads of read-only arrays and address
// arithmetic are recomputed instead. The algorithm is written out in
// Passes.td.
//
//===----------------------------------------------------------------------===//

#include "dgm/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/TypeSwitch.h"

#include <algorithm>

namespace dgm {
#define GEN_PASS_DEF_SPLITLANELOOPSPASS
#include "dgm/Transforms/Passes.h.inc"
} // namespace dgm

using namespace mlir;

namespace {

constexpr llvm::StringLiteral kLanesAttr = "dgm.lanes";
constexpr llvm::StringLiteral kLoopAnnotationAttr = "llvm.loop_annotation";

/// A rough latency, in cycles, of an operation once vectorised on a current
/// x86 core (Zen 4/5, recent Intel). Only the ratios matter: they decide
/// where the chain is cut.
unsigned latencyOf(Operation *op) {
  return llvm::TypeSwitch<Operation *, unsigned>(op)
      .Case<arith::DivFOp, arith::RemFOp>([](auto) { return 13; })
      .Case<math::SqrtOp>([](auto) { return 15; })
      .Case<math::FmaOp>([](auto) { return 4; })
      .Case<arith::AddFOp, arith::SubFOp, arith::MulFOp, arith::MaximumFOp,
            arith::MinimumFOp, arith::MaxNumFOp, arith::MinNumFOp,
            arith::CmpFOp, arith::SIToFPOp, arith::UIToFPOp, arith::FPToSIOp,
            arith::FPToUIOp, math::RoundEvenOp, math::RoundOp, math::TruncOp,
            math::FloorOp, math::CeilOp>([](auto) { return 3; })
      .Case<LLVM::LoadOp>([](auto) { return 4; })
      .Case<LLVM::StoreOp, arith::ConstantOp, LLVM::ConstantOp>(
          [](auto) { return 0; })
      .Default([](Operation *op) {
        // exp, log, ... (libmvec calls by now) and anything unknown that is
        // not plain integer or select work.
        return isa<math::MathDialect>(op->getDialect()) ? 20 : 1;
      });
}

/// The objects a pointer may point into: function arguments and stack
/// buffers, seen through getelementptr and select. `unknown` when the
/// pointer comes from anywhere else.
struct Objects {
  SmallVector<Value, 2> bases;
  bool unknown = false;

  bool mayAlias(const Objects &other) const {
    if (unknown || other.unknown)
      return true;
    return llvm::any_of(bases, [&](Value v) {
      return llvm::is_contained(other.bases, v);
    });
  }
};

void collectObjects(Value ptr, Objects &objects, unsigned depth = 0) {
  if (depth > 16) {
    objects.unknown = true;
    return;
  }
  Operation *def = ptr.getDefiningOp();
  if (auto gep = dyn_cast_or_null<LLVM::GEPOp>(def))
    return collectObjects(gep.getBase(), objects, depth + 1);
  if (auto select = dyn_cast_or_null<arith::SelectOp>(def)) {
    collectObjects(select.getTrueValue(), objects, depth + 1);
    return collectObjects(select.getFalseValue(), objects, depth + 1);
  }
  if (isa_and_nonnull<LLVM::AllocaOp>(def) ||
      (!def && isa<func::FuncOp>(
                   cast<BlockArgument>(ptr).getOwner()->getParentOp()))) {
    if (!llvm::is_contained(objects.bases, ptr))
      objects.bases.push_back(ptr);
    return;
  }
  objects.unknown = true;
}

Objects objectsOf(Operation *memoryOp) {
  Objects objects;
  if (auto load = dyn_cast<LLVM::LoadOp>(memoryOp))
    collectObjects(load.getAddr(), objects);
  else
    collectObjects(cast<LLVM::StoreOp>(memoryOp).getAddr(), objects);
  return objects;
}

/// Splits one lane loop.
class LaneLoopSplitter {
public:
  LaneLoopSplitter(scf::ForOp loop, int64_t lanes, unsigned segmentLatency,
                   unsigned maxSegments, int64_t stackBudget, int64_t minLanes)
      : loop(loop), lanes(lanes), segmentLatency(segmentLatency),
        maxSegments(maxSegments), stackBudget(stackBudget),
        minLanes(minLanes) {}

  /// Splits the loop if its chain is long enough; returns the number of
  /// loops it became (1: left alone).
  unsigned run();

private:
  bool inBody(Value v) {
    Operation *def = v.getDefiningOp();
    return def && def->getBlock() == loop.getBody();
  }
  bool analyse();
  bool isRecomputable(Operation *op);
  void assignSegments();
  bool assignSlots();
  void build();
  Value valueIn(unsigned segment, Value v, OpBuilder &b);
  /// The access groups of the memory operations of the piece being built.
  ArrayAttr groups() {
    return ArrayAttr::get(loop.getContext(), {newGroup});
  }

  scf::ForOp loop;
  int64_t lanes;
  unsigned segmentLatency, maxSegments;
  int64_t stackBudget;
  int64_t minLanes;

  SmallVector<Operation *> ops; // the body without its terminator
  llvm::DenseMap<Operation *, bool> recomputable;
  llvm::DenseMap<Operation *, unsigned> segmentOf;
  llvm::DenseMap<Operation *, Objects> objects; // of loads and stores
  Objects stored;                               // what stores may write
  unsigned numSegments = 1;

  /// A value computed in one piece and used in a later one goes through a
  /// stack buffer (a slot); slots are reused once their value is dead.
  struct Slot {
    Type type; // as stored: i1 is widened to i8
    Value buffer;
  };
  SmallVector<Slot> slots;
  llvm::DenseMap<Value, unsigned> slotOf;

  // While building: per piece, the clones of the body's values.
  SmallVector<IRMapping> mappings;
  Value newIv, laneIndex;
  LLVM::AccessGroupAttr newGroup;
};

bool LaneLoopSplitter::isRecomputable(Operation *op) {
  auto it = recomputable.find(op);
  if (it != recomputable.end())
    return it->second;
  bool result = false;
  bool operandsOk = llvm::all_of(op->getOperands(), [&](Value v) {
    return !inBody(v) || isRecomputable(v.getDefiningOp());
  });
  if (operandsOk && op->getNumRegions() == 0 && op->getNumResults() == 1) {
    Type type = op->getResult(0).getType();
    if (auto load = dyn_cast<LLVM::LoadOp>(op)) {
      // A read-only array at an address that depends on no other load (a
      // gather is cheaper to keep than to redo). That includes the streams
      // whose row changes each step (forcings, dynamic parameters):
      // ModelToFunc prefetches the next step's rows, so a re-read hits the
      // cache, and it costs less than a store to a slot and a load back.
      bool addressLoads = false;
      SmallVector<Value> work{load.getAddr()};
      while (!work.empty() && !addressLoads) {
        Value v = work.pop_back_val();
        if (!inBody(v))
          continue;
        Operation *def = v.getDefiningOp();
        addressLoads = isa<LLVM::LoadOp>(def);
        llvm::append_range(work, def->getOperands());
      }
      result = !addressLoads && !load.getVolatile_() &&
               !objects.lookup(op).mayAlias(stored);
    } else if (isa<arith::ConstantOp, LLVM::ConstantOp, LLVM::GEPOp>(op)) {
      result = true;
    } else if (isMemoryEffectFree(op) &&
               (type.isIntOrIndex() || isa<LLVM::LLVMPointerType>(type))) {
      // Address and index arithmetic (i1 results only from integer
      // compares, since their operands are recomputable too).
      result = true;
    }
  }
  recomputable[op] = result;
  return result;
}

bool LaneLoopSplitter::analyse() {
  for (Operation &op : loop.getBody()->without_terminator()) {
    if (op.getNumRegions() != 0)
      return false; // a nested loop or branch: left alone
    if (isa<LLVM::LoadOp, LLVM::StoreOp>(op)) {
      objects[&op] = objectsOf(&op);
      if (isa<LLVM::StoreOp>(op)) {
        stored.unknown |= objects[&op].unknown;
        for (Value base : objects[&op].bases)
          if (!llvm::is_contained(stored.bases, base))
            stored.bases.push_back(base);
      }
    } else if (!isMemoryEffectFree(&op)) {
      return false; // calls and the like: order unknown
    }
    ops.push_back(&op);
  }
  return true;
}

void LaneLoopSplitter::assignSegments() {
  // Earliest finish (depth) and longest path to the end (height) of every
  // operation that is not recomputed; a recomputed operand is ready at once.
  llvm::DenseMap<Operation *, unsigned> depth, height;
  unsigned total = 0;
  for (Operation *op : ops) {
    unsigned start = 0;
    for (Value v : op->getOperands())
      if (inBody(v) && !isRecomputable(v.getDefiningOp()))
        start = std::max(start, depth[v.getDefiningOp()]);
    depth[op] = start + latencyOf(op);
    total = std::max(total, depth[op]);
  }
  for (Operation *op : llvm::reverse(ops)) {
    unsigned below = 0;
    for (Operation *user : op->getUsers())
      if (user->getBlock() == loop.getBody() &&
          !user->hasTrait<OpTrait::IsTerminator>())
        below = std::max(below, height[user]);
    height[op] = below + latencyOf(op);
  }
  unsigned pieceLatency = std::max(segmentLatency, 1u);
  numSegments = std::clamp<unsigned>(
      (total + pieceLatency - 1) / pieceLatency, 1, std::max(maxSegments, 1u));
  if (numSegments < 2)
    return;
  // As late as possible: a value is computed just before the piece that
  // needs it, so fewer values cross from one piece to the next.
  for (Operation *op : ops) {
    if (isRecomputable(op))
      continue;
    unsigned start = total - height[op];
    segmentOf[op] =
        std::min(numSegments - 1, start * numSegments / std::max(total, 1u));
    // A load that is not recomputed (a gather, say) and that no store in
    // the body may write goes first, so that its latency overlaps the rest
    // of the body.
    if (isa<LLVM::LoadOp>(op) && !objects[op].mayAlias(stored))
      segmentOf[op] = 0;
  }
  // Memory order: of two accesses that may alias, one of them a store, the
  // later in program order may not run in an earlier piece. Raising an
  // operation raises its users.
  SmallVector<Operation *> memoryOps;
  for (Operation *op : ops)
    if (objects.count(op) && segmentOf.count(op))
      memoryOps.push_back(op);
  for (bool changed = true; changed;) {
    changed = false;
    for (auto [i, a] : llvm::enumerate(memoryOps))
      for (Operation *b : ArrayRef(memoryOps).drop_front(i + 1))
        if ((isa<LLVM::StoreOp>(a) || isa<LLVM::StoreOp>(b)) &&
            segmentOf[b] < segmentOf[a] &&
            objects[a].mayAlias(objects[b])) {
          segmentOf[b] = segmentOf[a];
          changed = true;
        }
    for (Operation *op : ops) {
      if (!segmentOf.count(op))
        continue;
      for (Value v : op->getOperands())
        if (inBody(v) && segmentOf.count(v.getDefiningOp()) &&
            segmentOf[op] < segmentOf[v.getDefiningOp()]) {
          segmentOf[op] = segmentOf[v.getDefiningOp()];
          changed = true;
        }
    }
  }
}

bool LaneLoopSplitter::assignSlots() {
  // The last piece that reads each crossing value.
  llvm::MapVector<Value, unsigned> lastUse;
  for (Operation *op : ops) {
    if (!segmentOf.count(op))
      continue;
    for (Value v : op->getOperands()) {
      if (!inBody(v) || !segmentOf.count(v.getDefiningOp()))
        continue;
      if (segmentOf[v.getDefiningOp()] < segmentOf[op]) {
        unsigned &last = lastUse[v];
        last = std::max(last, segmentOf[op]);
      }
    }
  }
  // Greedy reuse, in program order of the definitions: a slot is free for a
  // value made in piece s once its last reader ran before s.
  SmallVector<unsigned> freeAfter; // per slot: the last piece reading it
  SmallVector<Type> slotTypes;
  for (Operation *op : ops)
    for (Value v : op->getResults()) {
      auto it = lastUse.find(v);
      if (it == lastUse.end())
        continue;
      Type type = v.getType().isInteger(1)
                      ? IntegerType::get(v.getContext(), 8)
                      : v.getType();
      unsigned made = segmentOf[op];
      unsigned chosen = slotTypes.size();
      for (unsigned s = 0; s < slotTypes.size(); ++s)
        if (slotTypes[s] == type && freeAfter[s] < made) {
          chosen = s;
          break;
        }
      if (chosen == slotTypes.size()) {
        slotTypes.push_back(type);
        freeAfter.push_back(0);
      }
      freeAfter[chosen] = it->second;
      slotOf[v] = chosen;
    }
  // One stack area for all slots. Each slot starts 64 bytes further
  // modulo 4 KiB than the one before: slots [lanes] apart by a multiple of
  // 4 KiB made the CPU's load/store disambiguation (which compares address
  // bits 0-11) stall on every slot read.
  SmallVector<int64_t> offsets;
  int64_t bytes = 0;
  for (Type type : slotTypes) {
    offsets.push_back(bytes);
    int64_t size =
        lanes * std::max<int64_t>(1, type.getIntOrFloatBitWidth() / 8);
    bytes += (size + 63) / 64 * 64 + 64;
  }
  if (bytes > stackBudget)
    return false;
  // The area, at the start of the function.
  auto func = loop->getParentOfType<func::FuncOp>();
  OpBuilder b(&func.getBody().front(), func.getBody().front().begin());
  Location loc = loop.getLoc();
  auto ptr = LLVM::LLVMPointerType::get(b.getContext());
  Value count = arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(bytes));
  auto area = LLVM::AllocaOp::create(b, loc, ptr, b.getI8Type(), count,
                                     /*alignment=*/64);
  for (auto [type, offset] : llvm::zip_equal(slotTypes, offsets))
    slots.push_back(
        {type, LLVM::GEPOp::create(b, loc, ptr, b.getI8Type(), area,
                                   ArrayRef<LLVM::GEPArg>{offset})});
  return true;
}

Value LaneLoopSplitter::valueIn(unsigned segment, Value v, OpBuilder &b) {
  if (v == loop.getInductionVar())
    return newIv;
  if (!inBody(v))
    return v;
  IRMapping &mapping = mappings[segment];
  if (Value mapped = mapping.lookupOrNull(v))
    return mapped;
  Operation *def = v.getDefiningOp();
  Location loc = def->getLoc();
  if (isRecomputable(def)) {
    for (Value operand : def->getOperands())
      (void)valueIn(segment, operand, b);
    Operation *clone = b.clone(*def, mapping);
    if (auto access = dyn_cast<LLVM::AccessGroupOpInterface>(clone))
      if (access.getAccessGroupsOrNull())
        access.setAccessGroups(groups());
    return clone->getResult(cast<OpResult>(v).getResultNumber());
  }
  // Made in an earlier piece: read back from its slot.
  const Slot &slot = slots[slotOf.lookup(v)];
  auto ptr = LLVM::LLVMPointerType::get(b.getContext());
  Value address = LLVM::GEPOp::create(b, loc, ptr, slot.type, slot.buffer,
                                      ValueRange{laneIndex});
  auto load = LLVM::LoadOp::create(b, loc, slot.type, address);
  load.setAccessGroups(groups());
  Value result = load;
  if (slot.type != v.getType())
    result = arith::TruncIOp::create(b, loc, v.getType(), result);
  mapping.map(v, result);
  return result;
}

void LaneLoopSplitter::build() {
  OpBuilder b(loop);
  Location loc = loop.getLoc();
  // With fewer than minLanes lanes the pieces would each run a vector or
  // two, their loop overhead not repaid (one basin of 16 lanes in f32: 0.14
  // -> 0.20 ms): the loop as it was runs those, the pieces the rest.
  scf::IfOp choice;
  if (minLanes > 1) {
    Value count = arith::SubIOp::create(b, loc, loop.getUpperBound(),
                                        loop.getLowerBound());
    Value threshold = arith::ConstantOp::create(
        b, loc, b.getIntegerAttr(count.getType(), minLanes));
    Value many = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge,
                                       count, threshold);
    choice = scf::IfOp::create(b, loc, many, /*withElseRegion=*/true);
    b.setInsertionPoint(choice.thenBlock()->getTerminator());
  }
  auto annotation =
      loop->getAttrOfType<LLVM::LoopAnnotationAttr>(kLoopAnnotationAttr);
  MLIRContext *ctx = loop.getContext();
  auto ptr = LLVM::LLVMPointerType::get(ctx);
  mappings.resize(numSegments);
  for (unsigned segment = 0; segment < numSegments; ++segment) {
    auto piece = scf::ForOp::create(b, loc, loop.getLowerBound(),
                                    loop.getUpperBound(), loop.getStep());
    // Each piece is a loop of its own: its own access group, the rest of
    // the annotation (interleaving) as before.
    newGroup = LLVM::AccessGroupAttr::get(ctx);
    piece->setDiscardableAttrs(loop->getDiscardableAttrDictionary());
    if (annotation)
      piece->setAttr(
          kLoopAnnotationAttr,
          LLVM::LoopAnnotationAttr::get(
              ctx, annotation.getDisableNonforced(), annotation.getVectorize(),
              annotation.getInterleave(), annotation.getUnroll(),
              annotation.getUnrollAndJam(), annotation.getLicm(),
              annotation.getDistribute(), annotation.getPipeline(),
              annotation.getPeeled(), annotation.getUnswitch(),
              annotation.getMustProgress(), annotation.getIsVectorized(),
              annotation.getStartLoc(), annotation.getEndLoc(), {newGroup}));
    piece->removeAttr(kLanesAttr); // done: not split again
    OpBuilder inner = OpBuilder::atBlockTerminator(piece.getBody());
    newIv = piece.getInductionVar();
    mappings[segment].map(loop.getInductionVar(), newIv);
    laneIndex = arith::SubIOp::create(inner, loc, newIv, loop.getLowerBound());
    for (Operation *op : ops) {
      auto it = segmentOf.find(op);
      if (it == segmentOf.end() || it->second != segment)
        continue;
      for (Value operand : op->getOperands())
        (void)valueIn(segment, operand, inner);
      Operation *clone = inner.clone(*op, mappings[segment]);
      if (auto access = dyn_cast<LLVM::AccessGroupOpInterface>(clone))
        if (access.getAccessGroupsOrNull())
          access.setAccessGroups(groups());
      for (auto [result, cloned] :
           llvm::zip_equal(op->getResults(), clone->getResults())) {
        auto slot = slotOf.find(result);
        if (slot == slotOf.end())
          continue;
        const Slot &s = slots[slot->second];
        Value stored = cloned;
        if (s.type != result.getType())
          stored = arith::ExtUIOp::create(inner, loc, s.type, stored);
        Value address = LLVM::GEPOp::create(inner, loc, ptr, s.type, s.buffer,
                                            ValueRange{laneIndex});
        auto store = LLVM::StoreOp::create(inner, loc, stored, address);
        store.setAccessGroups(groups());
      }
    }
  }
  if (choice) {
    loop->removeAttr(kLanesAttr);
    loop->moveBefore(choice.elseBlock()->getTerminator());
  } else {
    loop.erase();
  }
}

unsigned LaneLoopSplitter::run() {
  if (!loop.getInitArgs().empty() || !analyse())
    return 1;
  assignSegments();
  if (numSegments < 2 || !assignSlots())
    return 1;
  build();
  return numSegments;
}

struct SplitLaneLoopsPass
    : dgm::impl::SplitLaneLoopsPassBase<SplitLaneLoopsPass> {
  using Base::Base;
  void runOnOperation() override {
    SmallVector<scf::ForOp> loops;
    getOperation()->walk([&](scf::ForOp loop) {
      if (loop->hasAttr(kLanesAttr))
        loops.push_back(loop);
    });
    for (scf::ForOp loop : loops) {
      auto lanes = loop->getAttrOfType<IntegerAttr>(kLanesAttr);
      unsigned pieces =
          LaneLoopSplitter(loop, lanes.getInt(), segmentLatency, maxPieces,
                           stackBudget, minLanes)
              .run();
      if (pieces > 1) {
        ++numSplit;
        numPieces += pieces;
      }
    }
  }
};

} // namespace
