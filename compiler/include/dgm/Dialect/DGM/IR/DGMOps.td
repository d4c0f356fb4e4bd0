//===- DGMOps.td - dgm operations --------------------------*- tablegen -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The operations of the dgm dialect: the model structure (model, the four
// kinds of declaration, step, yield), the scalar arithmetic a step computes
// with, and the model descriptor that the lowering leaves for the C ABI.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_DIALECT_DGM_IR_DGMOPS_TD
#define DGM_DIALECT_DGM_IR_DGMOPS_TD

include "dgm/Dialect/DGM/IR/DGMAttributes.td"
include "dgm/Dialect/DGM/IR/DGMDialect.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"
include "mlir/IR/OpAsmInterface.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

//===----------------------------------------------------------------------===//
// Model structure
//===----------------------------------------------------------------------===//

def DGM_ModelOp : DGM_Op<"model", [
    HasParent<"::mlir::ModuleOp">, Symbol, SymbolTable, IsolatedFromAbove,
    SingleBlock, NoTerminator, NoRegionArguments
  ]> {
  let summary = "a process model: its declarations and its time step";
  let description = [{
    One model of a `.dgm` file. The body holds the declarations
    (`dgm.forcing`, `dgm.param`, `dgm.state`, `dgm.output`, in any order
    among themselves) followed by exactly one `dgm.step`. Declaration order
    within each kind is the model's order: it gives the step's block
    arguments, the order of the yielded values, and the indices of the
    C ABI (`dgm/abi.h`).

    `source` is the path of the `.dgm` file, copied into the descriptor.
    `step_seconds` is the length of a time step (the model's
    `step N UNIT;`); without it a step is one day (86400 s).

    ```mlir
    dgm.model @linear_reservoir source "linear_reservoir.dgm" {
      dgm.forcing @P : f64 {unit = "mm/d"}
      dgm.param @k : f64 {lower = 1.0e-3 : f64, upper = 1.0 : f64}
      dgm.state @S : f64 {init = 10.0 : f64, unit = "mm"}
      dgm.output @Q : f64 {unit = "mm/d"}
      dgm.step {
      ^bb0(%P: f64, %k: f64, %S: f64):
        %q = dgm.mul %k, %S : f64
        %in = dgm.add %S, %P : f64
        %s1 = dgm.sub %in, %q : f64
        dgm.yield %s1, %q : f64, f64
      }
    }
    ```
  }];

  let arguments = (ins SymbolNameAttr:$sym_name, OptionalAttr<StrAttr>:$source,
                       OptionalAttr<ConfinedAttr<I64Attr, [IntPositive]>>:$components,
                       OptionalAttr<ConfinedAttr<I64Attr, [IntPositive]>>:$step_seconds);
  let regions = (region SizedRegion<1>:$bodyRegion);
  let assemblyFormat = [{
    $sym_name (`source` $source^)? (`components` $components^)?
    (`step_seconds` $step_seconds^)? attr-dict-with-keyword $bodyRegion
  }];

  let skipDefaultBuilders = 1;
  let builders = [
    // Creates the model with its (empty) body block, so that getBody() can be
    // used at once. An empty `source` sets no attribute.
    OpBuilder<(ins "::llvm::StringRef":$name,
                   CArg<"::llvm::StringRef", "\"\"">:$source)>
  ];

  let extraClassDeclaration = [{
    /// The declarations of one kind, in model order.
    template <typename DeclOpT>
    auto getDecls() { return getBody()->getOps<DeclOpT>(); }

    /// The step of the model, or null when there is none (invalid IR).
    StepOp getStepOp();
    /// The basin outputs' computation, or null when the model has none.
    BasinOp getBasinOp();
    /// The symbol `name` of this model (a declaration or kernel), or null.
    ::mlir::Operation *lookupDecl(::llvm::StringRef name) {
      return ::mlir::SymbolTable::lookupSymbolIn(*this, name);
    }
  }];
  let hasRegionVerifier = 1;
}

