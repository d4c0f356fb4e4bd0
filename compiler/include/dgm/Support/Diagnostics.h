//===- Diagnostics.h - Located error messages for the front end -*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Every front-end message goes through DiagnosticEngine, which prints it the
// way clang and MLIR do:
//
//   model.dgm:7:12: error: unknown name 'Pe'; did you mean 'P'?
//       S += Pe - k * S;
//            ^
//
// It sits on llvm::SourceMgr, the same source manager MLIR's
// SourceMgrDiagnosticHandler uses, so front-end and MLIR diagnostics look
// alike. It counts errors and keeps going: a file reports all its errors.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_SUPPORT_DIAGNOSTICS_H
#define DGM_SUPPORT_DIAGNOSTICS_H

#include "dgm/AST/AST.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace dgm {

class DiagnosticEngine {
public:
  DiagnosticEngine(llvm::SourceMgr &sourceMgr, llvm::raw_ostream &os)
      : sourceMgr(sourceMgr), os(os) {}

  /// Prints `file:line:col: error: message`, the source line and a caret.
  void error(const ast::Location &loc, const llvm::Twine &message);
  void warning(const ast::Location &loc, const llvm::Twine &message);
  /// A note attached to the previous error or warning.
  void note(const ast::Location &loc, const llvm::Twine &message);
  /// An error not tied to a place in the source (e.g. an unreadable file).
  void error(const llvm::Twine &message);

  /// While one is alive, errors and warnings (each with its notes) are
  /// kept, and printed when it ends, in source order: by file, in the order
  /// the files first had a diagnostic, then by line and column. A checker
  /// that visits a call's arguments before its name, or declarations by
  /// kind, then still reports from the top of the file down.
  class SourceOrder {
  public:
    explicit SourceOrder(DiagnosticEngine &engine);
    ~SourceOrder();
    SourceOrder(const SourceOrder &) = delete;
    SourceOrder &operator=(const SourceOrder &) = delete;

  private:
    DiagnosticEngine &engine;
    bool outermost;
  };

  unsigned getNumErrors() const { return numErrors; }
  bool hasErrors() const { return numErrors != 0; }
  llvm::SourceMgr &getSourceMgr() { return sourceMgr; }

  /// The SMLoc of a line/column in the buffer of `loc.file`, or an invalid
  /// SMLoc when the file is not loaded.
  llvm::SMLoc toSMLoc(const ast::Location &loc) const;
  /// The text of the line holding `smLoc`, without its line break.
  llvm::StringRef sourceLine(llvm::SMLoc smLoc) const;

private:
  void emit(const ast::Location &loc, llvm::SourceMgr::DiagKind kind,
            const llvm::Twine &message);
  void print(const ast::Location &loc, llvm::SourceMgr::DiagKind kind,
             const std::string &message);
  /// Prints the kept diagnostics in source order and stops keeping them.
  void flushInSourceOrder();

  struct Kept {
    ast::Location loc;
    llvm::SourceMgr::DiagKind kind;
    std::string message;
  };
  /// Each error or warning, followed by its notes.
  std::vector<std::vector<Kept>> kept;
  bool keeping = false;

  llvm::SourceMgr &sourceMgr;
  llvm::raw_ostream &os;
  unsigned numErrors = 0;
};

/// The closest candidate to `name` within a small edit distance, or "" when
/// none is close enough to be a likely typo.
std::string closestMatch(llvm::StringRef name,
                         llvm::ArrayRef<std::string> candidates);

/// `value` in the shortest form that reads back exactly ("0.1", "1e-05").
std::string formatNumber(double value);

} // namespace dgm

#endif // DGM_SUPPORT_DIAGNOSTICS_H
