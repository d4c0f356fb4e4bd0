//===- Imports.cpp - Resolving `import NAME;`
//------------------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "dgm/Parse/Imports.h"

#include "dgm/Parse/Parser.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"

#include <algorithm>
#include <cctype>

using namespace dgm;

#ifndef DGM_STDLIB_DIR
#define DGM_STDLIB_DIR ""
#endif

std::vector<std::string>
dgm::defaultImportSearchPath(const std::vector<std::string> &extraDirs) {
  std::vector<std::string> path;
  if (std::optional<std::string> env = llvm::sys::Process::GetEnv("DGM_PATH")) {
    llvm::SmallVector<llvm::StringRef> dirs;
    llvm::StringRef(*env).split(dirs, ':', -1, /*KeepEmpty=*/false);
    for (llvm::StringRef dir : dirs)
      path.push_back(dir.str());
  }
  path.insert(path.end(), extraDirs.begin(), extraDirs.end());
  // An installed tool reads its installed library (bin/../share/dgm/stdlib)
  // and only that; a tool in the build tree reads the source tree it was
  // built from (an installed copy must not depend on, or silently pick up,
  // a source tree that may have changed or gone).
  std::string exe = llvm::sys::fs::getMainExecutable(nullptr, nullptr);
  if (!exe.empty()) {
    llvm::SmallString<256> installed(
        llvm::sys::path::parent_path(llvm::sys::path::parent_path(exe)));
    llvm::sys::path::append(installed, "share", "dgm", "stdlib");
    if (llvm::sys::fs::is_directory(installed)) {
      path.push_back(std::string(installed));
      return path;
    }
  }
  if (*DGM_STDLIB_DIR)
    path.push_back(DGM_STDLIB_DIR);
  return path;
}

namespace {
class ImportResolver {
public:
  ImportResolver(ast::Module &root, const std::vector<std::string> &searchPath,
                 DiagnosticEngine &diag)
      : root(root), searchPath(searchPath), diag(diag) {}

  bool run() {
    unsigned errorsBefore = diag.getNumErrors();
    llvm::SmallString<256> rootPath(root.filename);
    llvm::sys::fs::make_absolute(rootPath);
    loaded.insert(rootPath);
    resolve(root);
    return diag.getNumErrors() == errorsBefore;
  }

private:
  void resolve(ast::Module &module) {
    inProgress.push_back(module.filename);
    for (const ast::ImportDecl &import : module.imports)
      resolveOne(module, import);
    inProgress.pop_back();
  }

  void resolveOne(ast::Module &importer, const ast::ImportDecl &import) {
    std::string file = import.name + ".dgm";
    std::vector<std::string> dirs;
    dirs.push_back(llvm::sys::path::parent_path(importer.filename).str());
    dirs.insert(dirs.end(), searchPath.begin(), searchPath.end());
    llvm::SmallString<256> found;
    for (const std::string &dir : dirs) {
      llvm::SmallString<256> candidate(dir.empty() ? "." : dir);
      llvm::sys::path::append(candidate, file);
      if (llvm::sys::fs::is_regular_file(candidate)) {
        found = candidate;
        break;
      }
    }
    if (found.empty()) {
      std::string where;
      for (const std::string &dir : dirs)
        where += "\n  " + (dir.empty() ? std::string(".") : dir);
      diag.error(import.loc, "cannot find module '" + import.name +
                                 "': no file '" + file + "' in" + where);
      return;
    }
    llvm::SmallString<256> absolute(found);
    llvm::sys::fs::make_absolute(absolute);
    llvm::sys::path::remove_dots(absolute, /*remove_dot_dot=*/true);
    for (const std::string &open : inProgress) {
      llvm::SmallString<256> openAbs(open);
      llvm::sys::fs::make_absolute(openAbs);
      llvm::sys::path::remove_dots(openAbs, true);
      if (openAbs == absolute) {
        diag.error(import.loc, "module '" + import.name +
                                   "' imports itself, directly or through "
                                   "other modules; imports cannot form a "
                                   "cycle");
        return;
      }
    }
    if (!loaded.insert(absolute).second)
      return; // Already parsed: its declarations are visible once.

    auto buffer = llvm::MemoryBuffer::getFile(found, /*IsText=*/true);
    if (!buffer) {
      diag.error(import.loc, "cannot read module '" + import.name + "' (" +
                                 std::string(found) +
                                 "): " + buffer.getError().message());
      return;
    }
    // The buffer's identifier is the path used in every Location.
    std::unique_ptr<llvm::MemoryBuffer> named =
        llvm::MemoryBuffer::getMemBufferCopy((*buffer)->getBuffer(), found);
    unsigned id =
        diag.getSourceMgr().AddNewSourceBuffer(std::move(named), llvm::SMLoc());
    std::unique_ptr<ast::Module> module = parseModule(id, diag);
    if (!module) {
      diag.note(import.loc, "imported here");
      return;
    }
    module->importedAt = import.loc;
    if (!module->models.empty()) {
      diag.error(module->models.front().loc,
                 "module '" + import.name +
                     "' declares a model; an imported file may hold only "
                     "'fn', 'const' and 'import' declarations");
      diag.note(import.loc, "imported here");
      return;
    }
    // Post-order: a module comes after everything it imports, so Sema can
    // define names in dependency order.
    resolve(*module);
    root.imported.push_back(std::move(module));
  }

