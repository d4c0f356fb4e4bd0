//===- ParseTreeTransformer.cpp - ANTLR parse tree to dgm AST -------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// A direct recursive walk over the rule contexts (rather than ANTLR's visitor,
// whose results travel in type-erased antlrcpp::Any). Only called on trees
// without syntax errors, so every child the grammar requires is present.
//
//===----------------------------------------------------------------------===//

#include "ParseTreeTransformer.h"

#include "llvm/ADT/STLExtras.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>

using namespace dgm;
using namespace dgm::parse;
using P = dgm_antlr::DGMParser;
using antlr4::ParserRuleContext;
using antlr4::Token;

namespace {

/// The largest exponent a unit may have, with all nested groups applied.
constexpr int64_t kMaxUnitExponent = 1000;

class ParseTreeTransformer {
public:
  ParseTreeTransformer(antlr4::TokenStream &tokens, ParseErrors &errors)
      : tokens(tokens), errors(errors) {}

  std::unique_ptr<ast::Module> transform(P::ProgramContext *program);

private:
  ast::ModelDecl transformModel(P::ModelDeclContext *ctx);
  ast::ConstDecl transformConst(P::ConstDeclContext *ctx);
  ast::FnDecl transformFn(P::FnDeclContext *ctx);
  ast::KernelDecl transformKernel(P::KernelDeclContext *ctx);
  void transformStepLength(P::StepLengthDeclContext *ctx,
                           ast::ModelDecl &model);
  void transformComponents(P::ComponentsDeclContext *ctx,
                           ast::ModelDecl &model);
  void transformBalance(P::BalanceDeclContext *ctx, ast::ModelDecl &model);
  void transformSolver(P::SolverDeclContext *ctx, ast::ModelDecl &model);
  ast::VarDecl transformVarDecl(P::VarDeclContext *ctx);
  ast::StepBlock transformStep(P::StepBlockContext *ctx);
  ast::StmtPtr transformStatement(P::StatementContext *ctx);

  ast::UnitAnnotation transformUnit(P::UnitContext *ctx);
  void flattenUnit(P::UnitContext *ctx, int64_t exponent,
                   std::vector<ast::UnitTerm> &terms);
  int64_t unitExponent(P::UnitExponentContext *ctx);

  std::string transformDescription(Token *token);

  /// An expression and the depth of its tree.
  struct Built {
    ast::ExprPtr expr;
    unsigned depth = 0;
  };
  /// A whole expression (a bound, an initial value, a right-hand side).
  ast::ExprPtr transformTopExpr(ParserRuleContext *ctx);
  Built transformExpr(ParserRuleContext *ctx);
  Built transformLeftAssoc(ParserRuleContext *ctx);
  Built transformPrimary(P::PrimaryContext *ctx);
  Built transformNumber(Token *token);
  /// `expr` as a node one level above children of depth `childDepth`, or a
  /// placeholder after reporting it when that is deeper than kMaxNesting.
  Built withDepth(ast::ExprPtr expr, unsigned childDepth);

  ast::Location at(Token *token) const { return errors.at(token); }

