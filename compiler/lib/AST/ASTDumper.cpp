//===- ASTDumper.cpp - Printing the AST as an indented tree ---------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The format is described in ASTDumper.h. Each line is `Kind details @L:C`;
// the model's line spells out the file as well. Extra locations a node keeps
// (the name of a `let`, the operator of an assignment) follow as `what@L:C`.
//
//===----------------------------------------------------------------------===//

#include "dgm/AST/ASTDumper.h"

#include "llvm/ADT/StringExtras.h"

#include <charconv>

using namespace dgm;
using namespace dgm::ast;

namespace {

/// The shortest text that reads back as exactly `value`.
std::string formatDouble(double value) {
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  return std::string(buffer, result.ptr);
}

class ASTDumper {
public:
  explicit ASTDumper(llvm::raw_ostream &os) : os(os) {}

  void dumpModel(const ModelDecl &model);
  void dumpImport(const ImportDecl &import) {
    line() << "Import " << import.name;
    endLine(import.loc);
  }
  void dumpConst(const ConstDecl &constant);
  void dumpFn(const FnDecl &fn);

private:
  void dumpKernel(const KernelDecl &kernel);
  void dumpVar(const VarDecl &var);
  void dumpUnit(const UnitAnnotation &unit);
  void dumpStmt(const Stmt &stmt);
  void dumpExpr(const Expr &expr);

  llvm::raw_ostream &line() { return os.indent(2 * depth); }
  void printLoc(const Location &loc) {
    os << "@" << loc.line << ":" << loc.col;
  }
  void endLine(const Location &loc) {
    os << " ";
    printLoc(loc);
    os << "\n";
  }

  /// Prints the children of the current line one level deeper.
  struct Nested {
    explicit Nested(ASTDumper &dumper) : dumper(dumper) { ++dumper.depth; }
    ~Nested() { --dumper.depth; }
    ASTDumper &dumper;
  };

  llvm::raw_ostream &os;
  unsigned depth = 0;
};

} // namespace

void ASTDumper::dumpModel(const ModelDecl &model) {
  line() << "Model " << model.name << " @"
         << (model.loc.file ? *model.loc.file : std::string("<unknown>")) << ":"
         << model.loc.line << ":" << model.loc.col << "\n";
  Nested nested(*this);
  if (model.components) {
    line() << "Components " << *model.components;
    endLine(model.componentsLoc);
  }
  for (const ConstDecl &constant : model.consts)
    dumpConst(constant);
  for (const FnDecl &fn : model.fns)
    dumpFn(fn);
  for (const VarDecl &var : model.vars)
    dumpVar(var);
  for (const KernelDecl &kernel : model.kernels)
    dumpKernel(kernel);
  for (const StepBlock &step : model.steps) {
    line() << "Step";
    endLine(step.loc);
    Nested body(*this);
    for (const StmtPtr &stmt : step.body)
      dumpStmt(*stmt);
  }
}

void ASTDumper::dumpConst(const ConstDecl &constant) {
  line() << "Const " << constant.name;
  endLine(constant.loc);
  Nested nested(*this);
  if (constant.unit)
    dumpUnit(*constant.unit);
  dumpExpr(*constant.value);
}

void ASTDumper::dumpFn(const FnDecl &fn) {
  line() << "Fn " << fn.name << "(";
  for (size_t i = 0; i < fn.params.size(); ++i)
    os << (i ? ", " : "") << fn.params[i];
  os << ")";
  endLine(fn.loc);
  Nested nested(*this);
  for (const FnLet &let : fn.lets) {
    line() << "Let " << let.name;
    endLine(let.loc);
    Nested inner(*this);
    dumpExpr(*let.value);
  }
  dumpExpr(*fn.body);
}

void ASTDumper::dumpKernel(const KernelDecl &kernel) {
  line() << "Kernel " << kernel.name << "[" << kernel.index << " < "
         << kernel.size << "]" << (kernel.normalize ? " normalize" : "");
  endLine(kernel.loc);
  Nested nested(*this);
  dumpExpr(*kernel.value);
}

