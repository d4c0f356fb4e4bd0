//===- DGMOps.cpp - dgm operations: builders, verifiers, printing ---------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The verifiers check what MLIRGen must guarantee and the lowering relies on:
// a model is its declarations then one step; the step's block arguments and
// yielded values match the declarations in kind order; parameter bounds are
// consistent; a descriptor's variables are numbered 0, 1, ... per kind.
// Messages name the declaration involved, since a mismatch here is a compiler
// bug that someone has to find.
//
//===----------------------------------------------------------------------===//

#include "dgm/Dialect/DGM/IR/DGMOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSet.h"

#include <cmath>

using namespace mlir;
using namespace dgm;

Type dgm::getI1SameShape(Type type) {
  auto i1 = IntegerType::get(type.getContext(), 1);
  if (auto shaped = dyn_cast<ShapedType>(type))
    return shaped.clone(i1);
  return i1;
}

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

namespace {
/// One declaration as the verifiers see it.
struct DeclInfo {
  StringRef kind;
  StringRef name;
  Type type;
};
} // namespace

template <typename DeclOpT>
static void appendDecls(ModelOp model, StringRef kind,
                        SmallVectorImpl<DeclInfo> &out) {
  for (DeclOpT decl : model.getDecls<DeclOpT>())
    out.push_back({kind, decl.getSymName(), decl.getType()});
}

/// The outputs the step computes (basin = false) or dgm.basin (true).
static void appendOutputs(ModelOp model, bool basin,
                          SmallVectorImpl<DeclInfo> &out) {
  for (OutputOp decl : model.getDecls<OutputOp>())
    if (decl.getBasin() == basin)
      out.push_back({basin ? "basin output" : "output", decl.getSymName(),
                     decl.getType()});
}

/// Whether a block argument for `param` may be used where only parameters
/// with one value per basin (and, with `staticOnly`, per run) are known.
/// Whether `param` has one value per basin (shared by the components).
static bool isBasinParam(ModelOp model, ParamOp param) {
  return param.getShared() || !model.getComponents();
}

/// Which parameters a region over the model's parameters may read.
enum class ParamUse {
  Any,          ///< dgm.basin: any that is one value per basin
  StaticShared, ///< dgm.kernel: static and one value per basin
  Static,       ///< a state's from_params: static, per lane (any sharing)
};

/// "1 state", "2 outputs".
static std::string count(size_t n, StringRef noun) {
  return (Twine(n) + " " + noun + (n == 1 ? "" : "s")).str();
}

/// The shortest decimal form that reads back as the same double.
static std::string formatDouble(double value) {
  SmallString<24> text;
  APFloat(value).toString(text);
  return text.str().str();
}

//===----------------------------------------------------------------------===//
// ModelOp
//===----------------------------------------------------------------------===//

void ModelOp::build(OpBuilder &builder, OperationState &state, StringRef name,
                    StringRef source) {
  Properties &props = state.getOrAddProperties<Properties>();
  props.sym_name = builder.getStringAttr(name);
  if (!source.empty())
    props.source = builder.getStringAttr(source);
  state.addRegion()->emplaceBlock();
}

StepOp ModelOp::getStepOp() {
  auto steps = getBody()->getOps<StepOp>();
  return steps.empty() ? StepOp() : *steps.begin();
}

BasinOp ModelOp::getBasinOp() {
  auto basins = getBody()->getOps<BasinOp>();
  return basins.empty() ? BasinOp() : *basins.begin();
}

