//===- DGMDialect.td - The dgm dialect ---------------------*- tablegen -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The dialect definition, the base class of its operations and the type
// constraints the operations share.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_DIALECT_DGM_IR_DGMDIALECT_TD
#define DGM_DIALECT_DGM_IR_DGMDIALECT_TD

include "mlir/IR/OpBase.td"

def DGM_Dialect : Dialect {
  let name = "dgm";
  let cppNamespace = "::dgm";
  let summary = "Differentiable process models (hydrological bucket models)";
  let description = [{
    The `dgm` dialect is what MLIRGen makes from a `.dgm` model file. A
    `dgm.model` holds the model's declarations (forcings, parameters, states,
    outputs) and one `dgm.step` region that computes the new states and the
    outputs of one time step from the forcings, the parameters and the old
    states, using scalar operations (`dgm.add`, `dgm.exp`, `dgm.cmp`, ...).

    Design for what comes next:
    - a compile-time differentiation pass will give every scalar operation a
      derivative rule (an op interface);
    - vectorisation over basins will turn the element type `f64` into
      `vector<Nxf64>`, so the scalar operations already accept vectors of
      floats (and `i1` vectors for the boolean ones);
    - neural-network operations will join the dialect.

    `convert-dgm-to-standard` lowers a model to a C-callable `func.func` (the
    simulate entry of `dgm/abi.h`) plus a `dgm.descriptor`, and
    `convert-dgm-to-llvm` turns that descriptor into the `dgm_model` globals.
  }];
  let hasConstantMaterializer = 1;
  let useDefaultAttributePrinterParser = 1;
  let extraClassDeclaration = [{
  private:
    /// Registers the attributes (DGMAttributes.cpp, next to their storage).
    void registerAttributes();

  public:
  }];
}

/// Base class of every dgm operation.
class DGM_Op<string mnemonic, list<Trait> traits = []>
    : Op<DGM_Dialect, mnemonic, traits>;

/// A scalar float or, after vectorisation over basins, a vector of floats.
def DGM_FloatLike : AnyTypeOf<[AnyFloat, VectorOfAnyRankOf<[AnyFloat]>],
                              "floating-point or vector of floating-point">;

/// A boolean or, after vectorisation over basins, a vector of booleans.
def DGM_BoolLike : AnyTypeOf<[I1, VectorOfAnyRankOf<[I1]>],
                             "i1 or vector of i1">;

#endif // DGM_DIALECT_DGM_IR_DGMDIALECT_TD
