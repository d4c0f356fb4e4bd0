// DGM.g4 - The grammar of dgm model files (.dgm).
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
// The single source of truth for the syntax. ANTLR generates the C++ lexer
// and parser from it at build time (compiler/lib/Parse/CMakeLists.txt); the
// parse tree is turned into dgm's own AST right away
// (compiler/lib/Parse/ParseTreeTransformer.cpp).
//
// Two design rules keep the error messages good (see SyntaxErrorStrategy.cpp):
//  - The lexer never fails: text that is not a valid token becomes one of the
//    error tokens at the end of this file, which no parser rule accepts. The
//    parser reports it with a precise message (unterminated string, stray
//    character, ...) and recovers like from any other syntax error.
//  - The grammar is a little more permissive than the language where a
//    precise message after parsing is more helpful than "unexpected X": the
//    clauses of a declaration may come in any order and comparisons may be
//    chained; ParseTreeTransformer rejects both with an explanation.

grammar DGM;

//===----------------------------------------------------------------------===//
// Files, models and declarations
//===----------------------------------------------------------------------===//

program : topItem* EOF ;

// Functions and constants may stand outside models: a file of them alone is a
// module that others import (stdlib/*.dgm).
topItem : importDecl | constDecl | fnDecl | modelDecl ;

// import NAME;  reads NAME.dgm from the importing file's folder, then from
// the standard library (stdlib/).
importDecl : IMPORT name SEMI ;

// const NAME [: UNIT] = EXPR;  a named constant, evaluated at compile time.
constDecl : CONST name (COLON unit)? ASSIGN expr SEMI ;

// fn NAME(A, B) = EXPR;  a pure function of numbers, inlined where called.
// fn NAME(A, B) { let X = EXPR; ... EXPR }  the same, with local names: the
// block's last expression (no ';') is the result.
fnDecl
  : FN name LPAREN (name (COMMA name)*)? RPAREN
    (ASSIGN expr SEMI | LBRACE fnLet* expr RBRACE) ;
fnLet : LET name ASSIGN expr SEMI ;

modelDecl : MODEL name LBRACE modelItem* RBRACE ;

// importDecl is accepted here only to be reported ("imports go at the top
// of the file") with the model around it parsed, instead of a cascade.
modelItem
  : varDecl | stepBlock | stepLengthDecl | componentsDecl | kernelDecl
  | constDecl | fnDecl | balanceDecl | solverDecl | importDecl ;

// step 1 h;  the length of a time step (1 d when not declared): `dt` is this
// number in this unit of time, and forcing files hold one row per step.
stepLengthDecl : STEP NUMBER unit SEMI ;

// solver euler;  solver rk4 substeps 4;  the explicit scheme that
// integrates the der(S) = ... statements of a continuous-time model.
solverDecl : SOLVER scheme=name (option=name NUMBER)? SEMI ;

// balance { storage: EXPR; inflow: EXPR; outflow: EXPR; }  the model's mass
// balance: every step, the change of `storage` (an expression of states)
// must equal (inflow - outflow) * dt. The compiler adds the output
// `balance_error` with the closure error; `dgm run --balance` reports it.
balanceDecl : BALANCE LBRACE balanceItem* RBRACE ;

balanceItem : name COLON expr SEMI ;

// components N;  the model runs N parallel copies (components) per basin;
// N is the default, callers may choose another count.
componentsDecl : COMPONENTS NUMBER SEMI ;

// kernel NAME[k < N] = EXPR;  N weights per basin, computed once per run from
// the basin's static shared parameters; `normalize(EXPR)` scales them to sum 1.
kernelDecl : KERNEL name LBRACK index=name LT size=NUMBER RBRACK ASSIGN expr SEMI ;

// forcing NAME [: UNIT] ["description"];
// param   NAME [: UNIT] [in [LO, HI]] [= DEFAULT] ["description"];
// state   NAME [: UNIT] [= INIT] ["description"];
// output  NAME [: UNIT] ["description"];
// Which clauses a kind allows, and their order, is checked after parsing.
// Modifiers: `dynamic` (params) takes a new value every step; `shared`
// (params) has one value per basin instead of one per component; `internal`
// (outputs of the step) is computed for basin outputs to aggregate, and not
// written to the results.
// An output with `= EXPR` is computed per basin after the step (it may
// aggregate the components' outputs: mean, sum, weighted_mean; and route a
// series: convolve).
varDecl : modifier* kind=(FORCING | PARAM | STATE | OUTPUT) name declClause* SEMI ;

modifier : DYNAMIC | SHARED | INTERNAL ;

declClause
  : COLON unit                                         # unitClause
  | IN LBRACK lower=expr COMMA upper=expr RBRACK       # boundsClause
  | ASSIGN expr                                        # initClause
  | STRING                                             # descriptionClause
  ;

//===----------------------------------------------------------------------===//
// The step block
//===----------------------------------------------------------------------===//

stepBlock : STEP LBRACE statement* RBRACE ;

statement : letStmt | assignStmt | derStmt ;

// der(S) = EXPR;  the rate of change of state S (continuous time): the model's
// `solver` integrates it over the step.
derStmt : DER LPAREN name RPAREN ASSIGN expr SEMI ;

letStmt : LET name (COLON unit)? ASSIGN expr SEMI ;

assignStmt
  : name op=(ASSIGN | PLUS_ASSIGN | MINUS_ASSIGN | STAR_ASSIGN | SLASH_ASSIGN)
    expr SEMI
  ;

