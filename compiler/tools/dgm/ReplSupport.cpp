//===- ReplSupport.cpp - Small helpers of the REPL ------------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "ReplSupport.h"

#include "dgm/runtime/Format.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <vector>

using namespace dgm::cli;

double repl::millisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now() - start)
      .count();
}

std::string repl::shortest(double value) {
  // NaN has a sign bit that to_chars shows ("-nan" for sqrt(-1)); it means
  // nothing, so every NaN is printed alike, as in the CSV files.
  if (std::isnan(value))
    return "NaN";
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc() ? std::string(buffer, end) : dgm::rt::formatNumber(value);
}

std::string repl::renumber(const std::string &messages, unsigned prefixLines) {
  std::string out;
  std::string tag = std::string(kReplBuffer) + ":";
  std::size_t pos = 0;
  while (pos < messages.size()) {
    std::size_t end = messages.find('\n', pos);
    std::string line = messages.substr(
        pos, end == std::string::npos ? std::string::npos : end - pos + 1);
    pos = end == std::string::npos ? messages.size() : end + 1;
    std::size_t at = line.find(tag);
    unsigned number = 0;
    if (at != std::string::npos) {
      const char *first = line.data() + at + tag.size();
      auto [next, ec] =
          std::from_chars(first, line.data() + line.size(), number);
      if (ec == std::errc() && *next == ':') {
        std::string where =
            number > prefixLines
                ? std::string(kReplBuffer) + ":" +
                      std::to_string(number - prefixLines)
                : std::string("<repl definitions>:") + std::to_string(number);
        line.replace(at, static_cast<std::size_t>(next - line.data()) - at,
                     where);
      }
    }
    // A position inside the text of a message ("to close the '{' at 5:8")
    // counts the definitions' lines too.
    if (std::size_t ref = line.find("' at "); ref != std::string::npos) {
      const char *first = line.data() + ref + 5;
      unsigned refLine = 0;
      auto [next, ec] =
          std::from_chars(first, line.data() + line.size(), refLine);
      if (ec == std::errc() && *next == ':' && refLine > prefixLines)
        line.replace(ref + 5, static_cast<std::size_t>(next - first),
                     std::to_string(refLine - prefixLines));
    }
    out += line;
  }
  return out;
}

std::string repl::hideExpressionWrapper(const std::string &messages,
                                        unsigned wrapperLine,
                                        std::string_view expression) {
  std::string wrapper =
      "<repl definitions>:" + std::to_string(wrapperLine) + ":";
  std::string_view firstLine = expression.substr(0, expression.find('\n'));
  std::string out;
  std::size_t pos = 0;
  int replaceExcerpt = 0; // the wrapper's excerpt and caret lines to come
  while (pos < messages.size()) {
    std::size_t end = messages.find('\n', pos);
    std::string line = messages.substr(
        pos, end == std::string::npos ? std::string::npos : end - pos + 1);
    pos = end == std::string::npos ? messages.size() : end + 1;
    if (replaceExcerpt == 2) {
      line = std::string(firstLine) + "\n";
      --replaceExcerpt;
    } else if (replaceExcerpt == 1) {
      line = "^\n";
      --replaceExcerpt;
    } else if (line.starts_with(wrapper)) {
      std::size_t colon = line.find(": ", wrapper.size());
      line =
          std::string(kReplBuffer) + ":1:1" +
          (colon == std::string::npos ? std::string(": ") : line.substr(colon));
      replaceExcerpt = 2;
    }
    // The parentheses around the expression are the wrapper's.
    for (std::string_view from : {" after '('", " or ')'"})
      if (std::size_t at = line.find(from); at != std::string::npos)
        line.erase(at, from.size());
    out += line;
  }
  return out;
}

unsigned repl::countLines(std::string_view text) {
  return static_cast<unsigned>(std::count(text.begin(), text.end(), '\n'));
}

bool repl::parseNumber(const std::string &text, double &value) {
  const char *end = text.data() + text.size();
  auto [next, ec] = std::from_chars(text.data(), end, value);
  return ec == std::errc() && next == end;
}

namespace {

/// `message` as an error at byte `at` of the prompt's text.
std::string errorAt(const std::string &text, std::size_t at,
                    const std::string &message) {
  std::size_t newline = at == 0 ? std::string::npos : text.rfind('\n', at - 1);
  std::size_t lineStart = newline == std::string::npos ? 0 : newline + 1;
  std::size_t line = 1 + static_cast<std::size_t>(std::count(
                             text.begin(), text.begin() + lineStart, '\n'));
  std::size_t end = text.find('\n', lineStart);
  std::string_view lineText = std::string_view(text).substr(
      lineStart,
      end == std::string::npos ? std::string::npos : end - lineStart);
  return dgm::rt::formatLocatedError(repl::kReplBuffer, line,
                                     at - lineStart + 1, lineText, message);
}

/// A statement or declaration that belongs inside a model, typed at the
/// prompt: the error that says where it belongs (rather than the expression
/// wrapper's parse errors), or "".
std::string modelPartError(const std::string &expr) {
  std::size_t first = expr.find_first_not_of(" \t\r\n");
  if (first == std::string::npos)
    return "";
  std::size_t end = first;
  while (
      end < expr.size() &&
      (std::isalnum(static_cast<unsigned char>(expr[end])) || expr[end] == '_'))
    ++end;
  std::string word = expr.substr(first, end - first);
  if (word == "let")
    return errorAt(expr, first,
                   "'let' names a value inside a model's step block; at the "
                   "prompt, define one with 'const NAME = ...;'");
  for (const char *keyword :
       {"step", "forcing", "param", "state", "output", "dynamic", "shared",
        "internal", "kernel", "balance", "components", "solver", "der"})
    if (word == keyword)
      return errorAt(expr, first,
                     "'" + word +
                         "' belongs inside a model ('model NAME { ... }'); "
                         "the prompt takes an expression, a definition (fn, "
                         "const, import) or a whole model");
  return "";
}

} // namespace

std::string dgm::cli::repl::expressionShapeError(const std::string &expr) {
  if (std::string error = modelPartError(expr); !error.empty())
    return error;
  std::vector<char> open;
  for (std::size_t i = 0; i < expr.size(); ++i) {
    char c = expr[i];
    if (c == '"') {
      return errorAt(expr, i,
                     "a string is not an expression (strings "
                     "describe declarations)");
    } else if (c == '*' && i + 1 < expr.size() && expr[i + 1] == '/') {
      return errorAt(expr, i, "'*/' closes no comment");
    } else if (c == '/' && i + 1 < expr.size() && expr[i + 1] == '/') {
      while (i + 1 < expr.size() && expr[i + 1] != '\n')
        ++i;
    } else if (c == '/' && i + 1 < expr.size() && expr[i + 1] == '*') {
      for (i += 2; i < expr.size() && !(expr[i] == '*' && i + 1 < expr.size() &&
                                        expr[i + 1] == '/');
           ++i)
        ;
      ++i; // the '/' of "*/"
    } else if (c == '(' || c == '[' || c == '{') {
      open.push_back(c);
    } else if (c == ')' || c == ']' || c == '}') {
      char opener = c == ')' ? '(' : c == ']' ? '[' : '{';
      if (open.empty() || open.back() != opener)
        return errorAt(expr, i,
                       std::string("unexpected '") + c +
                           "' with no matching '" + opener + "'");
      open.pop_back();
    } else if (c == ';' && open.empty()) {
      return errorAt(expr, i,
                     "expected the end of the expression: the "
                     "prompt takes one expression, or one definition "
                     "(fn, const, import, model)");
    }
  }
  return "";
}
