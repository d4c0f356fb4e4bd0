//===- AST.h - The dgm abstract syntax tree ---------------------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The front end's own tree. The ANTLR parse tree is converted into it right
// after parsing (lib/Parse/ParseTreeTransformer.cpp); nothing downstream sees
// an ANTLR type. Every node carries the location of the token that starts it,
// so that Sema and MLIRGen can point at the source.
//
// Sema fills the fields marked "set by Sema" (name resolution, constant values
// of bounds and initial values); MLIRGen reads them.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_AST_AST_H
#define DGM_AST_AST_H

#include "llvm/Support/Casting.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dgm::ast {

/// A position in a source file: 1-based line and column.
struct Location {
  std::shared_ptr<std::string> file;
  unsigned line = 0;
  unsigned col = 0;
};

//===----------------------------------------------------------------------===//
// Units
//===----------------------------------------------------------------------===//

/// One factor of a unit: `symbol^exponent`, e.g. `d^-1`.
struct UnitTerm {
  std::string symbol;
  int exponent = 1;
  Location loc;
};

/// A unit as written after `:`, normalised to a product of powers of symbols
/// (`mm/(degC*d)` becomes mm^1 degC^-1 d^-1; `1` is the empty product).
/// `spelling` keeps the user's text for messages and the model descriptor.
struct UnitAnnotation {
  std::vector<UnitTerm> terms;
  std::string spelling;
  Location loc;
};

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

/// Base of all expressions (LLVM-style RTTI through `kind`).
class Expr {
public:
  enum class Kind { Number, Name, Unary, Binary, Call, If };

  Expr(Kind kind, Location loc) : kind(kind), loc(std::move(loc)) {}
  virtual ~Expr() = default;

  Kind getKind() const { return kind; }
  const Location &getLoc() const { return loc; }

private:
  Kind kind;
  Location loc;
};
using ExprPtr = std::unique_ptr<Expr>;

/// A numeric literal such as `1`, `0.5`, `1e-3`.
class NumberExpr : public Expr {
public:
  NumberExpr(Location loc, double value, std::string spelling)
      : Expr(Kind::Number, std::move(loc)), value(value),
        spelling(std::move(spelling)) {}
  double getValue() const { return value; }
  const std::string &getSpelling() const { return spelling; }
  static bool classof(const Expr *e) { return e->getKind() == Kind::Number; }

private:
  double value;
  std::string spelling;
};

/// What a name refers to, decided by Sema.
struct NameRef {
  enum class Kind {
    Unresolved,
    Forcing,
    Param,
    State,
    Output,
    Let,
    Const,       ///< a named constant: `value` holds it
    FnArg,       ///< an argument of the function being defined
    KernelIndex, ///< the index `k` of a kernel declaration
    Kernel,      ///< a kernel (only as the second argument of convolve)
  };
  Kind kind = Kind::Unresolved;
  /// Index among the model's declarations of that kind, among the step
  /// block's `let` statements for Kind::Let, among the arguments for
  /// Kind::FnArg, among the kernels for Kind::Kernel.
  unsigned index = 0;
  /// The value of a Kind::Const.
  double value = 0;
};

/// A reference to a forcing, parameter, state, output or `let` name.
class NameExpr : public Expr {
public:
  NameExpr(Location loc, std::string name)
      : Expr(Kind::Name, std::move(loc)), name(std::move(name)) {}
  const std::string &getName() const { return name; }
  static bool classof(const Expr *e) { return e->getKind() == Kind::Name; }

  NameRef ref; ///< set by Sema

private:
  std::string name;
};

class UnaryExpr : public Expr {
public:
  enum class Op { Neg, Not };
  UnaryExpr(Location loc, Op op, ExprPtr operand)
      : Expr(Kind::Unary, std::move(loc)), op(op), operand(std::move(operand)) {
  }
  Op getOp() const { return op; }
  Expr &getOperand() const { return *operand; }
  static bool classof(const Expr *e) { return e->getKind() == Kind::Unary; }

private:
  Op op;
  ExprPtr operand;
};

