//===- ReplInput.cpp - What a line typed at the REPL is -------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "ReplInput.h"

#include <cctype>

using namespace dgm::cli;

namespace {

bool isIdentChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

/// `text` without leading blanks and comments.
std::string_view skipBlanksAndComments(std::string_view text) {
  for (;;) {
    std::size_t i = 0;
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])))
      ++i;
    text.remove_prefix(i);
    if (text.starts_with("//")) {
      std::size_t end = text.find('\n');
      text.remove_prefix(end == std::string_view::npos ? text.size() : end);
    } else if (text.starts_with("/*")) {
      std::size_t end = text.find("*/", 2);
      text.remove_prefix(end == std::string_view::npos ? text.size()
                                                       : end + 2);
    } else {
      return text;
    }
  }
}

/// Whether `text` starts with the keyword `word` (not a longer name).
bool startsWithKeyword(std::string_view text, std::string_view word) {
  return text.starts_with(word) &&
         (text.size() == word.size() || !isIdentChar(text[word.size()]));
}

} // namespace

InputKind dgm::cli::classifyInput(std::string_view text) {
  std::string_view rest = skipBlanksAndComments(text);
  if (rest.empty())
    return InputKind::Empty;
  if (rest.front() == ':')
    return InputKind::Command;
  if (startsWithKeyword(rest, "model"))
    return InputKind::Model;
  for (std::string_view word : {"fn", "const", "import"})
    if (startsWithKeyword(rest, word))
      return InputKind::Definition;
  return InputKind::Expression;
}

namespace {
/// Whether the code in `text` (comments removed) ends with `suffix`.
bool endsWithCode(std::string_view text, std::string_view suffix) {
  std::string code;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i).starts_with("//")) {
      std::size_t end = text.find('\n', i);
      i = end == std::string_view::npos ? text.size() : end;
      continue;
    }
    if (text.substr(i).starts_with("/*")) {
      std::size_t end = text.find("*/", i + 2);
      i = end == std::string_view::npos ? text.size() : end + 1;
      continue;
    }
    code += text[i];
  }
  while (!code.empty() && std::isspace(static_cast<unsigned char>(code.back())))
    code.pop_back();
  if (suffix.empty())
    return code.empty();
  if (!std::string_view(code).ends_with(suffix))
    return false;
  // A word operator must be a whole word: "x and" but not "band".
  bool word = isIdentChar(suffix.front());
  std::size_t before = code.size() - suffix.size();
  return !word || before == 0 || !isIdentChar(code[before - 1]);
}
/// Whether the code in `text` (comments and strings skipped) has a ';'.
bool hasCodeSemicolon(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i).starts_with("//")) {
      std::size_t end = text.find('\n', i);
      i = end == std::string_view::npos ? text.size() : end;
    } else if (text.substr(i).starts_with("/*")) {
      std::size_t end = text.find("*/", i + 2);
      i = end == std::string_view::npos ? text.size() : end + 1;
    } else if (text[i] == '"') {
      std::size_t end = text.find('"', i + 1);
      i = end == std::string_view::npos ? text.size() : end;
    } else if (text[i] == ';') {
      return true;
    }
  }
  return false;
}
} // namespace

bool dgm::cli::needsMoreLines(std::string_view text) {
  if (!bracketsOpen(text)) {
    InputKind kind = classifyInput(text);
    // A definition ends at its ';'. Text after it on the same line is not
    // a reason to wait for more (it is an error the compiler reports).
    // A function written as a block (`fn f(x) { let a = ...; a }`) ends
    // at its closing brace, ';' or not.
    if (kind == InputKind::Definition)
      return !endsWithCode(text, ";") && !endsWithCode(text, "}") &&
             !hasCodeSemicolon(text);
    if (kind == InputKind::Expression)
      for (std::string_view op : {"+", "-", "*", "/", "^", "<", ">", "=", ",",
                                  "and", "or", "not", "if", "then", "else"})
        if (endsWithCode(text, op))
          return true;
    return false;
  }
  return true;
}

bool dgm::cli::bracketsOpen(std::string_view text) {
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      std::size_t end = text.find('\n', i);
      if (end == std::string_view::npos)
        break;
      i = end;
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      std::size_t end = text.find("*/", i + 2);
      if (end == std::string_view::npos)
        return true;
      i = end + 1;
    } else if (c == '"') {
      std::size_t j = i + 1;
      while (j < text.size() && text[j] != '"' && text[j] != '\n')
        j += text[j] == '\\' ? 2 : 1;
      if (j >= text.size())
        return true;
      i = j; // a newline ends an unterminated string: the lexer says so
    } else if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}') {
      --depth;
    }
  }
  return depth > 0;
}

namespace {
/// Splits `line` as splitWords documents; `unclosed` gets the quote
/// character of a quote that the line does not close (0 if none).
std::vector<std::string> splitWordsImpl(std::string_view line,
                                        char &unclosed) {
  unclosed = 0;
  std::vector<std::string> words;
  std::size_t i = 0;
  auto blank = [&](std::size_t at) {
    return std::isspace(static_cast<unsigned char>(line[at])) != 0;
  };
  while (i < line.size()) {
    while (i < line.size() && blank(i))
      ++i;
    if (i == line.size())
      break;
    std::string word;
    while (i < line.size() && !blank(i)) {
      char c = line[i];
      if (c == '\\' && i + 1 < line.size()) {
        word += line[i + 1]; // my\ data.csv, it\'s.csv
        i += 2;
      } else if (c == '"' || c == '\'') {
        std::size_t j = i + 1;
        for (; j < line.size() && line[j] != c; ++j) {
          // In "...", \" and \\ stand for " and \; '...' takes all as is.
          if (c == '"' && line[j] == '\\' && j + 1 < line.size() &&
              (line[j + 1] == '"' || line[j + 1] == '\\'))
            ++j;
          word += line[j];
        }
        if (j == line.size())
          unclosed = c;
        i = j == line.size() ? j : j + 1;
      } else {
        word += c;
        ++i;
      }
    }
    words.push_back(std::move(word));
  }
  return words;
}
} // namespace

std::vector<std::string> dgm::cli::splitWords(std::string_view line) {
  char unclosed = 0;
  return splitWordsImpl(line, unclosed);
}

std::optional<std::string> dgm::cli::unclosedQuote(std::string_view line) {
  char unclosed = 0;
  splitWordsImpl(line, unclosed);
  if (!unclosed)
    return std::nullopt;
  std::string q(1, unclosed);
  return std::string("a ") + q + " is not closed; end the quoted name with " +
         q + " (" + q + "my data.csv" + q + "), or write a blank as '\\ '";
}

std::string dgm::cli::quoteWord(std::string_view word) {
  std::string quoted = "\"";
  for (char c : word) {
    if (c == '"' || c == '\\')
      quoted += '\\'; // splitWords reads \" and \\ in "..." back
    quoted += c;
  }
  return quoted + "\"";
}

std::string dgm::cli::definedName(std::string_view text) {
  std::string_view rest = skipBlanksAndComments(text);
  for (std::string_view word : {"fn", "const"}) {
    if (!startsWithKeyword(rest, word))
      continue;
    rest.remove_prefix(word.size());
    rest = skipBlanksAndComments(rest);
    std::size_t n = 0;
    while (n < rest.size() && isIdentChar(rest[n]))
      ++n;
    return std::string(rest.substr(0, n));
  }
  return "";
}
