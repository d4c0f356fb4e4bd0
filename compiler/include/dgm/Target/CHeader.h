//===- CHeader.h - A C header for a compiled model --------------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_TARGET_CHEADER_H
#define DGM_TARGET_CHEADER_H

#include "dgm/AST/AST.h"

#include "llvm/Support/raw_ostream.h"

namespace dgm {

/// The first line of every header dgmc writes (dgmc only overwrites files
/// that start with it, unless told to with --force).
extern const char kGeneratedHeaderMarker[];

/// Writes a self-contained C header for the library compiled from `model`
/// (which passed Sema): the ABI of runtime/include/dgm/abi.h, the indices of
/// every variable, and the model's entry points.
/// `scalarBits` 32 declares the arrays of the simulate entry as float.
void emitCHeader(const ast::ModelDecl &model, llvm::raw_ostream &os,
                 unsigned scalarBits = 64);

/// The C symbol of the simulate entry of `modelName`.
std::string simulateSymbol(llvm::StringRef modelName);

} // namespace dgm

#endif // DGM_TARGET_CHEADER_H
