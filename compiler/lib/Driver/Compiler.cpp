//===- Compiler.cpp - The dgm compilation pipeline as a library -----------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "dgm/Driver/Compiler.h"
#include "dgm/Driver/Jit.h"

#include "dgm/AST/ASTDumper.h"
#include "dgm/Driver/Pipeline.h"
#include "dgm/MLIRGen/MLIRGen.h"
#include "dgm/Parse/Imports.h"
#include "dgm/Parse/Parser.h"
#include "dgm/Sema/Sema.h"
#include "dgm/Support/Diagnostics.h"
#include "dgm/Target/CHeader.h"
#include "dgm/Target/LLVMIR.h"
#include "dgm/Target/ObjectFile.h"

#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"

#include <chrono>
#include <dlfcn.h>

using namespace dgm;
using namespace dgm::driver;

std::optional<EmitKind> driver::parseEmitKind(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<EmitKind>>(name)
      .Case("ast", EmitKind::AST)
      .Case("mlir", EmitKind::MLIR)
      .Case("lowered", EmitKind::Lowered)
      .Case("llvm", EmitKind::LLVM)
      .Case("header", EmitKind::Header)
      .Case("obj", EmitKind::Object)
      .Case("so", EmitKind::SharedLib)
      .Default(std::nullopt);
}

llvm::StringRef driver::compilerVersion() { return DGM_VERSION; }

namespace {
double millisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now() - start)
      .count();
}

/// One compilation: the source manager and contexts live as long as it.
class Compilation {
public:
  Compilation(const CompileOptions &options, llvm::raw_ostream &textOut,
              llvm::raw_ostream &diagOS)
      : options(options), textOut(textOut), diagOS(diagOS),
        diag(sourceMgr, diagOS) {}

  /// Compiles into this process instead of emitting (see Jit.h).
  std::unique_ptr<JitModel> runJit(JitTimings *timings) {
    jitTimings = timings ? timings : &ownTimings;
    jitMode = true;
    start = std::chrono::steady_clock::now();
    if (!run())
      return nullptr;
    return std::move(jit);
  }

  /// Parses and checks definitions without requiring a model.
  bool checkOnly() {
    std::unique_ptr<ast::Module> module = parseAndImport();
    return module && checkModule(*module, diag, /*requireModel=*/false);
  }

  bool run() {
    std::unique_ptr<ast::Module> module = parseAndImport();
    if (!module)
      return false;
    if (options.emit == EmitKind::AST && !jitMode) {
      dumpAST(*module, textOut);
      return true;
    }
    if (!checkModule(*module, diag))
      return false;
    if (options.emit == EmitKind::Header && !jitMode) {
      emitCHeader(module->models.front(), textOut, options.scalarBits);
      return true;
    }
    return runMLIRPipeline(*module);
  }

private:
  std::unique_ptr<ast::Module> parseAndImport() {
    std::unique_ptr<llvm::MemoryBuffer> buffer;
    if (options.sourceText) {
      buffer = llvm::MemoryBuffer::getMemBufferCopy(*options.sourceText,
                                                    options.inputFile);
    } else {
      auto file = llvm::MemoryBuffer::getFileOrSTDIN(options.inputFile,
                                                     /*IsText=*/true);
      if (std::error_code ec = file.getError()) {
        diag.error("cannot read '" + options.inputFile + "': " + ec.message());
        return nullptr;
      }
      buffer = std::move(*file);
    }
    unsigned bufferID =
        sourceMgr.AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
    std::unique_ptr<ast::Module> module = parseModule(bufferID, diag);
    if (!module ||
        !resolveImports(*module, defaultImportSearchPath(options.importPaths),
                        diag))
      return nullptr;
    return module;
  }

  bool runPasses(mlir::ModuleOp module,
                 void (*addPasses)(mlir::OpPassManager &)) {
    mlir::PassManager pm(module->getName());
    addPasses(pm);
    return mlir::succeeded(pm.run(module));
  }

  bool runMLIRPipeline(const ast::Module &module) {
    mlir::DialectRegistry registry;
    registerPipelineDialects(registry);
    mlir::MLIRContext context(registry);
    context.loadAllAvailableDialects();
    // MLIR diagnostics print through the same source manager as ours, with
    // the same excerpt-and-caret format.
    mlir::SourceMgrDiagnosticHandler handler(sourceMgr, &context, diagOS);

    mlir::OwningOpRef<mlir::ModuleOp> mlirModule =
        mlirGen(context, module, options.scalarBits);
    if (!mlirModule)
      return false;
    if (options.canonicalize &&
        !runPasses(*mlirModule, addDGMSimplificationPasses))
      return false;
    if (options.emit == EmitKind::MLIR && !jitMode) {
      mlirModule->print(textOut);
      return true;
    }
    if (jitMode) {
      jitTimings->frontEnd = millisecondsSince(start);
      start = std::chrono::steady_clock::now();
    }
    if (!runPasses(*mlirModule, addDGMToStandardPasses))
      return false;
    if (options.emit == EmitKind::Lowered && !jitMode) {
      mlirModule->print(textOut);
      return true;
    }
    if (!runPasses(*mlirModule, addStandardToLLVMPasses))
      return false;
    if (jitMode)
      return createEngine(*mlirModule);
    return emitMachineCode(*mlirModule);
  }

