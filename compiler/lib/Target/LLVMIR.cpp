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
#include "llvm/MC/MCSubtargetInfo.h"
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
dgm::createHostTargetMachine(unsigned optLevel, std::string &error,
                             llvm::StringRef cpu) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();

  llvm::Triple triple(llvm::sys::getProcessTriple());
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return nullptr;

  // By default, compile for the CPU we run on: a model library is usually
  // built where it is used (dgm run caches it per machine), so AVX and FMA
  // are fair game. A named CPU brings its own features, and only those.
  llvm::SubtargetFeatures features;
  std::string cpuName = cpu.str();
  if (cpu == "native") {
    for (const auto &feature : llvm::sys::getHostCPUFeatures())
      features.AddFeature(feature.first(), feature.second);
    cpuName = llvm::sys::getHostCPUName().str();
  } else {
    // Asked of the generic CPU: one made for an unknown name would print
    // LLVM's own warning.
    std::unique_ptr<llvm::MCSubtargetInfo> info(
        target->createMCSubtargetInfo(triple, "", ""));
    if (!info || !info->isCPUStringValid(cpu)) {
      error = "unknown CPU '" + cpu.str() + "' for " + triple.str() +
              "; give 'native' (this machine's, the default) or one LLVM "
              "knows, such as x86-64, x86-64-v2, x86-64-v3, x86-64-v4, "
              "skylake-avx512, znver4";
      return nullptr;
    }
  }

  llvm::TargetOptions options;
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      triple, cpuName, features.getString(), options, llvm::Reloc::PIC_,
      std::nullopt, toCodeGenOptLevel(optLevel)));
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

  llvm::TargetLibraryInfoImpl libraryInfo =
      vectorMathLibraryInfo(llvm::Triple(module.getTargetTriple()),
                            *targetMachine.getMCSubtargetInfo());
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
