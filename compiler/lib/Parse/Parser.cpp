//===- Parser.cpp - Parsing .dgm source into the AST ----------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Wires the pieces together: bytes -> DGMLexer -> DepthLimitedParser (with
// SyntaxErrorStrategy) -> parse tree -> ParseTreeTransformer -> AST. ANTLR
// reports through exceptions and listeners; none of that leaves this file.
//
//===----------------------------------------------------------------------===//

#include "dgm/Parse/Parser.h"

#include "ByteInputStream.h"
#include "DepthLimitedParser.h"
#include "ParseErrors.h"
#include "ParseTreeTransformer.h"
#include "SyntaxErrorStrategy.h"

#include "DGMLexer.h"

#include "llvm/Support/MemoryBuffer.h"

using namespace dgm;
using namespace dgm::parse;

namespace {

/// Receives what ANTLR would print to the console. The lexer has a catch-all
/// error token and SyntaxErrorStrategy reports everything itself, so this
/// is only a safety net that keeps ANTLR's wording out of the output.
class FallbackErrorListener : public antlr4::BaseErrorListener {
public:
  explicit FallbackErrorListener(ParseErrors &errors) : errors(errors) {}

  void syntaxError(antlr4::Recognizer * /*recognizer*/,
                   antlr4::Token *offendingSymbol, size_t line,
                   size_t charPositionInLine, const std::string & /*msg*/,
                   std::exception_ptr /*e*/) override {
    if (offendingSymbol)
      errors.error(errors.at(offendingSymbol), "syntax error");
    else
      errors.error(errors.loc(line, charPositionInLine + 1),
                   "unexpected character");
  }

private:
  ParseErrors &errors;
};

} // namespace

std::unique_ptr<ast::Module> dgm::parseModule(unsigned bufferID,
                                              DiagnosticEngine &diag) {
  const llvm::MemoryBuffer *buffer =
      diag.getSourceMgr().getMemoryBuffer(bufferID);
  auto file =
      std::make_shared<std::string>(buffer->getBufferIdentifier().str());
  ParseErrors errors(file, buffer->getBuffer());
  FallbackErrorListener listener(errors);

  llvm::StringRef text = buffer->getBuffer();
  // NUL bytes near the start are a binary file (a compiled library, an
  // image), not a model with a stray character: say that, not what its
  // bytes look like to the lexer (git decides "binary" by NULs in the first
  // 8000 bytes too). A single NUL gets the lexer's message at its place.
  if (size_t nul = text.take_front(8000).find('\0');
      nul != llvm::StringRef::npos &&
      (text.take_front(8000).count('\0') > 1 || text.starts_with("\x7f"
                                                                 "ELF"))) {
    unsigned line = 1 + text.take_front(nul).count('\n');
    diag.error(llvm::Twine("'") + *file +
               "' is not a text file (it has a NUL byte on line " +
               llvm::Twine(line) + "); a model is a .dgm text file" +
               (text.starts_with("\x7f"
                                 "ELF")
                    ? "; this one is a compiled program or library (run a "
                      "compiled model with 'dgm run LIB.so')"
                    : ""));
    return nullptr;
  }

  // Lines ended by a lone CR (classic Mac OS) would make the whole file one
  // line, and every message point into it: say so, at the first one.
  for (size_t at = text.find('\r'); at != llvm::StringRef::npos;
       at = text.find('\r', at + 1)) {
    if (at + 1 < text.size() && text[at + 1] == '\n')
      continue;
    if (at + 1 == text.size())
      break; // a last line ended by CR alone harms no location
    unsigned line = 1 + text.take_front(at).count('\n');
    size_t lineStart = text.rfind('\n', at);
    unsigned col = at - (lineStart == llvm::StringRef::npos ? 0 : lineStart + 1) + 1;
    errors.error(errors.loc(line, col),
                 "this line ends with a lone carriage return (CR, as on "
                 "classic Mac OS); save the file with LF or CRLF line endings");
    errors.emit(diag);
    return nullptr;
  }

  std::unique_ptr<ast::Module> module;
  try {
    ByteInputStream input(buffer->getBuffer(), *file);
    dgm_antlr::DGMLexer lexer(&input);
    lexer.removeErrorListeners();
    lexer.addErrorListener(&listener);
    antlr4::CommonTokenStream tokens(&lexer);
    // Lex the whole file first: error messages look at tokens on both sides
    // of the error, which must exist in the stream.
    tokens.fill();

    DepthLimitedParser parser(&tokens);
    parser.removeErrorListeners();
    parser.addErrorListener(&listener);
    parser.setErrorHandler(std::make_shared<SyntaxErrorStrategy>(errors));

    try {
      dgm_antlr::DGMParser::ProgramContext *program = parser.program();
      if (errors.empty()) {
        module = transformParseTree(program, tokens, errors);
        if (errors.empty() && module->models.empty() && module->fns.empty() &&
            module->consts.empty() && module->imports.empty())
          errors.error(errors.loc(1, 1),
                       "expected a model ('model NAME { ... }'); this file "
                       "has none");
      }
    } catch (const NestingTooDeep &tooDeep) {
      std::string limit = std::to_string(kMaxNesting);
      errors.error(errors.at(tooDeep.token),
                   tooDeep.inUnit
                       ? "unit is nested too deeply: more than " + limit +
                             " levels of parentheses"
                       : "expression is nested too deeply: more than " + limit +
                             " levels of operators, calls or parentheses (each "
                             "operator of a long sum a + b + c + ... is a "
                             "level); split it into parts with 'let'");
    }
  } catch (const std::exception &e) {
    // ANTLR signals its own internal failures with exceptions; report one
    // rather than terminate the compiler.
    errors.error(errors.loc(1, 1),
                 std::string("internal error in the parser: ") + e.what());
  }

  if (!errors.empty()) {
    errors.emit(diag);
    return nullptr;
  }
  return module;
}