  antlr4::TokenStream &tokens;
  ParseErrors &errors;
  /// Whether the current top-level expression was already reported as too
  /// deeply nested (once is enough).
  bool reportedNesting = false;
};

//===----------------------------------------------------------------------===//
// Models and declarations
//===----------------------------------------------------------------------===//

std::unique_ptr<ast::Module>
ParseTreeTransformer::transform(P::ProgramContext *program) {
  auto module = std::make_unique<ast::Module>();
  module->filename = *errors.getFile();
  for (P::TopItemContext *item : program->topItem()) {
    if (P::ImportDeclContext *import = item->importDecl()) {
      Token *name = import->name()->ID()->getSymbol();
      module->imports.push_back({name->getText(), at(name)});
    } else if (P::ConstDeclContext *constant = item->constDecl()) {
      module->consts.push_back(transformConst(constant));
    } else if (P::FnDeclContext *fn = item->fnDecl()) {
      module->fns.push_back(transformFn(fn));
    } else {
      module->models.push_back(transformModel(item->modelDecl()));
    }
  }
  return module;
}

ast::ConstDecl ParseTreeTransformer::transformConst(P::ConstDeclContext *ctx) {
  ast::ConstDecl constant;
  Token *name = ctx->name()->ID()->getSymbol();
  constant.name = name->getText();
  constant.loc = at(name);
  if (ctx->unit())
    constant.unit = transformUnit(ctx->unit());
  constant.value = transformTopExpr(ctx->expr());
  return constant;
}

ast::FnDecl ParseTreeTransformer::transformFn(P::FnDeclContext *ctx) {
  ast::FnDecl fn;
  std::vector<P::NameContext *> names = ctx->name();
  Token *name = names.front()->ID()->getSymbol();
  fn.name = name->getText();
  fn.loc = at(name);
  for (P::NameContext *param : llvm::drop_begin(names)) {
    fn.params.push_back(param->ID()->getText());
    fn.paramLocs.push_back(at(param->ID()->getSymbol()));
  }
  for (P::FnLetContext *let : ctx->fnLet()) {
    Token *letName = let->name()->ID()->getSymbol();
    fn.lets.push_back(
        {letName->getText(), at(letName), transformTopExpr(let->expr())});
  }
  fn.body = transformTopExpr(ctx->expr());
  return fn;
}

/// The value of a NUMBER token that must be a whole number in [1, max], or
/// nullopt after reporting it.
static std::optional<int64_t> wholeNumber(Token *token, int64_t max,
                                          llvm::StringRef what,
                                          ParseErrors &errors) {
  std::string text = token->getText();
  int64_t value = 0;
  auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 1 ||
      value > max) {
    errors.error(errors.at(token), what.str() +
                                       " must be a whole number from "
                                       "1 to " +
                                       std::to_string(max) + ", not '" + text +
                                       "'");
    return std::nullopt;
  }
  return value;
}

ast::KernelDecl
ParseTreeTransformer::transformKernel(P::KernelDeclContext *ctx) {
  ast::KernelDecl kernel;
  Token *name = ctx->name(0)->ID()->getSymbol();
  kernel.name = name->getText();
  kernel.loc = at(name);
  kernel.index = ctx->index->ID()->getText();
  kernel.indexLoc = at(ctx->index->ID()->getSymbol());
  kernel.sizeLoc = at(ctx->size);
  kernel.size =
      wholeNumber(ctx->size, 10000,
                  "the length of kernel '" + kernel.name + "'", errors)
          .value_or(1);
  kernel.value = transformTopExpr(ctx->expr());
  // normalize(...) around the whole expression is part of the declaration.
  if (auto *call = llvm::dyn_cast<ast::CallExpr>(kernel.value.get());
      call && call->getCallee() == "normalize") {
    if (call->getArgs().size() != 1) {
      errors.error(call->getLoc(), "'normalize' takes one argument, the "
                                   "weight of index '" +
                                       kernel.index + "'");
    } else {
      kernel.normalize = true;
      kernel.value = std::move(
          const_cast<std::vector<ast::ExprPtr> &>(call->getArgs()).front());
    }
  }
  return kernel;
}

void ParseTreeTransformer::transformSolver(P::SolverDeclContext *ctx,
                                           ast::ModelDecl &model) {
  ast::Location loc = at(ctx->SOLVER()->getSymbol());
  if (model.solver) {
    errors.error(loc, "model '" + model.name + "' already declares its solver");
    return;
  }
  ast::ModelDecl::Solver solver;
  solver.loc = loc;
  Token *scheme = ctx->scheme->ID()->getSymbol();
  if (scheme->getText() == "euler") {
    solver.scheme = ast::ModelDecl::Solver::Scheme::Euler;
  } else if (scheme->getText() == "rk4") {
    solver.scheme = ast::ModelDecl::Solver::Scheme::RK4;
  } else {
    errors.error(at(scheme), "unknown solver '" + scheme->getText() +
                                 "'; expected 'euler' (explicit Euler) or "
                                 "'rk4' (classic Runge-Kutta, 4th order)");
    return;
  }
  if (ctx->option) {
    Token *option = ctx->option->ID()->getSymbol();
    if (option->getText() != "substeps") {
      errors.error(at(option), "unknown solver option '" + option->getText() +
                                   "'; expected 'substeps N'");
      return;
    }
    solver.substeps = wholeNumber(ctx->NUMBER()->getSymbol(), 100,
                                  "the number of substeps", errors)
                          .value_or(1);
  }
  model.solver = solver;
}

