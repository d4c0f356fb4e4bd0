//===- DescriptorToLLVM.cpp - dgm.descriptor to dgm_model globals ---------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Emits the constant data behind `const dgm_model *dgm_get_model(void)`:
//
//   @__dgm_str_N          "text\0" for every distinct string (private)
//   @__dgm_<m>_forcings   [n x dgm_variable], likewise _params, _states,
//                         _outputs (private; none for an empty kind, whose
//                         pointer is then null)
//   @__dgm_<m>_model      dgm_model (private), whose simulate field is the
//                         address of the llvm.func @<m>_simulate
//   @dgm_<m>_get_model    exported, returns &@__dgm_<m>_model
//   @dgm_get_model        exported, for the module's default model
//
// The LLVM literal structs below use natural alignment, which is the C layout
// of abi.h on LP64 targets (x86-64 SysV, AArch64); the static_asserts tie the
// field lists to the header.
//
//===----------------------------------------------------------------------===//

#include "dgm/Conversion/DGMToLLVM/DGMToLLVM.h"
#include "dgm/Dialect/DGM/IR/DGMOps.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/StringMap.h"

#include "dgm/abi.h"

#include <cstddef>

using namespace mlir;
using namespace dgm;

static_assert(DGM_ABI_VERSION == 3,
              "abi.h changed: update the structs built in this file");
static_assert(DGM_FORCING == static_cast<int>(VarKind::forcing) &&
                  DGM_PARAM == static_cast<int>(VarKind::param) &&
                  DGM_STATE == static_cast<int>(VarKind::state) &&
                  DGM_OUTPUT == static_cast<int>(VarKind::output),
              "dgm::VarKind must match dgm_var_kind");
static_assert(DGM_MODEL_INITIAL_BITS == dgm::detail::kModelInitialBits &&
                  DGM_MODEL_INITIAL_BITS_F32 ==
                      dgm::detail::kModelInitialBitsF32 &&
                  DGM_INIT_FROM_PARAMS == 4 && DGM_CONVOLVED == 8,
              "the dialect's model-initial NaN must be abi.h's");
#if UINTPTR_MAX == UINT64_MAX
// The offsets that natural alignment gives the structs built below.
static_assert(offsetof(dgm_variable, kind) == 24 &&
                  offsetof(dgm_variable, index) == 28 &&
                  offsetof(dgm_variable, lower) == 32 &&
                  offsetof(dgm_variable, default_value) == 48 &&
                  offsetof(dgm_variable, flags) == 56 &&
                  sizeof(dgm_variable) == 64,
              "dgm_variable is not {ptr, ptr, ptr, i32, i32, f64, f64, f64, "
              "i32, i32}");
static_assert(offsetof(dgm_model, name) == 8 &&
                  offsetof(dgm_model, num_forcings) == 24 &&
                  offsetof(dgm_model, default_components) == 40 &&
                  offsetof(dgm_model, forcings) == 48 &&
                  offsetof(dgm_model, simulate) == 80 &&
                  sizeof(dgm_model) == 88,
              "dgm_model is not {i32, i32, ptr, ptr, i32 x 6, ptr x 5}");
#endif

namespace {

class DescriptorLowering {
public:
  DescriptorLowering(DescriptorOp descriptor, RewriterBase &rewriter)
      : descriptor(descriptor),
        module(cast<ModuleOp>(descriptor->getParentOp())), symbolTable(module),
        rewriter(rewriter), loc(descriptor.getLoc()) {
    MLIRContext *ctx = rewriter.getContext();
    i32 = rewriter.getI32Type();
    f64 = rewriter.getF64Type();
    ptr = LLVM::LLVMPointerType::get(ctx);
    // dgm_variable: name, unit, description, kind, index, lower, upper,
    // default_value, flags, reserved.
    variableType = LLVM::LLVMStructType::getLiteral(
        ctx, {ptr, ptr, ptr, i32, i32, f64, f64, f64, i32, i32});
    // dgm_model: abi_version, scalar_bits, name, source, num_forcings,
    // num_params, num_states, num_outputs, default_components, step_seconds,
    // forcings, params, states, outputs, simulate.
    modelType = LLVM::LLVMStructType::getLiteral(
        ctx, {i32, i32, ptr, ptr, i32, i32, i32, i32, i32, i32, ptr, ptr, ptr,
              ptr, ptr});
    // Strings of descriptors lowered before this one are shared.
    for (auto global : module.getOps<LLVM::GlobalOp>()) {
      if (!global.getSymName().starts_with("__dgm_str_"))
        continue;
      ++numStrings;
      if (auto value = dyn_cast_or_null<StringAttr>(global.getValueOrNull()))
        strings[value.getValue().drop_back()] = global;
    }
  }