  /// The module (LLVM dialect) into an ExecutionEngine: translated and
  /// optimised exactly as for a library, then compiled by ORC.
  bool createEngine(mlir::ModuleOp module) {
    jitTimings->lowering = millisecondsSince(start);
    start = std::chrono::steady_clock::now();
    std::string error;
    std::unique_ptr<llvm::TargetMachine> machine =
        createHostTargetMachine(options.optLevel, error, options.cpu);
    if (!machine) {
      diag.error(error);
      return false;
    }
    // The vectorised loops call libmvec (_ZGV*_pow...). A library links it;
    // here it must be in the process for the JIT's symbol lookup, which
    // searches the process's global symbols.
    if (usesVectorMathLibrary(machine->getTargetTriple()) &&
        !dlopen("libmvec.so.1", RTLD_NOW | RTLD_GLOBAL)) {
      diag.error(std::string("cannot load glibc's vector math library "
                             "libmvec.so.1: ") +
                 dlerror());
      return false;
    }
    auto builder = [&](mlir::Operation *op, llvm::LLVMContext &context)
        -> std::unique_ptr<llvm::Module> {
      return translateAndOptimize(llvm::cast<mlir::ModuleOp>(op), context,
                                  *machine, options.optLevel, error);
    };
    mlir::ExecutionEngineOptions engineOptions;
    engineOptions.llvmModuleBuilder = builder;
    engineOptions.jitCodeGenOptLevel = machine->getOptLevel();
    // No listeners: they cost start-up time and nobody debugs REPL code.
    engineOptions.enableGDBNotificationListener = false;
    engineOptions.enablePerfNotificationListener = false;
    auto engine = mlir::ExecutionEngine::create(module, engineOptions);
    if (!engine) {
      std::string message = llvm::toString(engine.takeError());
      diag.error("cannot compile the model in process: " +
                 (error.empty() ? message : error));
      return false;
    }
    llvm::Expected<void *> entry = (*engine)->lookup("dgm_get_model");
    if (!entry) {
      diag.error("the compiled model has no dgm_get_model: " +
                 llvm::toString(entry.takeError()));
      return false;
    }
    auto getModel = reinterpret_cast<const dgm_model *(*)()>(*entry);
    const dgm_model *model = getModel();
    jit = std::make_unique<JitModel>(std::move(*engine), model);
    jitTimings->codegen = millisecondsSince(start);
    return true;
  }

  bool emitMachineCode(mlir::ModuleOp module) {
    std::string error;
    std::unique_ptr<llvm::TargetMachine> machine =
        createHostTargetMachine(options.optLevel, error, options.cpu);
    if (!machine) {
      diag.error(error);
      return false;
    }
    llvm::LLVMContext llvmContext;
    std::unique_ptr<llvm::Module> llvmModule = translateAndOptimize(
        module, llvmContext, *machine, options.optLevel, error);
    if (!llvmModule) {
      diag.error(error);
      return false;
    }
    if (options.emit == EmitKind::LLVM) {
      llvmModule->print(textOut, nullptr);
      return true;
    }
    if (options.emit == EmitKind::Object) {
      if (emitObjectFile(*llvmModule, *machine, options.outputFile, error))
        return true;
      diag.error(error);
      return false;
    }

    // A shared library: an object in a temporary file, linked by clang.
    llvm::SmallString<128> objectPath;
    if (std::error_code ec =
            llvm::sys::fs::createTemporaryFile("dgm-model", "o", objectPath)) {
      diag.error("cannot create a temporary object file: " + ec.message());
      return false;
    }
    llvm::FileRemover removeObject(objectPath);
    if (!emitObjectFile(*llvmModule, *machine, objectPath, error) ||
        !linkSharedLibrary(objectPath, options.outputFile, error)) {
      diag.error(error);
      return false;
    }
    return true;
  }

  const CompileOptions &options;
  llvm::raw_ostream &textOut;
  llvm::raw_ostream &diagOS;
  llvm::SourceMgr sourceMgr;
  DiagnosticEngine diag;
  bool jitMode = false;
  std::unique_ptr<JitModel> jit;
  JitTimings ownTimings;
  JitTimings *jitTimings = &ownTimings;
  std::chrono::steady_clock::time_point start;
};
} // namespace

JitModel::JitModel(std::unique_ptr<mlir::ExecutionEngine> engine,
                   const dgm_model *model)
    : engine(std::move(engine)), model(model) {}

JitModel::~JitModel() = default;

std::unique_ptr<JitModel> driver::compileJit(const CompileOptions &options,
                                             llvm::raw_ostream &diagOS,
                                             JitTimings *timings) {
  return Compilation(options, llvm::nulls(), diagOS).runJit(timings);
}

bool driver::checkDefinitions(const CompileOptions &options,
                              llvm::raw_ostream &diagOS) {
  return Compilation(options, llvm::nulls(), diagOS).checkOnly();
}

bool driver::compile(const CompileOptions &options, llvm::raw_ostream &textOut,
                     llvm::raw_ostream &diagOS) {
  return Compilation(options, textOut, diagOS).run();
}