void ParseTreeTransformer::transformBalance(P::BalanceDeclContext *ctx,
                                            ast::ModelDecl &model) {
  ast::Location loc = at(ctx->BALANCE()->getSymbol());
  if (model.balance) {
    errors.error(loc,
                 "model '" + model.name + "' already declares its balance");
    return;
  }
  ast::BalanceDecl balance;
  balance.loc = loc;
  for (P::BalanceItemContext *item : ctx->balanceItem()) {
    Token *name = item->name()->ID()->getSymbol();
    std::string key = name->getText();
    ast::ExprPtr *slot = key == "storage"   ? &balance.storage
                         : key == "inflow"  ? &balance.inflow
                         : key == "outflow" ? &balance.outflow
                                            : nullptr;
    ast::Location *slotLoc = key == "storage"  ? &balance.storageLoc
                             : key == "inflow" ? &balance.inflowLoc
                                               : &balance.outflowLoc;
    if (!slot) {
      errors.error(at(name), "unknown part '" + key +
                                 "' of a balance; expected 'storage', "
                                 "'inflow' or 'outflow'");
      continue;
    }
    if (*slot) {
      errors.error(at(name), "the balance already has its " + key);
      continue;
    }
    *slot = transformTopExpr(item->expr());
    *slotLoc = at(name);
  }
  if (!balance.storage)
    errors.error(loc, "the balance needs 'storage: EXPR;' (the water stored, "
                      "an expression of states)");
  model.balance = std::move(balance);
}

void ParseTreeTransformer::transformStepLength(P::StepLengthDeclContext *ctx,
                                               ast::ModelDecl &model) {
  Token *number = ctx->NUMBER()->getSymbol();
  if (model.stepLength) {
    errors.error(at(ctx->STEP()->getSymbol()),
                 "model '" + model.name +
                     "' already declares its step length (on line " +
                     std::to_string(model.stepLength->loc.line) + ")");
    return;
  }
  ast::ModelDecl::StepLength length;
  // transformNumber reports a number beyond the double range (1e400), which
  // it replaces by 0; the step is then not recorded, so that Sema says
  // nothing more of it.
  size_t errorsBefore = errors.size();
  length.value =
      llvm::cast<ast::NumberExpr>(*transformNumber(number).expr).getValue();
  if (errors.size() != errorsBefore)
    return;
  length.unit = transformUnit(ctx->unit());
  length.loc = at(number);
  model.stepLength = std::move(length);
}

void ParseTreeTransformer::transformComponents(P::ComponentsDeclContext *ctx,
                                               ast::ModelDecl &model) {
  ast::Location loc = at(ctx->COMPONENTS()->getSymbol());
  if (model.components) {
    errors.error(loc, "model '" + model.name +
                          "' already declares its number of components");
    return;
  }
  model.componentsLoc = loc;
  model.components = wholeNumber(ctx->NUMBER()->getSymbol(), 1 << 20,
                                 "the number of components", errors)
                         .value_or(1);
}

ast::ModelDecl ParseTreeTransformer::transformModel(P::ModelDeclContext *ctx) {
  ast::ModelDecl model;
  Token *name = ctx->name()->ID()->getSymbol();
  model.name = name->getText();
  model.loc = at(name);
  for (P::ModelItemContext *item : ctx->modelItem()) {
    if (P::VarDeclContext *decl = item->varDecl())
      model.vars.push_back(transformVarDecl(decl));
    else if (P::StepBlockContext *step = item->stepBlock())
      model.steps.push_back(transformStep(step));
    else if (P::ComponentsDeclContext *components = item->componentsDecl())
      transformComponents(components, model);
    else if (P::StepLengthDeclContext *length = item->stepLengthDecl())
      transformStepLength(length, model);
    else if (P::KernelDeclContext *kernel = item->kernelDecl())
      model.kernels.push_back(transformKernel(kernel));
    else if (P::ConstDeclContext *constant = item->constDecl())
      model.consts.push_back(transformConst(constant));
    else if (P::BalanceDeclContext *balance = item->balanceDecl())
      transformBalance(balance, model);
    else if (P::SolverDeclContext *solver = item->solverDecl())
      transformSolver(solver, model);
    else if (P::ImportDeclContext *import = item->importDecl())
      errors.error(at(import->IMPORT()->getSymbol()),
                   "imports go at the top of the file, before 'model': move "
                   "'import " +
                       import->name()->getText() + ";' there");
    else
      model.fns.push_back(transformFn(item->fnDecl()));
  }
  return model;
}

