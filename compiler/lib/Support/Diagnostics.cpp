//===- Diagnostics.cpp - Located error messages for the front end ---------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "dgm/Support/Diagnostics.h"

#include "dgm/runtime/Format.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <charconv>
#include <tuple>

using namespace dgm;

llvm::SMLoc DiagnosticEngine::toSMLoc(const ast::Location &loc) const {
  if (!loc.file || loc.line == 0)
    return {};
  for (unsigned id = 1, e = sourceMgr.getNumBuffers(); id <= e; ++id) {
    const llvm::MemoryBuffer *buffer = sourceMgr.getMemoryBuffer(id);
    if (buffer->getBufferIdentifier() != *loc.file)
      continue;
    return sourceMgr.FindLocForLineAndColumn(id, loc.line,
                                             std::max(loc.col, 1u));
  }
  return {};
}

DiagnosticEngine::SourceOrder::SourceOrder(DiagnosticEngine &engine)
    : engine(engine), outermost(!engine.keeping) {
  engine.keeping = true;
}

DiagnosticEngine::SourceOrder::~SourceOrder() {
  if (outermost)
    engine.flushInSourceOrder();
}

void DiagnosticEngine::flushInSourceOrder() {
  keeping = false;
  std::vector<std::vector<Kept>> groups = std::move(kept);
  kept.clear();
  llvm::StringMap<unsigned> fileRank;
  auto fileOf = [](const Kept &k) {
    return k.loc.file ? llvm::StringRef(*k.loc.file) : llvm::StringRef();
  };
  for (const std::vector<Kept> &group : groups)
    fileRank.try_emplace(fileOf(group.front()), fileRank.size());
  // Sorted by (file, line, column, order of report): stable.
  std::vector<size_t> order(groups.size());
  for (size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  auto key = [&](size_t i) {
    const Kept &k = groups[i].front();
    return std::make_tuple(fileRank.lookup(fileOf(k)), k.loc.line, k.loc.col,
                           i);
  };
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return key(a) < key(b); });
  for (size_t i : order)
    for (const Kept &k : groups[i])
      print(k.loc, k.kind, k.message);
}

void DiagnosticEngine::emit(const ast::Location &loc,
                            llvm::SourceMgr::DiagKind kind,
                            const llvm::Twine &message) {
  if (kind == llvm::SourceMgr::DK_Error)
    ++numErrors;
  if (keeping) {
    if (kind == llvm::SourceMgr::DK_Note && !kept.empty())
      kept.back().push_back({loc, kind, message.str()});
    else
      kept.push_back({{loc, kind, message.str()}});
    return;
  }
  print(loc, kind, message.str());
}

void DiagnosticEngine::print(const ast::Location &loc,
                             llvm::SourceMgr::DiagKind kind,
                             const std::string &message) {
  llvm::SMLoc smLoc = toSMLoc(loc);
  llvm::StringRef lineText;
  if (smLoc.isValid()) {
    lineText = sourceLine(smLoc);
    // SourceMgr prints no caret under a line with a non-ASCII byte (it
    // cannot tell the width of the characters), and all of a long line:
    // those lines are printed here, with the caret under the character at
    // the column, and a long one cut around it (rt::excerptWindow).
    if (lineText.size() <= rt::kExcerptWidth && llvm::all_of(lineText, [](char c) {
          return static_cast<unsigned char>(c) < 0x80;
        })) {
      sourceMgr.PrintMessage(os, smLoc, kind, message);
      return;
    }
  }
  // Else, or with no buffer for this file (should not happen for parsed
  // input): still say where.
  os << (loc.file ? *loc.file : std::string("<unknown>")) << ":" << loc.line
     << ":" << loc.col << ": ";
  switch (kind) {
  case llvm::SourceMgr::DK_Error:
    os << "error: ";
    break;
  case llvm::SourceMgr::DK_Warning:
    os << "warning: ";
    break;
  default:
    os << "note: ";
    break;
  }
  os << message << "\n";
  if (smLoc.isValid()) {
    std::size_t col = loc.col;
    std::string shown = rt::excerptWindow(lineText, col);
    os << shown << "\n" << rt::caretLine(shown, col) << "\n";
  }
}

llvm::StringRef DiagnosticEngine::sourceLine(llvm::SMLoc smLoc) const {
  unsigned id = sourceMgr.FindBufferContainingLoc(smLoc);
  llvm::StringRef buffer = sourceMgr.getMemoryBuffer(id)->getBuffer();
  size_t at = smLoc.getPointer() - buffer.data();
  size_t newline = buffer.substr(0, at).rfind('\n');
  size_t begin = newline == llvm::StringRef::npos ? 0 : newline + 1;
  size_t end = buffer.find_first_of("\r\n", at);
  return buffer.slice(begin, end);
}


void DiagnosticEngine::error(const ast::Location &loc,
                             const llvm::Twine &message) {
  emit(loc, llvm::SourceMgr::DK_Error, message);
}

void DiagnosticEngine::warning(const ast::Location &loc,
                               const llvm::Twine &message) {
  emit(loc, llvm::SourceMgr::DK_Warning, message);
}

void DiagnosticEngine::note(const ast::Location &loc,
                            const llvm::Twine &message) {
  emit(loc, llvm::SourceMgr::DK_Note, message);
}

void DiagnosticEngine::error(const llvm::Twine &message) {
  ++numErrors;
  // Without a place in a file, the tool's name says who is speaking
  // ("dgmc: error: cannot read 'x.dgm'"), as the tools' own messages do.
  std::string exe = llvm::sys::fs::getMainExecutable(nullptr, nullptr);
  if (!exe.empty())
    os << llvm::sys::path::filename(exe) << ": ";
  os << "error: " << message << "\n";
}

/// True when `b` is `a` with two adjacent characters swapped ("mni"/"min"),
/// a typo that plain edit distance counts as two edits.
static bool isTransposition(llvm::StringRef a, llvm::StringRef b) {
  if (a.size() != b.size() || a == b)
    return false;
  size_t i = 0;
  while (a[i] == b[i])
    ++i;
  return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
         a.substr(i + 2) == b.substr(i + 2);
}

std::string dgm::closestMatch(llvm::StringRef name,
                              llvm::ArrayRef<std::string> candidates) {
  // A name that differs only in case ('snow' for 'SNOW') is the likeliest
  // meaning, however many letters differ.
  for (const std::string &candidate : candidates)
    if (candidate != name && name.equals_insensitive(candidate))
      return candidate;
  std::string best;
  unsigned bestDistance = ~0u;
  // Allow about one edit per three characters, and at least one; but never
  // change half of the name (suggesting 'P' for 'R' is noise).
  unsigned maxDistance = std::max<unsigned>(1, name.size() / 3);
  for (const std::string &candidate : candidates) {
    unsigned distance =
        isTransposition(name, candidate)
            ? 1
            : name.edit_distance(candidate, /*AllowReplacements=*/true,
                                 maxDistance);
    if (distance <= maxDistance && 2 * distance <= name.size() &&
        distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return best;
}

std::string dgm::formatNumber(double value) {
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  return std::string(buffer, result.ptr);
}