class BinaryExpr : public Expr {
public:
  enum class Op { Add, Sub, Mul, Div, Pow, Lt, Le, Gt, Ge, Eq, Ne, And, Or };
  /// `loc` is the location of the operator token.
  BinaryExpr(Location loc, Op op, ExprPtr lhs, ExprPtr rhs)
      : Expr(Kind::Binary, std::move(loc)), op(op), lhs(std::move(lhs)),
        rhs(std::move(rhs)) {}
  Op getOp() const { return op; }
  Expr &getLHS() const { return *lhs; }
  Expr &getRHS() const { return *rhs; }
  static bool classof(const Expr *e) { return e->getKind() == Kind::Binary; }

private:
  Op op;
  ExprPtr lhs, rhs;
};

struct FnDecl;

/// A call of a built-in function (`min(a, b)`, `exp(x)`, ...), of an
/// aggregate over components (`mean(Q)`), of `convolve`, or of a user
/// function (`fn`), which Sema resolves.
class CallExpr : public Expr {
public:
  CallExpr(Location loc, std::string callee, std::vector<ExprPtr> args)
      : Expr(Kind::Call, std::move(loc)), callee(std::move(callee)),
        args(std::move(args)) {}
  const std::string &getCallee() const { return callee; }
  const std::vector<ExprPtr> &getArgs() const { return args; }
  static bool classof(const Expr *e) { return e->getKind() == Kind::Call; }

  /// Set by Sema when the callee is a user function.
  const FnDecl *fn = nullptr;

private:
  std::string callee;
  std::vector<ExprPtr> args;
};

/// `if cond then a else b`: an expression, both branches always present.
class IfExpr : public Expr {
public:
  IfExpr(Location loc, ExprPtr cond, ExprPtr thenExpr, ExprPtr elseExpr)
      : Expr(Kind::If, std::move(loc)), cond(std::move(cond)),
        thenExpr(std::move(thenExpr)), elseExpr(std::move(elseExpr)) {}
  Expr &getCond() const { return *cond; }
  Expr &getThen() const { return *thenExpr; }
  Expr &getElse() const { return *elseExpr; }
  static bool classof(const Expr *e) { return e->getKind() == Kind::If; }

private:
  ExprPtr cond, thenExpr, elseExpr;
};

//===----------------------------------------------------------------------===//
// Statements of a step block
//===----------------------------------------------------------------------===//

class Stmt {
public:
  enum class Kind { Let, Assign };
  Stmt(Kind kind, Location loc) : kind(kind), loc(std::move(loc)) {}
  virtual ~Stmt() = default;
  Kind getKind() const { return kind; }
  const Location &getLoc() const { return loc; }

private:
  Kind kind;
  Location loc;
};
using StmtPtr = std::unique_ptr<Stmt>;

/// `let name [: unit] = expr;` defines an immutable intermediate value.
class LetStmt : public Stmt {
public:
  LetStmt(Location loc, std::string name, Location nameLoc,
          std::optional<UnitAnnotation> unit, ExprPtr value)
      : Stmt(Kind::Let, std::move(loc)), name(std::move(name)),
        nameLoc(std::move(nameLoc)), unit(std::move(unit)),
        value(std::move(value)) {}
  const std::string &getName() const { return name; }
  const Location &getNameLoc() const { return nameLoc; }
  const std::optional<UnitAnnotation> &getUnit() const { return unit; }
  Expr &getValue() const { return *value; }
  static bool classof(const Stmt *s) { return s->getKind() == Kind::Let; }

private:
  std::string name;
  Location nameLoc;
  std::optional<UnitAnnotation> unit;
  ExprPtr value;
};

