//===- dgm-opt.cpp - mlir-opt for dgm -------------------------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Parses MLIR containing the dgm dialect, runs the passes named on the
// command line and prints the result, e.g.
//   dgm-opt --convert-dgm-to-standard model.mlir
//
//===----------------------------------------------------------------------===//

#include "dgm/InitAllDialects.h"
#include "dgm/InitAllPasses.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  dgm::registerAllDialects(registry);
  dgm::registerAllPasses();
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "dgm modular optimizer driver\n", registry));
}
