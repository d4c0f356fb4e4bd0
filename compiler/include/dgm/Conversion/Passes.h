//===- Passes.h - dgm conversion passes -------------------------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The passes that lower the dgm dialect (see Passes.td):
//   dgm::createConvertDGMToStandardPass()   convert-dgm-to-standard
//   dgm::createConvertDGMToLLVMPass()       convert-dgm-to-llvm
// and dgm::registerDGMConversionPasses() to make them known to a pass
// pipeline parser (dgm-opt, dgmc --pass-pipeline).
//
//===----------------------------------------------------------------------===//

#ifndef DGM_CONVERSION_PASSES_H
#define DGM_CONVERSION_PASSES_H

#include "dgm/Conversion/DGMToLLVM/DGMToLLVM.h"
#include "dgm/Conversion/DGMToStandard/DGMToStandard.h"

#include "mlir/Pass/Pass.h"

namespace dgm {

#define GEN_PASS_DECL
#include "dgm/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "dgm/Conversion/Passes.h.inc"

} // namespace dgm

#endif // DGM_CONVERSION_PASSES_H
