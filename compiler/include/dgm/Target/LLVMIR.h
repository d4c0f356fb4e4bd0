//===- LLVMIR.h - From the LLVM dialect to optimised LLVM IR ----*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_TARGET_LLVMIR_H
#define DGM_TARGET_LLVMIR_H

#include "mlir/IR/BuiltinOps.h"

#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Triple.h"

#include <memory>
#include <string>

namespace dgm {

/// A TargetMachine for the host's architecture, emitting position-
/// independent code for shared libraries: for the host's own CPU and
/// features when `cpu` is "native", else for the CPU LLVM calls `cpu`
/// ("x86-64-v3", "znver4", ...: a library that runs on other machines).
/// Null and `error` set when the target or the CPU is not available.
std::unique_ptr<llvm::TargetMachine>
createHostTargetMachine(unsigned optLevel, std::string &error,
                        llvm::StringRef cpu = "native");

/// Translates a module in the LLVM dialect to LLVM IR for `targetMachine` and
/// runs LLVM's -O<optLevel> pipeline on it. Null and `error` set on failure.
/// Whether compiled models call glibc's vector math library (libmvec) and
/// link it: on x86-64 Linux.
bool usesVectorMathLibrary(const llvm::Triple &triple);

/// What the loop vectorizer may call for the math functions of `triple`
/// and the CPU of `subtarget`: glibc's vector versions (libmvec) at the
/// widths that CPU has (VectorMathLibrary.cpp), on x86-64 Linux; none
/// elsewhere.
llvm::TargetLibraryInfoImpl
vectorMathLibraryInfo(const llvm::Triple &triple,
                      const llvm::MCSubtargetInfo &subtarget);

std::unique_ptr<llvm::Module>
translateAndOptimize(mlir::ModuleOp module, llvm::LLVMContext &context,
                     llvm::TargetMachine &targetMachine, unsigned optLevel,
                     std::string &error);

} // namespace dgm

#endif // DGM_TARGET_LLVMIR_H