LogicalResult ModelOp::verifyRegions() {
  StepOp step;
  BasinOp basin;
  for (Operation &op : *getBody()) {
    if (auto other = dyn_cast<BasinOp>(op)) {
      if (!step || basin)
        return op.emitOpError()
               << "must come once, after the 'dgm.step' of model @"
               << getSymName();
      basin = other;
      continue;
    }
    if (isa<ForcingOp, ParamOp, StateOp, OutputOp, KernelOp>(op)) {
      if (step) {
        InFlightDiagnostic diag =
            op.emitOpError()
            << "must come before the 'dgm.step' of model @" << getSymName();
        diag.attachNote(step.getLoc()) << "the step is here";
        return diag;
      }
      continue;
    }
    if (auto other = dyn_cast<StepOp>(op)) {
      if (step) {
        InFlightDiagnostic diag =
            other.emitOpError() << "is a second step of model @" << getSymName()
                                << "; a model has exactly one";
        diag.attachNote(step.getLoc()) << "the first step is here";
        return diag;
      }
      step = other;
      continue;
    }
    return op.emitOpError()
           << "cannot appear in a 'dgm.model'; expected a declaration "
              "(dgm.forcing, dgm.param, dgm.state, dgm.output, dgm.kernel), "
              "dgm.step or dgm.basin";
  }
  if (!step)
    return emitOpError() << "has no 'dgm.step'; a model needs exactly one, "
                            "after its declarations";
  bool hasBasinOutputs = llvm::any_of(
      getDecls<OutputOp>(), [](OutputOp output) { return output.getBasin(); });
  if (hasBasinOutputs && !basin)
    return emitOpError() << "declares basin outputs but has no 'dgm.basin' "
                            "to compute them";
  return success();
}

//===----------------------------------------------------------------------===//
// Declarations
//===----------------------------------------------------------------------===//

/// Sets the attributes every declaration has.
template <typename DeclOpT>
static typename DeclOpT::Properties &
buildDecl(OpBuilder &builder, OperationState &state, StringRef name, Type type,
          StringRef unit, StringRef description) {
  auto &props = state.getOrAddProperties<typename DeclOpT::Properties>();
  props.sym_name = builder.getStringAttr(name);
  props.type = TypeAttr::get(type);
  props.unit = builder.getStringAttr(unit);
  props.description = builder.getStringAttr(description);
  return props;
}

void ForcingOp::build(OpBuilder &builder, OperationState &state, StringRef name,
                      Type type, StringRef unit, StringRef description) {
  buildDecl<ForcingOp>(builder, state, name, type, unit, description);
}

void OutputOp::build(OpBuilder &builder, OperationState &state, StringRef name,
                     Type type, StringRef unit, StringRef description) {
  buildDecl<OutputOp>(builder, state, name, type, unit, description);
}

LogicalResult OutputOp::verify() {
  if (getInternal() && getBasin())
    return emitOpError() << "cannot be both 'basin' and 'internal': only an "
                            "output of the step can be internal";
  return success();
}

void StateOp::build(OpBuilder &builder, OperationState &state, StringRef name,
                    Type type, StringRef unit, StringRef description,
                    double init) {
  buildDecl<StateOp>(builder, state, name, type, unit, description).init =
      builder.getF64FloatAttr(init);
  state.addRegion(); // from_params: empty, the initial value is `init`
}

void ParamOp::build(OpBuilder &builder, OperationState &state, StringRef name,
                    Type type, StringRef unit, StringRef description,
                    std::optional<double> lower, std::optional<double> upper,
                    std::optional<double> defaultValue) {
  Properties &props =
      buildDecl<ParamOp>(builder, state, name, type, unit, description);
  if (lower)
    props.lower = builder.getF64FloatAttr(*lower);
  if (upper)
    props.upper = builder.getF64FloatAttr(*upper);
  if (defaultValue)
    props.default_value = builder.getF64FloatAttr(*defaultValue);
}

LogicalResult ParamOp::verify() {
  FloatAttr lower = getLowerAttr(), upper = getUpperAttr();
  if (bool(lower) != bool(upper))
    return emitOpError() << "has " << (lower ? "a lower" : "an upper")
                         << " bound but no " << (lower ? "upper" : "lower")
                         << " bound; give both or neither";
  if (lower) {
    double lo = lower.getValueAsDouble(), hi = upper.getValueAsDouble();
    // Written so that a NaN bound fails too.
    if (!(lo < hi))
      return emitOpError() << "has lower bound " << formatDouble(lo)
                           << " not below its upper bound " << formatDouble(hi);
    if (FloatAttr def = getDefaultValueAttr()) {
      double value = def.getValueAsDouble();
      if (!(lo <= value && value <= hi))
        return emitOpError() << "has default " << formatDouble(value)
                             << " outside its bounds [" << formatDouble(lo)
                             << ", " << formatDouble(hi) << "]";
    }
  }
  return success();
}

