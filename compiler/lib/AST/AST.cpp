//===- AST.cpp - Spellings of the AST's enumerations, a name walker -------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The source spelling of each operator and declaration kind, for messages
// (Sema, MLIRGen) and the AST dump; and forEachName, for the checks that ask
// which names an expression reads.
//
//===----------------------------------------------------------------------===//

#include "dgm/AST/AST.h"

#include "llvm/Support/ErrorHandling.h"

using namespace dgm::ast;

const char *dgm::ast::toString(VarDecl::Kind kind) {
  switch (kind) {
  case VarDecl::Kind::Forcing:
    return "forcing";
  case VarDecl::Kind::Param:
    return "param";
  case VarDecl::Kind::State:
    return "state";
  case VarDecl::Kind::Output:
    return "output";
  }
  llvm_unreachable("unknown declaration kind");
}

const char *dgm::ast::toString(BinaryExpr::Op op) {
  switch (op) {
  case BinaryExpr::Op::Add:
    return "+";
  case BinaryExpr::Op::Sub:
    return "-";
  case BinaryExpr::Op::Mul:
    return "*";
  case BinaryExpr::Op::Div:
    return "/";
  case BinaryExpr::Op::Pow:
    return "^";
  case BinaryExpr::Op::Lt:
    return "<";
  case BinaryExpr::Op::Le:
    return "<=";
  case BinaryExpr::Op::Gt:
    return ">";
  case BinaryExpr::Op::Ge:
    return ">=";
  case BinaryExpr::Op::Eq:
    return "==";
  case BinaryExpr::Op::Ne:
    return "!=";
  case BinaryExpr::Op::And:
    return "and";
  case BinaryExpr::Op::Or:
    return "or";
  }
  llvm_unreachable("unknown binary operator");
}

const char *dgm::ast::toString(UnaryExpr::Op op) {
  switch (op) {
  case UnaryExpr::Op::Neg:
    return "-";
  case UnaryExpr::Op::Not:
    return "not";
  }
  llvm_unreachable("unknown unary operator");
}

const char *dgm::ast::toString(AssignStmt::Op op) {
  switch (op) {
  case AssignStmt::Op::Set:
    return "=";
  case AssignStmt::Op::Add:
    return "+=";
  case AssignStmt::Op::Sub:
    return "-=";
  case AssignStmt::Op::Mul:
    return "*=";
  case AssignStmt::Op::Div:
    return "/=";
  case AssignStmt::Op::Der:
    return "der =";
  }
  llvm_unreachable("unknown assignment operator");
}

void dgm::ast::forEachName(const Expr &expr,
                           const std::function<void(const NameExpr &)> &fn) {
  if (auto *name = llvm::dyn_cast<NameExpr>(&expr)) {
    fn(*name);
  } else if (auto *unary = llvm::dyn_cast<UnaryExpr>(&expr)) {
    forEachName(unary->getOperand(), fn);
  } else if (auto *binary = llvm::dyn_cast<BinaryExpr>(&expr)) {
    forEachName(binary->getLHS(), fn);
    forEachName(binary->getRHS(), fn);
  } else if (auto *call = llvm::dyn_cast<CallExpr>(&expr)) {
    for (const ExprPtr &arg : call->getArgs())
      forEachName(*arg, fn);
  } else if (auto *cond = llvm::dyn_cast<IfExpr>(&expr)) {
    forEachName(cond->getCond(), fn);
    forEachName(cond->getThen(), fn);
    forEachName(cond->getElse(), fn);
  }
}