/// `target op expr;` with op one of `=`, `+=`, `-=`, `*=`, `/=`. The target
/// must be a state or an output; later statements see the new value
/// (operator splitting). `der(S) = expr;` (Op::Der) gives the rate of change
/// of state S instead, for the model's solver to integrate.
class AssignStmt : public Stmt {
public:
  enum class Op { Set, Add, Sub, Mul, Div, Der };
  AssignStmt(Location loc, std::string target, Location targetLoc, Op op,
             Location opLoc, ExprPtr value)
      : Stmt(Kind::Assign, std::move(loc)), target(std::move(target)),
        targetLoc(std::move(targetLoc)), op(op), opLoc(std::move(opLoc)),
        value(std::move(value)) {}
  const std::string &getTarget() const { return target; }
  const Location &getTargetLoc() const { return targetLoc; }
  Op getOp() const { return op; }
  const Location &getOpLoc() const { return opLoc; }
  Expr &getValue() const { return *value; }
  static bool classof(const Stmt *s) { return s->getKind() == Kind::Assign; }

  NameRef targetRef; ///< set by Sema

private:
  std::string target;
  Location targetLoc;
  Op op;
  Location opLoc;
  ExprPtr value;
};

//===----------------------------------------------------------------------===//
// Declarations
//===----------------------------------------------------------------------===//

/// `forcing`, `param`, `state` or `output`.
struct VarDecl {
  enum class Kind { Forcing, Param, State, Output };
  Kind kind;
  std::string name;
  Location loc; ///< of the name
  std::optional<UnitAnnotation> unit;
  std::string description; ///< contents of the string literal, unescaped

  /// The output `balance_error` that Sema adds for a `balance` declaration;
  /// MLIRGen computes it.
  bool isBalanceError = false;

  /// `dynamic param`: a new value every time step.
  bool dynamic = false;
  Location dynamicLoc;
  /// `shared param`: one value per basin, shared by its components.
  bool shared = false;
  Location sharedLoc;
  /// `internal output`: computed by the step for the basin outputs to
  /// aggregate, not written to the results (not in the C ABI's outputs).
  bool internal = false;
  Location internalLoc;

  /// `param p in [lower, upper]`: both set or both null.
  ExprPtr lower, upper;
  Location boundsLoc; ///< of the `in` keyword
  /// `param p = default`, `state s = initial`, or the formula of a basin
  /// output (`output Q = convolve(Qsim, UH)`), computed after the step.
  ExprPtr init;
  bool isBasinOutput() const { return kind == Kind::Output && init; }

  // Set by Sema: the constant values of the expressions above.
  double lowerValue = 0, upperValue = 0, initValue = 0;
  /// Set by Sema: a state's initial value uses parameters (`= 0.5 * X1`), so
  /// it is computed per basin and component before the first step;
  /// `initValue` is then unused.
  bool initFromParams = false;
  bool hasBounds() const { return lower != nullptr; }
  bool hasInit() const { return init != nullptr; }
};

/// `const NAME [: unit] = expr;`
struct ConstDecl {
  std::string name;
  Location loc; ///< of the name
  std::optional<UnitAnnotation> unit;
  ExprPtr value;
  double constValue = 0; ///< set by Sema
};

/// `fn NAME(a, b) = expr;`: inlined at every call.
/// `let NAME = EXPR;` in a function's block.
struct FnLet {
  std::string name;
  Location loc; ///< of the name
  ExprPtr value;
  bool truth = false; ///< set by Sema: a truth value (`let big = x > 3;`)
};

struct FnDecl {
  std::string name;
  Location loc; ///< of the name
  std::vector<std::string> params;
  std::vector<Location> paramLocs;
  /// `fn f(x) { let a = ...; ... }`: in order, each seeing the arguments
  /// and the lets before it. Names refer to the arguments and the lets as
  /// one frame: NameRef::Kind::FnArg, index i < params.size() for argument
  /// i, params.size() + j for let j (so every stage evaluates a call as:
  /// the arguments, then each let's value appended, then the body).
  std::vector<FnLet> lets;
  ExprPtr body;
  /// Set by Sema: the number of operations of the body with every call
  /// inlined (as MLIRGen inlines them), saturating; and whether it, or a
  /// function it calls, is over the limit (reported once, at the first).
  uint64_t inlinedSize = 0;
  bool inlinedTooLarge = false;
};