//===----------------------------------------------------------------------===//
// StepOp and YieldOp
//===----------------------------------------------------------------------===//

Block *StepOp::addEntryBlock() {
  assert(getBodyRegion().empty() && "the step already has a block");
  ModelOp model = getModel();
  Block &block = getBodyRegion().emplaceBlock();
  for (ForcingOp decl : model.getDecls<ForcingOp>())
    block.addArgument(decl.getType(), decl.getLoc());
  for (ParamOp decl : model.getDecls<ParamOp>())
    block.addArgument(decl.getType(), decl.getLoc());
  for (StateOp decl : model.getDecls<StateOp>())
    block.addArgument(decl.getType(), decl.getLoc());
  return &block;
}

YieldOp StepOp::getYield() { return cast<YieldOp>(getBody()->back()); }

void StepOp::getAsmBlockArgumentNames(Region &region,
                                      OpAsmSetValueNameFn setNameFn) {
  // Name the arguments %P, %k, %S after the declarations; the printer makes
  // the names unique and valid.
  auto model = dyn_cast_or_null<ModelOp>((*this)->getParentOp());
  if (!model || model.getBodyRegion().empty() || region.empty())
    return;
  SmallVector<DeclInfo> inputs;
  appendDecls<ForcingOp>(model, "forcing", inputs);
  appendDecls<ParamOp>(model, "param", inputs);
  appendDecls<StateOp>(model, "state", inputs);
  for (auto [arg, decl] : llvm::zip(region.front().getArguments(), inputs))
    setNameFn(arg, decl.name);
}

void StateOp::getAsmBlockArgumentNames(Region &region,
                                       OpAsmSetValueNameFn setNameFn) {
  // The parameters, named after their declarations as in the step.
  auto model = dyn_cast_or_null<ModelOp>((*this)->getParentOp());
  if (!model || region.empty())
    return;
  SmallVector<DeclInfo> params;
  appendDecls<ParamOp>(model, "param", params);
  for (auto [arg, decl] : llvm::zip(region.front().getArguments(), params))
    setNameFn(arg, decl.name);
}

LogicalResult StepOp::verifyRegions() {
  auto model = dyn_cast<ModelOp>((*this)->getParentOp());
  if (!model)
    return success(); // HasParent reports it.
  SmallVector<DeclInfo> inputs;
  appendDecls<ForcingOp>(model, "forcing", inputs);
  size_t numForcings = inputs.size();
  appendDecls<ParamOp>(model, "param", inputs);
  size_t numParams = inputs.size() - numForcings;
  appendDecls<StateOp>(model, "state", inputs);
  size_t numStates = inputs.size() - numForcings - numParams;

  Block &block = getBodyRegion().front();
  if (block.getNumArguments() != inputs.size())
    return emitOpError() << "has "
                         << count(block.getNumArguments(), "block argument")
                         << ", but model @" << model.getSymName()
                         << " declares " << count(numForcings, "forcing")
                         << ", " << count(numParams, "param") << " and "
                         << count(numStates, "state") << " (" << inputs.size()
                         << " expected: forcings, then params, then states)";
  for (auto [index, arg, decl] :
       llvm::enumerate(block.getArguments(), inputs)) {
    if (arg.getType() != decl.type)
      return emitOpError() << "block argument #" << index << " is for "
                           << decl.kind << " @" << decl.name << " of type "
                           << decl.type << ", but has type " << arg.getType();
  }
  if (block.empty() || !isa<YieldOp>(block.back()))
    return emitOpError() << "must end with 'dgm.yield'";
  return success();
}