/// Common shape of the four declarations: a symbol in a model with a scalar
/// float type, a unit and a description.
class DGM_DeclOp<string mnemonic, list<Trait> traits = []>
    : DGM_Op<mnemonic, !listconcat([Symbol, HasParent<"ModelOp">], traits)> {
  dag commonArgs = (ins SymbolNameAttr:$sym_name, TypeAttrOf<AnyFloat>:$type,
                        DefaultValuedStrAttr<StrAttr, "">:$unit,
                        DefaultValuedStrAttr<StrAttr, "">:$description);
  let arguments = commonArgs;
  let assemblyFormat = "$sym_name `:` $type attr-dict";
  let skipDefaultBuilders = 1;
  let builders = [
    OpBuilder<(ins "::llvm::StringRef":$name, "::mlir::Type":$type,
                   CArg<"::llvm::StringRef", "\"\"">:$unit,
                   CArg<"::llvm::StringRef", "\"\"">:$description)>
  ];
}

def DGM_ForcingOp : DGM_DeclOp<"forcing"> {
  let summary = "an input time series of the model";
  let description = [{
    A forcing has one value per basin and time step (e.g. precipitation).
    In the step it is a block argument; in the C ABI it is
    `forcings[index][step][basin]`.

    ```mlir
    dgm.forcing @P : f64 {unit = "mm/d", description = "precipitation"}
    ```
  }];
}

def DGM_ParamOp : DGM_DeclOp<"param"> {
  let summary = "a parameter, constant over a run";
  let description = [{
    A parameter has one value per basin and component (per basin with
    `shared`, or in a model without components), constant over a run, or
    one per step as well with `dynamic`. `lower` and `upper` (both or
    neither) bound it, with `lower < upper`; `default_value`, when given,
    lies in `[lower, upper]`. (Not `default`: ODS makes a C++ member of
    every attribute, and `default` is a C++ keyword.) Calibration and the
    runtime read them from the model descriptor; the simulation itself does
    not clamp parameters.

    ```mlir
    dgm.param @k : f64 {lower = 1.0e-3 : f64, upper = 1.0 : f64,
                        default_value = 5.0e-2 : f64, unit = "1/d"}
    ```
  }];
  let arguments = !con(commonArgs, (ins OptionalAttr<F64Attr>:$lower,
                                        OptionalAttr<F64Attr>:$upper,
                                        OptionalAttr<F64Attr>:$default_value,
                                        UnitAttr:$dynamic, UnitAttr:$shared));
  let builders = [
    OpBuilder<(ins "::llvm::StringRef":$name, "::mlir::Type":$type,
                   CArg<"::llvm::StringRef", "\"\"">:$unit,
                   CArg<"::llvm::StringRef", "\"\"">:$description,
                   CArg<"std::optional<double>", "std::nullopt">:$lower,
                   CArg<"std::optional<double>", "std::nullopt">:$upper,
                   CArg<"std::optional<double>", "std::nullopt">:$defaultValue)>
  ];
  let hasVerifier = 1;
}

def DGM_StateOp : DGM_DeclOp<"state", [
    IsolatedFromAbove,
    DeclareOpInterfaceMethods<OpAsmOpInterface, ["getAsmBlockArgumentNames"]>
  ]> {
  let summary = "a state carried from one time step to the next";
  let description = [{
    A state has one value per basin. `init` is its value before the first
    step (the default initial state of the C ABI; callers pass their own in
    `init_states[index][basin]`).

    An initial value computed from the parameters (`state S : mm = 0.5 *
    X1;`) is the `from_params` region instead: its block arguments are every
    parameter of the model in order, of which only static ones may be used,
    and it yields the initial value of one lane (basin and component). `init`
    is then the NaN of abi.h's DGM_MODEL_INITIAL_BITS, the descriptor's
    default value: the lowering evaluates the region for each lane whose
    `init_states` value has those bits, so a caller's own number (or a NaN
    state passed on from an earlier run) is used as it is.

    ```mlir
    dgm.state @S : f64 {init = 1.0e+01 : f64, unit = "mm"}
    dgm.state @S : f64 {init = 0x7FFC6D6000000000 : f64} from_params {
    ^bb0(%X1: f64):
      %half = dgm.constant 5.000000e-01 : f64
      %s0 = dgm.mul %half, %X1 : f64
      dgm.yield %s0 : f64
    }
    ```
  }];
  let arguments = !con(commonArgs, (ins F64Attr:$init));
  let regions = (region MaxSizedRegion<1>:$fromParams);
  let assemblyFormat =
      "$sym_name `:` $type attr-dict (`from_params` $fromParams^)?";
  let builders = [
    OpBuilder<(ins "::llvm::StringRef":$name, "::mlir::Type":$type,
                   "::llvm::StringRef":$unit, "::llvm::StringRef":$description,
                   "double":$init)>
  ];
  let extraClassDeclaration = [{
    /// Whether the initial value comes from the `from_params` region.
    bool hasInitFromParams() { return !getFromParams().empty(); }
  }];
  let hasRegionVerifier = 1;
}