/// The place of each clause in the fixed order of a declaration.
enum ClauseRank { UnitRank, BoundsRank, InitRank, DescriptionRank };

static const char *clauseName(int rank, ast::VarDecl::Kind kind) {
  switch (rank) {
  case UnitRank:
    return "unit";
  case BoundsRank:
    return "bounds";
  case InitRank:
    if (kind == ast::VarDecl::Kind::Output)
      return "formula";
    return kind == ast::VarDecl::Kind::State ? "initial value"
                                             : "default value";
  default:
    return "description";
  }
}

/// How a declaration of `kind` is written, for messages.
static const char *declTemplate(ast::VarDecl::Kind kind) {
  switch (kind) {
  case ast::VarDecl::Kind::Forcing:
    return "forcing NAME : UNIT \"description\";";
  case ast::VarDecl::Kind::Param:
    return "param NAME : UNIT in [LO, HI] = DEFAULT \"description\";";
  case ast::VarDecl::Kind::State:
    return "state NAME : UNIT = INIT \"description\";";
  case ast::VarDecl::Kind::Output:
    return "output NAME : UNIT = FORMULA \"description\";";
  }
  return "";
}

ast::VarDecl ParseTreeTransformer::transformVarDecl(P::VarDeclContext *ctx) {
  ast::VarDecl var;
  switch (ctx->kind->getType()) {
  case P::FORCING:
    var.kind = ast::VarDecl::Kind::Forcing;
    break;
  case P::PARAM:
    var.kind = ast::VarDecl::Kind::Param;
    break;
  case P::STATE:
    var.kind = ast::VarDecl::Kind::State;
    break;
  default:
    var.kind = ast::VarDecl::Kind::Output;
    break;
  }
  Token *name = ctx->name()->ID()->getSymbol();
  var.name = name->getText();
  var.loc = at(name);
  std::string quotedName = "'" + var.name + "'";
  const char *kindName = ast::toString(var.kind);

  for (P::ModifierContext *modifier : ctx->modifier()) {
    ast::Location loc = at(modifier->start);
    bool isInternal = modifier->INTERNAL() != nullptr;
    bool isDynamic = modifier->DYNAMIC() != nullptr;
    const char *word = isInternal  ? "internal"
                       : isDynamic ? "dynamic"
                                   : "shared";
    ast::VarDecl::Kind allowed =
        isInternal ? ast::VarDecl::Kind::Output : ast::VarDecl::Kind::Param;
    if (var.kind != allowed) {
      errors.error(
          loc, std::string("only ") + (isInternal ? "an output" : "a param") +
                   " can be '" + word + "', not " +
                   (var.kind == ast::VarDecl::Kind::Output ? "an " : "a ") +
                   kindName + " such as " + quotedName);
      continue;
    }
    bool &flag = isInternal  ? var.internal
                 : isDynamic ? var.dynamic
                             : var.shared;
    if (flag) {
      errors.error(loc, quotedName + " is already '" + word + "'");
      continue;
    }
    flag = true;
    (isInternal  ? var.internalLoc
     : isDynamic ? var.dynamicLoc
                 : var.sharedLoc) = loc;
  }

  bool seen[4] = {false, false, false, false};
  int lastRank = -1;
  for (P::DeclClauseContext *clause : ctx->declClause()) {
    int rank = DescriptionRank;
    if (dynamic_cast<P::UnitClauseContext *>(clause))
      rank = UnitRank;
    else if (dynamic_cast<P::BoundsClauseContext *>(clause))
      rank = BoundsRank;
    else if (dynamic_cast<P::InitClauseContext *>(clause))
      rank = InitRank;
    ast::Location loc = at(clause->start);

    if (seen[rank]) {
      errors.error(loc, quotedName + " already has a " +
                            clauseName(rank, var.kind) +
                            "; a declaration has at most one");
      continue;
    }
    seen[rank] = true;
    if (rank < lastRank) {
      errors.error(loc, std::string("the ") + clauseName(rank, var.kind) +
                            " of " + quotedName + " must come before its " +
                            clauseName(lastRank, var.kind) +
                            ", in the order '" + declTemplate(var.kind) + "'");
      continue;
    }
    lastRank = rank;

    if (auto *unit = dynamic_cast<P::UnitClauseContext *>(clause)) {
      var.unit = transformUnit(unit->unit());
    } else if (auto *bounds = dynamic_cast<P::BoundsClauseContext *>(clause)) {
      if (var.kind != ast::VarDecl::Kind::Param) {
        errors.error(
            loc, std::string("only a param can have bounds "
                             "'in [LO, HI]', not ") +
                     (var.kind == ast::VarDecl::Kind::Output ? "an " : "a ") +
                     kindName + " such as " + quotedName);
        continue;
      }
      var.boundsLoc = loc;
      var.lower = transformTopExpr(bounds->lower);
      var.upper = transformTopExpr(bounds->upper);
    } else if (auto *init = dynamic_cast<P::InitClauseContext *>(clause)) {
      if (var.kind == ast::VarDecl::Kind::Forcing) {
        errors.error(loc, "a forcing cannot have a value: " + quotedName +
                              " is read from the input data at every step");
        continue;
      }
      var.init = transformTopExpr(init->expr());
    } else {
      auto *description = static_cast<P::DescriptionClauseContext *>(clause);
      var.description =
          transformDescription(description->STRING()->getSymbol());
    }
  }
  return var;
}

