//===- ScalarOpsToStandard.cpp - dgm scalar ops to arith/math -------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// One pattern per scalar dgm operation. The target operations are chosen to
// keep the semantics documented in DGMOps.td: NaN-propagating min/max
// (arith.minimumf/maximumf, not minnumf), C comparisons (ordered, except the
// unordered `une` for `ne`), and no fast-math flags anywhere.
//
//===----------------------------------------------------------------------===//

#include "dgm/Conversion/DGMToStandard/DGMToStandard.h"
#include "dgm/Dialect/DGM/IR/DGMOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace dgm;

namespace {

/// An operation that maps to exactly one operation with the same operands
/// and result type, and the attributes given at registration (min and max:
/// their fast-math flags).
template <typename SourceOp, typename TargetOp>
struct OneToOneLowering : OpConversionPattern<SourceOp> {
  using OpAdaptor = typename SourceOp::Adaptor;

  OneToOneLowering(MLIRContext *context,
                   ArrayRef<NamedAttribute> attributes = {})
      : OpConversionPattern<SourceOp>(context),
        attributes(attributes.begin(), attributes.end()) {}

  LogicalResult
  matchAndRewrite(SourceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<TargetOp>(op, TypeRange{op.getType()},
                                          adaptor.getOperands(), attributes);
    return success();
  }

  SmallVector<NamedAttribute> attributes;
};

struct ConstantLowering : OpConversionPattern<ConstantOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ConstantOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, op.getValue());
    return success();
  }
};

/// The flags of every min and max: NaN in, NaN out (arith's minimumf and
/// maximumf propagate it), but the sign of a zero result is left open. Why:
/// IEEE's maximum(-0, +0) = +0 costs x86 a sign test and two blends per
/// operation (vmaxps alone returns its second operand); with `nsz`,
/// max(x, 0) is one instruction and max(x, y) three. No model quantity
/// depends on the sign of a zero (-0 == 0), and derivatives are built
/// before this lowering from the comparisons, not from these flags.
arith::FastMathFlagsAttr minMaxFlags(MLIRContext *context) {
  return arith::FastMathFlagsAttr::get(context, arith::FastMathFlags::nsz);
}

/// clamp(x, lo, hi) = minimum(maximum(x, lo), hi), with minMaxFlags.
struct ClampLowering : OpConversionPattern<ClampOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ClampOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto flags = minMaxFlags(op.getContext());
    Value atLeastLo = arith::MaximumFOp::create(
        rewriter, op.getLoc(), adaptor.getX(), adaptor.getLo(), flags);
    rewriter.replaceOpWithNewOp<arith::MinimumFOp>(op, atLeastLo,
                                                   adaptor.getHi(), flags);
    return success();
  }
};

struct CmpLowering : OpConversionPattern<CmpOp> {
  using OpConversionPattern::OpConversionPattern;

  static arith::CmpFPredicate convert(CmpPredicate predicate) {
    switch (predicate) {
    case CmpPredicate::lt:
      return arith::CmpFPredicate::OLT;
    case CmpPredicate::le:
      return arith::CmpFPredicate::OLE;
    case CmpPredicate::gt:
      return arith::CmpFPredicate::OGT;
    case CmpPredicate::ge:
      return arith::CmpFPredicate::OGE;
    case CmpPredicate::eq:
      return arith::CmpFPredicate::OEQ;
    case CmpPredicate::ne:
      return arith::CmpFPredicate::UNE;
    }
    llvm_unreachable("unknown dgm.cmp predicate");
  }

  LogicalResult
  matchAndRewrite(CmpOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<arith::CmpFOp>(
        op, convert(op.getPredicate()), adaptor.getLhs(), adaptor.getRhs());
    return success();
  }
};

