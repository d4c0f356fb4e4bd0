//===- CodeSize.h - Sizes the front end and the lowering agree on -*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Sema counts the operations a model expands to (its limit keeps compiles
// short); the lowering decides how that code is shaped. Where the shape
// changes the count, both read it from here.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_SUPPORT_CODESIZE_H
#define DGM_SUPPORT_CODESIZE_H

#include <cstdint>

namespace dgm {

/// Convolutions with at most this many weights are unrolled, which keeps the
/// lane loop innermost (vectorizable); longer ones are a loop over the
/// weights, a handful of operations whatever the kernel's length.
constexpr int64_t kMaxUnrolledKernel = 32;

/// The operations one `convolve` with `weights` weights lowers to: a
/// multiply and an add per weight when unrolled, else the loop's body and
/// its bookkeeping.
constexpr uint64_t convolveOperations(int64_t weights) {
  return weights <= kMaxUnrolledKernel ? 2 * static_cast<uint64_t>(weights)
                                       : 8;
}

} // namespace dgm

#endif // DGM_SUPPORT_CODESIZE_H
