//===- Passes.h - dgm passes on upstream dialects ---------------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// dgm::createExpandPowPass()   dgm-expand-pow   (see Passes.td)
// and dgm::registerDGMTransformsPasses() for pass pipeline parsers.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_TRANSFORMS_PASSES_H
#define DGM_TRANSFORMS_PASSES_H

#include "mlir/Pass/Pass.h"

namespace dgm {

#define GEN_PASS_DECL
#include "dgm/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "dgm/Transforms/Passes.h.inc"

} // namespace dgm

#endif // DGM_TRANSFORMS_PASSES_H
