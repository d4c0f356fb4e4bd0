//===- ObjectFile.h - Object files and shared libraries ---------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_TARGET_OBJECTFILE_H
#define DGM_TARGET_OBJECTFILE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/IR/Module.h"
#include "llvm/Target/TargetMachine.h"

#include <string>

namespace dgm {

/// Writes `module` as a relocatable object file to `path`.
bool emitObjectFile(llvm::Module &module, llvm::TargetMachine &targetMachine,
                    llvm::StringRef path, std::string &error);

/// Links `objectPath` into the shared library `outputPath` with clang-22
/// (`$DGM_CLANG` overrides the path found at build time).
bool linkSharedLibrary(llvm::StringRef objectPath, llvm::StringRef outputPath,
                       std::string &error);

} // namespace dgm

#endif // DGM_TARGET_OBJECTFILE_H