void ASTDumper::dumpVar(const VarDecl &var) {
  std::string kind = toString(var.kind);
  kind[0] = llvm::toUpper(kind[0]);
  line() << (var.dynamic ? "dynamic " : "") << (var.shared ? "shared " : "")
         << (var.internal ? "internal " : "") << kind << " " << var.name;
  if (!var.description.empty()) {
    os << " \"";
    os.write_escaped(var.description);
    os << "\"";
  }
  endLine(var.loc);

  Nested nested(*this);
  if (var.unit)
    dumpUnit(*var.unit);
  if (var.hasBounds()) {
    line() << "Bounds";
    endLine(var.boundsLoc);
    Nested bounds(*this);
    dumpExpr(*var.lower);
    dumpExpr(*var.upper);
  }
  if (var.hasInit()) {
    line() << (var.isBasinOutput() ? "Formula\n" : "Init\n");
    Nested init(*this);
    dumpExpr(*var.init);
  }
}

void ASTDumper::dumpUnit(const UnitAnnotation &unit) {
  line() << "Unit " << unit.spelling << " ";
  printLoc(unit.loc);
  os << " =";
  if (unit.terms.empty())
    os << " 1";
  for (const UnitTerm &term : unit.terms) {
    os << " " << term.symbol;
    if (term.exponent != 1)
      os << "^" << term.exponent;
    printLoc(term.loc);
  }
  os << "\n";
}

void ASTDumper::dumpStmt(const Stmt &stmt) {
  if (const auto *let = llvm::dyn_cast<LetStmt>(&stmt)) {
    line() << "Let " << let->getName() << " ";
    printLoc(let->getLoc());
    os << " name";
    printLoc(let->getNameLoc());
    os << "\n";
    Nested nested(*this);
    if (let->getUnit())
      dumpUnit(*let->getUnit());
    dumpExpr(let->getValue());
    return;
  }
  const auto &assign = llvm::cast<AssignStmt>(stmt);
  line() << "Assign " << assign.getTarget() << " " << toString(assign.getOp())
         << " ";
  printLoc(assign.getLoc());
  os << " op";
  printLoc(assign.getOpLoc());
  os << "\n";
  Nested nested(*this);
  dumpExpr(assign.getValue());
}

void ASTDumper::dumpExpr(const Expr &expr) {
  switch (expr.getKind()) {
  case Expr::Kind::Number: {
    const auto &number = llvm::cast<NumberExpr>(expr);
    line() << "Number " << number.getSpelling();
    // Show the value when the spelling does not already say it exactly.
    std::string value = formatDouble(number.getValue());
    if (value != number.getSpelling())
      os << " = " << value;
    endLine(expr.getLoc());
    return;
  }
  case Expr::Kind::Name:
    line() << "Name " << llvm::cast<NameExpr>(expr).getName();
    endLine(expr.getLoc());
    return;
  case Expr::Kind::Unary: {
    const auto &unary = llvm::cast<UnaryExpr>(expr);
    line() << "Unary " << toString(unary.getOp());
    endLine(expr.getLoc());
    Nested nested(*this);
    dumpExpr(unary.getOperand());
    return;
  }
  case Expr::Kind::Binary: {
    const auto &binary = llvm::cast<BinaryExpr>(expr);
    line() << "Binary " << toString(binary.getOp());
    endLine(expr.getLoc());
    Nested nested(*this);
    dumpExpr(binary.getLHS());
    dumpExpr(binary.getRHS());
    return;
  }
  case Expr::Kind::Call: {
    const auto &call = llvm::cast<CallExpr>(expr);
    line() << "Call " << call.getCallee();
    endLine(expr.getLoc());
    Nested nested(*this);
    for (const ExprPtr &arg : call.getArgs())
      dumpExpr(*arg);
    return;
  }
  case Expr::Kind::If: {
    const auto &ifExpr = llvm::cast<IfExpr>(expr);
    line() << "If";
    endLine(expr.getLoc());
    Nested nested(*this);
    dumpExpr(ifExpr.getCond());
    dumpExpr(ifExpr.getThen());
    dumpExpr(ifExpr.getElse());
    return;
  }
  }
}

void dgm::dumpAST(const Module &module, llvm::raw_ostream &os) {
  ASTDumper dumper(os);
  for (const ImportDecl &import : module.imports)
    dumper.dumpImport(import);
  for (const ConstDecl &constant : module.consts)
    dumper.dumpConst(constant);
  for (const FnDecl &fn : module.fns)
    dumper.dumpFn(fn);
  for (const ModelDecl &model : module.models)
    dumper.dumpModel(model);
}