std::string ParseTreeTransformer::transformDescription(Token *token) {
  std::string text = token->getText();
  // The lexer guarantees the quotes and that a backslash is followed by a
  // character on the same line.
  llvm::StringRef body = llvm::StringRef(text).drop_front().drop_back();
  std::string result;
  result.reserve(body.size());
  for (size_t i = 0, e = body.size(); i < e; ++i) {
    if (body[i] != '\\') {
      result += body[i];
      continue;
    }
    char escaped = body[++i];
    switch (escaped) {
    case '"':
    case '\\':
      result += escaped;
      break;
    case 'n':
      result += '\n';
      break;
    default: {
      ast::Location loc = at(token);
      loc.col += i; // the backslash: one quote plus i - 1 characters before
      errors.error(loc, "unknown escape sequence '\\" +
                            std::string(1, escaped) +
                            "' in a description; the escapes are \\\", "
                            "\\\\ and \\n");
      break;
    }
    }
  }
  return result;
}

//===----------------------------------------------------------------------===//
// The step block
//===----------------------------------------------------------------------===//

ast::StepBlock ParseTreeTransformer::transformStep(P::StepBlockContext *ctx) {
  ast::StepBlock step;
  step.loc = at(ctx->STEP()->getSymbol());
  for (P::StatementContext *statement : ctx->statement())
    step.body.push_back(transformStatement(statement));
  return step;
}

ast::StmtPtr
ParseTreeTransformer::transformStatement(P::StatementContext *ctx) {
  if (P::LetStmtContext *let = ctx->letStmt()) {
    Token *name = let->name()->ID()->getSymbol();
    std::optional<ast::UnitAnnotation> unit;
    if (let->unit())
      unit = transformUnit(let->unit());
    return std::make_unique<ast::LetStmt>(
        at(let->LET()->getSymbol()), name->getText(), at(name), std::move(unit),
        transformTopExpr(let->expr()));
  }
  if (P::DerStmtContext *der = ctx->derStmt()) {
    Token *target = der->name()->ID()->getSymbol();
    return std::make_unique<ast::AssignStmt>(
        at(der->DER()->getSymbol()), target->getText(), at(target),
        ast::AssignStmt::Op::Der, at(der->ASSIGN()->getSymbol()),
        transformTopExpr(der->expr()));
  }
  P::AssignStmtContext *assign = ctx->assignStmt();
  Token *target = assign->name()->ID()->getSymbol();
  ast::AssignStmt::Op op;
  switch (assign->op->getType()) {
  case P::PLUS_ASSIGN:
    op = ast::AssignStmt::Op::Add;
    break;
  case P::MINUS_ASSIGN:
    op = ast::AssignStmt::Op::Sub;
    break;
  case P::STAR_ASSIGN:
    op = ast::AssignStmt::Op::Mul;
    break;
  case P::SLASH_ASSIGN:
    op = ast::AssignStmt::Op::Div;
    break;
  default:
    op = ast::AssignStmt::Op::Set;
    break;
  }
  return std::make_unique<ast::AssignStmt>(at(target), target->getText(),
                                           at(target), op, at(assign->op),
                                           transformTopExpr(assign->expr()));
}

