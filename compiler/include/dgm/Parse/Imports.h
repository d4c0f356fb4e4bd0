//===- Imports.h - Resolving `import NAME;` -----------------------*- C++
//-*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// `import routing;` reads routing.dgm, a module of `fn` and `const`
// declarations, from the first folder of the search path that has it: the
// importing file's own folder, then the folders of $DGM_PATH (':'-separated),
// then the caller's extra folders (dgmc -I), then the standard library.
// Every imported file is parsed once into the same SourceMgr, so errors in it
// are shown with their own file, line and caret.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_PARSE_IMPORTS_H
#define DGM_PARSE_IMPORTS_H

#include "dgm/AST/AST.h"
#include "dgm/Support/Diagnostics.h"

#include <string>
#include <vector>

namespace dgm {

/// The folders searched after the importing file's own: $DGM_PATH, then
/// `extraDirs`, then the standard library of this build or installation.
std::vector<std::string>
defaultImportSearchPath(const std::vector<std::string> &extraDirs = {});

/// Parses every module `root` imports, directly or through other modules,
/// into root.imported (each file once). Reports a missing module, an import
/// cycle, a module that declares a model, and syntax errors. Returns false
/// when anything was reported.
bool resolveImports(ast::Module &root,
                    const std::vector<std::string> &searchPath,
                    DiagnosticEngine &diag);

/// Every file the compilation of `root` read: its own, then the imported
/// ones (for cache keys).
std::vector<std::string> importedFiles(const ast::Module &root);

} // namespace dgm

#endif // DGM_PARSE_IMPORTS_H
