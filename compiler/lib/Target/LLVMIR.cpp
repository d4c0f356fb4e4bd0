//===- LLVMIR.cpp - From the LLVM dialect to optimised LLVM IR ------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "dgm/Target/LLVMIR.h"

#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"
#include "llvm/TargetParser/Triple.h"

using namespace dgm;

static llvm::CodeGenOptLevel toCodeGenOptLevel(unsigned optLevel) {
  switch (optLevel) {
  case 0:
    return llvm::CodeGenOptLevel::None;
  case 1:
    return llvm::CodeGenOptLevel::Less;
  case 2:
    return llvm::CodeGenOptLevel::Default;
  default:
    return llvm::CodeGenOptLevel::Aggressive;
  }
}

std::unique_ptr<llvm::TargetMachine>
dgm::createHostTargetMachine(unsigned optLevel, std::string &error) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();

  llvm::Triple triple(llvm::sys::getProcessTriple());
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return nullptr;

  // Compile for the CPU we run on: a model library is built where it is
  // used (dgm run caches it per machine), so AVX and FMA are fair game.
  llvm::SubtargetFeatures features;
  for (const auto &feature : llvm::sys::getHostCPUFeatures())
    features.AddFeature(feature.first(), feature.second);

  llvm::TargetOptions options;
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      triple, llvm::sys::getHostCPUName(), features.getString(), options,
      llvm::Reloc::PIC_, std::nullopt, toCodeGenOptLevel(optLevel)));
  if (!machine)
    error = "cannot create a target machine for " + triple.str();
  return machine;
}

/// The libm functions the lowering calls (ScalarOpsToStandard.cpp) touch no
/// memory but errno, which the compiled code never reads: declared so (as
/// clang's -fno-math-errno does), the loop vectorizer can replace them by
/// libmvec's vector versions. lgamma is left out: it also writes the
/// global signgam.
static void markMathCallsPure(llvm::Module &module) {
  for (llvm::StringRef name : {"tanh", "tanhf", "tan", "tanf", "acos", "acosf",
                               "expm1", "expm1f", "log1p", "log1pf"})
    if (llvm::Function *f = module.getFunction(name); f && f->isDeclaration()) {
      f->setDoesNotAccessMemory();
      f->setDoesNotThrow();
      f->setWillReturn();
    }
}