def DGM_OutputOp : DGM_DeclOp<"output"> {
  let summary = "a value computed every time step";
  let description = [{
    An output has one value per time step, basin and component when the
    step computes it, or one per time step and basin with `basin`: then
    `dgm.basin` computes it after the step of all the basin's components.

    An `internal` output is computed by the step for `dgm.aggregate` in
    `dgm.basin` only: it is not one of the C ABI's outputs, and the lowering
    adds its values into each aggregate's running sum as the step runs
    instead of storing them.

    ```mlir
    dgm.output @Q : f64 {unit = "mm/d", description = "streamflow"}
    dgm.output @Qr : f64 {basin}
    dgm.output @Q0c : f64 {internal}
    ```
  }];
  let arguments = !con(commonArgs, (ins UnitAttr:$basin, UnitAttr:$internal));
  let hasVerifier = 1;
}

def DGM_StepOp : DGM_Op<"step", [
    HasParent<"ModelOp">, IsolatedFromAbove, SingleBlock,
    DeclareOpInterfaceMethods<OpAsmOpInterface, ["getAsmBlockArgumentNames"]>
  ]> {
  let summary = "one time step of the model";
  let description = [{
    The body computes one time step for one basin. Its block arguments are
    the model's forcings, then its parameters, then its states (each group
    in declaration order); it ends with a `dgm.yield` of the new states then
    the outputs (declaration order). The printer names the arguments after
    the declarations.

    The body is a pure function of its arguments (isolated from above), so a
    lowering can clone it into any loop nest, and a differentiation pass can
    transform it on its own.

    ```mlir
    dgm.step {
    ^bb0(%P: f64, %k: f64, %S: f64):
      %q = dgm.mul %k, %S : f64
      %s1 = dgm.sub %S, %q : f64
      dgm.yield %s1, %q : f64, f64
    }
    ```
  }];
  let regions = (region SizedRegion<1>:$bodyRegion);
  let assemblyFormat = "attr-dict-with-keyword $bodyRegion";
  let skipDefaultBuilders = 1;
  let builders = [
    // An empty region: the caller adds the block (see addEntryBlock()).
    OpBuilder<(ins), [{ $_state.addRegion(); }]>
  ];
  let extraClassDeclaration = [{
    /// Adds the entry block with one argument per forcing, parameter and
    /// state of the parent model (types and locations of the declarations).
    /// The step must already be inside its model and have no block.
    ::mlir::Block *addEntryBlock();

    /// The parent model.
    ModelOp getModel() { return ::llvm::cast<ModelOp>((*this)->getParentOp()); }

    /// The terminator of the body.
    YieldOp getYield();
  }];
  let hasRegionVerifier = 1;
}

