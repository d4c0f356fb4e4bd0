//===- Compiler.h - The dgm compilation pipeline as a library ---*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// One entry for every tool that compiles .dgm source: dgmc (all emit levels),
// `dgm run` (a cached shared library) and, later, the REPL (JIT). The stages:
//
//   parse (ANTLR -> AST) -> Sema -> MLIRGen (dgm dialect) -> canonicalize
//   -> convert-dgm-to-standard ("lowered") -> LLVM dialect -> LLVM IR
//   -> optimise -> object file -> shared library (clang-22 -shared)
//
//===----------------------------------------------------------------------===//

#ifndef DGM_DRIVER_COMPILER_H
#define DGM_DRIVER_COMPILER_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>
#include <vector>

namespace dgm::driver {

/// How far to run the pipeline, and what to print or write at the end.
enum class EmitKind {
  AST,       ///< the AST after parsing (text)
  MLIR,      ///< the dgm dialect after Sema and MLIRGen (text)
  Lowered,   ///< func/scf/arith/math after convert-dgm-to-standard (text)
  LLVM,      ///< LLVM IR after optimisation (text)
  Header,    ///< a C header for the compiled library (text)
  Object,    ///< a relocatable object file
  SharedLib, ///< a shared library with the C ABI of docs/abi.md
};

/// Parses "ast", "mlir", "lowered", "llvm", "header", "obj", "so".
std::optional<EmitKind> parseEmitKind(llvm::StringRef name);

struct CompileOptions {
  /// The .dgm file, or, with `sourceText`, the name its text goes by in
  /// messages (the REPL's "<repl>"; imports then resolve from the current
  /// directory).
  std::string inputFile;
  /// The source itself, instead of reading `inputFile`.
  std::optional<std::string> sourceText;
  EmitKind emit = EmitKind::SharedLib;
  /// 0..3, as -O0..-O3.
  unsigned optLevel = 2;
  /// Where to write Object/SharedLib output; text output goes to `textOut`.
  std::string outputFile;
  /// Stop after MLIRGen without running the verifier's follow-up passes
  /// (dgmc -emit=mlir prints the IR as MLIRGen built it when true).
  bool canonicalize = true;
  /// 64: the model computes in double precision; 32: in float (the arrays
  /// of its C ABI hold floats, scalar_bits = 32).
  unsigned scalarBits = 64;
  /// The CPU the machine code is for: "native" (this machine's, with all
  /// its features), or a CPU name LLVM knows (dgmc --cpu=x86-64-v3).
  std::string cpu = "native";
  /// Folders searched by `import` after the input's own folder and
  /// $DGM_PATH, before the standard library (dgmc -I).
  std::vector<std::string> importPaths;
};

/// Runs the pipeline. Diagnostics (file:line:col, excerpt, caret) go to
/// `diagOS`; text emit levels go to `textOut`. Returns true on success.
bool compile(const CompileOptions &options, llvm::raw_ostream &textOut,
             llvm::raw_ostream &diagOS);

/// Compiles `inputFile` to a shared library in `cacheDir` unless a library
/// built from identical source (same bytes, same compiler, same options) is
/// already there. Returns the library's path, or nullopt after printing
/// diagnostics to `diagOS`. Safe against concurrent callers: a library is
/// written to a temporary name and renamed into place.
std::optional<std::string> compileCached(llvm::StringRef inputFile,
                                         llvm::StringRef cacheDir,
                                         unsigned optLevel, unsigned scalarBits,
                                         llvm::raw_ostream &diagOS,
                                         bool *cacheHit = nullptr);

/// Checks `options`' source as far as Sema (names, rules, units) without
/// requiring a model: what the REPL does with a typed `fn`, `const` or
/// `import`. Diagnostics go to `diagOS`.
bool checkDefinitions(const CompileOptions &options, llvm::raw_ostream &diagOS);

/// $DGM_CACHE_DIR, else $XDG_CACHE_HOME/dgm, else ~/.cache/dgm.
std::string defaultCacheDir();

/// The version string compiled into every tool and cache key.
llvm::StringRef compilerVersion();

} // namespace dgm::driver

#endif // DGM_DRIVER_COMPILER_H
