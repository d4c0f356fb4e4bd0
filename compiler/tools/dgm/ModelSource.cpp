//===- ModelSource.cpp - From a MODEL argument to a LoadedModel -----------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "ModelSource.h"

#include "dgm/Driver/Compiler.h"
#include "llvm/Support/raw_ostream.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

using namespace dgm::cli;
using namespace dgm::rt;

bool dgm::cli::isSharedLibraryPath(const std::string &path) {
  std::string_view p = path;
  return p.ends_with(".so") || p.find(".so.") != std::string_view::npos;
}

namespace {

/// A directory made with mkdtemp and removed with its contents.
class ScratchDir {
public:
  ScratchDir() {
    const char *tmp = std::getenv("TMPDIR");
    std::string pattern =
        std::string(tmp && *tmp ? tmp : "/tmp") + "/dgm-run-XXXXXX";
    if (char *made = ::mkdtemp(pattern.data()))
      path = made;
  }
  ~ScratchDir() {
    if (!path.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(path, ec);
    }
  }
  std::string path; // empty when it could not be made
};

Result<LoadedModel> compileAndLoad(const std::string &source,
                                   const std::string &cacheDir,
                                   const ModelSourceOptions &options) {
  bool cacheHit = false;
  std::optional<std::string> library =
      dgm::driver::compileCached(source, cacheDir, options.optLevel,
                                 options.scalarBits, llvm::errs(), &cacheHit);
  llvm::errs().flush();
  if (!library)
    return Error{""}; // the driver printed the diagnostics
  if (options.verbose) {
    if (options.noCache)
      std::fprintf(stderr, "dgm: compiled '%s' without the cache into %s\n",
                   source.c_str(), library->c_str());
    else if (cacheHit)
      std::fprintf(stderr, "dgm: cache hit: '%s' is already compiled: %s\n",
                   source.c_str(), library->c_str());
    else
      std::fprintf(stderr, "dgm: cache miss: compiled '%s' into %s\n",
                   source.c_str(), library->c_str());
  }
  std::string why;
  {
    Result<LoadedModel> loaded = LoadedModel::load(*library);
    if (!cacheHit)
      return loaded;
    // The entry's name is a hash of the source, which was compiled from
    // this path: a library from another source (copied over it) is not
    // this model.
    if (!loaded)
      why = "does not load (" + loaded.error().message + ")";
    else if (const char *from = loaded->descriptor().source;
             !from || std::string(from) != source)
      why = "holds model '" + std::string(loaded->name()) + "' of '" +
            (from ? from : "") + "', not this one";
    else
      return loaded;
  } // unloaded here: a new library at the same path must not find it open

  // A cache entry damaged or replaced after it was written (a truncated
  // copy, a full disk): replace it once.
  std::fprintf(stderr, "dgm: warning: the cached library %s %s; compiling "
               "'%s' again\n",
               library->c_str(), why.c_str(), source.c_str());
  std::remove(library->c_str());
  library = dgm::driver::compileCached(source, cacheDir, options.optLevel,
                                       options.scalarBits, llvm::errs(),
                                       &cacheHit);
  llvm::errs().flush();
  if (!library)
    return Error{""};
  return LoadedModel::load(*library);
}

} // namespace

Result<LoadedModel> dgm::cli::obtainModel(const std::string &path,
                                          const ModelSourceOptions &options) {
  if (isSharedLibraryPath(path)) {
    Result<LoadedModel> model = LoadedModel::load(path);
    if (model && options.precisionGiven &&
        model->descriptor().scalar_bits != options.scalarBits)
      std::fprintf(stderr,
                   "dgm: warning: '%s' is compiled in f%u; --precision "
                   "f%u applies only when dgm compiles a .dgm file (or "
                   "compile the library with dgmc --precision=f%u)\n",
                   path.c_str(), model->descriptor().scalar_bits,
                   options.scalarBits, options.scalarBits);
    if (model && options.optLevelGiven)
      std::fprintf(stderr,
                   "dgm: warning: -O%u applies only when dgm compiles a .dgm "
                   "file; '%s' is compiled already\n",
                   options.optLevel, path.c_str());
    if (model && options.verbose)
      std::fprintf(stderr, "dgm: loaded the compiled model '%s'\n",
                   path.c_str());
    return model;
  }
  struct stat st;
  if (::stat(path.c_str(), &st) != 0)
    return Error{"cannot open '" + path + "': " + std::strerror(errno)};
  if (S_ISDIR(st.st_mode))
    return Error{"'" + path + "' is a directory, not a model file"};
  if (options.noCache) {
    ScratchDir scratch;
    if (scratch.path.empty())
      return Error{std::string("cannot create a temporary directory: ") +
                   std::strerror(errno)};
    // The library may be deleted once it is loaded: the mapping stays.
    return compileAndLoad(path, scratch.path, options);
  }
  if (!options.cacheDir.empty() && std::filesystem::exists(options.cacheDir) &&
      !std::filesystem::is_directory(options.cacheDir))
    return Error{"--cache-dir '" + options.cacheDir +
                 "' is a file; the cache is a directory"};
  std::string cacheDir = options.cacheDir.empty()
                             ? dgm::driver::defaultCacheDir()
                             : options.cacheDir;
  if (std::filesystem::exists(cacheDir) &&
      !std::filesystem::is_directory(cacheDir))
    return Error{"the cache directory '" + cacheDir +
                 "' is a file (it comes from DGM_CACHE_DIR, else "
                 "XDG_CACHE_HOME/dgm); the cache is a directory: point "
                 "DGM_CACHE_DIR or --cache-dir at one"};
  return compileAndLoad(path, cacheDir, options);
}
