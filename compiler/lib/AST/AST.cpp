//===- AST.cpp - Spellings of the AST's enumerations ----------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The source spelling of each operator and declaration kind, for messages
// (Sema, MLIRGen) and the AST dump.
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