/// `kernel NAME[k < N] = expr;` (`normalize(...)` around the whole
/// expression scales the weights to sum 1).
struct KernelDecl {
  std::string name;
  Location loc; ///< of the name
  std::string index;
  Location indexLoc;
  int64_t size = 0;
  Location sizeLoc;
  bool normalize = false;
  ExprPtr value; ///< without the `normalize(...)` around it
};

/// `balance { storage: S; inflow: I; outflow: O; }`
struct BalanceDecl {
  Location loc; ///< of the `balance` keyword
  ExprPtr storage, inflow, outflow;
  Location storageLoc, inflowLoc, outflowLoc;
};

/// `import NAME;`
struct ImportDecl {
  std::string name;
  Location loc;
};

/// `step { ... }`: the update over one time step, statements in order.
struct StepBlock {
  Location loc; ///< of the `step` keyword
  std::vector<StmtPtr> body;
};

/// `model Name { declarations... step { ... } }`
struct ModelDecl {
  std::string name;
  Location loc; ///< of the name
  /// All declarations in source order, whatever their kind.
  std::vector<VarDecl> vars;
  /// Every step block written; Sema requires exactly one.
  std::vector<StepBlock> steps;
  /// `step N UNIT;`: the length of one time step, which is `dt` (one day
  /// when not declared). Sema checks the unit and sets `seconds`.
  struct StepLength {
    double value = 1;
    UnitAnnotation unit;
    Location loc; ///< of the number
    int64_t seconds = 86400;
  };
  std::optional<StepLength> stepLength;
  /// The step's length in seconds (86400 when the model declares none).
  int64_t stepSeconds() const {
    return stepLength ? stepLength->seconds : 86400;
  }
  /// The value of `dt`, in the step's own unit (1 when not declared).
  double stepValue() const { return stepLength ? stepLength->value : 1.0; }
  /// `components N;` (N >= 1): the model runs N copies per basin by default.
  std::optional<int64_t> components;
  Location componentsLoc;
  std::vector<KernelDecl> kernels;
  std::vector<ConstDecl> consts;
  std::vector<FnDecl> fns;
  std::optional<BalanceDecl> balance;
  /// `solver euler|rk4 [substeps N];` for models with der(S) = ...
  struct Solver {
    enum class Scheme { Euler, RK4 } scheme = Scheme::Euler;
    int64_t substeps = 1;
    Location loc;
  };
  std::optional<Solver> solver;
};

/// One parsed .dgm file.
struct Module {
  std::string filename;
  std::vector<ImportDecl> imports;
  std::vector<ConstDecl> consts;
  std::vector<FnDecl> fns;
  std::vector<ModelDecl> models;
  /// Set by resolveImports() on the root module: every module it imports,
  /// directly or not, each once.
  std::vector<std::unique_ptr<Module>> imported;
  /// For an imported module: the first `import` that brought it in, for the
  /// "imported here" note under errors inside it.
  std::optional<Location> importedAt;
  /// Set by resolveImports() on the root module, for the hint under an
  /// unknown function or name: the module on the search path that defines
  /// a function or constant of that name (`smooth_max` -> "smooth",
  /// `MM_PER_M` -> "units"), found only when asked.
  std::function<std::optional<std::string>(const std::string &name)>
      findModuleDefining;
};

const char *toString(VarDecl::Kind kind);
const char *toString(BinaryExpr::Op op);
const char *toString(UnaryExpr::Op op);
const char *toString(AssignStmt::Op op);

/// Calls `fn` for every name in `expr` (operands, call arguments, the parts
/// of an `if`), in source order.
void forEachName(const Expr &expr,
                 const std::function<void(const NameExpr &)> &fn);

} // namespace dgm::ast

#endif // DGM_AST_AST_H