  LogicalResult run(bool exportDefaultGetter);

private:
  /// Inserts `op` at the descriptor's position, renaming it if its name is
  /// taken (private symbols only).
  template <typename OpT> OpT insertPrivate(OpT op) {
    symbolTable.insert(op, Block::iterator(descriptor));
    return op;
  }

  /// Makes a NUL-terminated global copy of `text` unless there is one.
  void internString(StringRef text);
  /// The address of the copy of `text` made by internString.
  Value stringAddress(StringRef text);
  Value constantI32(int64_t value) {
    return LLVM::ConstantOp::create(rewriter, loc, i32,
                                    rewriter.getI32IntegerAttr(value));
  }
  Value constantF64(const APFloat &value) {
    return LLVM::ConstantOp::create(rewriter, loc, f64,
                                    rewriter.getFloatAttr(f64, value));
  }
  /// A private constant global whose initializer `fill` builds, inserting
  /// into the undef aggregate it is given.
  LLVM::GlobalOp
  buildConstantGlobal(StringRef name, Type type,
                      llvm::function_ref<Value(Value aggregate)> fill);
  /// The array of dgm_variable of one kind, or null when there is none.
  LLVM::GlobalOp variableArray(VarKind kind, ArrayRef<VariableAttr> variables);
  /// The address of `global`, or a null pointer if there is none.
  Value addressOrNull(LLVM::GlobalOp global) {
    if (!global)
      return LLVM::ZeroOp::create(rewriter, loc, ptr);
    return LLVM::AddressOfOp::create(rewriter, loc, global);
  }
  LogicalResult buildGetter(StringRef name, LLVM::GlobalOp model);

  DescriptorOp descriptor;
  ModuleOp module;
  SymbolTable symbolTable;
  RewriterBase &rewriter;
  Location loc;
  Type i32, f64, ptr;
  LLVM::LLVMStructType variableType, modelType;
  llvm::StringMap<LLVM::GlobalOp> strings;
  unsigned numStrings = 0;
};

} // namespace

void DescriptorLowering::internString(StringRef text) {
  LLVM::GlobalOp &global = strings[text];
  if (global)
    return;
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(descriptor);
  std::string data = (text + StringRef("\0", 1)).str();
  auto type = LLVM::LLVMArrayType::get(rewriter.getI8Type(), data.size());
  global = LLVM::GlobalOp::create(
      rewriter, loc, type, /*isConstant=*/true, LLVM::Linkage::Private,
      ("__dgm_str_" + Twine(numStrings++)).str(), rewriter.getStringAttr(data));
  global.setUnnamedAddr(LLVM::UnnamedAddr::Global);
  insertPrivate(global);
}

Value DescriptorLowering::stringAddress(StringRef text) {
  LLVM::GlobalOp global = strings.lookup(text);
  assert(global && "string not interned");
  return LLVM::AddressOfOp::create(rewriter, loc, global);
}

LLVM::GlobalOp
DescriptorLowering::buildConstantGlobal(StringRef name, Type type,
                                        llvm::function_ref<Value(Value)> fill) {
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(descriptor);
  auto global =
      LLVM::GlobalOp::create(rewriter, loc, type,
                             /*isConstant=*/true, LLVM::Linkage::Private, name,
                             /*value=*/Attribute());
  insertPrivate(global);
  rewriter.createBlock(&global.getInitializerRegion());
  Value aggregate = fill(LLVM::UndefOp::create(rewriter, loc, type));
  LLVM::ReturnOp::create(rewriter, loc, aggregate);
  return global;
}

LLVM::GlobalOp
DescriptorLowering::variableArray(VarKind kind,
                                  ArrayRef<VariableAttr> variables) {
  if (variables.empty())
    return {};
  std::string name = ("__dgm_" + descriptor.getModelName() + "_" +
                      stringifyVarKind(kind) + "s")
                         .str();
  auto type = LLVM::LLVMArrayType::get(variableType, variables.size());
  return buildConstantGlobal(name, type, [&](Value array) {
    for (auto [i, var] : llvm::enumerate(variables)) {
      Value fields[] = {stringAddress(var.getName()),
                        stringAddress(var.getUnit()),
                        stringAddress(var.getDescription()),
                        constantI32(static_cast<int32_t>(var.getKind())),
                        constantI32(var.getIndex()),
                        constantF64(var.getLower()),
                        constantF64(var.getUpper()),
                        constantF64(var.getDefaultValue()),
                        constantI32(var.getFlags()),
                        constantI32(0)};
      for (auto [field, value] : llvm::enumerate(fields))
        array = LLVM::InsertValueOp::create(
            rewriter, loc, array, value,
            ArrayRef<int64_t>{static_cast<int64_t>(i),
                              static_cast<int64_t>(field)});
    }
    return array;
  });
}