//===----------------------------------------------------------------------===//
// Units
//===----------------------------------------------------------------------===//

ast::UnitAnnotation ParseTreeTransformer::transformUnit(P::UnitContext *ctx) {
  ast::UnitAnnotation unit;
  unit.loc = at(ctx->start);
  // The tokens without the spaces and comments between them.
  unit.spelling = tokens.getText(ctx->start, ctx->stop);

  std::vector<ast::UnitTerm> terms;
  flattenUnit(ctx, 1, terms);
  // One term per symbol, in order of first appearance: mm*mm/d is mm^2 d^-1.
  for (ast::UnitTerm &term : terms) {
    auto same = llvm::find_if(unit.terms, [&](const ast::UnitTerm &t) {
      return t.symbol == term.symbol;
    });
    if (same == unit.terms.end()) {
      unit.terms.push_back(std::move(term));
      continue;
    }
    int64_t sum = int64_t(same->exponent) + term.exponent;
    if (std::abs(sum) > kMaxUnitExponent) {
      errors.error(term.loc, "the exponent of '" + term.symbol +
                                 "' in this unit is too large");
      sum = 1;
    }
    same->exponent = static_cast<int>(sum);
  }
  llvm::erase_if(unit.terms,
                 [](const ast::UnitTerm &term) { return term.exponent == 0; });
  return unit;
}

void ParseTreeTransformer::flattenUnit(P::UnitContext *ctx, int64_t exponent,
                                       std::vector<ast::UnitTerm> &terms) {
  // unitFactor (('*' | '/') unitFactor)*: a `/` inverts the one factor after
  // it (mm/degC/d is mm degC^-1 d^-1).
  int64_t sign = 1;
  for (antlr4::tree::ParseTree *child : ctx->children) {
    if (auto *op = dynamic_cast<antlr4::tree::TerminalNode *>(child)) {
      sign = op->getSymbol()->getType() == P::SLASH ? -1 : 1;
      continue;
    }
    auto *factor = static_cast<P::UnitFactorContext *>(child);
    int64_t factorExponent = sign * exponent;
    if (P::UnitExponentContext *power = factor->unitExponent())
      factorExponent *= unitExponent(power);
    if (std::abs(factorExponent) > kMaxUnitExponent) {
      errors.error(at(factor->start), "the exponent of this unit is too large");
      factorExponent = 1;
    }

    P::UnitAtomContext *atom = factor->unitAtom();
    if (auto *symbol = dynamic_cast<P::UnitSymbolContext *>(atom)) {
      Token *token = symbol->ID()->getSymbol();
      terms.push_back(
          {token->getText(), static_cast<int>(factorExponent), at(token)});
    } else if (auto *one = dynamic_cast<P::UnitOneContext *>(atom)) {
      Token *token = one->NUMBER()->getSymbol();
      if (std::strtod(token->getText().c_str(), nullptr) != 1.0)
        errors.error(at(token), "'" + token->getText() +
                                    "' cannot be part of a unit; the only "
                                    "number allowed is 1, as in '1/d'");
    } else {
      auto *group = static_cast<P::UnitGroupContext *>(atom);
      flattenUnit(group->unit(), factorExponent, terms);
    }
  }
}

int64_t ParseTreeTransformer::unitExponent(P::UnitExponentContext *ctx) {
  Token *number = ctx->NUMBER()->getSymbol();
  std::string text = number->getText();
  int64_t value = 0;
  auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    if (ec == std::errc::result_out_of_range)
      errors.error(at(number), "the exponent of this unit is too large");
    else
      errors.error(at(number), "unit exponents must be whole numbers, as in "
                               "'m^3' or 'd^-1'; found '" +
                                   text + "'");
    return 1;
  }
  return ctx->MINUS() ? -value : value;
}

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