// Every name that is being declared or assigned, so that a keyword used as a
// name is reported (and skipped) by this small rule alone.
name : ID ;

//===----------------------------------------------------------------------===//
// Units: mm, mm/d, 1/d, mm/(degC*d), m^3/s, d^-1, 1
//===----------------------------------------------------------------------===//

unit : unitFactor ((STAR | SLASH) unitFactor)* ;

unitFactor : unitAtom (CARET unitExponent)? ;

unitAtom
  : ID                       # unitSymbol
  | NUMBER                   # unitOne       // only `1`, checked later
  | LPAREN unit RPAREN       # unitGroup
  ;

unitExponent : MINUS? NUMBER ;           // an integer, checked later

//===----------------------------------------------------------------------===//
// Expressions, from the lowest to the highest precedence
//===----------------------------------------------------------------------===//

expr : ifExpr | orExpr ;

ifExpr : IF expr THEN expr ELSE expr ;

orExpr : andExpr (OR andExpr)* ;

andExpr : notExpr (AND notExpr)* ;

notExpr : NOT notExpr | cmpExpr ;

// Non-associative: a chain such as `a < b < c` is rejected after parsing.
cmpExpr : addExpr ((LT | LE | GT | GE | EQ | NE) addExpr)* ;

addExpr : mulExpr ((PLUS | MINUS) mulExpr)* ;

mulExpr : unaryExpr ((STAR | SLASH) unaryExpr)* ;

// Unary minus binds looser than `^`: -x^2 is -(x^2), and 2^-1 is allowed.
unaryExpr : MINUS unaryExpr | powExpr ;

// Right-associative: a^b^c is a^(b^c).
powExpr : primary (CARET unaryExpr)? ;

primary
  : NUMBER                                     # numberLiteral
  | ID LPAREN (expr (COMMA expr)*)? RPAREN     # callExpr
  | ID                                         # nameExpr
  | LPAREN expr RPAREN                         # parenExpr
  ;

//===----------------------------------------------------------------------===//
// Lexer
//===----------------------------------------------------------------------===//

// Keywords.
MODEL   : 'model' ;
FORCING : 'forcing' ;
PARAM   : 'param' ;
STATE   : 'state' ;
OUTPUT  : 'output' ;
STEP    : 'step' ;
LET     : 'let' ;
IF      : 'if' ;
THEN    : 'then' ;
ELSE    : 'else' ;
AND     : 'and' ;
OR      : 'or' ;
NOT     : 'not' ;
IMPORT     : 'import' ;
FN         : 'fn' ;
CONST      : 'const' ;
COMPONENTS : 'components' ;
DYNAMIC    : 'dynamic' ;
SHARED     : 'shared' ;
INTERNAL   : 'internal' ;
KERNEL     : 'kernel' ;
BALANCE    : 'balance' ;
SOLVER     : 'solver' ;
DER        : 'der' ;
IN         : 'in' ;

// Reserved for later versions of the language; never usable as names.
RESERVED_STATIC     : 'static' ;
RESERVED_TRUE       : 'true' ;
RESERVED_FALSE      : 'false' ;

// Punctuation and operators.
LBRACE : '{' ;
RBRACE : '}' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACK : '[' ;
RBRACK : ']' ;
COMMA  : ',' ;
SEMI   : ';' ;
COLON  : ':' ;

ASSIGN       : '=' ;
PLUS_ASSIGN  : '+=' ;
MINUS_ASSIGN : '-=' ;
STAR_ASSIGN  : '*=' ;
SLASH_ASSIGN : '/=' ;

PLUS  : '+' ;
MINUS : '-' ;
STAR  : '*' ;
SLASH : '/' ;
CARET : '^' ;

LT : '<' ;
LE : '<=' ;
GT : '>' ;
GE : '>=' ;
EQ : '==' ;
NE : '!=' ;

// 1, 0.5, .5, 5., 1e-3, 2.5E+3 (no sign: `-1` is unary minus applied to 1).
NUMBER : MANTISSA EXPONENT? ;

ID : [a-zA-Z_] [a-zA-Z_0-9]* ;

// "text"; the escapes \" \\ and \n are decoded (and others rejected) later.
STRING : '"' (ESCAPE | ~["\\\r\n])* '"' ;

LINE_COMMENT  : '//' ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
WHITESPACE    : [ \t\r\n\f]+ -> skip ;

fragment DIGIT    : [0-9] ;
fragment MANTISSA : DIGIT+ ('.' DIGIT*)? | '.' DIGIT+ ;
fragment EXPONENT : [eE] [+-]? DIGIT+ ;
fragment ESCAPE   : '\\' ~[\r\n] ;

// Error tokens: no parser rule accepts them, so each is reported where it
// stands (SyntaxErrorStrategy words the message from the token type). The
// lexer's longest-match rule makes them lose against every valid token.

// `1e`, `1e+`, `3mm`: a number run into letters or with an exponent but no
// digits after it.
BAD_NUMBER : MANTISSA EXPONENT? [a-zA-Z_] [a-zA-Z_0-9]* | MANTISSA [eE] [+-] ;

// A string without its closing quote on the same line.
UNTERMINATED_STRING : '"' (ESCAPE | ~["\\\r\n])* '\\'? ;

// `/*` without `*/`: cannot contain `*/`, so it only wins when the comment
// runs to the end of the file.
UNTERMINATED_COMMENT : '/*' (~'*' | '*'+ ~[*/])* '*'* ;

// Any other character (one byte: the parser reads the file as bytes).
ERROR_CHAR : . ;
