//===- ExprChecker.h - Name resolution and types of expressions -*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Every place that holds an expression (a step statement, a function body, a
// kernel, a basin output's formula, a constant) checks it with an
// ExprChecker. What differs between the places is which names are visible and
// which special calls are allowed (aggregates, convolve); subclasses say that
// through checkName() and checkSpecialCall(). Everything else (operators,
// built-in and user functions, the two types number / truth value) is here.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_LIB_SEMA_EXPRCHECKER_H
#define DGM_LIB_SEMA_EXPRCHECKER_H

#include "dgm/AST/AST.h"
#include "dgm/Support/Diagnostics.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

#include <functional>
#include <optional>

namespace dgm {

const char *kindWord(ast::VarDecl::Kind kind);
/// kindWord with its article: "a state", "an output".
std::string kindWithArticle(ast::VarDecl::Kind kind);

/// What a name of a declaration of `kind` refers to.
ast::NameRef::Kind refKindOf(ast::VarDecl::Kind kind);

/// The functions and constants visible at a point: a model's own, then the
/// file's and the imported modules' (parent). Declarations are added in
/// order, once checked, so a function can only call earlier ones (no
/// recursion) and a constant can only use earlier ones.
struct Scope {
  llvm::StringMap<const ast::ConstDecl *> consts;
  llvm::StringMap<const ast::FnDecl *> fns;
  /// Constants and functions of this file or model not defined yet (they
  /// are defined in source order): a use of one gets "defined below", not
  /// "unknown name".
  llvm::StringMap<ast::Location> later;
  /// Constants whose definition had an error (already reported).
  llvm::StringSet<> failed;
  const Scope *parent = nullptr;
  /// On the outermost scope: the root module's search for a library module
  /// that defines a function (ast::Module::findModuleDefining), for hints.
  const std::function<std::optional<std::string>(const std::string &)>
      *moduleFinder = nullptr;
  /// The library module that defines `name` (a function or constant), if
  /// the outermost scope has a finder and it finds one.
  std::optional<std::string> findModuleDefining(const std::string &name) const;

  const ast::ConstDecl *lookupConst(llvm::StringRef name) const;
  const ast::FnDecl *lookupFn(llvm::StringRef name) const;
  /// Whether `name` is a constant whose definition failed.
  bool hasFailed(llvm::StringRef name) const;
  /// Where `name` is defined further down, if it is.
  const ast::Location *lookupLater(llvm::StringRef name) const;
  /// Every visible name, for "did you mean" suggestions.
  void collectNames(std::vector<std::string> &names) const;
};

class ExprChecker {
public:
  enum class Type { Number, Truth, Error };

  ExprChecker(DiagnosticEngine &diag, const Scope &scope)
      : diag(diag), scope(scope) {}
  virtual ~ExprChecker() = default;

  Type check(ast::Expr &expr);

  static const char *typeWord(Type type);

protected:
  /// Resolves a name (sets e.ref) and returns its type. The default knows
  /// constants only.
  virtual Type checkName(ast::NameExpr &e);
  /// A call that only some places allow (mean, convolve, ...): its type, or
  /// nullopt when `e` is an ordinary call.
  virtual std::optional<Type> checkSpecialCall(ast::CallExpr &e) {
    (void)e;
    return std::nullopt;
  }
  /// Names offered as suggestions for an unknown name, besides constants.
  virtual void collectNames(std::vector<std::string> &names) { (void)names; }

  /// convolve(SERIES, KERNEL): any number series, and the name of one of
  /// `kernels` (resolved to NameRef::Kind::Kernel).
  Type checkConvolve(ast::CallExpr &e,
                     const std::vector<ast::KernelDecl> &kernels);

  /// Resolves `e` to a constant when one has that name.
  bool resolveConst(ast::NameExpr &e);
  /// `name` is a constant or function defined below its use.
  void reportDefinedLater(const std::string &name, const ast::Location &loc,
                          const ast::Location &definition);
  void reportUnknownName(const std::string &name, const ast::Location &loc,
                         const std::string &hint = "");
  /// Reports an error unless `actual` is `expected` (or already an error).
  bool expect(const ast::Expr &expr, Type actual, Type expected,
              llvm::StringRef what);

  DiagnosticEngine &diag;
  const Scope &scope;
  /// The model the expression is in, if any, for messages about its names
  /// used as what they are not: a kernel as a value ("use it in
  /// convolve"), a variable as a function.
  const ast::ModelDecl *enclosingModel = nullptr;
  /// The kernel or variable of the enclosing model called `name`, if any.
  const ast::KernelDecl *modelKernel(llvm::StringRef name) const;
  const ast::VarDecl *modelVariable(llvm::StringRef name) const;

private:
  Type checkBinary(ast::BinaryExpr &e);
  Type checkCall(ast::CallExpr &e);
};

/// Checks the body of a function: its names are its arguments and constants.
void checkFunction(ast::FnDecl &fn, const Scope &scope, DiagnosticEngine &diag);

/// The most operations a function, or a model's generated code in all, may
/// expand to with its calls inlined. Nested calls multiply (f1(x) =
/// f0(f0(x)), f2(x) = f1(f1(x)), ...), and LLVM's optimisers are
/// superlinear: a chain of 16381 dependent operations (as counted here)
/// compiles in 2.7 s, 32765 in 10 s, 65533 in 36 s (the loop vectorizer is
/// quadratic in a chain's length); 1300 independent state updates (about
/// 9500) take 17 s, 2500 (17500) 46 s. δHBV is far below (its step is
/// about 100 MLIR operations).
constexpr uint64_t kMaxInlinedSize = 10000;

/// The operations of an expression with every call inlined, as MLIRGen
/// inlines them, and the call in it that costs most (null if none).
struct InlinedSize {
  uint64_t operations = 0;
  const ast::FnDecl *largestCall = nullptr;
  /// A function it calls is over the limit (already reported).
  bool calleeTooLarge = false;
};
/// `kernelSizes` (kernel name -> weights) makes `convolve(x, K)` count one
/// operation per weight, as the lowering unrolls it.
InlinedSize measureInlinedSize(
    const ast::Expr &e,
    const llvm::StringMap<int64_t> *kernelSizes = nullptr);

/// Sets fn.inlinedSize and reports a function over kMaxInlinedSize (once:
/// not the functions that call it).
void checkInlinedSize(ast::FnDecl &fn, DiagnosticEngine &diag);

/// Checks and evaluates a constant; false after reporting an error.
bool checkConstant(ast::ConstDecl &constant, const Scope &scope,
                   DiagnosticEngine &diag);

} // namespace dgm

#endif // DGM_LIB_SEMA_EXPRCHECKER_H