LogicalResult YieldOp::verify() {
  Operation *parent = (*this)->getParentOp();
  auto model = dyn_cast_or_null<ModelOp>(parent->getParentOp());
  if (!model)
    return success(); // The parent's HasParent reports it.
  SmallVector<DeclInfo> results;
  StringRef expected;
  if (isa<KernelOp>(parent)) {
    if (getNumOperands() != 1 || !isa<FloatType>(getValues()[0].getType()))
      return emitOpError() << "of a kernel yields one float, the weight";
    return success();
  }
  if (isa<StateOp>(parent))
    return success(); // StateOp::verifyRegions checks the initial value
  if (isa<BasinOp>(parent)) {
    appendOutputs(model, /*basin=*/true, results);
    expected = "the basin outputs";
  } else {
    appendDecls<StateOp>(model, "state", results);
    appendOutputs(model, /*basin=*/false, results);
    expected = "the new states, then the outputs computed in the step";
  }
  if (getNumOperands() != results.size())
    return emitOpError() << "yields " << count(getNumOperands(), "value")
                         << ", but model @" << model.getSymName() << " expects "
                         << results.size() << ": " << expected;
  for (auto [index, value, decl] : llvm::enumerate(getValues(), results)) {
    if (value.getType() != decl.type)
      return emitOpError() << "operand #" << index << " is for " << decl.kind
                           << " @" << decl.name << " of type " << decl.type
                           << ", but has type " << value.getType();
  }
  return success();
}

//===----------------------------------------------------------------------===//
// KernelOp, BasinOp, AggregateOp, ConvolveOp
//===----------------------------------------------------------------------===//

/// Checks that the block arguments of `op` are `leading` then one per
/// param, and that the params the computation cannot know are unused.
static LogicalResult verifyParamArguments(Operation *op, Block &block,
                                          size_t leading, ParamUse use) {
  auto model = dyn_cast<ModelOp>(op->getParentOp());
  if (!model)
    return success();
  SmallVector<ParamOp> params(model.getDecls<ParamOp>());
  if (block.getNumArguments() != leading + params.size())
    return op->emitOpError()
           << "has " << count(block.getNumArguments(), "block argument")
           << ", expected " << leading + params.size() << " ("
           << (isa<KernelOp>(op)  ? "the index, then "
               : isa<BasinOp>(op) ? "the forcings, then "
                                  : "")
           << "every param of the model)";
  for (auto [param, arg] :
       llvm::zip(params, block.getArguments().drop_front(leading))) {
    if (arg.use_empty())
      continue;
    bool dynamicRefused = use != ParamUse::Any && param.getDynamic();
    bool sharingRefused =
        use != ParamUse::Static && !isBasinParam(model, param);
    if (dynamicRefused || sharingRefused)
      return op->emitOpError()
             << "uses param @" << param.getSymName() << ", which is "
             << (dynamicRefused ? "dynamic" : "not shared by the components");
  }
  if (block.empty() || !isa<YieldOp>(block.back()))
    return op->emitOpError() << "must end with 'dgm.yield'";
  return success();
}

/// The block arguments of a kernel or basin have the model's scalar type
/// (that of its declarations).
static LogicalResult verifyArgumentTypes(Operation *op, Block &block) {
  auto model = dyn_cast<ModelOp>(op->getParentOp());
  if (!model)
    return success();
  Type scalar;
  for (Operation &decl : *model.getBody())
    if (auto typed = dyn_cast<ParamOp>(decl)) {
      scalar = typed.getType();
      break;
    }
  for (BlockArgument arg : block.getArguments())
    if (!isa<FloatType>(arg.getType()) || (scalar && arg.getType() != scalar))
      return op->emitOpError()
             << "block argument #" << arg.getArgNumber() << " has type "
             << arg.getType() << ", expected "
             << (scalar ? scalar : Type(Float64Type::get(op->getContext())));
  return success();
}

LogicalResult KernelOp::verifyRegions() {
  if (failed(verifyArgumentTypes(*this, getBodyRegion().front())))
    return failure();
  return verifyParamArguments(*this, getBodyRegion().front(), 1,
                              ParamUse::StaticShared);
}

