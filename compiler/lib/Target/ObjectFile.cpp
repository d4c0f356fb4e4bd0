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
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <optional>

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
  // The linker's own messages are collected and given as the reason, not
  // printed raw ("/usr/bin/ld: cannot open output file ...", "clang-22:
  // error: linker command failed ...") around ours.
  llvm::SmallString<128> messagesPath;
  bool captured = !llvm::sys::fs::createTemporaryFile("dgm-link", "txt",
                                                      messagesPath);
  std::optional<llvm::FileRemover> removeMessages;
  if (captured)
    removeMessages.emplace(messagesPath);
  std::optional<llvm::StringRef> redirects[] = {
      std::nullopt, std::nullopt,
      captured ? std::optional<llvm::StringRef>(messagesPath) : std::nullopt};
  std::string message;
  int status = llvm::sys::ExecuteAndWait(clang, args, /*Env=*/std::nullopt,
                                         redirects, /*SecondsToWait=*/0,
                                         /*MemoryLimit=*/0, &message);
  if (status != 0) {
    std::string reason = message;
    if (captured)
      if (auto text = llvm::MemoryBuffer::getFile(messagesPath)) {
        llvm::SmallVector<llvm::StringRef, 8> lines;
        (*text)->getBuffer().split(lines, '\n', -1, /*KeepEmpty=*/false);
        for (llvm::StringRef line : lines) {
          if (line.contains("linker command failed"))
            continue;
          // "/usr/bin/ld: cannot open ...": the tool's path says nothing.
          if (size_t colon = line.find(": "); colon != llvm::StringRef::npos &&
                                              line.take_front(colon).contains('/'))
            line = line.drop_front(colon + 2);
          reason += (reason.empty() ? "" : "; ") + line.str();
        }
      }
    error = "linking '" + outputPath.str() + "' with '" + clang + "' failed" +
            (reason.empty() ? "" : ": " + reason);
    return false;
  }
  return true;
}
