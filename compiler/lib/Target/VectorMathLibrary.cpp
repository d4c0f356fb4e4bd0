//===- VectorMathLibrary.cpp - libmvec for the loop vectorizer ------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Which vector versions of math functions the loop vectorizer may call, by
// the CPU the code is for. glibc's libmvec has each function at four widths,
// one per instruction set ('b' SSE4, 'c' AVX, 'd' AVX2, 'e' AVX-512; the
// names follow the x86 vector function ABI). A library may only call those
// its CPU has: a call of an AVX2 version on a CPU without AVX2 is an illegal
// instruction, and its ymm arguments would not even be passed right.
//
// LLVM's own LIBMVEC table has the SSE and AVX2 versions of sin, cos, exp,
// log and pow, and offers both whatever the CPU: it is used only when the CPU
// has AVX2. A CPU without gets the SSE versions alone (below). AVX-512 adds
// the widest versions, which LLVM's table lacks and which are about twice as
// fast again. tanh, expm1 and log1p, which glibc 2.35 added to libmvec and
// LLVM's table does not know, are added at each width the CPU allows
// (LLVMIR.cpp declares their scalar versions free of side effects, so that
// the vectorizer may replace them).
//
//===----------------------------------------------------------------------===//

#include "dgm/Target/LLVMIR.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/MC/MCSubtargetInfo.h"

using namespace llvm;

namespace {
/// One function at one width: scalar name, vector name, lanes, and whether
/// it takes two arguments (pow).
VecDesc entry(StringRef scalar, StringRef vector, unsigned lanes,
              bool twoArgs = false) {
  static const char *const oneArg[] = {"_ZGV_LLVM_N2v", "_ZGV_LLVM_N4v",
                                       "_ZGV_LLVM_N8v", "_ZGV_LLVM_N16v"};
  static const char *const pair[] = {"_ZGV_LLVM_N2vv", "_ZGV_LLVM_N4vv",
                                     "_ZGV_LLVM_N8vv", "_ZGV_LLVM_N16vv"};
  unsigned slot = lanes == 2 ? 0 : lanes == 4 ? 1 : lanes == 8 ? 2 : 3;
  return {scalar, vector, ElementCount::getFixed(lanes), false,
          twoArgs ? pair[slot] : oneArg[slot], std::nullopt};
}

/// SSE4 ('b'): 2 doubles, 4 floats. Used instead of LLVM's table on a CPU
/// without AVX2.
const VecDesc sseFunctions[] = {
    entry("llvm.exp.f64", "_ZGVbN2v_exp", 2),
    entry("llvm.log.f64", "_ZGVbN2v_log", 2),
    entry("llvm.pow.f64", "_ZGVbN2vv_pow", 2, true),
    entry("llvm.sin.f64", "_ZGVbN2v_sin", 2),
    entry("llvm.cos.f64", "_ZGVbN2v_cos", 2),
    entry("llvm.exp.f32", "_ZGVbN4v_expf", 4),
    entry("llvm.log.f32", "_ZGVbN4v_logf", 4),
    entry("llvm.pow.f32", "_ZGVbN4vv_powf", 4, true),
    entry("llvm.sin.f32", "_ZGVbN4v_sinf", 4),
    entry("llvm.cos.f32", "_ZGVbN4v_cosf", 4),
};

/// AVX-512 ('e'): 8 doubles, 16 floats.
const VecDesc avx512Functions[] = {
    entry("llvm.pow.f64", "_ZGVeN8vv_pow", 8, true),
    entry("llvm.exp.f64", "_ZGVeN8v_exp", 8),
    entry("llvm.log.f64", "_ZGVeN8v_log", 8),
    entry("llvm.pow.f32", "_ZGVeN16vv_powf", 16, true),
    entry("llvm.exp.f32", "_ZGVeN16v_expf", 16),
    entry("llvm.log.f32", "_ZGVeN16v_logf", 16),
};

/// tanh, expm1 and log1p at the widths of `isa` ('b', 'd' or 'e').
void addLibmCalls(TargetLibraryInfoImpl &info, char isa) {
  unsigned f64Lanes = isa == 'b' ? 2 : isa == 'd' ? 4 : 8;
  for (StringRef name : {"tanh", "expm1", "log1p"}) {
    std::string f64 = "_ZGV" + std::string(1, isa) + "N" +
                      std::to_string(f64Lanes) + "v_" + name.str();
    std::string f32 = "_ZGV" + std::string(1, isa) + "N" +
                      std::to_string(2 * f64Lanes) + "v_" + name.str() + "f";
    // VecDesc keeps StringRefs: the names must outlive it.
    static StringSet<> names;
    StringRef f64Name = names.insert(f64).first->getKey();
    StringRef f32Name = names.insert(f32).first->getKey();
    StringRef scalar64 = names.insert(name).first->getKey();
    StringRef scalar32 = names.insert(name.str() + "f").first->getKey();
    info.addVectorizableFunctions(
        {entry(scalar64, f64Name, f64Lanes), entry(scalar32, f32Name, 2 * f64Lanes)});
  }
}
} // namespace

TargetLibraryInfoImpl
dgm::vectorMathLibraryInfo(const Triple &triple,
                           const MCSubtargetInfo &subtarget) {
  if (!usesVectorMathLibrary(triple))
    return TargetLibraryInfoImpl(triple, VectorLibrary::NoLibrary);
  bool avx2 = subtarget.checkFeatures("+avx2");
  bool avx512 = subtarget.checkFeatures("+avx512f");
  TargetLibraryInfoImpl info(triple, avx2 ? VectorLibrary::LIBMVEC
                                          : VectorLibrary::NoLibrary);
  if (!avx2) {
    // SSE4.1 is what libmvec's 'b' versions need (x86-64-v2).
    if (subtarget.checkFeatures("+sse4.1")) {
      info.addVectorizableFunctions(sseFunctions);
      addLibmCalls(info, 'b');
    }
    return info;
  }
  addLibmCalls(info, 'd');
  if (avx512) {
    info.addVectorizableFunctions(avx512Functions);
    addLibmCalls(info, 'e');
  }
  return info;
}