LogicalResult StateOp::verifyRegions() {
  if (!hasInitFromParams())
    return success();
  Block &body = getFromParams().front();
  if (failed(verifyArgumentTypes(*this, body)) ||
      failed(verifyParamArguments(*this, body, 0, ParamUse::Static)))
    return failure();
  auto yield = cast<YieldOp>(body.back());
  if (yield.getValues().size() != 1 ||
      yield.getValues()[0].getType() != getType())
    return emitOpError() << "from_params must yield one value of type "
                         << getType();
  if (getInit().bitcastToAPInt() !=
      dgm::detail::modelInitialNaN().bitcastToAPInt())
    return emitOpError() << "with from_params has init 0x7FFC6D6000000000 "
                            "(abi.h's DGM_MODEL_INITIAL_BITS, the default "
                            "the descriptor gives), not "
                         << getInit().convertToDouble();
  return success();
}

LogicalResult BasinOp::verifyRegions() {
  auto model = dyn_cast<ModelOp>((*this)->getParentOp());
  if (!model)
    return success();
  size_t numForcings = llvm::range_size(model.getDecls<ForcingOp>());
  if (failed(verifyArgumentTypes(*this, getBodyRegion().front())))
    return failure();
  return verifyParamArguments(*this, getBodyRegion().front(), numForcings,
                              ParamUse::Any);
}

LogicalResult
AggregateOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  auto model = (*this)->getParentOfType<ModelOp>();
  auto output = symbolTable.lookupSymbolIn<OutputOp>(model, getOutputAttr());
  if (!output || output.getBasin())
    return emitOpError() << getOutputAttr()
                         << " is not an output computed in the step";
  if (output.getType() != getType())
    return emitOpError() << "aggregates " << getOutputAttr() << " of type "
                         << output.getType() << " into a result of type "
                         << getType() << "; they must be the same";
  if (getKind() == AggregateKind::weighted_mean) {
    ParamOp weights =
        getWeightsAttr()
            ? symbolTable.lookupSymbolIn<ParamOp>(model, getWeightsAttr())
            : ParamOp();
    if (!weights || weights.getDynamic())
      return emitOpError() << "weighted_mean needs the weights of a static "
                              "param";
  } else if (getWeightsAttr()) {
    return emitOpError() << "has weights, which only weighted_mean uses";
  }
  return success();
}

LogicalResult ConvolveOp::verify() {
  if (getSeries().getType() != getType())
    return emitOpError() << "convolves a series of type "
                         << getSeries().getType() << " into a result of type "
                         << getType() << "; they must be the same";
  return success();
}

LogicalResult ConvolveOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  auto model = (*this)->getParentOfType<ModelOp>();
  auto kernel = symbolTable.lookupSymbolIn<KernelOp>(model, getKernelAttr());
  if (!kernel)
    return emitOpError() << getKernelAttr() << " is not a dgm.kernel";
  // The lowering multiplies the series by the weights in one type.
  Block &body = kernel.getBodyRegion().front();
  if (auto yield = dyn_cast<YieldOp>(body.getTerminator());
      yield && yield.getValues().size() == 1 &&
      yield.getValues()[0].getType() != getType())
    return emitOpError() << "convolves a series of type " << getType()
                         << " with " << getKernelAttr() << ", whose weights are "
                         << yield.getValues()[0].getType()
                         << "; they must be the same";
  return success();
}

//===----------------------------------------------------------------------===//
// ConstantOp
//===----------------------------------------------------------------------===//

bool ConstantOp::isValidValue(TypedAttr value) {
  if (isa<FloatAttr>(value))
    return true;
  if (auto integer = dyn_cast<IntegerAttr>(value))
    return integer.getType().isInteger(1);
  if (auto dense = dyn_cast<DenseElementsAttr>(value)) {
    Type element = dense.getElementType();
    return isa<VectorType>(dense.getType()) &&
           (isa<FloatType>(element) || element.isInteger(1));
  }
  return false;
}

LogicalResult ConstantOp::verify() {
  if (!isValidValue(getValue()))
    return emitOpError() << "expects a float, a boolean or a dense vector of "
                            "either, found "
                         << getValue();
  return success();
}