ast::ExprPtr ParseTreeTransformer::transformTopExpr(ParserRuleContext *ctx) {
  reportedNesting = false;
  return transformExpr(ctx).expr;
}

ParseTreeTransformer::Built
ParseTreeTransformer::withDepth(ast::ExprPtr expr, unsigned childDepth) {
  unsigned depth = childDepth + 1;
  if (depth <= kMaxNesting)
    return {std::move(expr), depth};
  if (!reportedNesting) {
    errors.error(expr->getLoc(),
                 "expression is nested too deeply: more than " +
                     std::to_string(kMaxNesting) +
                     " levels of operators, calls or parentheses (each "
                     "operator of a long sum a + b + c + ... is a level); "
                     "split it into parts with 'let'");
    reportedNesting = true;
  }
  // Cut the tree here so that no pass (nor a destructor) recurses deeper.
  ast::Location loc = expr->getLoc();
  return {std::make_unique<ast::NumberExpr>(loc, 0.0, "0"), 1};
}

static ast::BinaryExpr::Op binaryOp(size_t tokenType) {
  switch (tokenType) {
  case P::PLUS:
    return ast::BinaryExpr::Op::Add;
  case P::MINUS:
    return ast::BinaryExpr::Op::Sub;
  case P::STAR:
    return ast::BinaryExpr::Op::Mul;
  case P::SLASH:
    return ast::BinaryExpr::Op::Div;
  case P::CARET:
    return ast::BinaryExpr::Op::Pow;
  case P::LT:
    return ast::BinaryExpr::Op::Lt;
  case P::LE:
    return ast::BinaryExpr::Op::Le;
  case P::GT:
    return ast::BinaryExpr::Op::Gt;
  case P::GE:
    return ast::BinaryExpr::Op::Ge;
  case P::EQ:
    return ast::BinaryExpr::Op::Eq;
  case P::NE:
    return ast::BinaryExpr::Op::Ne;
  case P::AND:
    return ast::BinaryExpr::Op::And;
  default:
    return ast::BinaryExpr::Op::Or;
  }
}

ParseTreeTransformer::Built
ParseTreeTransformer::transformExpr(ParserRuleContext *ctx) {
  switch (ctx->getRuleIndex()) {
  case P::RuleExpr:
    return transformExpr(static_cast<ParserRuleContext *>(ctx->children[0]));

  case P::RuleIfExpr: {
    auto *ifCtx = static_cast<P::IfExprContext *>(ctx);
    Built cond = transformExpr(ifCtx->expr(0));
    Built thenExpr = transformExpr(ifCtx->expr(1));
    Built elseExpr = transformExpr(ifCtx->expr(2));
    unsigned depth = std::max({cond.depth, thenExpr.depth, elseExpr.depth});
    return withDepth(std::make_unique<ast::IfExpr>(
                         at(ifCtx->IF()->getSymbol()), std::move(cond.expr),
                         std::move(thenExpr.expr), std::move(elseExpr.expr)),
                     depth);
  }

  case P::RuleOrExpr:
  case P::RuleAndExpr:
  case P::RuleCmpExpr:
  case P::RuleAddExpr:
  case P::RuleMulExpr:
    return transformLeftAssoc(ctx);

  case P::RuleNotExpr: {
    auto *notCtx = static_cast<P::NotExprContext *>(ctx);
    if (!notCtx->NOT())
      return transformExpr(notCtx->cmpExpr());
    Built operand = transformExpr(notCtx->notExpr());
    return withDepth(std::make_unique<ast::UnaryExpr>(
                         at(notCtx->NOT()->getSymbol()),
                         ast::UnaryExpr::Op::Not, std::move(operand.expr)),
                     operand.depth);
  }

  case P::RuleUnaryExpr: {
    auto *unaryCtx = static_cast<P::UnaryExprContext *>(ctx);
    if (!unaryCtx->MINUS())
      return transformExpr(unaryCtx->powExpr());
    Built operand = transformExpr(unaryCtx->unaryExpr());
    return withDepth(std::make_unique<ast::UnaryExpr>(
                         at(unaryCtx->MINUS()->getSymbol()),
                         ast::UnaryExpr::Op::Neg, std::move(operand.expr)),
                     operand.depth);
  }

  case P::RulePowExpr: {
    auto *powCtx = static_cast<P::PowExprContext *>(ctx);
    Built base = transformPrimary(powCtx->primary());
    if (!powCtx->CARET())
      return base;
    Built exponent = transformExpr(powCtx->unaryExpr());
    unsigned depth = std::max(base.depth, exponent.depth);
    return withDepth(std::make_unique<ast::BinaryExpr>(
                         at(powCtx->CARET()->getSymbol()),
                         ast::BinaryExpr::Op::Pow, std::move(base.expr),
                         std::move(exponent.expr)),
                     depth);
  }

  default:
    return transformPrimary(static_cast<P::PrimaryContext *>(ctx));
  }
}

