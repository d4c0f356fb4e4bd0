//===- Compiler.cpp - The dgm compilation pipeline as a library -----------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "dgm/Driver/Compiler.h"

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

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"

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
/// One compilation: the source manager and contexts live as long as it.
class Compilation {
public:
  Compilation(const CompileOptions &options, llvm::raw_ostream &textOut,
              llvm::raw_ostream &diagOS)
      : options(options), textOut(textOut), diagOS(diagOS),
        diag(sourceMgr, diagOS) {}

  bool run() {
    auto buffer = llvm::MemoryBuffer::getFileOrSTDIN(options.inputFile,
                                                     /*IsText=*/true);
    if (std::error_code ec = buffer.getError()) {
      diag.error("cannot read '" + options.inputFile + "': " + ec.message());
      return false;
    }
    unsigned bufferID =
        sourceMgr.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());

    std::unique_ptr<ast::Module> module = parseModule(bufferID, diag);
    if (!module)
      return false;
    if (!resolveImports(*module, defaultImportSearchPath(options.importPaths),
                        diag))
      return false;
    if (options.emit == EmitKind::AST) {
      dumpAST(*module, textOut);
      return true;
    }
    if (!checkModule(*module, diag))
      return false;
    if (options.emit == EmitKind::Header) {
      emitCHeader(module->models.front(), textOut, options.scalarBits);
      return true;
    }
    return runMLIRPipeline(*module);
  }

private:
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
    if (options.emit == EmitKind::MLIR) {
      mlirModule->print(textOut);
      return true;
    }
    if (!runPasses(*mlirModule, addDGMToStandardPasses))
      return false;
    if (options.emit == EmitKind::Lowered) {
      mlirModule->print(textOut);
      return true;
    }
    if (!runPasses(*mlirModule, addStandardToLLVMPasses))
      return false;
    return emitMachineCode(*mlirModule);
  }

  bool emitMachineCode(mlir::ModuleOp module) {
    std::string error;
    std::unique_ptr<llvm::TargetMachine> machine =
        createHostTargetMachine(options.optLevel, error);
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
};
} // namespace

bool driver::compile(const CompileOptions &options, llvm::raw_ostream &textOut,
                     llvm::raw_ostream &diagOS) {
  return Compilation(options, textOut, diagOS).run();
}