  ast::Module &root;
  const std::vector<std::string> &searchPath;
  DiagnosticEngine &diag;
  llvm::StringSet<> loaded;
  std::vector<std::string> inProgress;
};
} // namespace

/// The module (file stem) of the first `.dgm` file in the folders of
/// `searchPath` whose text defines `name`: `fn NAME(` or `const NAME`. A
/// plain text search: it runs only for the hint under an error, and a
/// comment that looks like a definition costs no more than a wrong hint.
static std::optional<std::string>
findModuleDefining(const std::vector<std::string> &searchPath,
                   const std::string &root, const std::string &name) {
  auto isNameChar = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  };
  // Whether `text` at `at` is keyword `kw` followed by `name` (and, for a
  // function, its '(').
  auto definesAt = [&](llvm::StringRef text, size_t at, llvm::StringRef kw) {
    if (at > 0 && isNameChar(text[at - 1]))
      return false;
    llvm::StringRef rest = text.drop_front(at + kw.size());
    if (rest.empty() || isNameChar(rest.front()))
      return false;
    rest = rest.ltrim();
    if (!rest.consume_front(name) || (!rest.empty() && isNameChar(rest.front())))
      return false;
    return kw == "const" || rest.ltrim().starts_with("(");
  };
  for (const std::string &dir : searchPath) {
    std::error_code ec;
    std::vector<std::string> files;
    for (llvm::sys::fs::directory_iterator it(dir, ec), end; it != end && !ec;
         it.increment(ec))
      if (llvm::sys::path::extension(it->path()) == ".dgm" &&
          !llvm::sys::fs::equivalent(it->path(), root))
        files.push_back(it->path());
    std::sort(files.begin(), files.end());
    for (const std::string &file : files) {
      auto buffer = llvm::MemoryBuffer::getFile(file);
      if (!buffer)
        continue;
      llvm::StringRef text = (*buffer)->getBuffer();
      // A file with a model cannot be imported (another model's file): a
      // line that starts with the keyword.
      bool hasModel = false;
      for (llvm::StringRef rest = text; !rest.empty() && !hasModel;) {
        auto [line, next] = rest.split('\n');
        llvm::StringRef words = line.ltrim();
        hasModel = words.consume_front("model") && !words.empty() &&
                   std::isspace(static_cast<unsigned char>(words.front()));
        rest = next;
      }
      if (hasModel)
        continue;
      for (llvm::StringRef kw : {"fn", "const"})
        for (size_t at = text.find(kw); at != llvm::StringRef::npos;
             at = text.find(kw, at + kw.size()))
          if (definesAt(text, at, kw))
            return llvm::sys::path::stem(file).str();
    }
  }
  return std::nullopt;
}

bool dgm::resolveImports(ast::Module &root,
                         const std::vector<std::string> &searchPath,
                         DiagnosticEngine &diag) {
  // The root's own folder first, as for `import`.
  std::vector<std::string> hintPath{
      llvm::sys::path::parent_path(root.filename).str()};
  if (hintPath[0].empty())
    hintPath[0] = ".";
  hintPath.insert(hintPath.end(), searchPath.begin(), searchPath.end());
  root.findModuleDefining = [hintPath, file = root.filename](
                                const std::string &fn) {
    return ::findModuleDefining(hintPath, file, fn);
  };
  return ImportResolver(root, searchPath, diag).run();
}

std::vector<std::string> dgm::importedFiles(const ast::Module &root) {
  std::vector<std::string> files{root.filename};
  for (const auto &module : root.imported)
    files.push_back(module->filename);
  return files;
}