/// not x = x xor true (a splat of true for vectors).
struct NotLowering : OpConversionPattern<NotOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(NotOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type type = op.getType();
    TypedAttr ones = rewriter.getBoolAttr(true);
    if (auto shaped = dyn_cast<ShapedType>(type))
      ones = DenseElementsAttr::get(shaped, true);
    Value allTrue = arith::ConstantOp::create(rewriter, op.getLoc(), ones);
    rewriter.replaceOpWithNewOp<arith::XOrIOp>(op, adaptor.getOperand(),
                                               allTrue);
    return success();
  }
};

/// A function without an MLIR op that LLVM lowers well: a call of the C
/// library's function (`lgamma`, or `lgammaf` for f32), declared in the
/// module on first use.
template <typename SourceOp>
struct LibmCallLowering : OpConversionPattern<SourceOp> {
  LibmCallLowering(MLIRContext *context, StringRef name)
      : OpConversionPattern<SourceOp>(context), name(name) {}
  using OpAdaptor = typename SourceOp::Adaptor;

  LogicalResult
  matchAndRewrite(SourceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type type = op.getType();
    if (!type.isF64() && !type.isF32())
      return rewriter.notifyMatchFailure(op, "libm calls are scalar only");
    std::string callee = name + (type.isF32() ? "f" : "");
    auto module = op->template getParentOfType<ModuleOp>();
    if (!SymbolTable::lookupSymbolIn(module, callee)) {
      OpBuilder::InsertionGuard guard(rewriter);
      rewriter.setInsertionPointToStart(module.getBody());
      auto decl =
          func::FuncOp::create(rewriter, op.getLoc(), callee,
                               rewriter.getFunctionType({type}, {type}));
      decl.setPrivate();
    }
    rewriter.replaceOpWithNewOp<func::CallOp>(op, callee, TypeRange{type},
                                              adaptor.getOperands());
    return success();
  }

  std::string name;
};

} // namespace

void dgm::populateDGMScalarToStandardPatterns(RewritePatternSet &patterns) {
  MLIRContext *context = patterns.getContext();
  patterns.add<LibmCallLowering<LgammaOp>>(context, "lgamma");
  patterns.add<LibmCallLowering<TanOp>>(context, "tan");
  patterns.add<LibmCallLowering<AcosOp>>(context, "acos");
  patterns.add<LibmCallLowering<TanhOp>>(context, "tanh");
  patterns.add<LibmCallLowering<Expm1Op>>(context, "expm1");
  patterns.add<LibmCallLowering<Log1pOp>>(context, "log1p");
  patterns.add<ConstantLowering, ClampLowering, CmpLowering, NotLowering,
               OneToOneLowering<FloorOp, math::FloorOp>,
               OneToOneLowering<SinOp, math::SinOp>,
               OneToOneLowering<CosOp, math::CosOp>,
               OneToOneLowering<AddOp, arith::AddFOp>,
               OneToOneLowering<SubOp, arith::SubFOp>,
               OneToOneLowering<MulOp, arith::MulFOp>,
               OneToOneLowering<DivOp, arith::DivFOp>,
               OneToOneLowering<PowOp, math::PowFOp>,
               OneToOneLowering<NegOp, arith::NegFOp>,
               OneToOneLowering<ExpOp, math::ExpOp>,
               OneToOneLowering<LogOp, math::LogOp>,
               OneToOneLowering<SqrtOp, math::SqrtOp>,
               OneToOneLowering<AbsOp, math::AbsFOp>,
               OneToOneLowering<SelectOp, arith::SelectOp>,
               OneToOneLowering<AndOp, arith::AndIOp>,
               OneToOneLowering<OrOp, arith::OrIOp>>(patterns.getContext());
  // min and max: arith's NaN-propagating minimumf / maximumf, with
  // minMaxFlags.
  NamedAttribute flags(
      arith::MinimumFOp::getFastmathAttrName(OperationName(
          arith::MinimumFOp::getOperationName(), context)), // = MaximumFOp's
      minMaxFlags(context));
  patterns.add<OneToOneLowering<MinOp, arith::MinimumFOp>,
               OneToOneLowering<MaxOp, arith::MaximumFOp>>(context,
                                                           ArrayRef(flags));
}