def DGM_YieldOp : DGM_Op<"yield", [
    Pure, Terminator, ReturnLike,
    ParentOneOf<["StepOp", "KernelOp", "BasinOp", "StateOp"]>
  ]> {
  let summary = "ends a step, kernel, basin or initial-value region";
  let description = [{
    In a step: the model's new states then its outputs, each group in
    declaration order, with the declared types. In a kernel: one weight; in
    a basin: the basin outputs; in a state's from_params: its initial
    value.

    ```mlir
    dgm.yield %S1, %Q : f64, f64
    ```
  }];
  let arguments = (ins Variadic<AnyType>:$values);
  let assemblyFormat = "($values^ `:` type($values))? attr-dict";
  let builders = [OpBuilder<(ins), [{ build($_builder, $_state, {}); }]>];
  let hasVerifier = 1;
}

def DGM_KernelOp : DGM_Op<"kernel", [
    Symbol, HasParent<"ModelOp">, IsolatedFromAbove, SingleBlock
  ]> {
  let summary = "weights computed once per basin, for dgm.convolve";
  let description = [{
    `size` weights w[0..size) per basin, computed before the time loop. The
    body computes one weight: its block arguments are the index k (as a
    float) then every parameter of the model in order; only static shared
    parameters may be used. With `normalize` the weights are divided by
    their sum.

    ```mlir
    dgm.kernel @UH size 15 normalize {
    ^bb0(%k: f64, %a: f64):
      ...
      dgm.yield %w : f64
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name,
                       ConfinedAttr<I64Attr, [IntPositive]>:$size,
                       UnitAttr:$normalize);
  let regions = (region SizedRegion<1>:$bodyRegion);
  let assemblyFormat = [{
    $sym_name `size` $size (`normalize` $normalize^)? attr-dict-with-keyword
    $bodyRegion
  }];
  let hasRegionVerifier = 1;
}

def DGM_BasinOp : DGM_Op<"basin", [
    HasParent<"ModelOp">, IsolatedFromAbove, SingleBlock
  ]> {
  let summary = "the basin outputs of one time step";
  let description = [{
    Computes the outputs marked `basin`, for one basin and time step, after
    the step has run for all the basin's components. Its block arguments are
    the forcings then the parameters of the model (only shared ones may be
    used); it reads the components' outputs through `dgm.aggregate` and
    routes with `dgm.convolve`, and yields the basin outputs in declaration
    order.
  }];
  let regions = (region SizedRegion<1>:$bodyRegion);
  let assemblyFormat = "attr-dict-with-keyword $bodyRegion";
  let hasRegionVerifier = 1;
}

def DGM_AggregateOp : DGM_Op<"aggregate", [
    HasParent<"BasinOp">, Pure, DeclareOpInterfaceMethods<SymbolUserOpInterface>
  ]> {
  let summary = "combines the components' values of an output";
  let description = [{
    The mean or sum over the basin's components of `output` (computed in the
    step) at the current time step, or its mean weighted by the static
    parameter `weights`.

    ```mlir
    %q = dgm.aggregate mean @Q : f64
    %w = dgm.aggregate weighted_mean @Q weights @area : f64
    ```
  }];
  let arguments = (ins DGM_AggregateKindAttr:$kind, FlatSymbolRefAttr:$output,
                       OptionalAttr<FlatSymbolRefAttr>:$weights);
  let results = (outs AnyFloat:$result);
  let assemblyFormat = [{
    $kind $output (`weights` $weights^)? attr-dict `:` type($result)
  }];
}

def DGM_ConvolveOp : DGM_Op<"convolve", [
    ParentOneOf<["StepOp", "BasinOp"]>, Pure,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>
  ]> {
  let summary = "causal convolution of a series with a kernel";
  let description = [{
    `sum_k w[k] * x[t - k]` over the kernel's weights, where `x[t]` is the
    value `series` takes at step t (of this component in a `dgm.step`, of
    this basin in a `dgm.basin`) and values before the first step of the run
    count as 0. The lowering keeps the last `size` values in a ring buffer.

    ```mlir
    %qr = dgm.convolve %q, @UH : f64
    ```
  }];
  let arguments = (ins AnyFloat:$series, FlatSymbolRefAttr:$kernel);
  let results = (outs AnyFloat:$result);
  let hasVerifier = 1;
  let assemblyFormat = [{
    $series `,` $kernel attr-dict `:` type($series) `->` type($result)
  }];
}

//===----------------------------------------------------------------------===//
// Scalar operations
//===----------------------------------------------------------------------===//

def DGM_ConstantOp : DGM_Op<"constant", [
    ConstantLike, Pure, AllTypesMatch<["value", "result"]>
  ]> {
  let summary = "a float or boolean constant";
  let description = [{
    A floating-point constant (`FloatAttr`), a boolean (`true`, `false`) or,
    for vectorised code, a dense vector of either.

    ```mlir
    %c = dgm.constant 1.5 : f64
    %t = dgm.constant true
    ```
  }];
  let arguments = (ins TypedAttrInterface:$value);
  let results = (outs AnyTypeOf<[DGM_FloatLike, DGM_BoolLike]>:$result);
  let assemblyFormat = "attr-dict $value";
  let builders = [
    OpBuilder<(ins "::mlir::FloatAttr":$value), [{
      build($_builder, $_state, value.getType(), value);
    }]>,
    OpBuilder<(ins "::mlir::Type":$type, "double":$value), [{
      build($_builder, $_state, type, $_builder.getFloatAttr(type, value));
    }]>,
    OpBuilder<(ins "bool":$value), [{
      build($_builder, $_state, $_builder.getI1Type(),
            $_builder.getBoolAttr(value));
    }]>
  ];
  let extraClassDeclaration = [{
    /// Whether `value` can be the value of a dgm.constant: a FloatAttr, a
    /// BoolAttr, or a dense vector of floats or booleans.
    static bool isValidValue(::mlir::TypedAttr value);
  }];
  let hasFolder = 1;
  let hasVerifier = 1;
}

/// A pure elementwise operation on floats; `mnemonic` names it in the IR.
class DGM_FloatOp<string mnemonic, list<Trait> traits = []>
    : DGM_Op<mnemonic, !listconcat([Pure, SameOperandsAndResultType],
                                   traits)> {
  let results = (outs DGM_FloatLike:$result);
  let hasFolder = 1;
}

class DGM_BinaryFloatOp<string mnemonic, list<Trait> traits = []>
    : DGM_FloatOp<mnemonic, traits> {
  let arguments = (ins DGM_FloatLike:$lhs, DGM_FloatLike:$rhs);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($result)";
}

class DGM_UnaryFloatOp<string mnemonic, list<Trait> traits = []>
    : DGM_FloatOp<mnemonic, traits> {
  let arguments = (ins DGM_FloatLike:$operand);
  let assemblyFormat = "$operand attr-dict `:` type($result)";
}

// The descriptions state the IEEE semantics the lowering must keep and the
// folders must respect: no fast-math reassociation, NaN propagates.

def DGM_AddOp : DGM_BinaryFloatOp<"add", [Commutative]> {
  let summary = "floating-point addition";
  let description = [{
    `lhs + rhs`, IEEE 754 (lowers to `arith.addf`). Folds constants and
    `x + (-0.0)`; `x + 0.0` is not folded, since it turns `-0.0` into `+0.0`.
  }];
}

def DGM_SubOp : DGM_BinaryFloatOp<"sub"> {
  let summary = "floating-point subtraction";
  let description = [{
    `lhs - rhs`, IEEE 754 (lowers to `arith.subf`). Folds constants and
    `x - 0.0`.
  }];
}

def DGM_MulOp : DGM_BinaryFloatOp<"mul", [Commutative]> {
  let summary = "floating-point multiplication";
  let description = [{
    `lhs * rhs`, IEEE 754 (lowers to `arith.mulf`). Folds constants and
    `x * 1.0`; `x * 0.0` is not folded (it is NaN for infinite or NaN `x`,
    and `-0.0` for negative `x`).
  }];
}

def DGM_DivOp : DGM_BinaryFloatOp<"div"> {
  let summary = "floating-point division";
  let description = [{
    `lhs / rhs`, IEEE 754 (lowers to `arith.divf`): division by zero gives
    an infinity or NaN, not an error. Folds constants and `x / 1.0`.
  }];
}

def DGM_PowOp : DGM_BinaryFloatOp<"pow"> {
  let summary = "power";
  let description = [{
    `lhs` raised to `rhs`, as C `pow` (lowers to `math.powf`, which
    dgm-expand-pow turns into inline code): a negative base with a
    non-integer exponent gives NaN. Folds constants of f32/f64 (with libm's
    `pow`, so a folded value may differ from the compiled one by a few ulp)
    and `x ^ 1.0`.
  }];
}

def DGM_MinOp : DGM_BinaryFloatOp<"min", [Commutative]> {
  let summary = "minimum, propagating NaN";
  let description = [{
    IEEE 754-2019 `minimum` (lowers to `arith.minimumf`): NaN if either
    operand is NaN, and `-0.0 < +0.0`. Unlike C `fmin`, a NaN is never
    dropped, so a bad value cannot hide in a bucket model. Folds constants.
  }];
}

def DGM_MaxOp : DGM_BinaryFloatOp<"max", [Commutative]> {
  let summary = "maximum, propagating NaN";
  let description = [{
    IEEE 754-2019 `maximum` (lowers to `arith.maximumf`): NaN if either
    operand is NaN, and `-0.0 < +0.0`. Folds constants.
  }];
}

def DGM_ClampOp : DGM_FloatOp<"clamp"> {
  let summary = "clamp to an interval";
  let description = [{
    `clamp(x, lo, hi) = min(max(x, lo), hi)` with the NaN-propagating
    `dgm.min`/`dgm.max`; when `lo > hi` the result is `hi`. Kept as one
    operation (rather than expanded by MLIRGen) so that the differentiation
    pass can give it its own derivative rule (0 outside `[lo, hi]`).

    ```mlir
    %y = dgm.clamp %x, %lo, %hi : f64
    ```
  }];
  let arguments = (ins DGM_FloatLike:$x, DGM_FloatLike:$lo, DGM_FloatLike:$hi);
  let assemblyFormat = "$x `,` $lo `,` $hi attr-dict `:` type($result)";
}

def DGM_NegOp : DGM_UnaryFloatOp<"neg"> {
  let summary = "negation";
  let description = [{
    `-x`: flips the sign bit (lowers to `arith.negf`), so `-(0.0)` is
    `-0.0`. Folds constants and `-(-x)`.
  }];
}

def DGM_ExpOp : DGM_UnaryFloatOp<"exp"> {
  let summary = "exponential";
  let description = [{
    `e^x` (lowers to `math.exp`). Folds f32/f64 constants.
  }];
}

def DGM_LogOp : DGM_UnaryFloatOp<"log"> {
  let summary = "natural logarithm";
  let description = [{
    `ln(x)` (lowers to `math.log`): `-inf` at 0, NaN below. Folds f32/f64
    constants.
  }];
}

def DGM_SqrtOp : DGM_UnaryFloatOp<"sqrt"> {
  let summary = "square root";
  let description = [{
    `sqrt(x)`, correctly rounded (lowers to `math.sqrt`): NaN below 0,
    `sqrt(-0.0) = -0.0`. Folds f32/f64 constants.
  }];
}

def DGM_AbsOp : DGM_UnaryFloatOp<"abs"> {
  let summary = "absolute value";
  let description = [{
    `|x|`: clears the sign bit (lowers to `math.absf`). Folds constants.
  }];
}

def DGM_FloorOp : DGM_UnaryFloatOp<"floor"> {
  let summary = "largest integer not above x";
  let description = [{ Lowers to `math.floor`. Folds constants. }];
}

def DGM_LgammaOp : DGM_UnaryFloatOp<"lgamma"> {
  let summary = "log of the absolute value of the gamma function";
  let description = [{
    `ln|Γ(x)|`, as C's `lgamma` (lowers to a call of libm's `lgamma` /
    `lgammaf`). Folds constants.
  }];
}

def DGM_TanhOp : DGM_UnaryFloatOp<"tanh"> {
  let summary = "hyperbolic tangent";
  let description = [{
    Lowers to a call of libm's `tanh` / `tanhf`. Folds constants.
  }];
}

def DGM_Expm1Op : DGM_UnaryFloatOp<"expm1"> {
  let summary = "exp(x) - 1, accurate for small x";
  let description = [{
    `e^x - 1` without the cancellation of `exp(x) - 1` near 0: the fraction
    of a store that drains in a step, `-expm1(-k * dt)`, keeps its digits
    for small `k * dt`. Lowers to a call of libm's `expm1` / `expm1f`
    (vectorised with libmvec). Folds constants.
  }];
}

def DGM_Log1pOp : DGM_UnaryFloatOp<"log1p"> {
  let summary = "log(1 + x), accurate for small x";
  let description = [{
    `ln(1 + x)` without the rounding of `1 + x` near 0. Lowers to a call of
    libm's `log1p` / `log1pf` (vectorised with libmvec). Folds constants.
  }];
}

def DGM_SinOp : DGM_UnaryFloatOp<"sin"> {
  let summary = "sine (radians)";
  let description = [{ Lowers to `math.sin`. Folds constants. }];
}

def DGM_CosOp : DGM_UnaryFloatOp<"cos"> {
  let summary = "cosine (radians)";
  let description = [{ Lowers to `math.cos`. Folds constants. }];
}

def DGM_TanOp : DGM_UnaryFloatOp<"tan"> {
  let summary = "tangent (radians)";
  let description = [{ Lowers to a call of libm's `tan`. Folds constants. }];
}

def DGM_AcosOp : DGM_UnaryFloatOp<"acos"> {
  let summary = "arc cosine, in [0, pi]";
  let description = [{
    NaN outside [-1, 1]. Lowers to a call of libm's `acos`. Folds constants.
  }];
}

def DGM_CmpOp : DGM_Op<"cmp", [
    Pure, SameTypeOperands,
    TypesMatchWith<"result is i1 with the shape of the operands", "lhs",
                   "result", "::dgm::getI1SameShape($_self)">
  ]> {
  let summary = "floating-point comparison";
  let description = [{
    Compares two floats with the semantics of C: `lt le gt ge eq` are false
    when an operand is NaN and `ne` is true (`arith.cmpf` with `olt ole ogt
    oge oeq une`). The result is `i1` (a vector of `i1` for vectors). Folds
    constants. Comparisons have no derivative; the differentiation pass
    treats them as constants.

    ```mlir
    %c = dgm.cmp lt, %a, %b : f64
    ```
  }];
  let arguments = (ins DGM_CmpPredicateAttr:$predicate, DGM_FloatLike:$lhs,
                       DGM_FloatLike:$rhs);
  let results = (outs DGM_BoolLike:$result);
  // custom<>: the enum attribute's own printer would add a second space.
  let assemblyFormat = [{
    custom<CmpPredicate>($predicate) `,` $lhs `,` $rhs attr-dict `:` type($lhs)
  }];
  let hasFolder = 1;
}

def DGM_SelectOp : DGM_Op<"select", [
    Pure, AllTypesMatch<["true_value", "false_value", "result"]>,
    TypesMatchWith<"condition is i1 with the shape of the result", "result",
                   "condition", "::dgm::getI1SameShape($_self)">
  ]> {
  let summary = "choice between two values";
  let description = [{
    `condition ? true_value : false_value` (lowers to `arith.select`); the
    `if c then a else b` of the language. Both values are computed (the
    operations are pure), so a NaN in the branch not taken does not leak;
    the differentiation pass sends the adjoint only to the chosen branch.
    Folds a constant condition and equal branches.

    ```mlir
    %r = dgm.select %c, %a, %b : f64
    ```
  }];
  let arguments = (ins DGM_BoolLike:$condition,
                       AnyTypeOf<[DGM_FloatLike, DGM_BoolLike]>:$true_value,
                       AnyTypeOf<[DGM_FloatLike, DGM_BoolLike]>:$false_value);
  let results = (outs AnyTypeOf<[DGM_FloatLike, DGM_BoolLike]>:$result);
  let assemblyFormat = [{
    $condition `,` $true_value `,` $false_value attr-dict `:` type($result)
  }];
  let hasFolder = 1;
}

class DGM_BoolOp<string mnemonic, list<Trait> traits = []>
    : DGM_Op<mnemonic, !listconcat([Pure, SameOperandsAndResultType],
                                   traits)> {
  let results = (outs DGM_BoolLike:$result);
  let hasFolder = 1;
}

def DGM_AndOp : DGM_BoolOp<"and", [Commutative]> {
  let summary = "boolean and";
  let description = [{
    Both operands are evaluated (no short circuit: they are pure). Folds
    constants, `x and true` and `x and false`.
  }];
  let arguments = (ins DGM_BoolLike:$lhs, DGM_BoolLike:$rhs);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($result)";
}

def DGM_OrOp : DGM_BoolOp<"or", [Commutative]> {
  let summary = "boolean or";
  let description = [{
    Both operands are evaluated (no short circuit: they are pure). Folds
    constants, `x or false` and `x or true`.
  }];
  let arguments = (ins DGM_BoolLike:$lhs, DGM_BoolLike:$rhs);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($result)";
}

def DGM_NotOp : DGM_BoolOp<"not"> {
  let summary = "boolean negation";
  let description = [{
    Folds constants and `not not x`.
  }];
  let arguments = (ins DGM_BoolLike:$operand);
  let assemblyFormat = "$operand attr-dict `:` type($result)";
}

//===----------------------------------------------------------------------===//
// Model descriptor
//===----------------------------------------------------------------------===//

def DGM_DescriptorOp : DGM_Op<"descriptor", [
    HasParent<"::mlir::ModuleOp">,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>
  ]> {
  let summary = "what dgm_get_model() returns, before it becomes globals";
  let description = [{
    Left by `convert-dgm-to-standard` in place of a `dgm.model`: the model's
    name, the `.dgm` file it came from, its simulate function and one
    `#dgm.variable` per forcing, parameter, state and output (within a kind,
    `index` counts 0, 1, ... in order). `convert-dgm-to-llvm` turns it into
    the `dgm_model` / `dgm_variable` constants of `dgm/abi.h`.
    `step_seconds` (default one day, 86400) is the model's time step, from
    1 s to 2^31 - 1 s (the ABI's int32).

    ```mlir
    dgm.descriptor "linear_reservoir" source "lr.dgm"
        simulate @linear_reservoir_simulate variables [
      #dgm.variable<forcing "P", index = 0, unit = "mm/d">,
      #dgm.variable<param "k", index = 0, lower = 1.000000e-03,
                    upper = 1.000000e+00>,
      #dgm.variable<state "S", index = 0, default_value = 1.000000e+01>,
      #dgm.variable<output "Q", index = 0>
    ]
    ```
  }];
  let arguments = (ins StrAttr:$model_name,
                       DefaultValuedStrAttr<StrAttr, "">:$source,
                       DefaultValuedAttr<I64Attr, "0">:$components,
                       DefaultValuedAttr<I64Attr, "64">:$scalar_bits,
                       FlatSymbolRefAttr:$simulate,
                       TypedArrayAttrBase<DGM_VariableAttr,
                                          "model variables">:$variables,
                       DefaultValuedAttr<I64Attr, "86400">:$step_seconds);
  let assemblyFormat = [{
    $model_name (`source` $source^)? (`components` $components^)?
    (`scalar_bits` $scalar_bits^)? (`step_seconds` $step_seconds^)?
    `simulate` $simulate
    `variables` custom<VariableList>($variables) attr-dict
  }];
  let extraClassDeclaration = [{
    /// The variables of one kind, in index order.
    ::llvm::SmallVector<VariableAttr> getVariablesOfKind(VarKind kind);
  }];
  let hasVerifier = 1;
}

#endif // DGM_DIALECT_DGM_IR_DGMOPS_TD
