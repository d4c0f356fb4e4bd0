//===- DGMAttributes.td - dgm enums and attributes ---------*- tablegen -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The comparison predicate of `dgm.cmp` and the `#dgm.variable` attribute that
// `dgm.descriptor` uses to describe one variable of a compiled model.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_DIALECT_DGM_IR_DGMATTRIBUTES_TD
#define DGM_DIALECT_DGM_IR_DGMATTRIBUTES_TD

include "dgm/Dialect/DGM/IR/DGMDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

//===----------------------------------------------------------------------===//
// Enums
//===----------------------------------------------------------------------===//

def DGM_CmpPredicate : I32Enum<"CmpPredicate",
    "a comparison of two floats (ordered, except `ne`)", [
      I32EnumCase<"lt", 0>,
      I32EnumCase<"le", 1>,
      I32EnumCase<"gt", 2>,
      I32EnumCase<"ge", 3>,
      I32EnumCase<"eq", 4>,
      I32EnumCase<"ne", 5>
    ]> {
  let cppNamespace = "::dgm";
  let description = [{
    As in C: `lt le gt ge eq` are false when an operand is NaN (ordered
    comparisons, `arith.cmpf olt/ole/ogt/oge/oeq`) and `ne` is true when an
    operand is NaN (unordered, `arith.cmpf une`), so `ne` is exactly `not eq`.
  }];
}

def DGM_CmpPredicateAttr
    : EnumAttr<DGM_Dialect, DGM_CmpPredicate, "cmp_predicate">;

def DGM_AggregateKind : I32Enum<"AggregateKind",
    "how a basin output combines the values of its components", [
      I32EnumCase<"mean", 0>,
      I32EnumCase<"sum", 1>,
      I32EnumCase<"weighted_mean", 2>
    ]> {
  let cppNamespace = "::dgm";
}

def DGM_AggregateKindAttr
    : EnumAttr<DGM_Dialect, DGM_AggregateKind, "aggregate_kind">;

// The values are those of `dgm_var_kind` in runtime/include/dgm/abi.h.
def DGM_VarKind : I32Enum<"VarKind", "the role of a model variable", [
      I32EnumCase<"forcing", 0>,
      I32EnumCase<"param", 1>,
      I32EnumCase<"state", 2>,
      I32EnumCase<"output", 3>
    ]> {
  let cppNamespace = "::dgm";
}

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

/// An IEEE double printed and parsed exactly (hexadecimal for inf and NaN).
class DGM_F64Parameter<string value, string desc>
    : DefaultValuedParameter<"::llvm::APFloat", value, desc> {
  let comparator = "$_lhs.bitwiseIsEqual($_rhs)";
  let printer = "$_printer.printFloat($_self)";
  let parser = [{[&]() -> ::mlir::FailureOr<::llvm::APFloat> {
    ::llvm::APFloat value(0.0);
    if (::mlir::failed($_parser.parseFloat(::llvm::APFloat::IEEEdouble(),
                                          value)))
      return ::mlir::failure();
    return value;
  }()}];
}

def DGM_VariableAttr : AttrDef<DGM_Dialect, "Variable"> {
  let mnemonic = "variable";
  let summary = "one variable of a compiled model, as `dgm_variable` in abi.h";
  let description = [{
    Everything `dgm/abi.h` says about one forcing, parameter, state or output:
    its kind, its position among the variables of that kind, its unit and
    description (empty when the model gives none), and three doubles whose
    defaults are those of the ABI: `lower` (-inf), `upper` (+inf) and
    `default_value` (NaN; the default of a parameter, the initial value of a
    state).

    ```mlir
    #dgm.variable<param "k", index = 0, unit = "1/d",
                  lower = 1.000000e-03, upper = 1.000000e+00,
                  default_value = 5.000000e-02>
    ```
  }];
  let parameters = (ins
    EnumParameter<DGM_VarKind>:$kind,
    StringRefParameter<"the variable's name">:$name,
    "unsigned":$index,
    StringRefParameter<"the unit as written in the model", "\"\"">:$unit,
    StringRefParameter<"the model's description", "\"\"">:$description,
    DGM_F64Parameter<"::dgm::detail::negInf()", "lower bound">:$lower,
    DGM_F64Parameter<"::dgm::detail::posInf()", "upper bound">:$upper,
    DGM_F64Parameter<"::dgm::detail::quietNaN()",
                     "default or initial value">:$default_value,
    DefaultValuedParameter<"unsigned", "0",
                           "DGM_PER_COMPONENT | DGM_DYNAMIC">:$flags
  );
  let assemblyFormat = [{
    `<` $kind $name `,` struct($index, $unit, $description, $lower, $upper,
                               $default_value, $flags) `>`
  }];
}

#endif // DGM_DIALECT_DGM_IR_DGMATTRIBUTES_TD
