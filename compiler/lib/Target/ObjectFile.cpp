//===- ObjectFile.cpp - Object files and shared libraries -----------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "dgm/Target/ObjectFile.h"
#include "dgm/Target/LLVMIR.h"

#include "llvm/TargetParser/Host.h"

#include "llvm/IR/LegacyPassManager.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>

using namespace dgm;

bool dgm::emitObjectFile(llvm::Module &module,
                         llvm::TargetMachine &targetMachine,
                         llvm::StringRef path, std::string &error) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_None);
  if (ec) {
    error = "cannot write '" + path.str() + "': " + ec.message();
    return false;
  }
  llvm::legacy::PassManager passes;
  if (targetMachine.addPassesToEmitFile(passes, os, nullptr,
                                        llvm::CodeGenFileType::ObjectFile)) {
    error = "the target cannot emit object files";
    return false;
  }
  passes.run(module);
  os.flush();
  if (os.has_error()) {
    error = "cannot write '" + path.str() + "': " + os.error().message();
    os.clear_error();
    return false;
  }
  return true;
}

bool dgm::linkSharedLibrary(llvm::StringRef objectPath,
                            llvm::StringRef outputPath, std::string &error) {
  std::string clang = DGM_CLANG_PATH;
  if (const char *env = std::getenv("DGM_CLANG"); env && *env)
    clang = env;
  if (!llvm::sys::fs::can_execute(clang)) {
    auto found = llvm::sys::findProgramByName(clang);
    if (!found) {
      error = "cannot find the linker driver '" + clang +
              "' (install clang-22, or set DGM_CLANG to its path)";
      return false;
    }
    clang = *found;
  }
  llvm::SmallVector<llvm::StringRef, 8> args = {clang, "-shared", "-o",
                                                outputPath, objectPath};
  // The SIMD pow/exp/log the loop vectorizer may call (LLVMIR.cpp).
  if (usesVectorMathLibrary(llvm::Triple(llvm::sys::getProcessTriple())))
    args.push_back("-lmvec");
  args.push_back("-lm");
  std::string message;
  int status = llvm::sys::ExecuteAndWait(clang, args, /*Env=*/std::nullopt,
                                         /*Redirects=*/{}, /*SecondsToWait=*/0,
                                         /*MemoryLimit=*/0, &message);
  if (status != 0) {
    error = "linking '" + outputPath.str() + "' with '" + clang + "' failed" +
            (message.empty() ? "" : ": " + message);
    return false;
  }
  return true;
}
