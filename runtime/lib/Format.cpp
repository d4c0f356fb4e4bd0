//===- Format.cpp - Number formatting for the dgm runtime -----------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "dgm/runtime/Format.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

void dgm::rt::appendNumber(std::string &out, double value) {
  if (std::isnan(value)) {
    out += "NaN";
    return;
  }
  if (std::isinf(value)) {
    out += value < 0 ? "-inf" : "inf";
    return;
  }
  // 32 bytes hold any shortest double ("-2.2250738585072014e-308" is 24).
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (ec != std::errc()) {
    out += "NaN"; // unreachable: the buffer is large enough
    return;
  }
  out.append(buffer, end);
}

std::string dgm::rt::formatNumber(double value) {
  std::string text;
  appendNumber(text, value);
  return text;
}

std::string dgm::rt::formatLocatedError(std::string_view file, std::size_t line,
                                        std::size_t col,
                                        std::string_view lineText,
                                        std::string_view message) {
  // A control character (a NUL, which would end the message wherever it is
  // printed as a C string; a carriage return, which would move the cursor)
  // is shown as its one-column symbol (U+2400 + code), so the caret still
  // lines up. Tabs stay: the caret line copies them; so do the line breaks
  // of a message with notes.
  auto appendVisible = [](std::string &to, std::string_view text,
                          bool keepNewlines) {
    for (char c : text) {
      auto code = static_cast<unsigned char>(c);
      if (code < 0x20 && c != '\t' && !(keepNewlines && c == '\n')) {
        to += "\xE2\x90";
        to += static_cast<char>(0x80 + code);
      } else {
        to += c;
      }
    }
  };
  std::string out;
  out.append(file);
  out += ':' + std::to_string(line) + ':' + std::to_string(col) + ": error: ";
  appendVisible(out, message, /*keepNewlines=*/true);
  out += '\n';
  appendVisible(out, lineText, /*keepNewlines=*/false);
  out += '\n';
  out += caretLine(lineText, col);
  return out;
}

std::string dgm::rt::caretLine(std::string_view lineText, std::size_t col) {
  std::string caret;
  for (std::size_t i = 0; i + 1 < col; ++i) {
    if (i >= lineText.size()) {
      caret += ' '; // past the end of the line
      continue;
    }
    unsigned char c = static_cast<unsigned char>(lineText[i]);
    if ((c & 0xC0) == 0x80)
      continue; // a UTF-8 continuation byte
    if (lineText.substr(i).starts_with("\xEF\xBB\xBF")) {
      i += 2; // a byte order mark shows as nothing
      continue;
    }
    caret += c == '\t' ? '\t' : ' ';
  }
  return caret + "^";
}

std::string dgm::rt::numberRangeProblem(std::string_view text) {
  // strtod says which way: inf when too large, 0 when too small.
  std::string copy(text);
  double value = std::strtod(copy.c_str(), nullptr);
  std::string quoted = "'" + copy + "'";
  if (std::isinf(value))
    return quoted + " is too large for a double (the largest is 1.8e308)";
  return quoted + " is too small for a double (the smallest is 4.9e-324); "
                  "write 0 if you mean zero";
}
