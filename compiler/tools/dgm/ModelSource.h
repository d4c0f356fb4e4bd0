//===- ModelSource.h - From a MODEL argument to a LoadedModel ---*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// `dgm run MODEL` accepts a .dgm source file, compiled through the cache of
// dgm::driver::compileCached (keyed on the source bytes, the compiler and the
// options, so a second run does not recompile), or an already compiled
// shared library (a name ending in .so or containing .so.), loaded as it is.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_TOOLS_DGM_MODELSOURCE_H
#define DGM_TOOLS_DGM_MODELSOURCE_H

#include "dgm/runtime/Model.h"
#include "dgm/runtime/Result.h"

#include <string>

namespace dgm::cli {

struct ModelSourceOptions {
  unsigned optLevel = 2;
  /// 64 or 32 (--precision f32): the scalar type of the compiled model.
  unsigned scalarBits = 64;
  /// "" means the driver's default cache directory.
  std::string cacheDir;
  /// Compile into a temporary directory removed after loading.
  bool noCache = false;
  /// Say on stderr whether the cache was hit and where the library is.
  bool verbose = false;
  /// Whether --precision or -O was given: they do nothing to a library that
  /// is compiled already, which a warning then says.
  bool precisionGiven = false, optLevelGiven = false;
};

/// Whether `path` names a compiled library rather than .dgm source.
bool isSharedLibraryPath(const std::string &path);

/// Compiles (if needed) and loads MODEL. Compiler diagnostics are printed to
/// stderr as they occur; the returned error is then empty (already
/// reported).
dgm::rt::Result<dgm::rt::LoadedModel>
obtainModel(const std::string &path, const ModelSourceOptions &options);

} // namespace dgm::cli

#endif // DGM_TOOLS_DGM_MODELSOURCE_H