/// LLVM's default pipeline at `optLevel`, with glibc's vector math library
/// (libmvec) known to the loop vectorizer on x86-64: the loops over a block
/// of basins then call its SIMD pow/exp/log instead of falling back to one
/// scalar call per lane. The shared library links -lmvec (ObjectFile.cpp).
/// (dgm-expand-pow leaves no scalar llvm.pow of f32/f64 by then; the pow
/// entries serve whatever else reaches here, e.g. a hand-written .mlir.)
static void optimize(llvm::Module &module, llvm::TargetMachine &targetMachine,
                     unsigned optLevel) {
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PipelineTuningOptions tuning;
  tuning.LoopVectorization = optLevel >= 2;
  tuning.SLPVectorization = optLevel >= 2;
  llvm::PassBuilder builder(&targetMachine, tuning);

  llvm::Triple triple(module.getTargetTriple());
  llvm::TargetLibraryInfoImpl libraryInfo(
      triple, usesVectorMathLibrary(triple) ? llvm::VectorLibrary::LIBMVEC
                                            : llvm::VectorLibrary::NoLibrary);
  // LLVM's table of libmvec functions stops at AVX2; glibc also has the
  // AVX-512 ones (8 doubles, 16 floats), about twice as fast again.
  static const llvm::VecDesc avx512Functions[] = {
      {"llvm.pow.f64", "_ZGVeN8vv_pow", llvm::ElementCount::getFixed(8), false,
       "_ZGV_LLVM_N8vv", std::nullopt},
      {"llvm.exp.f64", "_ZGVeN8v_exp", llvm::ElementCount::getFixed(8), false,
       "_ZGV_LLVM_N8v", std::nullopt},
      {"llvm.log.f64", "_ZGVeN8v_log", llvm::ElementCount::getFixed(8), false,
       "_ZGV_LLVM_N8v", std::nullopt},
      {"llvm.pow.f32", "_ZGVeN16vv_powf", llvm::ElementCount::getFixed(16),
       false, "_ZGV_LLVM_N16vv", std::nullopt},
      {"llvm.exp.f32", "_ZGVeN16v_expf", llvm::ElementCount::getFixed(16),
       false, "_ZGV_LLVM_N16v", std::nullopt},
      {"llvm.log.f32", "_ZGVeN16v_logf", llvm::ElementCount::getFixed(16),
       false, "_ZGV_LLVM_N16v", std::nullopt},
  };
  // The libm calls of markMathCallsPure that libmvec has (glibc 2.35 added
  // them; LLVM's table stops at sin, cos, exp, log and pow), at the AVX2
  // ('d') and AVX-512 ('e') widths.
  static const llvm::VecDesc libmFunctions[] = {
      {"tanh", "_ZGVdN4v_tanh", llvm::ElementCount::getFixed(4), false,
       "_ZGV_LLVM_N4v", std::nullopt},
      {"tanh", "_ZGVeN8v_tanh", llvm::ElementCount::getFixed(8), false,
       "_ZGV_LLVM_N8v", std::nullopt},
      {"tanhf", "_ZGVdN8v_tanhf", llvm::ElementCount::getFixed(8), false,
       "_ZGV_LLVM_N8v", std::nullopt},
      {"tanhf", "_ZGVeN16v_tanhf", llvm::ElementCount::getFixed(16), false,
       "_ZGV_LLVM_N16v", std::nullopt},
      {"expm1", "_ZGVdN4v_expm1", llvm::ElementCount::getFixed(4), false,
       "_ZGV_LLVM_N4v", std::nullopt},
      {"expm1", "_ZGVeN8v_expm1", llvm::ElementCount::getFixed(8), false,
       "_ZGV_LLVM_N8v", std::nullopt},
      {"expm1f", "_ZGVdN8v_expm1f", llvm::ElementCount::getFixed(8), false,
       "_ZGV_LLVM_N8v", std::nullopt},
      {"expm1f", "_ZGVeN16v_expm1f", llvm::ElementCount::getFixed(16), false,
       "_ZGV_LLVM_N16v", std::nullopt},
      {"log1p", "_ZGVdN4v_log1p", llvm::ElementCount::getFixed(4), false,
       "_ZGV_LLVM_N4v", std::nullopt},
      {"log1p", "_ZGVeN8v_log1p", llvm::ElementCount::getFixed(8), false,
       "_ZGV_LLVM_N8v", std::nullopt},
      {"log1pf", "_ZGVdN8v_log1pf", llvm::ElementCount::getFixed(8), false,
       "_ZGV_LLVM_N8v", std::nullopt},
      {"log1pf", "_ZGVeN16v_log1pf", llvm::ElementCount::getFixed(16), false,
       "_ZGV_LLVM_N16v", std::nullopt},
  };

  if (usesVectorMathLibrary(triple) &&
      targetMachine.getTargetFeatureString().contains("+avx512f"))
    libraryInfo.addVectorizableFunctions(avx512Functions);
  // The AVX2 entries need AVX2 (the 'd' variants), the others AVX-512.
  if (usesVectorMathLibrary(triple) &&
      targetMachine.getTargetFeatureString().contains("+avx2")) {
    bool avx512 = targetMachine.getTargetFeatureString().contains("+avx512f");
    for (const llvm::VecDesc &d : libmFunctions)
      if (avx512 || d.getVectorFnName().starts_with("_ZGVd"))
        libraryInfo.addVectorizableFunctions(d);
  }
  fam.registerPass([&] { return llvm::TargetLibraryAnalysis(libraryInfo); });

  builder.registerModuleAnalyses(mam);
  builder.registerCGSCCAnalyses(cgam);
  builder.registerFunctionAnalyses(fam);
  builder.registerLoopAnalyses(lam);
  builder.crossRegisterProxies(lam, fam, cgam, mam);

  llvm::OptimizationLevel level = optLevel == 0   ? llvm::OptimizationLevel::O0
                                  : optLevel == 1 ? llvm::OptimizationLevel::O1
                                  : optLevel == 2 ? llvm::OptimizationLevel::O2
                                                  : llvm::OptimizationLevel::O3;
  llvm::ModulePassManager passes =
      optLevel == 0 ? builder.buildO0DefaultPipeline(level)
                    : builder.buildPerModuleDefaultPipeline(level);
  passes.run(module, mam);
}

bool dgm::usesVectorMathLibrary(const llvm::Triple &triple) {
  return triple.getArch() == llvm::Triple::x86_64 && triple.isOSLinux();
}

std::unique_ptr<llvm::Module>
dgm::translateAndOptimize(mlir::ModuleOp module, llvm::LLVMContext &context,
                          llvm::TargetMachine &targetMachine, unsigned optLevel,
                          std::string &error) {
  mlir::registerBuiltinDialectTranslation(*module.getContext());
  mlir::registerLLVMDialectTranslation(*module.getContext());

  std::unique_ptr<llvm::Module> llvmModule =
      mlir::translateModuleToLLVMIR(module, context);
  if (!llvmModule) {
    error = "cannot translate the LLVM dialect to LLVM IR";
    return nullptr;
  }
  llvmModule->setDataLayout(targetMachine.createDataLayout());
  llvmModule->setTargetTriple(targetMachine.getTargetTriple());
  markMathCallsPure(*llvmModule);

  optimize(*llvmModule, targetMachine, optLevel);
  return llvmModule;
}