ParseTreeTransformer::Built
ParseTreeTransformer::transformLeftAssoc(ParserRuleContext *ctx) {
  // operand (op operand)*, folded to the left: a-b-c is (a-b)-c.
  Built result;
  Token *op = nullptr;
  unsigned numOps = 0;
  for (antlr4::tree::ParseTree *child : ctx->children) {
    if (auto *terminal = dynamic_cast<antlr4::tree::TerminalNode *>(child)) {
      op = terminal->getSymbol();
      if (++numOps == 2 && ctx->getRuleIndex() == P::RuleCmpExpr)
        errors.error(at(op), "comparisons cannot be chained: 'a < b < c' "
                             "must be written 'a < b and b < c'");
      continue;
    }
    Built operand = transformExpr(static_cast<ParserRuleContext *>(child));
    if (!op) {
      result = std::move(operand);
      continue;
    }
    unsigned depth = std::max(result.depth, operand.depth);
    result = withDepth(std::make_unique<ast::BinaryExpr>(
                           at(op), binaryOp(op->getType()),
                           std::move(result.expr), std::move(operand.expr)),
                       depth);
  }
  return result;
}

ParseTreeTransformer::Built
ParseTreeTransformer::transformPrimary(P::PrimaryContext *ctx) {
  if (auto *number = dynamic_cast<P::NumberLiteralContext *>(ctx))
    return transformNumber(number->NUMBER()->getSymbol());
  if (auto *name = dynamic_cast<P::NameExprContext *>(ctx)) {
    Token *token = name->ID()->getSymbol();
    return {std::make_unique<ast::NameExpr>(at(token), token->getText()), 1};
  }
  if (auto *paren = dynamic_cast<P::ParenExprContext *>(ctx))
    return transformExpr(paren->expr());

  auto *call = static_cast<P::CallExprContext *>(ctx);
  Token *callee = call->ID()->getSymbol();
  std::vector<ast::ExprPtr> args;
  unsigned depth = 0;
  for (P::ExprContext *arg : call->expr()) {
    Built built = transformExpr(arg);
    depth = std::max(depth, built.depth);
    args.push_back(std::move(built.expr));
  }
  return withDepth(std::make_unique<ast::CallExpr>(
                       at(callee), callee->getText(), std::move(args)),
                   depth);
}

ParseTreeTransformer::Built
ParseTreeTransformer::transformNumber(Token *token) {
  std::string text = token->getText();
  errno = 0;
  double value = std::strtod(text.c_str(), nullptr);
  // A nonzero number that rounds to 0 (1e-400) would silently be 0.
  std::string mantissa = text.substr(0, text.find_first_of("eE"));
  bool nonzero = mantissa.find_first_of("123456789") != std::string::npos;
  if (errno == ERANGE && std::isinf(value)) {
    errors.error(at(token), "the number '" + text +
                                "' is too large (the largest is about "
                                "1.8e308)");
    value = 0;
  } else if (value == 0 && nonzero) {
    errors.error(at(token), "the number '" + text +
                                "' is too small: it would be 0 (the smallest "
                                "is about 4.9e-324); write 0 if 0 is meant");
  }
  return {std::make_unique<ast::NumberExpr>(at(token), value, text), 1};
}

} // namespace

std::unique_ptr<ast::Module>
dgm::parse::transformParseTree(P::ProgramContext *program,
                               antlr4::TokenStream &tokens,
                               ParseErrors &errors) {
  return ParseTreeTransformer(tokens, errors).transform(program);
}
