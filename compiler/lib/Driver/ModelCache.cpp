//===- ModelCache.cpp - Compiled models cached by source content ----------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// `dgm run model.dgm` should not pay for a compile when nothing changed. A
// library is stored under a name derived from everything that determines its
// bytes: the source text, its path (compiled into the descriptor), the
// optimisation level, and the identity of the compiler binary itself (its
// version, size and modification time), so that rebuilding dgm never serves
// a library made by an older compiler.
//
//===----------------------------------------------------------------------===//

#include "dgm/Driver/Compiler.h"

#include "dgm/Parse/Imports.h"
#include "dgm/Parse/Parser.h"
#include "dgm/Support/Diagnostics.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/SHA256.h"

#include <cstdlib>

using namespace dgm;
using namespace dgm::driver;

std::string driver::defaultCacheDir() {
  if (const char *dir = std::getenv("DGM_CACHE_DIR"); dir && *dir)
    return dir;
  llvm::SmallString<128> path;
  if (const char *xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) {
    path = xdg;
  } else if (llvm::sys::path::home_directory(path)) {
    llvm::sys::path::append(path, ".cache");
  } else {
    llvm::sys::path::system_temp_directory(/*ErasedOnReboot=*/false, path);
  }
  llvm::sys::path::append(path, "dgm");
  return std::string(path);
}

/// Identifies the running compiler binary.
static std::string compilerIdentity() {
  static int anchor;
  std::string exe = llvm::sys::fs::getMainExecutable(nullptr, &anchor);
  std::string identity = compilerVersion().str();
  llvm::sys::fs::file_status status;
  if (!exe.empty() && !llvm::sys::fs::status(exe, status))
    identity +=
        ";" + std::to_string(status.getSize()) + ";" +
        std::to_string(
            status.getLastModificationTime().time_since_epoch().count());
  return identity;
}

/// The text of every module `inputFile` imports, directly or not, so that
/// the cache key changes when one of them does. Parse errors are ignored
/// here: the compilation reports them.
static std::vector<std::string> importedSources(llvm::StringRef inputFile) {
  std::vector<std::string> texts;
  llvm::SourceMgr sourceMgr;
  std::string ignored;
  llvm::raw_string_ostream sink(ignored);
  DiagnosticEngine diag(sourceMgr, sink);
  auto buffer = llvm::MemoryBuffer::getFile(inputFile, /*IsText=*/true);
  if (!buffer)
    return texts;
  unsigned id = sourceMgr.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
  std::unique_ptr<ast::Module> module = parseModule(id, diag);
  if (!module)
    return texts;
  resolveImports(*module, defaultImportSearchPath(), diag);
  for (unsigned i = 2; i <= sourceMgr.getNumBuffers(); ++i) {
    const llvm::MemoryBuffer *imported = sourceMgr.getMemoryBuffer(i);
    texts.push_back(imported->getBufferIdentifier().str());
    texts.push_back(imported->getBuffer().str());
  }
  return texts;
}

std::optional<std::string>
driver::compileCached(llvm::StringRef inputFile, llvm::StringRef cacheDir,
                      unsigned optLevel, unsigned scalarBits,
                      llvm::raw_ostream &diagOS, bool *cacheHit) {
  if (cacheHit)
    *cacheHit = false;
  auto source = llvm::MemoryBuffer::getFile(inputFile, /*IsText=*/true);
  if (!source) {
    diagOS << "error: cannot read '" << inputFile
           << "': " << source.getError().message() << "\n";
    return std::nullopt;
  }

  std::string identity = compilerIdentity();
  std::string level = std::to_string(optLevel);
  std::string bits = std::to_string(scalarBits);
  llvm::SHA256 hasher;
  for (llvm::StringRef part :
       {llvm::StringRef(identity), inputFile, llvm::StringRef(level),
        llvm::StringRef(bits), (*source)->getBuffer()}) {
    hasher.update(part);
    hasher.update(llvm::StringRef("\0", 1));
  }
  for (const std::string &part : importedSources(inputFile)) {
    hasher.update(part);
    hasher.update(llvm::StringRef("\0", 1));
  }
  std::array<uint8_t, 32> digest = hasher.final();
  std::string key = llvm::toHex(llvm::ArrayRef(digest).take_front(12),
                                /*LowerCase=*/true);

  if (std::error_code ec = llvm::sys::fs::create_directories(cacheDir)) {
    diagOS << "error: cannot create the cache directory '" << cacheDir
           << "': " << ec.message() << "\n";
    return std::nullopt;
  }
  // create_directories accepts an existing file of that name.
  if (!llvm::sys::fs::is_directory(cacheDir)) {
    diagOS << "error: the cache directory '" << cacheDir
           << "' is a file, not a directory (see DGM_CACHE_DIR and "
              "--cache-dir)\n";
    return std::nullopt;
  }
  llvm::SmallString<256> libraryPath(cacheDir);
  llvm::sys::path::append(libraryPath,
                          llvm::sys::path::stem(inputFile) + "-" + key + ".so");
  if (llvm::sys::fs::exists(libraryPath)) {
    if (cacheHit)
      *cacheHit = true;
    return std::string(libraryPath);
  }

  // Build under a unique name, then rename: a concurrent `dgm run` either
  // sees no library or a complete one.
  llvm::SmallString<256> tempPath(libraryPath);
  tempPath += ".tmp" + std::to_string(llvm::sys::Process::getProcessId());
  CompileOptions options;
  options.inputFile = inputFile.str();
  options.emit = EmitKind::SharedLib;
  options.optLevel = optLevel;
  options.scalarBits = scalarBits;
  options.outputFile = std::string(tempPath);
  if (!compile(options, llvm::nulls(), diagOS)) {
    llvm::sys::fs::remove(tempPath);
    return std::nullopt;
  }
  if (std::error_code ec = llvm::sys::fs::rename(tempPath, libraryPath)) {
    llvm::sys::fs::remove(tempPath);
    diagOS << "error: cannot move the compiled model into the cache '"
           << libraryPath << "': " << ec.message() << "\n";
    return std::nullopt;
  }
  return std::string(libraryPath);
}