LogicalResult DescriptorLowering::buildGetter(StringRef name,
                                              LLVM::GlobalOp model) {
  if (Operation *clash = symbolTable.lookup(name)) {
    InFlightDiagnostic diag = descriptor.emitOpError()
                              << "cannot export @" << name
                              << ": the module already has a symbol of "
                                 "that name";
    diag.attachNote(clash->getLoc()) << "the existing symbol";
    return diag;
  }
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(descriptor);
  auto func = LLVM::LLVMFuncOp::create(rewriter, loc, name,
                                       LLVM::LLVMFunctionType::get(ptr, {}));
  symbolTable.insert(func, Block::iterator(descriptor));
  rewriter.setInsertionPointToStart(func.addEntryBlock(rewriter));
  LLVM::ReturnOp::create(rewriter, loc,
                         LLVM::AddressOfOp::create(rewriter, loc, model));
  return success();
}

LogicalResult DescriptorLowering::run(bool exportDefaultGetter) {
  StringRef modelName = descriptor.getModelName();
  Operation *simulate = symbolTable.lookup(descriptor.getSimulate());
  if (!simulate || !isa<LLVM::LLVMFuncOp>(simulate))
    return descriptor.emitOpError()
           << "needs its simulate function @" << descriptor.getSimulate()
           << " as an 'llvm.func', but it is "
           << (simulate ? "a '" + simulate->getName().getStringRef().str() + "'"
                        : std::string("missing"))
           << "; run convert-func-to-llvm before convert-dgm-to-llvm";

  SmallVector<VariableAttr> forcings =
      descriptor.getVariablesOfKind(VarKind::forcing);
  SmallVector<VariableAttr> params =
      descriptor.getVariablesOfKind(VarKind::param);
  SmallVector<VariableAttr> states =
      descriptor.getVariablesOfKind(VarKind::state);
  SmallVector<VariableAttr> outputs =
      descriptor.getVariablesOfKind(VarKind::output);

  // Strings first, then the arrays that point at them, then the model: the
  // order a reader of the IR expects.
  internString(modelName);
  internString(descriptor.getSource());
  for (auto var : descriptor.getVariables().getAsRange<VariableAttr>()) {
    internString(var.getName());
    internString(var.getUnit());
    internString(var.getDescription());
  }
  LLVM::GlobalOp forcingArray = variableArray(VarKind::forcing, forcings);
  LLVM::GlobalOp paramArray = variableArray(VarKind::param, params);
  LLVM::GlobalOp stateArray = variableArray(VarKind::state, states);
  LLVM::GlobalOp outputArray = variableArray(VarKind::output, outputs);

  LLVM::GlobalOp model = buildConstantGlobal(
      ("__dgm_" + modelName + "_model").str(), modelType, [&](Value agg) {
        Value fields[] = {
            constantI32(DGM_ABI_VERSION),
            constantI32(descriptor.getScalarBits()), // scalar_bits
            stringAddress(modelName),
            stringAddress(descriptor.getSource()),
            constantI32(forcings.size()),
            constantI32(params.size()),
            constantI32(states.size()),
            constantI32(outputs.size()),
            constantI32(descriptor.getComponents()),
            constantI32(descriptor.getStepSeconds()),
            addressOrNull(forcingArray),
            addressOrNull(paramArray),
            addressOrNull(stateArray),
            addressOrNull(outputArray),
            LLVM::AddressOfOp::create(rewriter, loc,
                                      cast<LLVM::LLVMFuncOp>(simulate))};
        for (auto [field, value] : llvm::enumerate(fields))
          agg = LLVM::InsertValueOp::create(
              rewriter, loc, agg, value,
              ArrayRef<int64_t>{static_cast<int64_t>(field)});
        return agg;
      });

  if (failed(buildGetter(("dgm_" + modelName + "_get_model").str(), model)))
    return failure();
  if (exportDefaultGetter && failed(buildGetter(DGM_GET_MODEL_SYMBOL, model)))
    return failure();
  rewriter.eraseOp(descriptor);
  return success();
}

LogicalResult dgm::lowerDescriptorToLLVM(DescriptorOp descriptor,
                                         bool exportDefaultGetter,
                                         RewriterBase &rewriter) {
  return DescriptorLowering(descriptor, rewriter).run(exportDefaultGetter);
}