//===----------------------------------------------------------------------===//
// CmpOp
//===----------------------------------------------------------------------===//

static void printCmpPredicate(OpAsmPrinter &printer, Operation *,
                              CmpPredicateAttr predicate) {
  printer << stringifyCmpPredicate(predicate.getValue());
}

static ParseResult parseCmpPredicate(OpAsmParser &parser,
                                     CmpPredicateAttr &predicate) {
  SMLoc loc = parser.getCurrentLocation();
  StringRef keyword;
  if (parser.parseKeyword(&keyword))
    return failure();
  std::optional<CmpPredicate> value = symbolizeCmpPredicate(keyword);
  if (!value)
    return parser.emitError(loc) << "expected a comparison (lt, le, gt, ge, "
                                    "eq or ne), found '"
                                 << keyword << "'";
  predicate = CmpPredicateAttr::get(parser.getContext(), *value);
  return success();
}

//===----------------------------------------------------------------------===//
// DescriptorOp
//===----------------------------------------------------------------------===//

SmallVector<VariableAttr> DescriptorOp::getVariablesOfKind(VarKind kind) {
  SmallVector<VariableAttr> result;
  for (auto var : getVariables().getAsRange<VariableAttr>())
    if (var.getKind() == kind)
      result.push_back(var);
  llvm::sort(result, [](VariableAttr a, VariableAttr b) {
    return a.getIndex() < b.getIndex();
  });
  return result;
}

LogicalResult DescriptorOp::verify() {
  if (getStepSeconds() < 1 || getStepSeconds() > INT32_MAX)
    return emitOpError() << "step_seconds " << getStepSeconds()
                         << " is outside [1, 2147483647] (the ABI's int32)";
  // Indices count 0, 1, ... within each kind, in order of appearance, so
  // that the array order of abi.h is also the order written here.
  unsigned next[4] = {0, 0, 0, 0};
  llvm::StringSet<> names;
  for (auto var : getVariables().getAsRange<VariableAttr>()) {
    unsigned &expected = next[static_cast<unsigned>(var.getKind())];
    if (var.getIndex() != expected)
      return emitOpError() << "variable \"" << var.getName() << "\" is "
                           << stringifyVarKind(var.getKind()) << " #"
                           << var.getIndex() << ", expected #" << expected
                           << " (indices count 0, 1, ... within a kind, in "
                              "order)";
    ++expected;
    if (!names.insert(var.getName()).second)
      return emitOpError() << "has two variables named \"" << var.getName()
                           << "\"";
  }
  return success();
}

LogicalResult
DescriptorOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  auto fn = symbolTable.lookupNearestSymbolFrom<FunctionOpInterface>(
      *this, getSimulateAttr());
  if (!fn)
    return emitOpError() << "simulate function " << getSimulateAttr()
                         << " is not a function of this module";
  return success();
}

/// `[` newline, one `#dgm.variable<...>` per line, `]`: a descriptor is read
/// by people (dgmc --emit=lowered), one variable per line reads best.
static void printVariableList(OpAsmPrinter &printer, Operation *,
                              ArrayAttr variables) {
  printer << "[";
  printer.increaseIndent();
  for (auto [index, var] : llvm::enumerate(variables)) {
    printer.printNewline();
    printer.printAttribute(var);
    if (index + 1 != variables.size())
      printer << ",";
  }
  printer.decreaseIndent();
  if (!variables.empty())
    printer.printNewline();
  printer << "]";
}

static ParseResult parseVariableList(OpAsmParser &parser,
                                     ArrayAttr &variables) {
  SmallVector<Attribute> elements;
  if (parser.parseCommaSeparatedList(OpAsmParser::Delimiter::Square,
                                     [&]() -> ParseResult {
                                       VariableAttr var;
                                       if (parser.parseAttribute(var))
                                         return failure();
                                       elements.push_back(var);
                                       return success();
                                     }))
    return failure();
  variables = parser.getBuilder().getArrayAttr(elements);
  return success();
}

#define GET_OP_CLASSES
#include "dgm/Dialect/DGM/IR/DGMOps.cpp.inc"
